package draft

import (
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// superscripts maps superscript digits to "^d", for numbers such as
// "Art. 1¹" that Romanian acts also write "Art. 1^1".
var superscripts = strings.NewReplacer("⁰", "^0", "¹", "^1", "²", "^2", "³", "^3", "⁴", "^4",
	"⁵", "^5", "⁶", "^6", "⁷", "^7", "⁸", "^8", "⁹", "^9")

// keyPart is agora.UnitKeyPart, except that an inserted number ("1^1",
// "1¹") keeps its index apart ("art-1-1"): UnitKeyPart alone makes "1^1"
// the same as "11" and "1¹" the same as "1".
func keyPart(k agora.UnitKind, number string) string {
	base, sup, ok := strings.Cut(superscripts.Replace(number), "^")
	if !ok {
		return agora.UnitKeyPart(k, number)
	}
	part := agora.UnitKeyPart(k, base)
	prefix := agora.UnitKeyPart(k, "")
	for s := range strings.SplitSeq(sup, "^") {
		if d := agora.UnitKeyPart(k, s); d != prefix {
			part += "-" + strings.TrimPrefix(d, prefix+"-")
		}
	}
	return part
}

// keyer hands out the keys of one document: the key parts of the path
// joined with ".", with "~2", "~3"… after a key already given, so a
// duplicated article number stays addressable. Parts never contain "~" or
// ".", so a suffixed key cannot meet another unit's key.
//
// The path of an article starts at the article (or at its annex): books,
// titles, chapters and sections are left out, as in the "art-7.par-2.let-a"
// of agora.Unit, because articles are numbered through the whole act,
// citations name them without their chapter, and an article moved to
// another chapter in the next version keeps its key and its comments.
type keyer struct {
	seen map[string]int
}

func newKeyer() *keyer { return &keyer{seen: map[string]int{}} }

func (k *keyer) key(parent string, kind agora.UnitKind, number string) string {
	base := keyPart(kind, number)
	if parent != "" {
		base = parent + "." + base
	}
	k.seen[base]++
	if n := k.seen[base]; n > 1 {
		return base + "~" + strconv.Itoa(n)
	}
	return base
}

// unitKey is key for a unit under parent; an article's path starts at its
// annex (annex is "" outside annexes).
func (k *keyer) unitKey(parent, annex string, kind agora.UnitKind, number string) string {
	if kind == agora.UnitArticle {
		parent = annex
	}
	return k.key(parent, kind, number)
}

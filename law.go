package agora

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"strconv"
	"strings"
	"time"
)

// ActStatus says whether an act still applies.
type ActStatus string

// Statuses of an act. Unknown is for sources that say nothing reliable.
const (
	ActInForce       ActStatus = "in_force"
	ActAmended       ActStatus = "amended"
	ActRepealed      ActStatus = "repealed"
	ActStatusUnknown ActStatus = "unknown"
)

// ActStatuses lists every status, for filters and facets.
var ActStatuses = []ActStatus{ActInForce, ActAmended, ActRepealed, ActStatusUnknown}

// Valid reports whether s is a known status.
func (s ActStatus) Valid() bool {
	switch s {
	case ActInForce, ActAmended, ActRepealed, ActStatusUnknown:
		return true
	}
	return false
}

// Key returns the translation key of the status.
func (s ActStatus) Key() string {
	switch s {
	case ActInForce:
		return "law.status.in_force"
	case ActAmended:
		return "law.status.amended"
	case ActRepealed:
		return "law.status.repealed"
	}
	return "law.status.unknown"
}

// Act is one normative act of the legislation database: its metadata and
// the version of its text that is current. Dates are "YYYY-MM-DD" or "".
type Act struct {
	ID string
	// Key is the natural key ("ro/lege/2003/52", "pl/du/2003/873"), used
	// for idempotent imports, citations and ELI-style URLs.
	Key          string
	Jurisdiction Country
	// Kind is a code of LawKinds for the jurisdiction ("lege", "ustawa").
	Kind   string
	Number string
	Year   int
	Title  string
	Issuer string
	// AdoptedOn is the date the act was adopted or signed.
	AdoptedOn   string
	PublishedOn string
	InForceOn   string
	// PublicationRef is the official journal reference, e.g. "M. Of. nr.
	// 749 din 3 decembrie 2013" or "Dz.U. 2023 poz. 1234".
	PublicationRef string
	Status         ActStatus
	SourceURL      string
	// SourceID is the document's id in its source ("law-doc-41571").
	SourceID string
	// Version is the number of the current version, from 1.
	Version     int
	ContentHash string
	ImportedAt  time.Time
	UpdatedAt   time.Time
	// Domains are slugs of the domains the act is filed under.
	Domains []string
}

// KindKey returns the translation key of the act's kind.
func (a Act) KindKey() string { return LawKindKey(a.Jurisdiction, a.Kind) }

// ActVersion is one imported version of an act.
type ActVersion struct {
	Version     int
	ContentHash string
	SourceURL   string
	SourceID    string
	Title       string
	Status      ActStatus
	ImportedAt  time.Time
}

// RelationKind is how one act refers to another.
type RelationKind string

// Kinds of relations between acts.
const (
	RelationCites   RelationKind = "cites"
	RelationAmends  RelationKind = "amends"
	RelationRepeals RelationKind = "repeals"
)

// Valid reports whether k is a known relation kind.
func (k RelationKind) Valid() bool {
	return k == RelationCites || k == RelationAmends || k == RelationRepeals
}

// ActRelation is a reference from an act (or one of its units) to
// another act (or one of its units). The target is named by act key, so
// it may be an act not imported yet.
type ActRelation struct {
	// FromAct is the id of the citing act; FromUnit its unit key, "" for
	// the whole act.
	FromAct  string
	FromUnit string
	ToActKey string
	// ToUnit is a unit key in the target ("art-7.par-2"), "" for the act.
	ToUnit string
	Kind   RelationKind
	// Raw is the text of the citation as written.
	Raw string
}

// ActDocument is one act as an importer read it: metadata, structure
// and the relations found in it. Act.ID, Version and the times are set by
// the store.
type ActDocument struct {
	Act       Act
	Units     []Unit
	Relations []ActRelation
}

// ActFilter selects acts for a listing. Zero fields do not filter.
// Cursor is the opaque position a previous page returned.
type ActFilter struct {
	Jurisdiction Country
	Kind         string
	Year         int
	Status       ActStatus
	Domain       string
	Cursor       string
	Limit        int
}

// LawKind is one kind of act in a jurisdiction's vocabulary. Code is
// stored and used in act keys; Key is its translation key.
type LawKind struct {
	Jurisdiction Country
	Code         string
	Key          string
}

// LawKinds is the vocabulary of act kinds, Romanian then Polish, each
// ending with "other" for documents of no listed kind.
var LawKinds = []LawKind{
	{RO, "lege", "law.kind.lege"},
	{RO, "oug", "law.kind.oug"},
	{RO, "og", "law.kind.og"},
	{RO, "hg", "law.kind.hg"},
	{RO, "ordin", "law.kind.ordin"},
	{RO, "decret", "law.kind.decret"},
	{RO, "decizie", "law.kind.decizie"},
	{RO, "hotarare", "law.kind.hotarare"},
	{RO, "ordonanta", "law.kind.ordonanta"},
	{RO, "regulament", "law.kind.regulament"},
	{RO, "cod", "law.kind.cod"},
	{RO, "other", "law.kind.other"},
	{PL, "ustawa", "law.kind.ustawa"},
	{PL, "kodeks", "law.kind.kodeks"},
	{PL, "konstytucja", "law.kind.konstytucja"},
	{PL, "rozporzadzenie", "law.kind.rozporzadzenie"},
	{PL, "obwieszczenie", "law.kind.obwieszczenie"},
	{PL, "dekret", "law.kind.dekret"},
	{PL, "uchwala", "law.kind.uchwala"},
	{PL, "zarzadzenie", "law.kind.zarzadzenie"},
	{PL, "umowa", "law.kind.umowa"},
	{PL, "other", "law.kind.other"},
}

// ValidLawKind reports whether code is a kind of jurisdiction j.
func ValidLawKind(j Country, code string) bool {
	for _, k := range LawKinds {
		if k.Jurisdiction == j && k.Code == code {
			return true
		}
	}
	return false
}

// LawKindKey returns the translation key of a kind; unknown kinds read
// as "other".
func LawKindKey(j Country, code string) string {
	for _, k := range LawKinds {
		if k.Jurisdiction == j && k.Code == code {
			return k.Key
		}
	}
	return "law.kind.other"
}

// Polish official journals, as they appear in act keys.
const (
	JournalDU = "du" // Dziennik Ustaw
	JournalMP = "mp" // Monitor Polski
)

// ActKeyRO returns the key of a Romanian act: "ro/lege/2003/52". The
// number loses thousands separators and leading zeros ("1.326" → "1326").
func ActKeyRO(kind string, year int, number string) string {
	return "ro/" + strings.ToLower(kind) + "/" + strconv.Itoa(year) + "/" + NormalizeActNumber(number)
}

// ActKeyPL returns the key of a Polish act by its journal position:
// "pl/du/2003/873".
func ActKeyPL(journal string, year int, pos string) string {
	return "pl/" + strings.ToLower(journal) + "/" + strconv.Itoa(year) + "/" + NormalizeActNumber(pos)
}

// ActKeySource returns the key of an act whose source gives no number or
// year: "ro/src/law-doc-10".
func ActKeySource(j Country, sourceID string) string {
	return strings.ToLower(string(j)) + "/src/" + strings.ToLower(sourceID)
}

// NormalizeActNumber drops thousands separators, spaces and leading zeros
// from an act number; letters stay ("12a").
func NormalizeActNumber(n string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(n) {
		switch {
		case r == '.' || r == ' ' || r == '\u00a0' || r == '\u202f':
			continue
		case r == '0' && b.Len() == 0:
			continue
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 && n != "" {
		return "0"
	}
	return b.String()
}

// ActKeyParts is an act key taken apart. For a Polish key Kind holds the
// journal ("du"); for a source key Kind is "src" and SourceID is set.
type ActKeyParts struct {
	Jurisdiction Country
	Kind         string
	Year         int
	Number       string
	SourceID     string
}

// String rebuilds the key.
func (p ActKeyParts) String() string {
	switch {
	case p.Kind == "src":
		return ActKeySource(p.Jurisdiction, p.SourceID)
	case p.Jurisdiction == PL:
		return ActKeyPL(p.Kind, p.Year, p.Number)
	}
	return ActKeyRO(p.Kind, p.Year, p.Number)
}

// ErrActKey is returned by ParseActKey for a string that is not an act key.
var ErrActKey = errors.New("agora: not an act key")

// ParseActKey takes an act key apart. It accepts only keys in the form
// ActKeyRO, ActKeyPL and ActKeySource make, so a parsed key always
// String()s back to its input.
func ParseActKey(s string) (ActKeyParts, error) {
	parts := strings.Split(s, "/")
	var p ActKeyParts
	switch {
	case len(parts) == 3 && parts[1] == "src":
		p.Kind, p.SourceID = "src", parts[2]
	case len(parts) == 4:
		p.Kind, p.Number = parts[1], parts[3]
		y, err := strconv.Atoi(parts[2])
		if err != nil || y < 0 || y > 9999 || strconv.Itoa(y) != parts[2] {
			return ActKeyParts{}, ErrActKey
		}
		p.Year = y
	default:
		return ActKeyParts{}, ErrActKey
	}
	switch parts[0] {
	case "ro":
		p.Jurisdiction = RO
	case "pl":
		p.Jurisdiction = PL
	default:
		return ActKeyParts{}, ErrActKey
	}
	if p.Kind != "src" {
		okKind := ValidLawKind(p.Jurisdiction, p.Kind)
		if p.Jurisdiction == PL {
			okKind = p.Kind == JournalDU || p.Kind == JournalMP
		}
		if !okKind || p.Number == "" || NormalizeActNumber(p.Number) != p.Number {
			return ActKeyParts{}, ErrActKey
		}
	} else if p.SourceID == "" || strings.ToLower(p.SourceID) != p.SourceID {
		return ActKeyParts{}, ErrActKey
	}
	if p.String() != s {
		return ActKeyParts{}, ErrActKey
	}
	return p, nil
}

// ContentHash returns a hex SHA-256 of everything an import may change:
// the act's metadata (not its source id, URL or store fields, so a twin
// copy of the same text from another URL counts as the same content), its
// units and relations. Equal hashes mean re-importing changes nothing.
func (d ActDocument) ContentHash() string {
	h := sha256.New()
	a := d.Act
	writeFields(h, a.Key, string(a.Jurisdiction), a.Kind, a.Number, strconv.Itoa(a.Year), a.Title, a.Issuer,
		a.AdoptedOn, a.PublishedOn, a.InForceOn, a.PublicationRef, string(a.Status))
	for _, u := range d.Units {
		writeFields(h, "u", u.Key, u.ParentKey, string(u.Kind), u.Number, u.Heading, u.Text, strconv.Itoa(u.Depth))
	}
	for _, r := range d.Relations {
		writeFields(h, "r", r.FromUnit, r.ToActKey, r.ToUnit, string(r.Kind), r.Raw)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeFields writes length-prefixed fields, so no two different field
// lists hash alike.
func writeFields(h hash.Hash, fields ...string) {
	var n [binary.MaxVarintLen64]byte
	for _, f := range fields {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(f)))])
		h.Write([]byte(f))
	}
}

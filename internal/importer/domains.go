package importer

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Domain is a field of activity of an NGO ("Educație", "Drepturile
// Omului - Copii"), from the ONGHub nomenclature.
type Domain struct {
	// Slug is a stable ASCII identifier folded from the Romanian name
	// ("drepturile-omului-copii").
	Slug string
	// Names holds the display name by language: "ro" always (as
	// published, cedillas turned into commas), "pl" and "en" from the
	// translation table when the Romanian name is in it.
	Names map[string]string
}

// maxDomainsJSON bounds what ParseDomains reads; the real file is 3 KB.
const maxDomainsJSON = 1 << 20

// ParseDomains reads ngo-nomenclatures/json/domains.json (an array of
// {"id", "name"}) and returns the domains in file order with slugs and
// translations. A domain whose Romanian name is not in the translation
// table has only Names["ro"]; callers fall back to it.
//
// It returns an Invalid *agora.Error for input that is too large
// ("import.too_large"), not UTF-8 ("import.invalid_utf8"), not such a
// JSON array ("import.domains.json"), or has an empty name
// ("import.bad_name") or two names folding to one slug
// ("import.duplicate_code"); or a read error.
func ParseDomains(r io.Reader) ([]Domain, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxDomainsJSON+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxDomainsJSON {
		return nil, domainErr("import.too_large", nil)
	}
	// encoding/json would silently turn bad bytes into U+FFFD.
	if !utf8.Valid(data) {
		return nil, domainErr(ReasonInvalidUTF8, nil)
	}
	var raw []struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	if err := dec.Decode(&raw); err != nil {
		return nil, domainErr("import.domains.json", nil).Wrap(err)
	}
	if dec.More() {
		return nil, domainErr("import.domains.json", nil)
	}
	out := make([]Domain, 0, len(raw))
	seen := make(map[string]string, len(raw))
	for _, d := range raw {
		name, ok := adminCleanName(d.Name)
		slug := domainSlug(name)
		if !ok || slug == "" {
			return nil, domainErr(ReasonBadName, map[string]any{"id": d.ID, "name": adminTruncate(d.Name, 80)})
		}
		if prev, dup := seen[slug]; dup {
			return nil, domainErr(ReasonDuplicateCode, map[string]any{"id": d.ID, "name": name, "other": prev, "slug": slug})
		}
		seen[slug] = name
		names := map[string]string{"ro": name}
		if t, ok := domainTranslations[name]; ok {
			names["pl"], names["en"] = t.pl, t.en
		}
		out = append(out, Domain{Slug: slug, Names: names})
	}
	return out, nil
}

func domainErr(key string, args map[string]any) *agora.Error {
	return &agora.Error{Kind: agora.Invalid, Key: key, Args: args}
}

// domainFold maps the Romanian letters (both comma and cedilla forms) and
// a few common accented ones to ASCII for slugs.
var domainFold = strings.NewReplacer(
	"ă", "a", "â", "a", "î", "i", "ș", "s", "ş", "s", "ț", "t", "ţ", "t",
	"á", "a", "à", "a", "ä", "a", "é", "e", "è", "e", "ë", "e", "í", "i",
	"ó", "o", "ö", "o", "ő", "o", "ú", "u", "ü", "u", "ű", "u",
	"ą", "a", "ć", "c", "ę", "e", "ł", "l", "ń", "n", "ś", "s", "ź", "z", "ż", "z",
)

// domainSlug folds name to lower-case ASCII words joined by '-':
// "Artă & Cultură" → "arta-cultura", "Sănătate - HIV/AIDS" →
// "sanatate-hiv-aids".
func domainSlug(name string) string {
	s := domainFold.Replace(strings.ToLower(name))
	var b strings.Builder
	dash := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteByte(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

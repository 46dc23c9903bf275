package i18n

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

//go:embed locales/*.json
var embedded embed.FS

// categories are the CLDR plural category names a plural message may use.
var categories = [...]string{"zero", "one", "two", "few", "many", "other"}

// message is one translation: a plain text, or plural forms keyed by CLDR
// category.
type message struct {
	text  string
	forms map[string]string // nil for a plain message
}

// Catalog holds the messages of every supported language. It is immutable
// after loading and safe for concurrent use.
type Catalog struct {
	langs map[string]map[string]message
}

// Load reads the catalogues embedded in the binary. An error means a broken
// catalogue file and should stop the program at start-up.
func Load() (*Catalog, error) {
	sub, err := fs.Sub(embedded, "locales")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	return LoadFS(sub)
}

// LoadFS reads the catalogue files at the root of fsys. Files are named
// <area>.<lang>.json (core.ro.json); other files and directories are
// ignored. Each file holds one JSON object mapping keys to a string or, for
// plural messages, to an object keyed by CLDR plural category. All files of
// a language are merged; a key defined twice for one language, a malformed
// key, an unknown category, an unsupported language or invalid UTF-8 is an
// error naming the file.
func LoadFS(fsys fs.FS) (*Catalog, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	c := &Catalog{langs: make(map[string]map[string]message)}
	origin := make(map[string]string) // lang+" "+key -> file, for duplicate errors
	files := 0
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".json") {
			continue
		}
		lang, err := fileLang(name)
		if err != nil {
			return nil, err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("i18n: %w", err)
		}
		msgs, err := parseFile(data)
		if err != nil {
			return nil, fmt.Errorf("i18n: %s: %w", name, err)
		}
		files++
		dst := c.langs[lang]
		if dst == nil {
			dst = make(map[string]message, len(msgs))
			c.langs[lang] = dst
		}
		for k, m := range msgs {
			if prev, dup := origin[lang+" "+k]; dup {
				return nil, fmt.Errorf("i18n: %s: key %q already defined in %s", name, k, prev)
			}
			origin[lang+" "+k] = name
			dst[k] = m
		}
	}
	if files == 0 {
		return nil, errors.New("i18n: no catalogue files (<area>.<lang>.json)")
	}
	return c, nil
}

// fileLang checks a catalogue file name and returns its language.
func fileLang(name string) (string, error) {
	parts := strings.Split(strings.TrimSuffix(name, ".json"), ".")
	if len(parts) != 2 || !keyValid(parts[0]+".x") {
		return "", fmt.Errorf("i18n: %s: catalogue file name must be <area>.<lang>.json", name)
	}
	if !isSupported(parts[1]) {
		return "", fmt.Errorf("i18n: %s: unsupported language %q", name, parts[1])
	}
	return parts[1], nil
}

// parseFile decodes one catalogue file token by token, because
// encoding/json silently keeps the last of two equal object keys and a
// duplicated key in a hand-edited catalogue is almost always a mistake.
func parseFile(data []byte) (map[string]message, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	msgs := make(map[string]message)
	for dec.More() {
		key, err := stringToken(dec)
		if err != nil {
			return nil, err
		}
		if !keyValid(key) {
			return nil, fmt.Errorf("key %q is not dotted snake case", key)
		}
		if _, dup := msgs[key]; dup {
			return nil, fmt.Errorf("key %q appears twice", key)
		}
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch v := tok.(type) {
		case string:
			msgs[key] = message{text: v}
		case json.Delim:
			if v != '{' {
				return nil, fmt.Errorf("key %q: value must be a string or an object of plural forms", key)
			}
			forms, err := parseForms(dec)
			if err != nil {
				return nil, fmt.Errorf("key %q: %w", key, err)
			}
			msgs[key] = message{forms: forms}
		default:
			return nil, fmt.Errorf("key %q: value must be a string or an object of plural forms", key)
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the top-level object")
	}
	return msgs, nil
}

// parseForms reads the plural forms object whose '{' was already consumed.
func parseForms(dec *json.Decoder) (map[string]string, error) {
	forms := make(map[string]string)
	for dec.More() {
		cat, err := stringToken(dec)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(categories[:], cat) {
			return nil, fmt.Errorf("%q is not a CLDR plural category", cat)
		}
		if _, dup := forms[cat]; dup {
			return nil, fmt.Errorf("plural form %q appears twice", cat)
		}
		text, err := stringToken(dec)
		if err != nil {
			return nil, fmt.Errorf("plural form %q: %w", cat, err)
		}
		forms[cat] = text
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	if len(forms) == 0 {
		return nil, errors.New("no plural forms")
	}
	return forms, nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("expected %q, found %v", d, tok)
	}
	return nil
}

func stringToken(dec *json.Decoder) (string, error) {
	tok, err := dec.Token()
	if err != nil {
		return "", err
	}
	s, ok := tok.(string)
	if !ok {
		return "", fmt.Errorf("expected a string, found %v", tok)
	}
	return s, nil
}

// T returns the message key in lang with its {placeholders} filled from
// args: a time.Time as the language's Date in DefaultZone(lang) (pass
// Locale.Date's result instead to use the reader's own zone), an integer
// as the language's Number, anything else by fmt.Sprint. Placeholders
// without an argument stay as written; nothing is HTML-escaped, as
// html/template escapes the result where it lands. A missing key returns
// the key itself, so the gap is visible but the page still renders. For a
// plural message T uses its "other" form; use TN to choose by count. Like
// every Catalog method, T treats an unsupported lang as DefaultLang. The
// result is always valid UTF-8.
func (c *Catalog) T(lang, key string, args map[string]any) string {
	lang = normLang(lang)
	m, ok := c.langs[lang][key]
	if !ok {
		return validUTF8(key)
	}
	text := m.text
	if m.forms != nil {
		if text, ok = m.forms["other"]; !ok {
			return validUTF8(key)
		}
	}
	loc := NewLocale(lang, nil)
	return validUTF8(fill(text, func(name string) (string, bool) {
		v, ok := args[name]
		if !ok {
			return "", false
		}
		return loc.formatArg(v), true
	}))
}

// TN returns the plural form of key that lang uses for n, with {n} filled
// with n formatted for the language (overriding any args["n"]) and the
// other placeholders from args as in T. A missing key, or a missing form
// with no "other" form to fall back on, returns the key itself. A plain
// (non-plural) message is used as it is.
func (c *Catalog) TN(lang, key string, n int, args map[string]any) string {
	lang = normLang(lang)
	m, ok := c.langs[lang][key]
	if !ok {
		return validUTF8(key)
	}
	text := m.text
	if m.forms != nil {
		if text, ok = m.forms[Plural(lang, n)]; !ok {
			if text, ok = m.forms["other"]; !ok {
				return validUTF8(key)
			}
		}
	}
	loc := NewLocale(lang, nil)
	count := loc.Number(int64(n))
	return validUTF8(fill(text, func(name string) (string, bool) {
		if name == "n" {
			return count, true
		}
		v, ok := args[name]
		if !ok {
			return "", false
		}
		return loc.formatArg(v), true
	}))
}

// Has reports whether lang's catalogue has key, that is whether T finds a
// message instead of returning the key.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.langs[normLang(lang)][key]
	return ok
}

// Keys returns the keys of lang's catalogue, sorted.
func (c *Catalog) Keys(lang string) []string {
	m := c.langs[normLang(lang)]
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// fill replaces each {name} in s by arg(name). A placeholder arg does not
// know, or braces around anything but [A-Za-z0-9_]+, stay as written.
// Replacement text is never rescanned, so a value containing "{x}" cannot
// pull in another argument. No HTML escaping happens here: html/template
// escapes the result where it lands.
func fill(s string, arg func(name string) (string, bool)) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		name := s[i+1 : i+1+j]
		if !placeholderName(name) {
			// Keep the brace and rescan from the next byte: "{{x}" still
			// fills {x}.
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		if v, ok := arg(name); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[i : i+j+2])
		}
		s = s[i+j+2:]
	}
	b.WriteString(s)
	return b.String()
}

// placeholderName reports whether name may appear between braces.
func placeholderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// formatArg turns a placeholder value into text: times as the locale's
// date, integers as the locale's number, anything else by fmt.Sprint.
func (l Locale) formatArg(v any) string {
	switch v := v.(type) {
	case time.Time:
		return l.Date(v)
	case int:
		return l.Number(int64(v))
	case int8:
		return l.Number(int64(v))
	case int16:
		return l.Number(int64(v))
	case int32:
		return l.Number(int64(v))
	case int64:
		return l.Number(v)
	case uint8:
		return l.Number(int64(v))
	case uint16:
		return l.Number(int64(v))
	case uint32:
		return l.Number(int64(v))
	case uint:
		if uint64(v) <= math.MaxInt64 {
			return l.Number(int64(v))
		}
	case uint64:
		if v <= math.MaxInt64 {
			return l.Number(int64(v))
		}
	}
	return fmt.Sprint(v)
}

// validUTF8 guarantees callers valid UTF-8 even when a key or an argument
// was not.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

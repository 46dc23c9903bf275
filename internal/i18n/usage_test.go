package i18n

import (
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The usage tests tie the catalogue to the code: every key-shaped literal
// in a known namespace must be a key, and every key must be used. They read
// the module's non-test Go files (outside internal/i18n), the HTML templates
// under internal/web/templates and every file under internal/mail/templates.
//
// A key counts as used when it appears as a quoted literal ("nav.home") or
// lies under a prefix marked in Go as i18n.Prefix("org.kind."), the marker
// for keys built at run time.

const (
	webTemplates  = "internal/web/templates"
	mailTemplates = "internal/mail/templates"
	thisPackage   = "internal/i18n"
)

var (
	keyRE = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)
	// templateLiteralRE finds key-shaped strings quoted in a template, where
	// quotes nest inside attributes (title="{{t "nav.home"}}") and cannot
	// simply be paired.
	templateLiteralRE = regexp.MustCompile("[\"`]([a-z0-9_]+(?:\\.[a-z0-9_]+)+)[\"`]")
	// fileLikeRE spots literals that name files ("error.html",
	// "core.ro.json") rather than keys, which share the key syntax.
	fileLikeRE = regexp.MustCompile(`\.(html?|txt|json|js|mjs|css|svg|png|jpe?g|gif|webp|ico|go|sql|md|xml|pdf|csv|xlsx|tmpl|gohtml|eml|woff2?|ttf|gz|zip|ya?ml|toml)$`)
)

// usage is what scanUsage found: key-shaped literals and marked prefixes,
// each with the places ("file:line") it occurs.
type usage struct {
	literals map[string][]string
	prefixes map[string][]string
}

// moduleRoot walks up from the working directory to the directory holding
// go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// scanUsage reads the files of the module at root that may use keys.
func scanUsage(root string) (usage, error) {
	u := usage{literals: map[string][]string{}, prefixes: map[string][]string{}}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if rel != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
				name == "vendor" || name == "testdata" || name == "node_modules" || rel == thisPackage) {
				return filepath.SkipDir
			}
			if rel != "." {
				if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
					return filepath.SkipDir // another module
				}
			}
			return nil
		}
		switch {
		case strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go"):
			return scanGo(path, rel, u)
		case strings.HasPrefix(rel, webTemplates+"/") && strings.HasSuffix(rel, ".html"),
			strings.HasPrefix(rel, mailTemplates+"/"):
			return scanTemplate(path, rel, u)
		}
		return nil
	})
	return u, err
}

// scanGo tokenises a Go file, so keys in comments do not count and
// escapes in literals are decoded. A file that does not scan cleanly is
// still read as far as it goes: someone may be editing it right now.
func scanGo(path, rel string, u usage) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fset := token.NewFileSet()
	file := fset.AddFile(rel, -1, len(src))
	var s scanner.Scanner
	s.Init(file, src, func(token.Position, string) {}, 0)
	type tok struct {
		t   token.Token
		lit string
	}
	var last [4]tok // the four tokens before the current one
	for {
		pos, t, lit := s.Scan()
		if t == token.EOF {
			return nil
		}
		if t == token.STRING {
			if v, err := strconv.Unquote(lit); err == nil {
				where := fmt.Sprintf("%s:%d", rel, fset.Position(pos).Line)
				if keyRE.MatchString(v) {
					u.literals[v] = append(u.literals[v], where)
				}
				if last[0].t == token.IDENT && last[0].lit == "i18n" && last[1].t == token.PERIOD &&
					last[2].t == token.IDENT && last[2].lit == "Prefix" && last[3].t == token.LPAREN {
					u.prefixes[v] = append(u.prefixes[v], where)
				}
			}
		}
		copy(last[:], last[1:])
		last[3] = tok{t, lit}
	}
}

func scanTemplate(path, rel string, u usage) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	for _, m := range templateLiteralRE.FindAllSubmatchIndex(src, -1) {
		v := string(src[m[2]:m[3]])
		line := 1 + strings.Count(string(src[:m[0]]), "\n")
		u.literals[v] = append(u.literals[v], fmt.Sprintf("%s:%d", rel, line))
	}
	return nil
}

// allKeys returns the keys of every language in c.
func allKeys(c *Catalog) map[string]bool {
	keys := map[string]bool{}
	for _, l := range supported {
		for k := range c.langs[l] {
			keys[k] = true
		}
	}
	return keys
}

// missingKeys returns, sorted, the literals in u that look like keys of a
// namespace the catalogue has but are not keys.
func missingKeys(keys map[string]bool, u usage) []string {
	namespaces := map[string]bool{}
	for k := range keys {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	var missing []string
	for lit := range u.literals {
		ns, _, _ := strings.Cut(lit, ".")
		if namespaces[ns] && !keys[lit] && !fileLikeRE.MatchString(lit) {
			missing = append(missing, lit)
		}
	}
	slices.Sort(missing)
	return missing
}

// unusedKeys returns, sorted, the keys u neither quotes nor covers by a
// marked prefix.
func unusedKeys(keys map[string]bool, u usage) []string {
	var unused []string
	for k := range keys {
		if len(u.literals[k]) > 0 {
			continue
		}
		marked := false
		for p := range u.prefixes {
			if strings.HasSuffix(p, ".") && strings.HasPrefix(k, p) {
				marked = true
				break
			}
		}
		if !marked {
			unused = append(unused, k)
		}
	}
	slices.Sort(unused)
	return unused
}

func loadUsage(t *testing.T) (*Catalog, usage, string) {
	t.Helper()
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	u, err := scanUsage(root)
	if err != nil {
		t.Fatal(err)
	}
	return c, u, root
}

func TestCatalogKeysExist(t *testing.T) {
	c, u, _ := loadUsage(t)
	for _, k := range missingKeys(allKeys(c), u) {
		t.Errorf("key %q is used but missing from the catalogue (at %s)", k, strings.Join(u.literals[k], ", "))
	}
}

func TestCatalogKeysUsed(t *testing.T) {
	c, u, root := loadUsage(t)
	if _, err := os.Stat(filepath.Join(root, webTemplates)); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s does not exist yet: the unused-key check waits for the web layer, which uses the core keys", webTemplates)
	}
	for _, k := range unusedKeys(allKeys(c), u) {
		t.Errorf("key %q is in the catalogue but never used: quote it in Go or a template, mark its prefix with i18n.Prefix, or delete it", k)
	}
}

// TestScanUsage runs the scanner and both checks on a small module.
func TestScanUsage(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/m\n",
		"errors.go": "package m\n\n// \"nav.comment\" in a comment does not count.\n" +
			"var a = \"error.internal\"\nvar b = `nav.home`\nvar c = \"error.typo\"\nvar d = \"page.html\"\n" +
			"var e = \"Error.Upper\"\nvar f = \"unknownns.key\"\nvar g = i18n.Prefix(\"org.kind.\") + k\n" +
			"var h = other.Prefix(\"time.\")\nvar i = \"nav.\\u0061ccount\"\n",
		"broken.go":             "package m\nvar s = \"nav.login\"\nvar t = \"unterminated\n",
		"m_test.go":             "package m\nvar x = \"nav.logout\"\n",
		"internal/i18n/i18n.go": "package i18n\nvar x = \"nav.register\"\n",
		"testdata/x.go":         "package x\nvar x = \"nav.people\"\n",
		".hidden/x.go":          "package x\nvar x = \"nav.people\"\n",
		"sub/go.mod":            "module example.com/sub\n",
		"sub/x.go":              "package x\nvar x = \"nav.people\"\n",
		"internal/web/templates/layout/base.html":     `<a title="{{t "nav.admin"}}" href="/">{{t "nav.directory"}}</a> <p class="footer.about">`,
		"internal/web/templates/other.txt":            `{{t "nav.language"}}`,
		"internal/mail/templates/welcome.ro.txt":      "{{t `common.yes`}}\n{{t \"common.nokey\"}}",
		"internal/web/static/app.js":                  `t("nav.main_menu")`,
		"cmd/x/main.go":                               "package main\nconst k = \"org.kind.ngo\"\n",
		"internal/web/templates/deep/a/b/page.html":   `{{tn "time.days" .N}}`,
		"internal/web/templates/deep/a/b/page.html~":  `{{t "nav.people"}}`,
		"internal/mail/templates/nested/digest.en.md": `{{t "footer.privacy"}}`,
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	u, err := scanUsage(root)
	if err != nil {
		t.Fatal(err)
	}
	var lits []string
	for l := range u.literals {
		lits = append(lits, l)
	}
	slices.Sort(lits)
	want := []string{"common.nokey", "common.yes", "error.internal", "error.typo", "footer.about", "footer.privacy",
		"nav.account", "nav.admin", "nav.directory", "nav.home", "nav.login", "org.kind.ngo", "page.html", "time.days", "unknownns.key"}
	if !slices.Equal(lits, want) {
		t.Errorf("literals = %q,\nwant %q", lits, want)
	}
	if got := u.literals["nav.admin"]; !slices.Equal(got, []string{"internal/web/templates/layout/base.html:1"}) {
		t.Errorf("nav.admin found at %q", got)
	}
	if got := u.literals["common.nokey"]; !slices.Equal(got, []string{"internal/mail/templates/welcome.ro.txt:2"}) {
		t.Errorf("common.nokey found at %q", got)
	}
	if _, ok := u.prefixes["org.kind."]; !ok || len(u.prefixes) != 1 {
		t.Errorf("prefixes = %v, want only org.kind.", u.prefixes)
	}

	keys := map[string]bool{}
	for _, k := range []string{"error.internal", "nav.home", "nav.admin", "nav.directory", "nav.login", "nav.account",
		"nav.people", "common.yes", "footer.about", "footer.privacy", "time.days", "org.kind.ngo", "org.kind.public_body", "page.title"} {
		keys[k] = true
	}
	if got, want := missingKeys(keys, u), []string{"common.nokey", "error.typo"}; !slices.Equal(got, want) {
		t.Errorf("missingKeys = %q, want %q", got, want)
	}
	if got, want := unusedKeys(keys, u), []string{"nav.people", "page.title"}; !slices.Equal(got, want) {
		t.Errorf("unusedKeys = %q, want %q", got, want)
	}
}

package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// views holds one parsed template set per page: the shared layout and
// partials plus the page's own file. Parsed once at start.
type views struct {
	pages map[string]*template.Template
}

// templateFuncs are the helpers templates may call. Translation is not
// here but on the page value ($.T), because it depends on the request.
func templateFuncs() template.FuncMap {
	return template.FuncMap{
		"add":   func(a, b int) int { return a + b },
		"join":  strings.Join,
		"lower": strings.ToLower,
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// parseViews parses templates/layout/*.html as the shared base and every
// other templates/<area>/<page>.html as a page named "<area>/<page>".
func parseViews() (*views, error) {
	base, err := template.New("").Funcs(templateFuncs()).ParseFS(templateFS, "templates/layout/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}}
	err = fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, "templates/layout/") {
			return err
		}
		name := strings.TrimSuffix(strings.TrimPrefix(p, "templates/"), ".html")
		t, err := base.Clone()
		if err != nil {
			return err
		}
		if _, err := t.ParseFS(templateFS, p); err != nil {
			return fmt.Errorf("web: parse %s: %w", p, err)
		}
		if t.Lookup("main") == nil {
			return fmt.Errorf("web: %s defines no \"main\" block", p)
		}
		v.pages[name] = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// Page is what every template receives: the request's language and
// viewer, helpers for translation and formatting, and the page's Data.
type Page struct {
	Lang      string
	Loc       i18n.Locale
	Viewer    *agora.User
	Path      string
	Query     string
	Flash     string
	Data      any
	Form      *Form
	DevMail   bool
	RequestID string
	cat       *i18n.Catalog
}

// T translates key with optional name/value pairs for placeholders.
func (p *Page) T(key string, kv ...any) string {
	return p.cat.T(p.Lang, key, pairs(kv))
}

// TN translates a plural key for n.
func (p *Page) TN(key string, n int, kv ...any) string {
	return p.cat.TN(p.Lang, key, n, pairs(kv))
}

// Date formats t as a short date in the viewer's zone.
func (p *Page) Date(t time.Time) string { return p.Loc.Date(t) }

// DateLong formats t with the month name.
func (p *Page) DateLong(t time.Time) string { return p.Loc.DateLong(t) }

// DateTime formats t with the time of day in the viewer's zone.
func (p *Page) DateTime(t time.Time) string { return p.Loc.DateTime(t) }

// ISO formats t for datetime attributes.
func (p *Page) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Number formats n with the locale's grouping.
func (p *Page) Number(n int) string { return p.Loc.Number(int64(n)) }

// Langs lists the languages for the switcher.
func (p *Page) Langs() []string { return i18n.Supported() }

// LangName is a language's own name ("Română", "Polski"), shown the same
// in every interface language so people find theirs.
func (p *Page) LangName(code string) string { return p.cat.T(p.Lang, i18n.Prefix("lang.")+code, nil) }

func pairs(kv []any) map[string]any {
	if len(kv) == 0 {
		return nil
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}

// page builds the template value for a request.
func (s *Server) page(r *http.Request, data any) *Page {
	loc := localeFrom(r.Context())
	return &Page{
		Lang: loc.Lang, Loc: loc, Viewer: viewerFrom(r.Context()), Path: r.URL.Path, Query: r.URL.RawQuery,
		Data: data, DevMail: s.cfg.DevMail, RequestID: requestIDFrom(r.Context()), cat: s.cat,
	}
}

// render writes a page. It renders into a buffer first, so a template
// error becomes a clean 500 instead of half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	p, ok := data.(*Page)
	if !ok {
		p = s.page(r, data)
	}
	p.Flash = s.takeFlash(w, r)
	s.renderPage(w, r, status, name, p)
}

func (s *Server) renderPage(w http.ResponseWriter, r *http.Request, status int, name string, p *Page) {
	t, ok := s.views.pages[name]
	if !ok {
		s.log.Error("unknown template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.log.Error("render", "template", name, "request_id", requestIDFrom(r.Context()), "err", err)
		if name != "core/error" {
			s.renderPage(w, r, http.StatusInternalServerError, "core/error", &Page{Lang: p.Lang, Loc: p.Loc, cat: s.cat,
				Data: errorPage{Status: 500, Message: s.cat.T(p.Lang, "error.internal", nil), RequestID: p.RequestID}})
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", p.Lang)
	if p.Viewer != nil {
		h.Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

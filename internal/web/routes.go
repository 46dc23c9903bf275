package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// route is one registered endpoint and the policy action that guards it.
// The list feeds the authorisation matrix test and the OpenAPI check, so
// a route cannot exist without both knowing about it.
type route struct {
	Method  string
	Pattern string
	Action  auth.Action
}

// Routes lists every registered route (after Handler was called).
func (s *Server) Routes() []route { return s.routes }

// handle registers h for "METHOD /path" guarded by act. Handlers still
// call s.authorize with the concrete resource; act documents the rule
// and lets tests enumerate it.
func (s *Server) handle(mux *http.ServeMux, method, pattern string, act auth.Action, h http.HandlerFunc) {
	s.routes = append(s.routes, route{Method: method, Pattern: pattern, Action: act})
	if cachedPatterns[method+" "+pattern] {
		h = s.cacheable(h)
	}
	mux.HandleFunc(method+" "+pattern, func(w http.ResponseWriter, r *http.Request) {
		// The mux sets r.Pattern on its own copy of the request; hand it
		// back to the logging middleware, which holds an earlier copy.
		if m := matchedFrom(r.Context()); m != nil {
			m.pattern = r.Pattern
		}
		h(w, r)
	})
}

// cachedPatterns are the public pages served from the page cache to
// anonymous visitors: the same for everyone of one language, and the most
// visited.
var cachedPatterns = map[string]bool{
	"GET /{$}":                       true,
	"GET /about":                     true,
	"GET /privacy":                   true,
	"GET /orgs":                      true,
	"GET /orgs/{id}":                 true,
	"GET /people":                    true,
	"GET /people/{id}":               true,
	"GET /api/v1/organisations":      true,
	"GET /api/v1/organisations/{id}": true,
	"GET /api/v1/people":             true,
	"GET /api/v1/people/{id}":        true,
	"GET /api/v1/domains":            true,
}

// registerRoutes is the one place where URLs meet handlers. Each area of
// the product registers its routes in its own file.
func (s *Server) registerRoutes(mux *http.ServeMux) {
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	s.handle(mux, "GET", "/healthz", auth.ViewPublic, s.healthz)
	s.handle(mux, "GET", "/readyz", auth.ViewPublic, s.readyz)
	s.handle(mux, "GET", "/metrics", auth.ViewPublic, s.serveMetrics)
	s.handle(mux, "GET", "/{$}", auth.ViewPublic, s.showHome)
	s.handle(mux, "POST", "/lang", auth.ViewPublic, s.setLanguage)
	s.handle(mux, "GET", "/robots.txt", auth.ViewPublic, serveRobots)
	s.handle(mux, "GET", "/about", auth.ViewPublic, s.staticPage("core/about"))
	s.handle(mux, "GET", "/privacy", auth.ViewPublic, s.staticPage("core/privacy"))
	s.routesAccount(mux)
	s.routesOrg(mux)
	s.routesProfile(mux)
	s.routesAdmin(mux)
	s.routesAPI(mux)
	s.routesWatch(mux)
	s.routesLaw(mux)
	s.routesConsultationComment(mux)
	s.routesConsultationAuthor(mux)
	s.routesConsultationAnswer(mux)
	s.routesConsultationFollow(mux)
	s.routesConsultationDebate(mux)
	mux.HandleFunc("/", s.notFound)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, errNotFound)
}

// staticPage renders a page that needs no data, only translations.
func (s *Server) staticPage(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { s.render(w, r, http.StatusOK, name, nil) }
}

func serveRobots(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("User-agent: *\nDisallow: /account\nDisallow: /admin\nDisallow: /api/\n"))
}

package web

import (
	"net/http"
	"strings"

	"github.com/agora-civic/agora/internal/auth"
)

// routesAPI registers the JSON API. The action given to s.handle is the
// rule a route is checked against; handlers that show more to some
// callers (organisation members) ask the policy again with the resource.
func (s *Server) routesAPI(mux *http.ServeMux) {
	doc, err := s.openAPIDocument()
	if err != nil {
		// The document is embedded and tested; failing here means a
		// broken build, which must not serve.
		panic(err)
	}
	s.handle(mux, "GET", "/api/v1/openapi.json", auth.ViewPublic, s.api(s.apiOpenAPI(doc)))
	s.handle(mux, "GET", "/api/v1/me", auth.ViewOwnAccount, s.api(s.apiMe))
	s.handle(mux, "GET", "/api/v1/me/profile", auth.ViewOwnAccount, s.api(s.apiGetOwnProfile))
	s.handle(mux, "PUT", "/api/v1/me/profile", auth.EditOwnAccount, s.api(s.apiPutOwnProfile))
	s.handle(mux, "GET", "/api/v1/organisations", auth.ViewPublic, s.api(s.apiListOrgs))
	s.handle(mux, "POST", "/api/v1/organisations", auth.CreateOrg, s.api(s.apiCreateOrg))
	s.handle(mux, "GET", "/api/v1/organisations/{id}", auth.ViewPublic, s.api(s.apiGetOrg))
	s.handle(mux, "PATCH", "/api/v1/organisations/{id}", auth.EditOrg, s.api(s.apiPatchOrg))
	s.handle(mux, "GET", "/api/v1/organisations/{id}/members", auth.ViewPublic, s.api(s.apiListOrgMembers))
	s.handle(mux, "GET", "/api/v1/people", auth.ViewPublic, s.api(s.apiListPeople))
	s.handle(mux, "GET", "/api/v1/people/{id}", auth.ViewPublic, s.api(s.apiGetPerson))
	s.handle(mux, "GET", "/api/v1/domains", auth.ViewPublic, s.api(s.apiListDomains))
	s.handle(mux, "GET", "/api/v1/admin-units", auth.ViewPublic, s.api(s.apiListAdminUnits))

	s.handle(mux, "GET", "/api/v1/consultations", auth.ViewPublic, s.api(s.apiListConsultations))
	s.handle(mux, "GET", "/api/v1/consultations/{id}", auth.ViewPublic, s.api(s.apiGetConsultation))
	s.handle(mux, "GET", "/api/v1/consultations/{id}/comments", auth.ViewPublic, s.api(s.apiListComments))
	s.handle(mux, "POST", "/api/v1/consultations/{id}/comments", auth.CommentDraft, s.api(s.apiCreateComment))
	s.handle(mux, "GET", "/api/v1/consultations/{id}/comments/{commentID}", auth.ViewPublic, s.api(s.apiGetComment))

	// Every API path answers other methods with 405 and Allow rather than
	// falling through to the site-wide 404.
	allow := map[string][]string{}
	var paths []string
	for _, rt := range s.routes {
		if strings.HasPrefix(rt.Pattern, apiPrefix+"/") {
			if _, ok := allow[rt.Pattern]; !ok {
				paths = append(paths, rt.Pattern)
			}
			allow[rt.Pattern] = append(allow[rt.Pattern], rt.Method)
		}
	}
	for _, p := range paths {
		mux.HandleFunc(p, s.apiMethodNotAllowed(allow[p]))
	}
	s.routesLawAPI(mux)
}

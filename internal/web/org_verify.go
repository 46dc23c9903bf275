package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

func (s *Server) verifyOrg(w http.ResponseWriter, r *http.Request) {
	s.orgVerification(w, r, "flash.org_verified", s.store.VerifyOrg)
}

func (s *Server) unverifyOrg(w http.ResponseWriter, r *http.Request) {
	s.orgVerification(w, r, "flash.org_unverified", s.store.UnverifyOrg)
}

func (s *Server) orgVerification(w http.ResponseWriter, r *http.Request, flash string, change func(ctx context.Context, actorID, orgID string) error) {
	id, err := s.authorizeOrg(r, auth.VerifyOrg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := change(r.Context(), viewerFrom(r.Context()).ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	to := "/orgs/" + id
	if f.Get("next") == "/admin/verification" {
		to = "/admin/verification"
	}
	s.redirect(w, r, to, flash)
}

type orgQueueRow struct {
	agora.Organisation
	KindLabel    string
	CountryLabel string
}

type orgQueueData struct {
	Orgs     []orgQueueRow
	Officers []store.OfficerRequest
}

// showVerificationQueue lists, for platform admins, the organisations
// and authority officers waiting for verification, oldest first.
func (s *Server) showVerificationQueue(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.VerifyOrg, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	q, err := s.store.VerificationQueue(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := orgQueueData{Officers: q.Officers}
	for _, o := range q.Orgs {
		d.Orgs = append(d.Orgs, orgQueueRow{Organisation: o, KindLabel: s.orgKindLabel(lang, o.Kind), CountryLabel: s.orgCountryLabel(lang, o.Country)})
	}
	s.render(w, r, http.StatusOK, "org/verification", d)
}

type orgAuditRow struct {
	store.OrgAuditEntry
	ActionLabel string
	Details     string
}

type orgAuditData struct {
	Org  agora.Organisation
	Rows []orgAuditRow
	Next string
}

// orgAuditPage is how many entries one page of the audit log shows.
const orgAuditPage = 50

// showOrgAudit is an organisation's audit log for its admins, newest
// first, paged by entry id.
func (s *Server) showOrgAudit(w http.ResponseWriter, r *http.Request) {
	id, err := s.authorizeOrg(r, auth.ViewOrgAudit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	var before int64
	if b := r.URL.Query().Get("before"); b != "" {
		if before, err = strconv.ParseInt(b, 10, 64); err != nil || before <= 0 {
			s.fail(w, r, agora.FieldError("before", "field.invalid_number", nil))
			return
		}
	}
	o, err := s.store.Org(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	es, err := s.store.OrgAuditLog(ctx, id, before, orgAuditPage)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := orgAuditData{Org: o}
	for _, e := range es {
		d.Rows = append(d.Rows, orgAuditRow{OrgAuditEntry: e, ActionLabel: s.orgAuditLabel(lang, e.Action), Details: formatDetails(e.Details)})
	}
	if len(es) == orgAuditPage {
		d.Next = "/orgs/" + id + "/audit?before=" + strconv.FormatInt(es[len(es)-1].ID, 10)
	}
	s.render(w, r, http.StatusOK, "org/audit", d)
}

package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// admin authorises a platform-wide action for the viewer and returns
// them. Every admin handler starts here, before it reads any input, so
// that a participant learns nothing from validation messages.
func (s *Server) admin(r *http.Request, act auth.Action) (*agora.User, error) {
	if err := s.authorize(r, act, auth.Resource{}); err != nil {
		return nil, err
	}
	return viewerFrom(r.Context()), nil
}

type adminDashboardData struct {
	Stats store.AdminStats
}

func (s *Server) showAdminDashboard(w http.ResponseWriter, r *http.Request) {
	if _, err := s.admin(r, auth.ManageUsers); err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.store.AdminStats(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "admin/dashboard", adminDashboardData{Stats: st})
}

type auditRow struct {
	agora.AuditEntry
	Details string
}

type adminAuditData struct {
	Rows       []auditRow
	Actions    []string
	Action     string
	OrgID      string
	Prev, Next string
}

func (s *Server) showAdminAudit(w http.ResponseWriter, r *http.Request) {
	if _, err := s.admin(r, auth.ViewAudit); err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	f := &Form{Values: map[string]string{"action": q.Get("action"), "org": q.Get("org")}, Errors: map[string]string{}}
	aq := store.AuditQuery{Action: q.Get("action"), OrgID: q.Get("org")}
	var es agora.Errs
	aq.Before = cursorParam(&es, q, "before")
	aq.After = cursorParam(&es, q, "after")
	d := adminAuditData{Action: aq.Action, OrgID: aq.OrgID}
	actions, err := s.store.AuditActions(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Actions = actions
	if err := es.Err(); err != nil {
		s.renderForm(w, r, "admin/audit", f, err, d)
		return
	}
	page, err := s.store.ListAudit(r.Context(), aq)
	if err != nil {
		s.renderForm(w, r, "admin/audit", f, err, d)
		return
	}
	for _, e := range page.Entries {
		d.Rows = append(d.Rows, auditRow{AuditEntry: e, Details: formatDetails(e.Details)})
	}
	base := url.Values{}
	if aq.Action != "" {
		base.Set("action", aq.Action)
	}
	if aq.OrgID != "" {
		base.Set("org", aq.OrgID)
	}
	if page.Prev != 0 {
		d.Prev = pageURL("/admin/audit", base, "after", strconv.FormatInt(page.Prev, 10))
	}
	if page.Next != 0 {
		d.Next = pageURL("/admin/audit", base, "before", strconv.FormatInt(page.Next, 10))
	}
	s.render(w, r, http.StatusOK, "admin/audit", d)
}

// cursorParam reads a positive id cursor from the query; a malformed one
// is a field error rather than silently the first page.
func cursorParam(es *agora.Errs, q url.Values, name string) int64 {
	v := q.Get(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 {
		es.Add(name, "field.invalid_number", nil)
		return 0
	}
	return n
}

// pageURL adds one cursor parameter to the filter parameters of a list.
func pageURL(path string, base url.Values, key, val string) string {
	q := url.Values{}
	for k, vs := range base {
		q[k] = vs
	}
	q.Set(key, val)
	return path + "?" + q.Encode()
}

// formatDetails shows an audit entry's details as "key=value" pairs in
// key order, so the same entry always reads the same.
func formatDetails(d map[string]string) string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+d[k])
	}
	return strings.Join(parts, ", ")
}

// mailPart is a piece of a mail's text: plain text, or a link to this
// site, so a person in a demo installation can follow the verification
// link of a message that was never really sent.
type mailPart struct {
	Text string
	URL  string
}

type sentMailRow struct {
	Recipient string
	Subject   string
	CreatedAt time.Time
	Parts     []mailPart
}

type adminMailData struct{ Mails []sentMailRow }

func (s *Server) showSentMail(w http.ResponseWriter, r *http.Request) {
	// Outside development and demo installations the page does not exist,
	// for admins too: real mail is nobody's to read.
	if !s.cfg.DevMail {
		s.fail(w, r, errNotFound)
		return
	}
	if _, err := s.admin(r, auth.ViewSentMail); err != nil {
		s.fail(w, r, err)
		return
	}
	mails, err := s.store.ListSentMail(r.Context(), 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var d adminMailData
	for _, m := range mails {
		d.Mails = append(d.Mails, sentMailRow{Recipient: m.Recipient, Subject: m.Subject, CreatedAt: m.CreatedAt,
			Parts: linkParts(m.Text, s.cfg.BaseURL)})
	}
	s.render(w, r, http.StatusOK, "admin/mail", d)
}

// linkParts splits text into plain runs and links to base (our own
// site). Only our own absolute URLs become links: a message could carry
// anything, and the page must not turn it into a javascript: link. The
// template escapes every part.
func linkParts(text, base string) []mailPart {
	base = strings.TrimRight(base, "/")
	if base == "" {
		return []mailPart{{Text: text}}
	}
	prefix := base + "/"
	var out []mailPart
	for text != "" {
		i := strings.Index(text, prefix)
		if i < 0 {
			out = append(out, mailPart{Text: text})
			break
		}
		if i > 0 {
			out = append(out, mailPart{Text: text[:i]})
		}
		end := strings.IndexFunc(text[i:], func(r rune) bool {
			return r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '<' || r == '>' || r == '"'
		})
		if end < 0 {
			end = len(text) - i
		}
		link := text[i : i+end]
		if u, err := url.Parse(link); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			out = append(out, mailPart{Text: link, URL: link})
		} else {
			out = append(out, mailPart{Text: link})
		}
		text = text[i+end:]
	}
	return out
}

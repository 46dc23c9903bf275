package web

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// apiConsultation is a consultation as the public list shows it. Times
// are UTC instants; earliest_adoption is a civil date in the country.
type apiConsultation struct {
	ID               string       `json:"id"`
	Title            string       `json:"title"`
	ActKind          string       `json:"act_kind"`
	Country          string       `json:"country"`
	Authority        apiAuthority `json:"authority"`
	Summary          string       `json:"summary"`
	RuleSetID        string       `json:"rule_set_id"`
	Domains          []string     `json:"domains"`
	Regions          []string     `json:"regions"`
	State            string       `json:"state"`
	Phase            string       `json:"phase"`
	OpensAt          *string      `json:"opens_at"`
	ClosesAt         *string      `json:"closes_at"`
	EarliestAdoption *string      `json:"earliest_adoption"`
	Exception        string       `json:"exception"`
	Version          int          `json:"version"`
	CommentCount     int          `json:"comment_count"`
	ParticipantCount int          `json:"participant_count"`
	DebateRequests   int          `json:"debate_requests"`
	PublishedAt      *string      `json:"published_at"`
	AnsweredAt       *string      `json:"answered_at"`
	ReportedAt       *string      `json:"reported_at"`
	URL              string       `json:"url"`
}

type apiAuthority struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

func (s *Server) consultationView(c agora.Consultation, phase agora.Phase) apiConsultation {
	v := apiConsultation{ID: c.ID, Title: c.Title, ActKind: c.ActKind, Country: string(c.Country),
		Authority: apiAuthority{ID: c.OrgID, Name: c.OrgName}, Summary: c.Summary, RuleSetID: c.RuleSetID,
		Domains: nonNil(c.Domains), Regions: nonNil(c.Regions), State: string(c.State), Phase: string(phase),
		Exception: c.Exception, Version: c.Version, CommentCount: c.CommentCount, ParticipantCount: c.ParticipantCount,
		DebateRequests: c.DebateRequests, PublishedAt: apiTimePtr(c.PublishedAt), AnsweredAt: apiTimePtr(c.AnsweredAt),
		ReportedAt: apiTimePtr(c.ReportedAt), URL: s.link(consultationPath(c.ID))}
	if !c.OpensAt.IsZero() {
		v.OpensAt = apiTimePtr(&c.OpensAt)
	}
	if !c.CommentsClose.IsZero() {
		v.ClosesAt = apiTimePtr(&c.CommentsClose)
	}
	if c.EarliestAdoption != "" {
		v.EarliestAdoption = &c.EarliestAdoption
	}
	return v
}

// consultationFilterOf reads the list's filters, checked like the HTML
// list's: a region needs its country (RO-12 or region=12&country=RO).
func consultationFilterOf(r *http.Request) (store.ConsultationFilter, error) {
	q, page, err := apiQuery(r, "kind", "org", "country", "domain", "region", "phase", "q", "sort")
	var es agora.Errs
	if err != nil {
		es = agora.FieldErrors(err)
	}
	f := store.ConsultationFilter{ActKind: q.Get("kind"), OrgID: q.Get("org"), Country: agora.Country(strings.ToUpper(q.Get("country"))),
		Domain: q.Get("domain"), Phase: agora.Phase(q.Get("phase")), Sort: q.Get("sort"), Cursor: page.Cursor, Limit: page.Limit}
	if f.Country != "" && !f.Country.Valid() {
		es.Add("country", "field.invalid_choice", nil)
		f.Country = ""
	}
	if f.ActKind != "" && !agora.ValidActKind(agora.RO, f.ActKind) && !agora.ValidActKind(agora.PL, f.ActKind) {
		es.Add("kind", "field.invalid_choice", nil)
	}
	if f.OrgID != "" && !agora.ValidID(f.OrgID) {
		es.Add("org", "field.invalid_choice", nil)
	}
	if f.Domain != "" && !agora.ValidDomainSlug(f.Domain) {
		es.Add("domain", "field.invalid_choice", nil)
	}
	f.Region = apiRegion(&es, &f.Country, q.Get("region"))
	if f.Phase != "" && !slices.Contains(agora.Phases, f.Phase) {
		es.Add("phase", "field.invalid_choice", nil)
	}
	if f.Sort != "" && f.Sort != store.SortClosing && f.Sort != store.SortNewest {
		es.Add("sort", "field.invalid_choice", nil)
	}
	f.Query = agora.ValidateText(&es, "q", q.Get("q"), 0, 200, false)
	return f, es.Err()
}

// apiListConsultations is GET /api/v1/consultations: published
// consultations only, in the HTML list's order, a page at a time.
func (s *Server) apiListConsultations(w http.ResponseWriter, r *http.Request) {
	f, err := consultationFilterOf(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := s.store.ListConsultations(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	items := make([]apiConsultation, len(page.Items))
	for i, c := range page.Items {
		items[i] = s.consultationView(c, c.PhaseAt(page.Now))
	}
	s.writePage(w, r, items, page.Next)
}

// apiConsultationDetail is one consultation with its clock, the units of
// its current version, its debates and, once published, the answers.
type apiConsultationDetail struct {
	apiConsultation
	Substantiation string             `json:"substantiation"`
	ContactName    string             `json:"contact_name"`
	Clock          apiClock           `json:"clock"`
	Units          []apiDraftUnit     `json:"units"`
	Debates        []apiDebate        `json:"debates"`
	Answers        []apiAnswer        `json:"answers"`
	Attachments    []apiConsultFile   `json:"attachments"`
	RequestList    []apiDebateRequest `json:"debate_request_list"`
}

// apiClock is the legal clock at the time of the request.
type apiClock struct {
	Phase            string  `json:"phase"`
	ClosesAt         *string `json:"closes_at"`
	DaysLeft         int     `json:"days_left"`
	EarliestAdoption *string `json:"earliest_adoption"`
	AdoptionAllowed  bool    `json:"adoption_allowed"`
	DebateOnRequest  bool    `json:"debate_on_request"`
	Zone             string  `json:"zone"`
}

type apiDraftUnit struct {
	Key          string `json:"key"`
	ParentKey    string `json:"parent_key"`
	Kind         string `json:"kind"`
	Number       string `json:"number"`
	Heading      string `json:"heading"`
	Text         string `json:"text"`
	Depth        int    `json:"depth"`
	CommentCount int    `json:"comment_count"`
}

type apiDebate struct {
	ID           string `json:"id"`
	StartsAt     string `json:"starts_at"`
	Place        string `json:"place"`
	OnlineURL    string `json:"online_url"`
	Notice       string `json:"notice"`
	AnnouncedAt  string `json:"announced_at"`
	Registered   int    `json:"registered"`
	Participants int    `json:"participants"`
	Minutes      string `json:"minutes"`
	URL          string `json:"url"`
}

type apiDebateRequest struct {
	OrgID     string `json:"org_id"`
	OrgName   string `json:"org_name"`
	CreatedAt string `json:"created_at"`
}

type apiConsultFile struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"`
	URL         string `json:"url"`
}

type apiAnswer struct {
	ID            string   `json:"id"`
	Status        string   `json:"status"`
	Justification string   `json:"justification"`
	AnsweredAt    string   `json:"answered_at"`
	CommentIDs    []string `json:"comment_ids"`
}

func answerView(a agora.Answer) apiAnswer {
	return apiAnswer{ID: a.ID, Status: string(a.Status), Justification: a.Justification, AnsweredAt: apiTime(a.AnsweredAt),
		CommentIDs: nonNil(a.CommentIDs)}
}

// apiConsultationByID loads the consultation of the {id} path value as
// the caller may see it: drafts only for the authority's officers.
func (s *Server) apiConsultationByID(r *http.Request) (agora.Consultation, auth.Actor, error) {
	id := r.PathValue("id")
	if !agora.ValidID(id) {
		return agora.Consultation{}, auth.Actor{}, errNotFound
	}
	c, err := s.store.Consultation(r.Context(), id)
	if err != nil {
		return c, auth.Actor{}, err
	}
	a, err := s.actor(r)
	if err != nil {
		return c, a, err
	}
	if c.State == agora.ConsultationDraft && auth.Allow(a, auth.ManageConsultation, auth.Resource{OrgID: c.OrgID}) != nil {
		return c, a, agora.Errorf(agora.NotFound, "consultation.error.not_found")
	}
	return c, a, nil
}

// apiGetConsultation is GET /api/v1/consultations/{id}.
func (s *Server) apiGetConsultation(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, _, err := s.apiConsultationByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	d, err := s.consultationDetail(r.Context(), c)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSONTagged(w, r, d)
}

func (s *Server) consultationDetail(ctx context.Context, c agora.Consultation) (apiConsultationDetail, error) {
	now := s.now()
	d := apiConsultationDetail{apiConsultation: s.consultationView(c, c.PhaseAt(now)), Substantiation: c.Substantiation,
		ContactName: c.ContactName, Units: []apiDraftUnit{}, Debates: []apiDebate{}, Answers: []apiAnswer{},
		Attachments: []apiConsultFile{}, RequestList: []apiDebateRequest{}}
	d.Clock = s.apiClockOf(ctx, c, now)
	units, err := s.store.ConsultationUnits(ctx, c.ID, c.Version)
	if err != nil {
		return d, err
	}
	for _, u := range units {
		d.Units = append(d.Units, apiDraftUnit{Key: u.Key, ParentKey: u.ParentKey, Kind: string(u.Kind), Number: u.Number,
			Heading: u.Heading, Text: u.Text, Depth: u.Depth, CommentCount: u.CommentCount})
	}
	debates, err := s.store.Debates(ctx, c.ID)
	if err != nil {
		return d, err
	}
	for _, x := range debates {
		d.Debates = append(d.Debates, apiDebate{ID: x.ID, StartsAt: apiTime(x.StartsAt), Place: x.Place, OnlineURL: x.OnlineURL,
			Notice: x.Notice, AnnouncedAt: apiTime(x.AnnouncedAt), Registered: x.Registered, Participants: x.Participants,
			Minutes: x.Minutes, URL: s.link(consultationPath(c.ID, "debates", x.ID))})
	}
	reqs, err := s.store.DebateRequests(ctx, c.ID)
	if err != nil {
		return d, err
	}
	for _, q := range reqs {
		d.RequestList = append(d.RequestList, apiDebateRequest{OrgID: q.OrgID, OrgName: q.OrgName, CreatedAt: apiTime(q.CreatedAt)})
	}
	files, err := s.store.ConsultationFiles(ctx, c.ID, store.FileAttachment)
	if err != nil {
		return d, err
	}
	for _, f := range files {
		d.Attachments = append(d.Attachments, apiConsultFile{ID: f.ID, Name: f.Name, ContentType: f.ContentType, Size: f.Size,
			SHA256: f.SHA256, URL: s.link(consultationPath(c.ID, "files", f.ID))})
	}
	if c.AnsweredAt != nil {
		answers, err := s.store.AnswersFor(ctx, c.ID)
		if err != nil {
			return d, err
		}
		seen := map[string]bool{}
		// AnswersFor is keyed by comment; list each answer once, in the
		// order of the first comment it answers.
		for _, u := range sortedAnswerKeys(answers) {
			a := answers[u]
			if !seen[a.ID] {
				seen[a.ID] = true
				d.Answers = append(d.Answers, answerView(a))
			}
		}
	}
	return d, nil
}

// sortedAnswerKeys orders the comment ids of an answer map so the output
// is stable (and so its ETag).
func sortedAnswerKeys(m map[string]agora.Answer) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := m[a].AnsweredAt.Compare(m[b].AnsweredAt); c != 0 {
			return c
		}
		return strings.Compare(m[a].ID, m[b].ID)
	})
	return keys
}

// apiClockOf computes the consultation's legal clock now, with its rule
// set (built in, or the authority's own).
func (s *Server) apiClockOf(ctx context.Context, c agora.Consultation, now time.Time) apiClock {
	v := apiClock{Phase: string(c.PhaseAt(now)), Zone: legal.Zone(c.Country).String()}
	if c.State == agora.ConsultationDraft {
		return v
	}
	rs, err := s.ruleSetFor(ctx, c.OrgID, c.Country, c.RuleSetID)
	if err != nil {
		rs, _ = legal.Builtin(legal.DefaultRuleSetID(c.Country))
	}
	sched := legal.Schedule{Country: c.Country, Published: c.OpensAt}
	if !c.CommentsClose.IsZero() {
		sched.CommentsClose = legal.DateOf(c.Country, c.CommentsClose)
		v.ClosesAt = apiTimePtr(&c.CommentsClose)
	}
	if d, err := legal.ParseDate(c.EarliestAdoption); err == nil {
		sched.EarliestAdoption = d
		v.EarliestAdoption = &c.EarliestAdoption
	}
	st := legal.Clock(rs, sched, now)
	v.AdoptionAllowed, v.DebateOnRequest = st.AdoptionAllowed, st.DebateOnRequest
	if c.State == agora.ConsultationPublished {
		v.DaysLeft = st.DaysLeft
	}
	return v
}

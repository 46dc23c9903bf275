package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// monitorBoardData fills an organisation's monitoring board.
type monitorBoardData struct {
	Org       agora.Organisation
	Items     []store.MonitorItem
	Stages    []orgOption // filter
	Owners    []orgOption // filter
	Filtered  bool
	NewStages []orgOption // the add form
	NewKinds  []orgOption
	NewOwners []orgOption
	Positions []orgOption
}

// monitorItemData fills one tracked item's page.
type monitorItemData struct {
	Org        agora.Organisation
	Item       store.MonitorItem
	Events     []monitorEventView
	Stages     []orgOption
	Owners     []orgOption
	Positions  []orgOption
	CanDelete  bool
	SubjectURL string
}

type monitorEventView struct {
	store.MonitorEvent
	URL        string
	AlertLabel string
}

// monitorOrg loads the organisation in the path and checks act on it.
func (s *Server) monitorOrg(r *http.Request, act auth.Action) (*agora.User, agora.Organisation, error) {
	org, err := s.store.Org(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, org, err
	}
	if err := s.authorize(r, act, auth.Resource{OrgID: org.ID}); err != nil {
		return nil, org, err
	}
	return viewerFrom(r.Context()), org, nil
}

func (s *Server) stageOptions(lang string, selected store.MonitorStage, any bool) []orgOption {
	var out []orgOption
	if any {
		out = append(out, orgOption{Value: "", Label: s.cat.T(lang, "monitor.filter.any_stage", nil), Selected: selected == ""})
	}
	for _, st := range store.MonitorStages {
		out = append(out, orgOption{Value: string(st), Label: s.cat.T(lang, i18n.Prefix("monitor.stage.")+string(st), nil), Selected: st == selected})
	}
	return out
}

func (s *Server) positionOptions(lang string, selected store.MonitorPosition) []orgOption {
	out := []orgOption{{Value: "", Label: s.cat.T(lang, "monitor.position.none", nil), Selected: selected == ""}}
	for _, p := range store.MonitorPositions {
		out = append(out, orgOption{Value: string(p), Label: s.cat.T(lang, i18n.Prefix("monitor.position.")+string(p), nil), Selected: p == selected})
	}
	return out
}

// ownerOptions lists the organisation's members; emptyKey labels the
// "nobody" (or "anyone", for the filter) choice.
func (s *Server) ownerOptions(r *http.Request, orgID, selected, emptyKey string) ([]orgOption, error) {
	ms, err := s.store.OrgMembers(r.Context(), orgID)
	if err != nil {
		return nil, err
	}
	out := []orgOption{{Value: "", Label: s.cat.T(localeFrom(r.Context()).Lang, emptyKey, nil), Selected: selected == ""}}
	for _, m := range ms {
		out = append(out, orgOption{Value: m.UserID, Label: m.DisplayName, Selected: m.UserID == selected})
	}
	return out, nil
}

func (s *Server) showMonitorBoard(w http.ResponseWriter, r *http.Request) {
	_, org, err := s.monitorOrg(r, auth.ViewMonitor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.monitorBoard(r, org)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "monitor/board", d)
}

func (s *Server) monitorBoard(r *http.Request, org agora.Organisation) (monitorBoardData, error) {
	lang := localeFrom(r.Context()).Lang
	q := r.URL.Query()
	f := store.MonitorFilter{OwnerID: q.Get("owner")}
	if st := store.MonitorStage(q.Get("stage")); containsStage(st) {
		f.Stage = st
	}
	d := monitorBoardData{Org: org, Filtered: f.Stage != "" || f.OwnerID != "", Stages: s.stageOptions(lang, f.Stage, true),
		NewStages: s.stageOptions(lang, store.StageAnnounced, false), Positions: s.positionOptions(lang, "")}
	for _, k := range store.MonitorKinds {
		d.NewKinds = append(d.NewKinds, orgOption{Value: string(k), Label: s.cat.T(lang, i18n.Prefix("monitor.kind.")+string(k), nil)})
	}
	var err error
	if d.Owners, err = s.ownerOptions(r, org.ID, f.OwnerID, "monitor.filter.any_owner"); err != nil {
		return d, err
	}
	if d.NewOwners, err = s.ownerOptions(r, org.ID, "", "monitor.owner.none"); err != nil {
		return d, err
	}
	d.Items, err = s.store.MonitorItems(r.Context(), org.ID, f)
	return d, err
}

func containsStage(st store.MonitorStage) bool {
	for _, x := range store.MonitorStages {
		if x == st {
			return true
		}
	}
	return false
}

// monitorInput reads the add and edit forms.
func monitorInput(f *Form) store.MonitorInput {
	return store.MonitorInput{
		Kind: store.MonitorKind(f.Get("kind")), Act: f.Get("act"), ConsultationID: f.Get("consultation"),
		Title: f.Get("title"), Link: f.Get("link"), Stage: store.MonitorStage(f.Get("stage")), OwnerID: f.Get("owner"),
		Notes: f.Get("notes"), Position: store.MonitorPosition(f.Get("position")), PositionText: f.Get("position_text"),
	}
}

func (s *Server) createMonitorItem(w http.ResponseWriter, r *http.Request) {
	u, org, err := s.monitorOrg(r, auth.EditMonitor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	it, err := s.store.CreateMonitorItem(r.Context(), u.ID, org.ID, monitorInput(f))
	if err != nil {
		d, derr := s.monitorBoard(r, org)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.formFail(w, r, "monitor/board", f, err, d)
		return
	}
	s.redirect(w, r, "/orgs/"+org.ID+"/monitor/"+it.ID, "monitor.flash.created")
}

func (s *Server) showMonitorItem(w http.ResponseWriter, r *http.Request) {
	_, org, err := s.monitorOrg(r, auth.ViewMonitor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.monitorItem(r, org)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "monitor/item", d)
}

func (s *Server) monitorItem(r *http.Request, org agora.Organisation) (monitorItemData, error) {
	lang := localeFrom(r.Context()).Lang
	it, err := s.store.MonitorItem(r.Context(), org.ID, r.PathValue("itemID"))
	if err != nil {
		return monitorItemData{}, err
	}
	d := monitorItemData{Org: org, Item: it, Stages: s.stageOptions(lang, it.Stage, false), Positions: s.positionOptions(lang, it.Position),
		CanDelete: s.authorize(r, auth.DeleteMonitor, auth.Resource{OrgID: org.ID, OwnerID: it.CreatedBy}) == nil}
	switch it.Kind {
	case store.MonitorAct:
		d.SubjectURL = "/laws/" + it.ActID
	case store.MonitorDraft:
		d.SubjectURL = "/consultations/" + it.ConsultationID
	}
	if d.Owners, err = s.ownerOptions(r, org.ID, it.OwnerID, "monitor.owner.none"); err != nil {
		return d, err
	}
	evs, err := s.store.MonitorEvents(r.Context(), it.ID)
	for _, e := range evs {
		v := monitorEventView{MonitorEvent: e, URL: monitorLinkURL(e.Link)}
		if e.Kind == store.EventAlert {
			v.AlertLabel = s.cat.T(lang, i18n.Prefix("monitor.alert.")+e.Stage, nil)
		}
		d.Events = append(d.Events, v)
	}
	return d, err
}

// monitorLinkURL turns an alert event's subject reference into a path.
func monitorLinkURL(link string) string {
	if id, ok := strings.CutPrefix(link, store.LinkActPrefix); ok {
		return "/laws/" + url.PathEscape(id)
	}
	if id, ok := strings.CutPrefix(link, store.LinkConsultationPrefix); ok {
		return "/consultations/" + url.PathEscape(id)
	}
	return ""
}

// updateMonitorItem saves the edit form, or with op=note adds a note to
// the timeline.
func (s *Server) updateMonitorItem(w http.ResponseWriter, r *http.Request) {
	u, org, err := s.monitorOrg(r, auth.EditMonitor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id := r.PathValue("itemID")
	flash := "monitor.flash.saved"
	if f.Get("op") == "note" {
		err, flash = s.store.AddMonitorNote(r.Context(), u.ID, org.ID, id, f.Get("note")), "monitor.flash.noted"
	} else {
		err = s.store.UpdateMonitorItem(r.Context(), u.ID, org.ID, id, monitorInput(f))
	}
	if err != nil {
		if len(agora.FieldErrors(err)) == 0 {
			s.fail(w, r, err)
			return
		}
		d, derr := s.monitorItem(r, org)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.formFail(w, r, "monitor/item", f, err, d)
		return
	}
	s.redirect(w, r, "/orgs/"+org.ID+"/monitor/"+id, flash)
}

func (s *Server) deleteMonitorItem(w http.ResponseWriter, r *http.Request) {
	_, org, err := s.monitorOrg(r, auth.ViewMonitor)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	it, err := s.store.MonitorItem(r.Context(), org.ID, r.PathValue("itemID"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.authorize(r, auth.DeleteMonitor, auth.Resource{OrgID: org.ID, OwnerID: it.CreatedBy}); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.DeleteMonitorItem(r.Context(), org.ID, it.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/orgs/"+org.ID+"/monitor", "monitor.flash.deleted")
}

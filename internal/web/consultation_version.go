package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/redline"
	"github.com/agora-civic/agora/internal/store"
)

// matchUnits adapts redline.MatchUnits to the store's mirror type.
func matchUnits(prev, next []agora.Unit) []store.UnitMatch {
	ms := redline.MatchUnits(prev, next)
	out := make([]store.UnitMatch, len(ms))
	for i, m := range ms {
		out[i] = store.UnitMatch{OldKey: m.OldKey, NewKey: m.NewKey, Status: string(m.Status)}
	}
	return out
}

type versionNewData struct {
	C agora.Consultation
}

// newVersionForm offers the current text, as the officer would retype
// it, to be edited into the next version (or a file to replace it).
func (s *Server) newVersionForm(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	if cc.C.State == agora.ConsultationDraft {
		s.fail(w, r, agora.Errorf(agora.Conflict, "consultation_answer.error.version_draft"))
		return
	}
	units, err := s.store.ConsultationUnits(r.Context(), cc.C.ID, cc.C.Version)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	plain := make([]agora.Unit, len(units))
	for i, u := range units {
		plain[i] = u.Unit
	}
	p := s.page(r, versionNewData{C: cc.C})
	p.Form = &Form{Values: map[string]string{"text": draft.Format(plain, strings.ToLower(string(cc.C.Country)))}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "consultation/version_new", p)
}

// createVersion parses the new text and records it as the next version,
// carrying every comment over. Nothing changes when parsing fails.
func (s *Server) createVersion(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	f, err := s.parseUploadForm(w, r, maxDraftUploadBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, format, err := s.draftFromForm(r, f, cc.C.Country)
	if err == nil {
		var c agora.Consultation
		c, err = s.store.NewConsultationVersion(r.Context(), viewerFrom(r.Context()).ID, cc.C.ID,
			store.NewVersion{Note: f.Get("note"), Format: format, Units: units, Match: matchUnits})
		if err == nil {
			s.redirect(w, r, consultationPath(c.ID, "versions", strconv.Itoa(c.Version)), "consultation_answer.flash.version_created")
			return
		}
	}
	s.renderForm(w, r, "consultation/version_new", f, err, versionNewData{C: cc.C})
}

// versionUnit is one unit of a version as the version page shows it.
type versionUnit struct {
	store.ConsultationUnit
	Label      string
	CarryLabel string
	Marked     bool // changed, renumbered, moved or added: worth a look
}

type versionData struct {
	C        agora.Consultation
	Version  store.ConsultationVersion
	Versions []store.ConsultationVersion
	Units    []versionUnit
	// Removed are the units of the previous version that have no
	// successor in this one.
	Removed []versionUnit
}

// showVersion shows the text of one version, each unit marked with how
// it changed from the version before.
func (s *Server) showVersion(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 || n > cc.C.Version {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_answer.error.version_not_found"))
		return
	}
	ctx := r.Context()
	versions, err := s.store.ConsultationVersions(ctx, cc.C.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, err := s.store.ConsultationUnits(ctx, cc.C.ID, n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := versionData{C: cc.C, Versions: versions}
	for _, v := range versions {
		if v.Version == n {
			d.Version = v
		}
	}
	kept := map[string]bool{}
	for _, u := range units {
		d.Units = append(d.Units, s.versionUnit(cc.Lang, u, n))
		kept[u.PrevKey] = true
	}
	if n > 1 {
		prev, err := s.store.ConsultationUnits(ctx, cc.C.ID, n-1)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, u := range prev {
			if !kept[u.Key] {
				vu := s.versionUnit(cc.Lang, u, 1)
				vu.CarryLabel = s.carryLabel(cc.Lang, store.CarryVanished)
				d.Removed = append(d.Removed, vu)
			}
		}
	}
	s.render(w, r, http.StatusOK, "consultation/version_show", d)
}

func (s *Server) versionUnit(lang string, u store.ConsultationUnit, version int) versionUnit {
	vu := versionUnit{ConsultationUnit: u, Label: s.unitLabel(lang, u.Unit)}
	if version > 1 && u.Carry != "" && u.Carry != store.CarrySame {
		vu.Marked, vu.CarryLabel = true, s.carryLabel(lang, u.Carry)
	}
	return vu
}

// carryLabel names what happened to a unit between versions.
func (s *Server) carryLabel(lang, carry string) string {
	if carry == "" {
		return ""
	}
	return s.cat.T(lang, i18n.Prefix("consultation_answer.carry.")+carry, nil)
}

// changedComment is a recommendation listed under a unit's changes.
type changedComment struct {
	agora.Comment
	CarryLabel string
	Marked     bool
}

type unitChangesData struct {
	C         agora.Consultation
	Key       string
	Label     string
	Version   int
	Vanished  bool
	Added     bool
	Heading   template.HTML
	Text      template.HTML
	Status    string
	PrevLabel string
	Comments  []changedComment
}

// showUnitChanges shows a unit's heading and text as a redline against
// the unit it continues in the previous version, with the
// recommendations that sit on it, marked when their unit changed or
// vanished since they were made. ?v= picks a version other than the current.
func (s *Server) showUnitChanges(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	v := 0
	if q := r.URL.Query().Get("v"); q != "" {
		var err error
		if v, err = strconv.Atoi(q); err != nil || v < 1 {
			s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_answer.error.version_not_found"))
			return
		}
	}
	key := r.PathValue("key")
	_, ch, err := s.store.UnitChanges(r.Context(), cc.C.ID, key, v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := cc.Lang
	d := unitChangesData{C: cc.C, Key: key, Version: ch.Version}
	del, ins := s.cat.T(lang, "consultation_answer.redline.deleted", nil), s.cat.T(lang, "consultation_answer.redline.inserted", nil)
	var oldHead, oldText, newHead, newText string
	if ch.Prev != nil {
		oldHead, oldText = ch.Prev.Heading, ch.Prev.Text
		d.PrevLabel = s.unitLabel(lang, ch.Prev.Unit)
		d.Label = d.PrevLabel
	}
	switch {
	case ch.Unit == nil:
		d.Vanished, d.Status = true, s.carryLabel(lang, store.CarryVanished)
	default:
		newHead, newText = ch.Unit.Heading, ch.Unit.Text
		d.Label = s.unitLabel(lang, ch.Unit.Unit)
		d.Added = ch.Prev == nil && ch.Version > 1
		if ch.Version > 1 {
			d.Status = s.carryLabel(lang, ch.Unit.Carry)
		}
	}
	if oldHead != "" || newHead != "" {
		d.Heading = redline.HTMLWithLabels(redline.Diff(oldHead, newHead), del, ins)
	}
	d.Text = redline.HTMLWithLabels(redline.Diff(oldText, newText), del, ins)
	if ch.Version == 1 {
		// The first version has nothing to compare with: plain text.
		d.Heading, d.Text = "", template.HTML(template.HTMLEscapeString(newText))
	}
	for _, cm := range ch.Comments {
		cc := changedComment{Comment: cm}
		if cm.Carry != "" && cm.Carry != store.CarrySame {
			cc.Marked, cc.CarryLabel = true, s.carryLabel(lang, cm.Carry)
		}
		d.Comments = append(d.Comments, cc)
	}
	s.render(w, r, http.StatusOK, "consultation/version_changes", d)
}

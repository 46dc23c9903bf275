package web

import (
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// followTarget reads target_kind and target_id of a follow form.
func followTarget(f *Form) (agora.FollowTarget, string, error) {
	kind := agora.FollowTarget(f.Get("target_kind"))
	switch kind {
	case agora.FollowConsultation, agora.FollowOrg, agora.FollowDomain:
	default:
		return "", "", agora.FieldError("target_kind", "field.invalid_choice", nil)
	}
	id := f.Get("target_id")
	if id == "" || len(id) > 100 {
		return "", "", agora.FieldError("target_id", "field.invalid_choice", nil)
	}
	return kind, id, nil
}

// follow starts following a consultation, an authority or a domain and
// goes back to the page the button was on.
func (s *Server) follow(w http.ResponseWriter, r *http.Request) {
	s.changeFollow(w, r, true)
}

// unfollow stops following.
func (s *Server) unfollow(w http.ResponseWriter, r *http.Request) {
	s.changeFollow(w, r, false)
}

func (s *Server) changeFollow(w http.ResponseWriter, r *http.Request, on bool) {
	if err := s.authorize(r, auth.Participate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	kind, id, err := followTarget(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	uid := viewerFrom(r.Context()).ID
	flash := "consultation_follow.flash.followed"
	if on {
		err = s.store.Follow(r.Context(), uid, kind, id)
	} else {
		err = s.store.Unfollow(r.Context(), uid, kind, id)
		flash = "consultation_follow.flash.unfollowed"
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := "/account/notifications"
	if n := f.Get("next"); n != "" {
		next = safeNext(n)
	}
	s.redirect(w, r, next, flash)
}

type followRow struct {
	store.Follow
	KindLabel string
	Href      string
}

type notificationPrefsData struct {
	Follows []followRow
	Modes   []orgOption
}

// notificationPrefs shows what the viewer follows and how they want to
// hear about it.
func (s *Server) notificationPrefs(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.Participate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.notificationPrefsData(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/notifications", d)
}

func (s *Server) notificationPrefsData(r *http.Request) (notificationPrefsData, error) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	uid := viewerFrom(ctx).ID
	var d notificationPrefsData
	mode, err := s.store.NotifyMode(ctx, uid)
	if err != nil {
		return d, err
	}
	for _, m := range []agora.NotifyMode{agora.NotifyImmediate, agora.NotifyDigest, agora.NotifyOff} {
		d.Modes = append(d.Modes, orgOption{Value: string(m), Label: s.cat.T(lang, i18n.Prefix("consultation_follow.mode.")+string(m), nil),
			Selected: m == mode})
	}
	follows, err := s.store.Follows(ctx, uid)
	if err != nil {
		return d, err
	}
	domains, err := s.store.Domains(ctx, lang)
	if err != nil {
		return d, err
	}
	names := map[string]string{}
	for _, dm := range domains {
		names[dm.Slug] = dm.Name(lang)
	}
	for _, f := range follows {
		row := followRow{Follow: f, KindLabel: s.cat.T(lang, i18n.Prefix("consultation_follow.target.")+string(f.Kind), nil)}
		switch f.Kind {
		case agora.FollowConsultation:
			row.Href = consultationPath(f.TargetID)
		case agora.FollowOrg:
			row.Href = "/consultations?org=" + f.TargetID
		case agora.FollowDomain:
			row.Href, row.Name = "/consultations?domain="+f.TargetID, names[f.TargetID]
		}
		if row.Name == "" {
			row.Name = f.TargetID
		}
		d.Follows = append(d.Follows, row)
	}
	return d, nil
}

// saveNotificationPrefs records immediate, daily digest or off.
func (s *Server) saveNotificationPrefs(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.Participate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.SetNotifyMode(r.Context(), viewerFrom(r.Context()).ID, agora.NotifyMode(f.Get("mode"))); err != nil {
		d, derr := s.notificationPrefsData(r)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "account/notifications", f, err, d)
		return
	}
	s.redirect(w, r, "/account/notifications", "consultation_follow.flash.prefs_saved")
}

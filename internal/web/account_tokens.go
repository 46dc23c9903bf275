package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// tokenExpiryDays are the lifetimes offered for a new token; 0 is never.
var tokenExpiryDays = [...]int{30, 90, 365, 0}

// tokensData fills the personal access tokens page. Created holds the
// secret of a token made by this very request: shown once, never again.
type tokensData struct {
	Tokens      []tokenRow
	ExpiryDays  []int
	Created     string
	CreatedName string
}

// tokenRow flattens a token for the template, which cannot format a
// *time.Time: zero times stand for "never".
type tokenRow struct {
	ID, Name                     string
	CreatedAt, LastUsed, Expires time.Time
	Revoked, Live                bool
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}

func (s *Server) tokensData(r *http.Request, u *agora.User) (tokensData, error) {
	list, err := s.store.ListAPITokens(r.Context(), u.ID)
	if err != nil {
		return tokensData{}, err
	}
	d := tokensData{ExpiryDays: tokenExpiryDays[:]}
	now := s.now()
	for _, t := range list {
		d.Tokens = append(d.Tokens, tokenRow{ID: t.ID, Name: t.Name, CreatedAt: t.CreatedAt, LastUsed: deref(t.LastUsedAt),
			Expires: deref(t.ExpiresAt), Revoked: t.RevokedAt != nil, Live: t.Live(now)})
	}
	return d, nil
}

func (s *Server) showTokens(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ManageAPITokens)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.tokensData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/tokens", d)
}

// createToken makes a personal access token and shows its secret on the
// page it answers with (not after a redirect: the secret must not travel
// in a URL or a cookie).
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ManageAPITokens)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.tokensData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var es agora.Errs
	name := agora.ValidateText(&es, "name", f.Get("name"), 1, 80, false)
	days, err := strconv.Atoi(f.Get("expires_days"))
	if err != nil || !slices.Contains(tokenExpiryDays[:], days) {
		es.Add("expires_days", "field.invalid_choice", nil)
	}
	if err := es.Err(); err != nil {
		s.formFail(w, r, "account/tokens", f, err, d)
		return
	}
	var expires *time.Time
	if days > 0 {
		e := s.now().Add(time.Duration(days) * 24 * time.Hour)
		expires = &e
	}
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.CreateAPIToken(r.Context(), u.ID, name, hash, expires); err != nil {
		s.fail(w, r, err)
		return
	}
	if d, err = s.tokensData(r, u); err != nil {
		s.fail(w, r, err)
		return
	}
	d.Created, d.CreatedName = plain, name
	s.render(w, r, http.StatusOK, "account/tokens", d)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ManageAPITokens)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.RevokeAPIToken(r.Context(), u.ID, r.PathValue("id")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account/tokens", "flash.account_token_revoked")
}

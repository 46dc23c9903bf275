package web

import (
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/agora-civic/agora/internal/auth"
)

// sessionRow is one line of the sessions page.
type sessionRow struct {
	ID         string // the stored hash: it names the session but cannot sign in
	CreatedAt  time.Time
	LastSeenAt time.Time
	Device     string
	Current    bool
}

type sessionsData struct{ Sessions []sessionRow }

func (s *Server) showSessions(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ViewOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.store.ListSessions(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	current := s.cookieSessionHash(r)
	var d sessionsData
	for _, ss := range list {
		d.Sessions = append(d.Sessions, sessionRow{ID: ss.IDHash, CreatedAt: ss.CreatedAt, LastSeenAt: ss.LastSeenAt,
			Device: shortUserAgent(ss.UserAgent), Current: ss.IDHash == current})
	}
	s.render(w, r, http.StatusOK, "account/sessions", d)
}

// revokeSession ends one session; ending the current one signs out.
func (s *Server) revokeSession(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id := f.Get("session")
	if err := s.store.RevokeSession(r.Context(), u.ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	if id == s.cookieSessionHash(r) {
		s.clearSessionCookie(w)
		s.redirect(w, r, "/", "flash.account_signed_out")
		return
	}
	s.redirect(w, r, "/account/sessions", "flash.account_session_revoked")
}

func (s *Server) revokeOtherSessions(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.RevokeOtherSessions(r.Context(), u.ID, s.cookieSessionHash(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account/sessions", "flash.account_sessions_revoked")
}

// Browser and system names, most specific first: Edge and Opera announce
// Chrome too, Chrome announces Safari.
var (
	uaBrowsers = []struct {
		name string
		re   *regexp.Regexp
	}{
		{"Edge", regexp.MustCompile(`Edg(?:e|A|iOS)?/(\d+)`)},
		{"Opera", regexp.MustCompile(`OPR/(\d+)`)},
		{"Samsung Internet", regexp.MustCompile(`SamsungBrowser/(\d+)`)},
		{"Firefox", regexp.MustCompile(`(?:Firefox|FxiOS)/(\d+)`)},
		{"Chrome", regexp.MustCompile(`(?:Chrome|CriOS)/(\d+)`)},
		{"Safari", regexp.MustCompile(`Version/(\d+)[.\d]* .*Safari/`)},
		{"curl", regexp.MustCompile(`^curl/(\d+)`)},
	}
	uaSystems = []struct{ needle, name string }{
		{"Android", "Android"}, {"iPhone", "iOS"}, {"iPad", "iPadOS"}, {"Windows", "Windows"},
		{"Mac OS X", "macOS"}, {"CrOS", "ChromeOS"}, {"Linux", "Linux"},
	}
)

// shortUserAgent turns a User-Agent header into "Firefox 128 · Linux", or
// a trimmed copy of it when nothing is recognised, or "".
func shortUserAgent(ua string) string {
	var browser, system string
	for _, b := range uaBrowsers {
		if m := b.re.FindStringSubmatch(ua); m != nil {
			browser = b.name + " " + m[1]
			break
		}
	}
	for _, sy := range uaSystems {
		if strings.Contains(ua, sy.needle) {
			system = sy.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " · " + system
	case browser != "" || system != "":
		return browser + system
	}
	return cutUTF8(strings.TrimSpace(ua), 60)
}

// cutUTF8 cuts s to at most n bytes without splitting a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

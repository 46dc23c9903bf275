package store_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// accountClock is a settable clock for the store.
type accountClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *accountClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *accountClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func openClocked(t *testing.T) (*store.Store, *accountClock) {
	t.Helper()
	c := &accountClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	return storetest.OpenWith(t, storetest.Options{Now: c.Now}), c
}

// queuedMail drains the job queue and returns the emails in it.
func queuedMail(t *testing.T, st *store.Store) []agora.Email {
	t.Helper()
	jobs, err := st.ClaimJobs(context.Background(), "test", 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	// UPDATE … RETURNING gives no order on PostgreSQL.
	slices.SortFunc(jobs, func(a, b store.Job) int { return cmp.Compare(a.ID, b.ID) })
	var out []agora.Email
	for _, j := range jobs {
		if j.Kind != agora.JobEmail {
			continue
		}
		var e agora.Email
		if err := json.Unmarshal(j.Payload, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
		if err := st.CompleteJob(context.Background(), j.ID); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func mailTo(subject string) func(u agora.User) agora.Email {
	return func(u agora.User) agora.Email {
		return agora.Email{To: u.Email, Lang: u.Lang, Subject: subject}
	}
}

func wantKey(t *testing.T, err error, kind agora.Kind, key string) {
	t.Helper()
	var ae *agora.Error
	if !errors.As(err, &ae) || ae.Kind != kind || ae.Key != key {
		t.Fatalf("err = %v, want %s %q", err, kind, key)
	}
}

func register(t *testing.T, st *store.Store, email, tokenHash string) agora.User {
	t.Helper()
	u, created, err := st.Register(context.Background(), store.Registration{
		User:  store.NewUser{Email: email, DisplayName: "Zofia Łęcka", PasswordHash: "h", Lang: "pl", TimeZone: "Europe/Warsaw"},
		Token: store.NewToken{Hash: tokenHash, TTL: 48 * time.Hour},
		Mail:  mailTo("verify"),
		Taken: mailTo("taken"),
	})
	if err != nil || !created {
		t.Fatalf("Register(%s) = %v, created %v", email, err, created)
	}
	return u
}

func TestRegisterQueuesVerificationOrTakenNotice(t *testing.T) {
	t.Parallel()
	st, _ := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "zofia@gmina.pl", "tok1")
	if u.Verified() || u.Lang != "pl" {
		t.Errorf("new user verified=%v lang=%s, want unverified pl", u.Verified(), u.Lang)
	}
	if m := queuedMail(t, st); len(m) != 1 || m[0].Subject != "verify" || m[0].To != "zofia@gmina.pl" || m[0].Lang != "pl" {
		t.Fatalf("queued = %+v, want one verification mail in Polish", m)
	}
	// The same address again: nothing created, the owner is told.
	_, created, err := st.Register(ctx, store.Registration{
		User:  store.NewUser{Email: "zofia@gmina.pl", DisplayName: "Impostor", PasswordHash: "h2", Lang: "en"},
		Token: store.NewToken{Hash: "tok2", TTL: time.Hour}, Mail: mailTo("verify"), Taken: mailTo("taken"),
	})
	if err != nil || created {
		t.Fatalf("second Register = %v, created %v; want nil, false", err, created)
	}
	if m := queuedMail(t, st); len(m) != 1 || m[0].Subject != "taken" || m[0].Lang != "pl" {
		t.Fatalf("queued = %+v, want one notice in the owner's language", m)
	}
	if _, err := st.VerifyEmail(ctx, "tok2"); err == nil {
		t.Error("token of the refused registration works")
	}
}

func TestVerifyEmailTokenSingleUseAndExpiry(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "ana@primaria.ro", "v1")
	if _, err := st.UserToken(ctx, "v1", store.PurposeReset); err == nil {
		t.Error("verify token accepted for another purpose")
	}
	got, err := st.UserToken(ctx, "v1", store.PurposeVerify)
	if err != nil || got.ID != u.ID {
		t.Fatalf("UserToken = %v, %v", got.ID, err)
	}
	v, err := st.VerifyEmail(ctx, "v1")
	if err != nil || !v.Verified() {
		t.Fatalf("VerifyEmail = %v, verified %v", err, v.Verified())
	}
	_, err = st.VerifyEmail(ctx, "v1")
	wantKey(t, err, agora.NotFound, "account.token_invalid")

	// Expiry: a fresh token for a second account, 48 h and one second later.
	register(t, st, "ion@primaria.ro", "v2")
	clock.Add(48*time.Hour + time.Second)
	_, err = st.VerifyEmail(ctx, "v2")
	wantKey(t, err, agora.NotFound, "account.token_invalid")

	// Resending replaces the old link.
	u3 := register(t, st, "maria@primaria.ro", "v3")
	if err := st.SendVerification(ctx, u3.ID, store.NewToken{Hash: "v4", TTL: time.Hour}, mailTo("again")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.VerifyEmail(ctx, "v3"); err == nil {
		t.Error("superseded verification token still works")
	}
	if _, err := st.VerifyEmail(ctx, "v4"); err != nil {
		t.Errorf("new verification token: %v", err)
	}
	err = st.SendVerification(ctx, u3.ID, store.NewToken{Hash: "v5", TTL: time.Hour}, mailTo("again"))
	wantKey(t, err, agora.Conflict, "account.already_verified")
}

func TestPasswordResetEndsSessions(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "piotr@urzad.gov.pl", "v")
	for _, h := range []string{"s1", "s2"} {
		if err := st.StartSession(ctx, "", agora.Session{IDHash: h, UserID: u.ID, ExpiresAt: clock.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	found, err := st.RequestPasswordReset(ctx, "nobody@urzad.gov.pl", store.NewToken{Hash: "r0", TTL: time.Hour}, mailTo("reset"))
	if err != nil || found {
		t.Fatalf("reset for unknown address = %v, %v", found, err)
	}
	found, err = st.RequestPasswordReset(ctx, u.Email, store.NewToken{Hash: "r1", TTL: time.Hour}, mailTo("reset"))
	if err != nil || !found {
		t.Fatalf("reset = %v, %v", found, err)
	}
	if _, err := st.ResetPassword(ctx, "r1", "newhash"); err != nil {
		t.Fatal(err)
	}
	if h, _ := st.PasswordHash(ctx, u.ID); h != "newhash" {
		t.Errorf("password hash = %q", h)
	}
	if ss, _ := st.ListSessions(ctx, u.ID); len(ss) != 0 {
		t.Errorf("%d sessions survive a reset", len(ss))
	}
	_, err = st.ResetPassword(ctx, "r1", "again")
	wantKey(t, err, agora.NotFound, "account.token_invalid")
	log, _ := st.AuditLog(ctx, store.AuditFilter{})
	if len(log) == 0 || log[0].Action != "user.password_reset" || len(log[0].Details) != 0 {
		t.Errorf("audit = %+v", log)
	}
}

func TestSessionsListRevokeAndRotate(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "a@b.ro", "v")
	other := register(t, st, "c@d.ro", "w")
	exp := clock.Now().Add(time.Hour)
	for _, ss := range []agora.Session{
		{IDHash: "a1", UserID: u.ID, ExpiresAt: exp, UserAgent: "Firefox"},
		{IDHash: "a2", UserID: u.ID, ExpiresAt: exp},
		{IDHash: "a3", UserID: u.ID, ExpiresAt: exp, MFAPending: true},
		{IDHash: "o1", UserID: other.ID, ExpiresAt: exp},
	} {
		if err := st.StartSession(ctx, "", ss); err != nil {
			t.Fatal(err)
		}
	}
	ss, err := st.ListSessions(ctx, u.ID)
	if err != nil || len(ss) != 2 {
		t.Fatalf("ListSessions = %d, %v; want 2 (pending ones hidden)", len(ss), err)
	}
	wantKey(t, st.RevokeSession(ctx, u.ID, "o1"), agora.NotFound, "error.not_found")
	if err := st.StartSession(ctx, "a2", agora.Session{IDHash: "a4", UserID: u.ID, ExpiresAt: exp}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SessionUser(ctx, "a2"); err == nil {
		t.Error("replaced session still valid")
	}
	n, err := st.RevokeOtherSessions(ctx, u.ID, "a4")
	if err != nil || n != 2 {
		t.Errorf("RevokeOtherSessions = %d, %v; want 2", n, err)
	}
	if _, _, err := st.SessionUser(ctx, "o1"); err != nil {
		t.Errorf("other user's session ended: %v", err)
	}
	if err := st.RevokeSession(ctx, u.ID, "a4"); err != nil {
		t.Error(err)
	}
}

func TestTOTPEnrolAndSignIn(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "ewa@gmina.pl", "v")
	wantKey(t, st.EnableTOTP(ctx, u.ID, 100, nil), agora.Conflict, "account.2fa.not_started")
	if err := st.BeginTOTP(ctx, u.ID, "sealed"); err != nil {
		t.Fatal(err)
	}
	if err := st.EnableTOTP(ctx, u.ID, 100, []string{"rc1", "rc2"}); err != nil {
		t.Fatal(err)
	}
	wantKey(t, st.BeginTOTP(ctx, u.ID, "other"), agora.Conflict, "account.2fa.already_enabled")
	state, err := st.TOTPState(ctx, u.ID)
	if err != nil || !state.Enabled || state.SealedSecret != "sealed" || state.LastStep != 100 || state.RecoveryLeft != 2 {
		t.Fatalf("TOTPState = %+v, %v", state, err)
	}
	exp := clock.Now().Add(time.Hour)
	pending := func(h string) {
		if err := st.StartSession(ctx, "", agora.Session{IDHash: h, UserID: u.ID, ExpiresAt: exp, MFAPending: true}); err != nil {
			t.Fatal(err)
		}
	}
	full := func(h string) agora.Session { return agora.Session{IDHash: h, UserID: u.ID, ExpiresAt: exp} }

	pending("p1")
	// The code that confirmed enrolment cannot sign in (replay).
	wantKey(t, st.CompleteSignIn(ctx, "p1", store.SecondFactor{TOTPStep: 100}, full("f1")), agora.Invalid, "account.2fa.code_wrong")
	if err := st.CompleteSignIn(ctx, "p1", store.SecondFactor{TOTPStep: 101}, full("f1")); err != nil {
		t.Fatal(err)
	}
	if _, ss, err := st.SessionUser(ctx, "f1"); err != nil || ss.MFAPending {
		t.Errorf("full session = %+v, %v", ss, err)
	}
	if _, _, err := st.SessionUser(ctx, "p1"); err == nil {
		t.Error("pending session survives")
	}
	// Completing a full session is not possible.
	wantKey(t, st.CompleteSignIn(ctx, "f1", store.SecondFactor{TOTPStep: 102}, full("f2")), agora.Unauthenticated, "error.unauthenticated")

	pending("p2")
	if err := st.CompleteSignIn(ctx, "p2", store.SecondFactor{RecoveryHash: "rc1"}, full("f3")); err != nil {
		t.Fatal(err)
	}
	pending("p3")
	wantKey(t, st.CompleteSignIn(ctx, "p3", store.SecondFactor{RecoveryHash: "rc1"}, full("f4")), agora.Invalid, "account.2fa.code_wrong")
	if state, _ := st.TOTPState(ctx, u.ID); state.RecoveryLeft != 1 {
		t.Errorf("recovery codes left = %d, want 1", state.RecoveryLeft)
	}
	if err := st.ReplaceRecoveryCodes(ctx, u.ID, []string{"rc9"}); err != nil {
		t.Fatal(err)
	}
	wantKey(t, st.CompleteSignIn(ctx, "p3", store.SecondFactor{RecoveryHash: "rc2"}, full("f4")), agora.Invalid, "account.2fa.code_wrong")

	if err := st.DisableTOTP(ctx, u.ID); err != nil {
		t.Fatal(err)
	}
	if state, _ := st.TOTPState(ctx, u.ID); state.Enabled || state.SealedSecret != "" || state.RecoveryLeft != 0 {
		t.Errorf("after disable: %+v", state)
	}
	wantKey(t, st.DisableTOTP(ctx, u.ID), agora.Conflict, "account.2fa.not_enabled")
	log, _ := st.AuditLog(ctx, store.AuditFilter{})
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	want := []string{"user.2fa_disabled", "user.recovery_codes_replaced", "user.recovery_code_used", "user.2fa_enabled"}
	if len(actions) != len(want) {
		t.Fatalf("audit actions = %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Errorf("audit actions = %v, want %v", actions, want)
			break
		}
	}
}

func TestEmailChange(t *testing.T) {
	t.Parallel()
	st, _ := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "old@ngo.ro", "v")
	taken := register(t, st, "taken@ngo.ro", "w")
	queuedMail(t, st)
	change := func(to, hash string) error {
		return st.RequestEmailChange(ctx, store.EmailChange{
			UserID: u.ID, NewEmail: to, Token: store.NewToken{Hash: hash, TTL: time.Hour},
			Confirm: func(u agora.User) agora.Email { return agora.Email{To: to, Subject: "confirm"} },
			Notice:  mailTo("notice"), Taken: mailTo("taken"),
		})
	}
	if err := change(taken.Email, "c0"); err != nil {
		t.Fatalf("change to a taken address = %v, want nil", err)
	}
	m := queuedMail(t, st)
	if len(m) != 2 || m[0].Subject != "taken" || m[0].To != taken.Email || m[1].Subject != "notice" || m[1].To != u.Email {
		t.Fatalf("queued = %+v", m)
	}
	if _, err := st.ConfirmEmailChange(ctx, "c0"); err == nil {
		t.Error("no token should exist for a taken address")
	}
	if err := change("new@ngo.ro", "c1"); err != nil {
		t.Fatal(err)
	}
	m = queuedMail(t, st)
	if len(m) != 2 || m[0].To != "new@ngo.ro" || m[1].To != "old@ngo.ro" {
		t.Fatalf("queued = %+v", m)
	}
	got, err := st.ConfirmEmailChange(ctx, "c1")
	if err != nil || got.Email != "new@ngo.ro" || !got.Verified() {
		t.Fatalf("ConfirmEmailChange = %+v, %v", got, err)
	}
	_, err = st.ConfirmEmailChange(ctx, "c1")
	wantKey(t, err, agora.NotFound, "account.token_invalid")

	// Taken between request and confirmation: the token is spent anyway.
	if err := change("later@ngo.ro", "c2"); err != nil {
		t.Fatal(err)
	}
	register(t, st, "later@ngo.ro", "x")
	_, err = st.ConfirmEmailChange(ctx, "c2")
	wantKey(t, err, agora.Conflict, "account.email_change_failed")
	_, err = st.ConfirmEmailChange(ctx, "c2")
	wantKey(t, err, agora.NotFound, "account.token_invalid")
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "dev@ngo.ro", "v")
	other := register(t, st, "x@ngo.ro", "w")
	exp := clock.Now().Add(24 * time.Hour)
	a, err := st.CreateAPIToken(ctx, u.ID, "CI", "h1", nil)
	if err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Second)
	b, err := st.CreateAPIToken(ctx, u.ID, "laptop", "h2", &exp)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.APITokenUser(ctx, "h1"); err != nil || got.ID != u.ID {
		t.Fatalf("APITokenUser = %v, %v", got.ID, err)
	}
	list, err := st.ListAPITokens(ctx, u.ID)
	if err != nil || len(list) != 2 || list[0].ID != b.ID || list[0].ExpiresAt == nil || !list[1].Live(clock.Now()) {
		t.Fatalf("ListAPITokens = %+v, %v", list, err)
	}
	wantKey(t, st.RevokeAPIToken(ctx, other.ID, a.ID), agora.NotFound, "error.not_found")
	if err := st.RevokeAPIToken(ctx, u.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.APITokenUser(ctx, "h1"); agora.KindOf(err) != agora.Unauthenticated {
		t.Errorf("revoked token: %v", err)
	}
	clock.Add(25 * time.Hour)
	if _, err := st.APITokenUser(ctx, "h2"); agora.KindOf(err) != agora.Unauthenticated {
		t.Errorf("expired token: %v", err)
	}
	list, _ = st.ListAPITokens(ctx, u.ID)
	if list[0].Live(clock.Now()) || list[1].Live(clock.Now()) || list[1].RevokedAt == nil {
		t.Errorf("after revoke and expiry: %+v", list)
	}
}

func TestOIDCUser(t *testing.T) {
	t.Parallel()
	st, clock := openClocked(t)
	ctx := context.Background()
	newUser := store.NewUser{DisplayName: "Ana Popescu-Ștefănescu", Lang: "ro"}

	// Unverified address: nothing happens.
	_, _, err := st.OIDCUser(ctx, store.OIDCSignIn{Subject: "s0", Email: "x@cluj.ro", New: newUser})
	wantKey(t, err, agora.Unauthenticated, "account.oidc.email_unverified")

	// New person: a verified account.
	u, created, err := st.OIDCUser(ctx, store.OIDCSignIn{Subject: "s1", Email: "ana@cluj.ro", EmailVerified: true, New: newUser})
	if err != nil || !created || !u.Verified() || u.DisplayName != newUser.DisplayName {
		t.Fatalf("OIDCUser new = %+v, %v, %v", u, created, err)
	}
	// Same subject again, even with another address: the same account.
	again, created, err := st.OIDCUser(ctx, store.OIDCSignIn{Subject: "s1", Email: "changed@cluj.ro", New: newUser})
	if err != nil || created || again.ID != u.ID {
		t.Fatalf("OIDCUser again = %v, %v, %v", again.ID, created, err)
	}
	// Another subject claiming the linked address: refused.
	_, _, err = st.OIDCUser(ctx, store.OIDCSignIn{Subject: "s2", Email: "ana@cluj.ro", EmailVerified: true, New: newUser})
	wantKey(t, err, agora.Conflict, "account.oidc.conflict")

	// Someone registered the owner's address first, unverified, with a
	// session: linking takes the account back from them.
	squat := register(t, st, "ion@cluj.ro", "v")
	if err := st.StartSession(ctx, "", agora.Session{IDHash: "squatter", UserID: squat.ID, ExpiresAt: clock.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	linked, created, err := st.OIDCUser(ctx, store.OIDCSignIn{Subject: "s3", Email: "ion@cluj.ro", EmailVerified: true, New: newUser})
	if err != nil || created || linked.ID != squat.ID || !linked.Verified() {
		t.Fatalf("OIDCUser link = %+v, %v, %v", linked, created, err)
	}
	if h, _ := st.PasswordHash(ctx, squat.ID); h != "" {
		t.Error("squatter's password survives linking")
	}
	if _, _, err := st.SessionUser(ctx, "squatter"); err == nil {
		t.Error("squatter's session survives linking")
	}
}

func TestUpdateProfile(t *testing.T) {
	t.Parallel()
	st, _ := openClocked(t)
	ctx := context.Background()
	u := register(t, st, "p@ngo.ro", "v")
	if err := st.UpdateProfile(ctx, u.ID, store.ProfileUpdate{DisplayName: "Șerban Țurcanu", Lang: "ro", TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.User(ctx, u.ID)
	if got.DisplayName != "Șerban Țurcanu" || got.Lang != "ro" || got.TimeZone != "UTC" {
		t.Errorf("after update: %+v", got)
	}
	wantKey(t, st.UpdateProfile(ctx, "nobody", store.ProfileUpdate{DisplayName: "x", Lang: "ro", TimeZone: "UTC"}), agora.NotFound, "error.not_found")
}

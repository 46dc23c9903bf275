package web

import (
	"context"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

type ctxKey int

const (
	viewerKey ctxKey = iota
	sessionKey
	localeKey
	requestIDKey
	matchedKey
)

// matched carries the route pattern from the mux back out to the logging
// and metrics middleware.
type matched struct{ pattern string }

func withMatched(ctx context.Context, m *matched) context.Context {
	return context.WithValue(ctx, matchedKey, m)
}

func matchedFrom(ctx context.Context) *matched {
	m, _ := ctx.Value(matchedKey).(*matched)
	return m
}

// withViewer stores the signed-in user (nil for anonymous visitors).
func withViewer(ctx context.Context, u *agora.User, s *agora.Session) context.Context {
	ctx = context.WithValue(ctx, viewerKey, u)
	return context.WithValue(ctx, sessionKey, s)
}

// viewerFrom returns the signed-in user or nil.
func viewerFrom(ctx context.Context) *agora.User {
	u, _ := ctx.Value(viewerKey).(*agora.User)
	return u
}

// sessionFrom returns the current session or nil.
func sessionFrom(ctx context.Context) *agora.Session {
	s, _ := ctx.Value(sessionKey).(*agora.Session)
	return s
}

func withLocale(ctx context.Context, l i18n.Locale) context.Context {
	return context.WithValue(ctx, localeKey, l)
}

// localeFrom returns the request's language and time zone.
func localeFrom(ctx context.Context) i18n.Locale {
	if l, ok := ctx.Value(localeKey).(i18n.Locale); ok {
		return l
	}
	return i18n.NewLocale("ro", nil)
}

func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey, id)
}

// requestIDFrom returns the id that ties a request to its log lines.
func requestIDFrom(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

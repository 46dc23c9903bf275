package i18n

import (
	"slices"
	"strconv"
	"strings"
)

// maxAcceptEntries bounds the work spent on one Accept-Language header;
// browsers send fewer than ten entries.
const maxAcceptEntries = 32

// Negotiate picks the language for a request: the first supported one of
// the signed-in user's setting, the ?lang= query value and the
// Accept-Language header, else DefaultLang. Tags match by their primary
// subtag, case-insensitively ("ro-RO", "RO", "pl_PL" work). In the header,
// q-values are honoured, q=0 excludes a language and "*" stands for any
// supported language the header does not name; malformed entries are
// skipped. The result is always one of Supported().
func Negotiate(userSetting, query, acceptLanguage string) string {
	if l, ok := matchTag(userSetting); ok {
		return l
	}
	if l, ok := matchTag(query); ok {
		return l
	}
	if l, ok := negotiateHeader(acceptLanguage); ok {
		return l
	}
	return DefaultLang
}

// matchTag returns the supported language whose code is tag's primary
// subtag.
func matchTag(tag string) (string, bool) {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 {
		return "", false
	}
	tag = strings.ToLower(tag)
	return tag, isSupported(tag)
}

type acceptEntry struct {
	tag string
	q   float64
}

// negotiateHeader applies an Accept-Language header (RFC 9110 12.5.4).
func negotiateHeader(h string) (string, bool) {
	var entries []acceptEntry
	for part := range strings.SplitSeq(h, ",") {
		if len(entries) == maxAcceptEntries {
			break
		}
		tag, params, _ := strings.Cut(part, ";")
		tag = strings.TrimSpace(tag)
		if tag == "" {
			continue
		}
		q, ok := qValue(params)
		if !ok {
			continue
		}
		entries = append(entries, acceptEntry{tag: tag, q: q})
	}
	// Stable, so equal q-values keep the sender's order.
	slices.SortStableFunc(entries, func(a, b acceptEntry) int {
		switch {
		case a.q > b.q:
			return -1
		case a.q < b.q:
			return 1
		}
		return 0
	})
	for _, e := range entries {
		if e.q == 0 {
			break
		}
		if e.tag == "*" {
			if l, ok := firstUnnamed(entries); ok {
				return l, true
			}
			continue
		}
		if l, ok := matchTag(e.tag); ok {
			return l, true
		}
	}
	return "", false
}

// firstUnnamed returns the first supported language no entry names, which
// is what "*" may stand for.
func firstUnnamed(entries []acceptEntry) (string, bool) {
	for _, l := range supported {
		named := slices.ContainsFunc(entries, func(e acceptEntry) bool {
			m, ok := matchTag(e.tag)
			return ok && m == l
		})
		if !named {
			return l, true
		}
	}
	return "", false
}

// qValue reads the q parameter from the ";"-separated params of one entry;
// without one q is 1. A malformed or out-of-range q reports false.
func qValue(params string) (float64, bool) {
	q := 1.0
	for p := range strings.SplitSeq(params, ";") {
		name, val, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		val = strings.TrimSpace(val)
		// RFC 9110 allows at most three decimals; anything else, including
		// "NaN", "Inf" and exponents that ParseFloat accepts, is malformed.
		if val == "" || len(val) > 5 || strings.IndexFunc(val, func(r rune) bool { return (r < '0' || r > '9') && r != '.' }) >= 0 {
			return 0, false
		}
		f, err := strconv.ParseFloat(val, 64)
		if err != nil || f < 0 || f > 1 {
			return 0, false
		}
		q = f
	}
	return q, true
}

package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// FuzzPeopleQuery throws arbitrary query strings at /people: whatever the
// parser accepts must pass the filter's own validation, and no input may
// make the page answer 5xx.
func FuzzPeopleQuery(f *testing.F) {
	for _, s := range []string{
		"", "q=popescu", "type=expert&country=RO&region=RO-225", "region=PL-10&language=pl&domain=educatie",
		"country=PL&region=RO-225", "q=%C5%82%C3%B3d%C5%BA", "after=AAAA", "before=x&after=y", "q=a%00b",
		"q=%FF%FE", "type=&type=expert", "region=RO-", "region=-10", "region=RO-1234567", "language=lang",
		"q=" + strings.Repeat("ș", 101), "domain=--", "lang=pl&language=uk", "%zz", "q=%",
	} {
		f.Add(s)
	}
	for _, p := range xssPayloads(f) {
		f.Add("q=" + url.QueryEscape(p))
		f.Add("region=" + url.QueryEscape(p) + "&type=" + url.QueryEscape(p))
	}

	st := storetest.Open(f)
	ctx := context.Background()
	if _, err := st.UpsertDomains(ctx, profileDomains); err != nil {
		f.Fatal(err)
	}
	for i, name := range []string{"Ana Popescu", "Łukasz Wiśniewski", "Ștefan Țurcanu"} {
		u, err := st.CreateUser(ctx, store.NewUser{Email: agora.NewID() + "@example.org", DisplayName: name, EmailVerified: true})
		if err != nil {
			f.Fatal(err)
		}
		in := agora.ProfileInput{Types: []string{"expert"}, Bio: "Lucrez în educație", Country: "RO", Region: []string{"225", "10", "403"}[i],
			Languages: []string{"ro"}, Domains: []string{"educatie"}, Listed: true}
		if err := st.SaveProfile(ctx, u.ID, in); err != nil {
			f.Fatal(err)
		}
	}
	cat, err := i18n.Load()
	if err != nil {
		f.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		f.Fatal(err)
	}
	srv, err := New(Config{BaseURL: "http://agora.test"}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()

	f.Fuzz(func(t *testing.T, raw string) {
		if q, err := url.ParseQuery(raw); err == nil {
			pf, es := peopleFilter(q)
			if len(es) == 0 {
				if err := pf.Validate(); err != nil {
					t.Fatalf("peopleFilter(%q) accepted a filter Validate refuses: %v", raw, err)
				}
			}
			if pf.Type != "" && !pf.Type.Valid() || pf.Region != "" && !pf.Country.Valid() ||
				pf.Language != "" && !slices.Contains(agora.ProfileLanguages(), pf.Language) {
				t.Fatalf("peopleFilter(%q) = %+v", raw, pf)
			}
		}
		req := &http.Request{Method: "GET", URL: &url.URL{Path: "/people", RawQuery: raw}, Header: http.Header{}, Host: "agora.test"}
		req = req.WithContext(ctx)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET /people?%s = %d", raw, rec.Code)
		}
		if rec.Code != 200 && rec.Code != 422 {
			t.Fatalf("GET /people?%s = %d, want 200 or 422", raw, rec.Code)
		}
	})
}

// peopleFilter and PeopleFilter.Validate agree on the search text: what
// the page accepts, the store accepts.
func TestPeopleFilterQueryAgrees(t *testing.T) {
	for _, q := range []string{"ana", " ana ", strings.Repeat("ă", maxPeopleQuery), "a\tb"} {
		f, es := peopleFilter(url.Values{"q": {q}})
		if len(es) > 0 {
			continue
		}
		if err := f.Validate(); err != nil {
			t.Errorf("q=%q: page accepts, Validate refuses: %v", q, err)
		}
	}
}

package store_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// listClock is a movable store clock for the list and notification tests.
type listClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *listClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *listClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func seedListDomains(t *testing.T, st *store.Store) {
	t.Helper()
	_, err := st.UpsertDomains(context.Background(), []agora.Domain{
		{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
		{Slug: "sanatate", Names: map[string]string{"ro": "Sănătate", "pl": "Zdrowie", "en": "Health"}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// published creates and publishes a consultation of a with the given
// title, domains and regions, open from opens to closes.
func published(t *testing.T, st *store.Store, a storetest.Authority, title string, domains, regions []string, opens, closes time.Time) agora.Consultation {
	t.Helper()
	ctx := context.Background()
	kind := "hotarare_consiliu_local"
	if a.Org.Country == agora.PL {
		kind = "uchwala"
	}
	c, err := st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{
		Title: title, ActKind: kind, RuleSetID: "ro-law52", Summary: "Rezumat.", Domains: domains, Regions: regions,
	}, storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	c, err = st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{
		OpensAt: opens, CommentsClose: closes, EarliestAdoption: closes.AddDate(0, 1, 0).Format(time.DateOnly),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ids(cs []agora.Consultation) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func TestListConsultations(t *testing.T) {
	ctx := context.Background()
	day := 24 * time.Hour
	clock := &listClock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	st := storetest.OpenWith(t, storetest.Options{Now: clock.Now})
	seedListDomains(t, st)
	ro := storetest.NewAuthority(t, st, agora.RO, "cluj")
	pl := storetest.NewAuthority(t, st, agora.PL, "lodz")
	start := clock.Now()

	// Published in this order, a day apart, so "newest" is the reverse.
	answered := published(t, st, ro, "Regulament privind parcările", nil, nil, start.Add(-20*day), start.Add(-10*day))
	clock.Set(start.Add(-9 * day))
	if _, err := st.PublishAnswers(ctx, ro.Officer.ID, answered.ID); err != nil {
		t.Fatal(err)
	}
	clock.Set(start.Add(time.Minute))
	closed := published(t, st, ro, "Hotărâre privind taxele locale", []string{"sanatate"}, nil, start.Add(-10*day), start.Add(-day))
	clock.Set(start.Add(2 * time.Minute))
	openLate := published(t, st, ro, "Proiect privind transparența decizională", []string{"mediu"}, []string{"12"}, start.Add(-day), start.Add(10*day))
	clock.Set(start.Add(3 * time.Minute))
	openSoon := published(t, st, pl, "Uchwała w sprawie konsultacji społecznych", []string{"mediu", "sanatate"}, []string{"10"}, start.Add(-day), start.Add(2*day))
	clock.Set(start.Add(4 * time.Minute))
	upcoming := published(t, st, ro, "Strategia de mediu a județului", []string{"mediu"}, nil, start.Add(5*day), start.Add(20*day))
	clock.Set(start.Add(5 * time.Minute))
	if _, err := st.CreateConsultation(ctx, ro.Officer.ID, ro.Org.ID, agora.ConsultationInput{
		Title: "Ciornă secretă privind mediul", ActKind: "ordin", RuleSetID: "ro-law52", Domains: []string{"mediu"},
	}, storetest.DraftUnits(), "text"); err != nil {
		t.Fatal(err)
	}

	list := func(f store.ConsultationFilter) store.ConsultationListPage {
		t.Helper()
		p, err := st.ListConsultations(ctx, f)
		if err != nil {
			t.Fatalf("ListConsultations(%+v): %v", f, err)
		}
		return p
	}
	for _, tt := range []struct {
		name string
		f    store.ConsultationFilter
		want []agora.Consultation
	}{
		{"all newest first, no drafts", store.ConsultationFilter{}, []agora.Consultation{upcoming, openSoon, openLate, closed, answered}},
		{"open closing soonest", store.ConsultationFilter{Phase: agora.PhaseOpen}, []agora.Consultation{openSoon, openLate}},
		{"open newest", store.ConsultationFilter{Phase: agora.PhaseOpen, Sort: store.SortNewest}, []agora.Consultation{openSoon, openLate}},
		{"all closing", store.ConsultationFilter{Sort: store.SortClosing}, []agora.Consultation{answered, closed, openSoon, openLate, upcoming}},
		{"upcoming", store.ConsultationFilter{Phase: agora.PhaseUpcoming}, []agora.Consultation{upcoming}},
		{"closed", store.ConsultationFilter{Phase: agora.PhaseClosed}, []agora.Consultation{closed}},
		{"answered", store.ConsultationFilter{Phase: agora.PhaseAnswered}, []agora.Consultation{answered}},
		{"reported", store.ConsultationFilter{Phase: agora.PhaseReported}, nil},
		{"authority", store.ConsultationFilter{OrgID: pl.Org.ID}, []agora.Consultation{openSoon}},
		{"country", store.ConsultationFilter{Country: agora.RO, Phase: agora.PhaseOpen}, []agora.Consultation{openLate}},
		{"kind", store.ConsultationFilter{ActKind: "uchwala"}, []agora.Consultation{openSoon}},
		{"domain", store.ConsultationFilter{Domain: "sanatate"}, []agora.Consultation{openSoon, closed}},
		{"region", store.ConsultationFilter{Country: agora.RO, Region: "12"}, []agora.Consultation{openLate}},
		{"diacritic-blind", store.ConsultationFilter{Query: "TRANSPARENTA"}, []agora.Consultation{openLate}},
		{"cedilla typed", store.ConsultationFilter{Query: "hotărâre taxele"}, []agora.Consultation{closed}},
		{"words are and-ed", store.ConsultationFilter{Query: "hotarare parcari"}, nil},
		{"romanian inflection", store.ConsultationFilter{Query: "parcare"}, []agora.Consultation{answered}},
		{"polish inflection", store.ConsultationFilter{Query: "konsultacje"}, []agora.Consultation{openSoon}},
		{"authority name", store.ConsultationFilter{Query: "lodz"}, []agora.Consultation{openSoon}},
		{"no match", store.ConsultationFilter{Query: "secretă"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := list(tt.f)
			if got, want := ids(p.Items), ids(tt.want); !slices.Equal(got, want) || p.Total != len(tt.want) {
				t.Errorf("ListConsultations(%+v) = %v (total %d), want %v", tt.f, got, p.Total, want)
			}
		})
	}

	t.Run("keyset pages forward and back", func(t *testing.T) {
		for _, sort := range []string{store.SortNewest, store.SortClosing} {
			all := list(store.ConsultationFilter{Sort: sort}).Items
			var seen []agora.Consultation
			f := store.ConsultationFilter{Sort: sort, Limit: 2}
			var pages []store.ConsultationListPage
			for {
				p := list(f)
				pages = append(pages, p)
				seen = append(seen, p.Items...)
				if p.Total != 5 {
					t.Fatalf("total %d", p.Total)
				}
				if p.Next == "" {
					break
				}
				f.Cursor = p.Next
			}
			if !slices.Equal(ids(seen), ids(all)) || len(pages) != 3 || pages[0].Prev != "" {
				t.Fatalf("%s: pages %v, want %v", sort, ids(seen), ids(all))
			}
			back := list(store.ConsultationFilter{Sort: sort, Limit: 2, Cursor: pages[2].Prev})
			if !slices.Equal(ids(back.Items), ids(pages[1].Items)) || back.Next == "" || back.Prev == "" {
				t.Fatalf("%s: back %v, want %v", sort, ids(back.Items), ids(pages[1].Items))
			}
			first := list(store.ConsultationFilter{Sort: sort, Limit: 2, Cursor: back.Prev})
			if !slices.Equal(ids(first.Items), ids(pages[0].Items)) || first.Prev != "" {
				t.Fatalf("%s: first %v prev %q", sort, ids(first.Items), first.Prev)
			}
		}
	})

	t.Run("bad cursors", func(t *testing.T) {
		next := list(store.ConsultationFilter{Sort: store.SortNewest, Limit: 1}).Next
		for _, f := range []store.ConsultationFilter{
			{Cursor: "!!"}, {Cursor: "e30"}, {Cursor: next, Sort: store.SortClosing}, {Sort: "random"},
		} {
			_, err := st.ListConsultations(ctx, f)
			var ae *agora.Error
			if !errors.As(err, &ae) || ae.Kind != agora.Invalid {
				t.Errorf("ListConsultations(%+v) = %v, want Invalid", f, err)
			}
		}
	})

	t.Run("authorities with public consultations", func(t *testing.T) {
		as, err := st.ConsultationAuthorities(ctx)
		if err != nil || len(as) != 2 {
			t.Fatalf("authorities: %v %+v", err, as)
		}
	})
}

func TestConsultationSearchForms(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want [][]string
	}{
		{"", nil},
		{"Consultări", [][]string{{"consult"}}},
		{"şcoli  ȘCOLI", [][]string{{"scol"}}},
		{"ab", [][]string{{"ab"}}},
	} {
		if got := store.ConsultationSearchForms(tt.q); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("ConsultationSearchForms(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

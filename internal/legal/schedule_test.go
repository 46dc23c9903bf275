package legal

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

// fuzzNow is a publication instant for fuzzed rule sets.
var fuzzNow = time.Date(2026, time.March, 31, 8, 0, 0, 0, time.UTC)

// at returns the instant of local time h:m on day in country c.
func at(c agora.Country, day Date, h, m int) time.Time {
	return time.Date(day.Year, day.Month, day.Day, h, m, 0, 0, Zone(c))
}

func mustBuiltin(t *testing.T, id string) RuleSet {
	t.Helper()
	rs, ok := Builtin(id)
	if !ok {
		t.Fatalf("no built-in rule set %s", id)
	}
	return rs
}

func TestDefaults(t *testing.T) {
	for _, tt := range []struct {
		name         string
		id           string
		published    time.Time
		close, adopt Date
	}{
		{"RO ordinary", RuleSetRoLaw52, at(agora.RO, d(2026, 3, 2), 10, 0), d(2026, 3, 12), d(2026, 4, 15)},
		// Ten days land on Orthodox Good Friday; the period runs to
		// Tuesday after Easter Monday.
		{"RO Easter", RuleSetRoLaw52, at(agora.RO, d(2026, 3, 31), 10, 0), d(2026, 4, 14), d(2026, 5, 15)},
		// 22:30 UTC on 1 March is already 2 March in Bucharest...
		{"RO zone", RuleSetRoLaw52, time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), d(2026, 3, 12), d(2026, 4, 15)},
		// ...but still 1 March in Warsaw.
		{"PL zone", RuleSetPlOppLocal, time.Date(2026, 3, 1, 22, 30, 0, 0, time.UTC), d(2026, 3, 16), d(2026, 3, 17)},
		// Fourteen days land on Corpus Christi; comments run to Friday and
		// adoption may follow on Monday.
		{"PL Corpus Christi", RuleSetPlOppLocal, at(agora.PL, d(2026, 5, 21), 12, 0), d(2026, 6, 5), d(2026, 6, 8)},
		{"PL government default 21 days", RuleSetPlGovernment, at(agora.PL, d(2026, 3, 2), 12, 0), d(2026, 3, 23), d(2026, 3, 24)},
		// 21 days from 14 December 2026 reach 4 January 2027, a Monday.
		{"PL government over New Year", RuleSetPlGovernment, at(agora.PL, d(2026, 12, 14), 12, 0), d(2027, 1, 4), d(2027, 1, 5)},
		// Over the DST change on 29 March 2026.
		{"RO DST", RuleSetRoLaw52, at(agora.RO, d(2026, 3, 20), 18, 0), d(2026, 3, 30), d(2026, 5, 6)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rs := mustBuiltin(t, tt.id)
			s := rs.Defaults(tt.published)
			if s.CommentsClose != tt.close || s.EarliestAdoption != tt.adopt {
				t.Errorf("Defaults = close %s, adoption %s; want %s, %s", s.CommentsClose, s.EarliestAdoption, tt.close, tt.adopt)
			}
			if s.Country != rs.Country || !s.Published.Equal(tt.published) {
				t.Errorf("Defaults = %+v", s)
			}
			if v := rs.Check(s); v != nil {
				t.Errorf("Check(Defaults) = %v", v)
			}
			if got := DateOf(s.Country, s.ClosesAt()); got != tt.close {
				t.Errorf("ClosesAt = %s, on %s", s.ClosesAt(), got)
			}
			// A day less breaks the rule set.
			short := s
			short.CommentsClose = s.CommentsClose.AddDays(-1)
			if short.CommentsClose.Before(rs.Comments.End(s.Country, s.PublishedOn())) && len(rs.Check(short)) == 0 {
				t.Errorf("a day shorter passes")
			}
		})
	}
}

// TestDefaultsCheckedProperty publishes at every hour of two years under
// each built-in and example rule set: the proposals always pass Check and
// are the earliest that do.
func TestDefaultsCheckedProperty(t *testing.T) {
	sets := Builtins()
	paths, _ := filepath.Glob("testdata/rulesets/*.json")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := ParseRuleSet(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		sets = append(sets, rs)
	}
	if len(sets) < 5 {
		t.Fatalf("only %d rule sets", len(sets))
	}
	start := time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	for _, rs := range sets {
		for h := 0; h < 2*366*24; h += 7 {
			s := rs.Defaults(start.Add(time.Duration(h) * time.Hour))
			if v := rs.Check(s); v != nil {
				t.Fatalf("%s published %s: Check(Defaults) = %v", rs.ID, s.Published, v)
			}
			if rs.Comments.Default == 0 {
				earlier := s
				earlier.CommentsClose = s.CommentsClose.AddDays(-1)
				if len(rs.Check(earlier)) == 0 {
					t.Fatalf("%s published %s: comments could close on %s", rs.ID, s.Published, earlier.CommentsClose)
				}
			}
		}
	}
}

func violations(v []*agora.Error) []string {
	var out []string
	for _, e := range v {
		out = append(out, e.Field+"="+e.Key)
	}
	return out
}

func TestCheck(t *testing.T) {
	ro := mustBuiltin(t, RuleSetRoLaw52)
	pub := at(agora.RO, d(2026, 3, 2), 10, 0)
	good := Schedule{Country: agora.RO, Published: pub, CommentsClose: d(2026, 3, 12), EarliestAdoption: d(2026, 4, 15)}
	debate := func(ann Date, annH int, held Date) Debate {
		return Debate{AnnouncedAt: at(agora.RO, ann, annH, 0), HeldAt: at(agora.RO, held, 17, 0)}
	}
	for _, tt := range []struct {
		name string
		edit func(*Schedule)
		want []string
	}{
		{"good", func(*Schedule) {}, nil},
		{"longer is fine", func(s *Schedule) { s.CommentsClose = d(2026, 3, 31); s.EarliestAdoption = d(2026, 6, 1) }, nil},
		{"comments a day short", func(s *Schedule) { s.CommentsClose = d(2026, 3, 11) },
			[]string{"comments_close_on=legal.violation.comment_period_too_short"}},
		{"adoption a day early", func(s *Schedule) { s.EarliestAdoption = d(2026, 4, 14) },
			[]string{"earliest_adoption=legal.violation.adoption_too_early"}},
		{"both and crossing", func(s *Schedule) { s.CommentsClose = d(2026, 3, 5); s.EarliestAdoption = d(2026, 3, 4) },
			[]string{"comments_close_on=legal.violation.comment_period_too_short", "earliest_adoption=legal.violation.adoption_too_early",
				"comments_close_on=legal.violation.comments_close_after_adoption"}},
		{"missing dates", func(s *Schedule) { s.CommentsClose = Date{}; s.EarliestAdoption = Date{} },
			[]string{"comments_close_on=legal.violation.comments_close_required", "earliest_adoption=legal.violation.earliest_adoption_required"}},
		{"not published", func(s *Schedule) { s.Published = time.Time{} }, []string{"opens_on=legal.violation.published_required"}},
		{"other country", func(s *Schedule) { s.Country = agora.PL }, []string{"rule_set_id=legal.violation.country_mismatch"}},
		{"debate on time", func(s *Schedule) { s.Debates = []Debate{debate(d(2026, 3, 5), 9, d(2026, 3, 8))} }, nil},
		{"debate at the 10-day limit", func(s *Schedule) { s.Debates = []Debate{debate(d(2026, 3, 5), 9, d(2026, 3, 15))} }, nil},
		{"debate notice 2 days", func(s *Schedule) { s.Debates = []Debate{debate(d(2026, 3, 5), 9, d(2026, 3, 7))} },
			[]string{"debate_date=legal.violation.debate_notice_too_short"}},
		// Announced at 23:30 local: the notice still counts from that day.
		{"debate notice late in the day", func(s *Schedule) { s.Debates = []Debate{debate(d(2026, 3, 5), 23, d(2026, 3, 8))} }, nil},
		{"debate 11 days later", func(s *Schedule) { s.Debates = []Debate{debate(d(2026, 3, 5), 9, d(2026, 3, 16))} },
			[]string{"debate_date=legal.violation.debate_too_late"}},
		{"debate before announcement", func(s *Schedule) {
			s.Debates = []Debate{{AnnouncedAt: at(agora.RO, d(2026, 3, 5), 18, 0), HeldAt: at(agora.RO, d(2026, 3, 5), 17, 0)}}
		}, []string{"debate_date=legal.violation.debate_before_announcement"}},
		{"debate without dates", func(s *Schedule) { s.Debates = []Debate{{}} }, []string{"debate_date=legal.violation.debate_date_required"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := good
			tt.edit(&s)
			v := ro.Check(s)
			if got := violations(v); !slices.Equal(got, tt.want) {
				t.Errorf("Check = %q, want %q", got, tt.want)
			}
			for _, e := range v {
				if e.Kind != agora.Invalid || e.Field == "" {
					t.Errorf("%v: kind %v field %q", e, e.Kind, e.Field)
				}
			}
		})
	}
}

func TestCheckArgs(t *testing.T) {
	ro := mustBuiltin(t, RuleSetRoLaw52)
	s := Schedule{Country: agora.RO, Published: at(agora.RO, d(2026, 3, 31), 10, 0),
		CommentsClose: d(2026, 4, 10), EarliestAdoption: d(2026, 5, 1),
		Debates: []Debate{{}, {AnnouncedAt: at(agora.RO, d(2026, 4, 1), 9, 0), HeldAt: at(agora.RO, d(2026, 4, 2), 9, 0)}}}
	v := ro.Check(s)
	if len(v) != 4 {
		t.Fatalf("Check = %v", violations(v))
	}
	// Ten days reach Good Friday: the period runs to Tuesday 14 April.
	if v[0].Key != "legal.violation.comment_period_too_short" || v[0].Args["min"] != 10 ||
		!v[0].Args["earliest"].(time.Time).Equal(d(2026, 4, 14).Noon()) {
		t.Errorf("comments: %v %v", v[0].Key, v[0].Args)
	}
	if v[1].Key != "legal.violation.adoption_too_early" || v[1].Args["min"] != 30 ||
		!v[1].Args["earliest"].(time.Time).Equal(AddWorkingDays(agora.RO, d(2026, 3, 31), 30).Noon()) {
		t.Errorf("adoption: %v %v", v[1].Key, v[1].Args)
	}
	if v[2].Key != "legal.violation.debate_date_required" || v[2].Args["index"] != 1 {
		t.Errorf("debate 1: %v %v", v[2].Key, v[2].Args)
	}
	if v[3].Key != "legal.violation.debate_notice_too_short" || v[3].Args["index"] != 2 || v[3].Args["min"] != 3 ||
		!v[3].Args["earliest"].(time.Time).Equal(d(2026, 4, 4).Noon()) {
		t.Errorf("debate 2: %v %v", v[3].Key, v[3].Args)
	}
}

func TestCheckPolish(t *testing.T) {
	gov := mustBuiltin(t, RuleSetPlGovernment)
	pub := at(agora.PL, d(2026, 5, 25), 9, 0)
	// Ten days reach Corpus Christi, 4 June 2026: the minimum runs to
	// Friday 5 June, though the default proposes 21 days.
	s := Schedule{Country: agora.PL, Published: pub, CommentsClose: d(2026, 6, 4)}
	if got := violations(gov.Check(s)); !slices.Equal(got, []string{"comments_close_on=legal.violation.comment_period_too_short"}) {
		t.Errorf("Check = %q", got)
	}
	s.CommentsClose = d(2026, 6, 5)
	if v := gov.Check(s); v != nil {
		t.Errorf("Check = %q", violations(v))
	}
	// No adoption term: a missing adoption date is no violation, an
	// adoption before comments close is.
	s.EarliestAdoption = d(2026, 6, 1)
	if got := violations(gov.Check(s)); !slices.Equal(got, []string{"comments_close_on=legal.violation.comments_close_after_adoption"}) {
		t.Errorf("Check = %q", got)
	}
}

func TestScheduleJSON(t *testing.T) {
	s := mustBuiltin(t, RuleSetRoLaw52).Defaults(at(agora.RO, d(2026, 3, 2), 10, 0))
	s.Debates = []Debate{{AnnouncedAt: at(agora.RO, d(2026, 3, 5), 9, 0), HeldAt: at(agora.RO, d(2026, 3, 9), 17, 0)}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Schedule
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.CommentsClose != s.CommentsClose || back.EarliestAdoption != s.EarliestAdoption || !back.Published.Equal(s.Published) ||
		len(back.Debates) != 1 || !back.Debates[0].HeldAt.Equal(s.Debates[0].HeldAt) {
		t.Errorf("round trip %s → %+v", b, back)
	}
}

package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// How the directory stays fast (the target is p99 ≤ 25 ms per page at
// 50,000 people on SQLite; BenchmarkPeopleDirectory measures it):
//
//   - Pages come from walking profiles_directory (or profiles_place for a
//     region) in name order and stopping after one page. Those indexes
//     hold every column a filter tests (country, the type and language
//     bit masks, the visibilities), so filtering never reads table rows.
//   - A search word or a domain is tested by probing another table, which
//     costs about a microsecond a person. When the word or domain is rare
//     (fewer than driverMax rows), the query starts from its few people
//     instead and sorts them.
//   - The count stops at MaxPeopleCount, so a common filter does not make
//     every page visit the whole directory.
const (
	driverMax = 5000
	// MaxPeopleCount caps PeoplePage.Total; a page says "more than" past it.
	MaxPeopleCount = 1000
)

// directoryQuery is the FROM and WHERE of a directory query over profiles
// p, and their values.
type directoryQuery struct {
	from, where string
	args        sqlArgs
	// driven says a rare word or domain drove the query, so it matches
	// fewer people than the drive limit.
	driven bool
}

// planDirectory builds the query for f as viewer sees the directory. Each
// filter is paired with the visibility of the field it matches. A word or
// domain with fewer than drive rows drives the query (tests pass 0 to
// force the index walk).
func planDirectory(ctx context.Context, tx *Tx, viewer *agora.User, f agora.PeopleFilter, drive int) (directoryQuery, error) {
	var q directoryQuery
	a := &q.args
	aud := agora.ProfileAudience(viewer, "")
	self := ""
	if viewer != nil && aud == agora.VisMembers {
		self = viewer.ID
	}
	visible := func(col string) string {
		var cond string
		switch aud {
		case agora.VisPrivate:
			return ""
		case agora.VisMembers:
			cond = col + " IN ('public', 'members')"
		default:
			cond = col + " = 'public'"
		}
		if self != "" {
			cond = "(" + cond + " OR p.user_id = " + a.add(self) + ")"
		}
		return cond
	}
	conds := []string{"p.listed = TRUE", "p.active = TRUE"}
	add := func(c, vis string) {
		conds = append(conds, c)
		if vis != "" {
			conds = append(conds, vis)
		}
	}

	words := searchTerms(f.Query, maxQueryWords)
	if f.Region != "" {
		// A region is a short, ordered range of profiles_place; starting
		// elsewhere would also let SQLite probe that range once per
		// driving row.
		drive = 0
	}
	driver, err := pickDriver(ctx, tx, words, f.Domain, drive)
	if err != nil {
		return q, err
	}
	q.from = "profiles p"
	// CROSS JOIN makes SQLite, whose planner has no statistics to know
	// the word or domain is rare, start from it; PostgreSQL plans it as
	// a plain join.
	q.driven = driver != driveIndex
	longest := ""
	switch driver {
	case driveWord:
		// c.in_name says the word is in the name; otherwise it was found
		// in the bio, which must then be visible (checked below).
		longest = slices.MaxFunc(words, func(x, y string) int { return len(x) - len(y) })
		q.from = `(SELECT x.user_id, MAX(CASE WHEN x.field = 'name' THEN 1 ELSE 0 END) AS in_name FROM profile_terms x
			WHERE x.field IN ('name', 'bio') AND ` + termMatch("x.term", longest, a) + ` GROUP BY x.user_id) c CROSS JOIN profiles p`
		conds = append(conds, "p.user_id = c.user_id")
	case driveDomain:
		q.from = "profile_domains c CROSS JOIN profiles p"
		conds = append(conds, "c.domain_slug = "+a.add(f.Domain), "p.user_id = c.user_id")
	}

	if f.Type != "" {
		add(`(p.types_mask & `+a.add(typeMask([]string{string(f.Type)}))+`) <> 0`, visible("p.vis_types"))
	}
	switch {
	case f.Region != "":
		add(`p.place = `+a.add(string(f.Country)+"-"+f.Region), visible("p.vis_region"))
	case f.Country != "":
		// No index starts with country on purpose: half the directory
		// shares a country, so walking the name index and checking it is
		// cheaper than sorting every match.
		add(`p.country = `+a.add(string(f.Country)), visible("p.vis_region"))
	}
	if f.Domain != "" {
		c := "TRUE" // when the join already chose the domain's people
		if driver != driveDomain {
			c = "p.user_id IN (SELECT d.user_id FROM profile_domains d WHERE d.domain_slug = " + a.add(f.Domain) + ")"
		}
		add(c, visible("p.vis_domains"))
	}
	if f.Language != "" {
		add(`(p.languages_mask & `+a.add(languageMask([]string{f.Language}))+`) <> 0`, visible("p.vis_languages"))
	}
	bioVis := ""
	if len(words) > 0 {
		bioVis = visible("p.vis_bio")
	}
	for _, w := range words {
		if w == longest {
			if bioVis != "" {
				conds = append(conds, "(c.in_name = 1 OR "+bioVis+")")
			}
			continue
		}
		match := termMatch("x.term", w, a)
		term := func(field string) string {
			return `p.user_id IN (SELECT x.user_id FROM profile_terms x WHERE x.field = '` + field + `' AND ` + match + `)`
		}
		bio := term("bio")
		if bioVis != "" {
			bio = "(" + bioVis + " AND " + bio + ")"
		}
		conds = append(conds, "("+term("name")+" OR "+bio+")")
	}
	q.where = strings.Join(conds, " AND ")
	return q, nil
}

type driver int

const (
	driveIndex driver = iota
	driveWord
	driveDomain
)

// pickDriver decides where a directory query starts: from the people of
// the longest search word or of the domain when they are fewer than max,
// else from the name index. Counting stops at max, so asking costs little.
func pickDriver(ctx context.Context, tx *Tx, words []string, domain string, max int) (driver, error) {
	best, bestN := driveIndex, max
	if max <= 0 {
		return best, nil
	}
	if len(words) > 0 {
		w := slices.MaxFunc(words, func(x, y string) int { return len(x) - len(y) })
		var n int
		var a sqlArgs
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM profile_terms x WHERE x.field IN ('name', 'bio')
			AND `+termMatch("x.term", w, &a)+` LIMIT `+a.add(max)+`) n`, a.vals...).Scan(&n)
		if err != nil {
			return best, fmt.Errorf("store: plan people: %w", err)
		}
		if n < bestN {
			best, bestN = driveWord, n
		}
	}
	if domain != "" {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM profile_domains WHERE domain_slug = $1 LIMIT $2) n`,
			domain, max).Scan(&n)
		if err != nil {
			return best, fmt.Errorf("store: plan people: %w", err)
		}
		if n < bestN {
			best = driveDomain
		}
	}
	return best, nil
}

// MinPrefixRunes is the shortest search word matched as the beginning of
// longer words; shorter words must match whole words, since "ma" would
// otherwise find a fifth of the directory and say nothing.
const MinPrefixRunes = 3

// termMatch returns the condition that col matches the search word w:
// as a prefix, by an index range in byte order, or exactly when short.
func termMatch(col, w string, a *sqlArgs) string {
	if utf8.RuneCountInString(w) < MinPrefixRunes {
		return col + " = " + a.add(w)
	}
	return col + " >= " + a.add(w) + " AND " + col + " < " + a.add(w+string(utf8.MaxRune))
}

package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// Sort orders of the public consultation list.
const (
	// SortClosing puts the deadline nearest first: what a participant
	// must act on now.
	SortClosing = "closing"
	// SortNewest puts the latest published first.
	SortNewest = "newest"
)

// ConsultationFilter selects published consultations for the public list,
// the feed and the calendar. Empty fields do not filter. Drafts are never
// listed.
type ConsultationFilter struct {
	OrgID   string
	Country agora.Country
	ActKind string
	Domain  string
	// Region is a region code of Country (consultation_regions).
	Region string
	// Phase is computed with the store clock: upcoming, open, closed,
	// answered or reported.
	Phase agora.Phase
	// Query: every word must occur in the folded title, authority name
	// or summary, as typed or as its Romanian or Polish stem.
	Query string
	// Sort is SortClosing or SortNewest; "" picks SortClosing for the
	// open and upcoming phases and SortNewest otherwise.
	Sort   string
	Cursor string
	Limit  int
}

// SortOrDefault returns the sort the list uses for f.
func (f ConsultationFilter) SortOrDefault() string {
	if f.Sort != "" {
		return f.Sort
	}
	if f.Phase == agora.PhaseOpen || f.Phase == agora.PhaseUpcoming {
		return SortClosing
	}
	return SortNewest
}

// ConsultationListPage is one page of the public list.
type ConsultationListPage struct {
	Items []agora.Consultation
	// Total counts every consultation the filter matches.
	Total int
	// Next and Prev are cursors for the neighbouring pages, "" at either end.
	Next, Prev string
	// Now is the clock reading the phases were computed with.
	Now time.Time
}

// consultationCursor is a position in the list's order: the sort key
// (closing or publication instant) and the id. Back pages backwards.
type consultationCursor struct {
	Sort string    `json:"s"`
	T    time.Time `json:"t"`
	ID   string    `json:"i"`
	Back bool      `json:"b,omitempty"`
}

func (c consultationCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeConsultationCursor(s, sort string) (consultationCursor, error) {
	var c consultationCursor
	var err error
	if len(s) > 512 {
		err = fmt.Errorf("cursor too long")
	}
	var b []byte
	if err == nil {
		b, err = base64.RawURLEncoding.DecodeString(s)
	}
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || c.Sort != sort {
		return c, agora.FieldError("cursor", "consultation_follow.error.cursor", nil)
	}
	return c, nil
}

// consultationSearchWords bounds how many words of a query become conditions.
const consultationSearchWords = 8

// MaxConsultationListPage bounds ConsultationFilter.Limit.
const MaxConsultationListPage = 100

// ListConsultations returns one page of published consultations matching
// f, with keyset pagination: the cursor names the last row seen, so
// pages neither skip nor repeat rows when consultations are published
// meanwhile. Invalid ("cursor") for a cursor this method did not make
// or made for another sort order.
func (s *Store) ListConsultations(ctx context.Context, f ConsultationFilter) (ConsultationListPage, error) {
	if f.Limit <= 0 || f.Limit > MaxConsultationListPage {
		f.Limit = 20
	}
	sort := f.SortOrDefault()
	if sort != SortClosing && sort != SortNewest {
		return ConsultationListPage{}, agora.FieldError("sort", "field.invalid_choice", nil)
	}
	var cur consultationCursor
	if f.Cursor != "" {
		var err error
		if cur, err = decodeConsultationCursor(f.Cursor, sort); err != nil {
			return ConsultationListPage{}, err
		}
	}
	var p ConsultationListPage
	err := s.read(ctx, func(tx *Tx) error {
		p = ConsultationListPage{Now: tx.Now}
		var a sqlArgs
		where := consultationWhere(f, tx.Now, &a)
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM consultations c JOIN organisations o ON o.id = c.org_id WHERE `+where,
			a.vals...).Scan(&p.Total); err != nil {
			return fmt.Errorf("store: count consultations: %w", err)
		}
		key, asc := "c.comments_close", true
		if sort == SortNewest {
			key, asc = "c.published_at", false
		}
		forward := asc != cur.Back
		dir := map[bool]string{true: "", false: " DESC"}[forward]
		if f.Cursor != "" {
			op := map[bool]string{true: ">", false: "<"}[forward]
			t := a.add(cur.T)
			where += ` AND (` + key + ` ` + op + ` ` + t + ` OR (` + key + ` = ` + t + ` AND c.id ` + op + ` ` + a.add(cur.ID) + `))`
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+consultationColumns(tx.Dialect())+consultationFrom+` WHERE `+where+
			` ORDER BY `+key+dir+`, c.id`+dir+` LIMIT `+a.add(f.Limit+1), a.vals...)
		if err != nil {
			return fmt.Errorf("store: list consultations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConsultation(rows)
			if err != nil {
				return err
			}
			p.Items = append(p.Items, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		more := len(p.Items) > f.Limit
		if more {
			p.Items = p.Items[:f.Limit]
		}
		if cur.Back {
			slices.Reverse(p.Items)
		}
		if n := len(p.Items); n > 0 {
			keyOf := func(c agora.Consultation) time.Time {
				if sort == SortNewest && c.PublishedAt != nil {
					return *c.PublishedAt
				}
				return c.CommentsClose
			}
			first := consultationCursor{Sort: sort, T: keyOf(p.Items[0]), ID: p.Items[0].ID, Back: true}
			last := consultationCursor{Sort: sort, T: keyOf(p.Items[n-1]), ID: p.Items[n-1].ID}
			if cur.Back {
				p.Next = last.encode() // we came from it
				if more {
					p.Prev = first.encode()
				}
			} else {
				if more {
					p.Next = last.encode()
				}
				if f.Cursor != "" {
					p.Prev = first.encode()
				}
			}
		}
		return nil
	})
	return p, err
}

// consultationWhere builds the filter conditions of f at instant now over
// consultations c joined with organisations o.
func consultationWhere(f ConsultationFilter, now time.Time, a *sqlArgs) string {
	conds := []string{"c.state <> 'draft'"}
	switch f.Phase {
	case agora.PhaseUpcoming:
		conds = append(conds, "c.state = 'published'", "c.opens_at > "+a.add(now))
	case agora.PhaseOpen:
		n := a.add(now)
		conds = append(conds, "c.state = 'published'", "c.opens_at <= "+n, "c.comments_close >= "+n)
	case agora.PhaseClosed:
		conds = append(conds, "c.state = 'published'", "c.comments_close < "+a.add(now))
	case agora.PhaseAnswered:
		conds = append(conds, "c.state = 'answered'")
	case agora.PhaseReported:
		conds = append(conds, "c.state = 'reported'")
	}
	if f.OrgID != "" {
		conds = append(conds, "c.org_id = "+a.add(f.OrgID))
	}
	if f.Country != "" {
		conds = append(conds, "c.country = "+a.add(string(f.Country)))
	}
	if f.ActKind != "" {
		conds = append(conds, "c.act_kind = "+a.add(f.ActKind))
	}
	if f.Domain != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM consultation_domains cd WHERE cd.consultation_id = c.id AND cd.domain_slug = "+a.add(f.Domain)+")")
	}
	if f.Region != "" {
		conds = append(conds, "EXISTS (SELECT 1 FROM consultation_regions cr WHERE cr.consultation_id = c.id AND cr.region_code = "+a.add(f.Region)+")")
	}
	for _, alts := range ConsultationSearchForms(f.Query) {
		var ors []string
		for _, w := range alts {
			ors = append(ors, "c.search_fold LIKE "+a.add("%"+escapeLike(w)+"%")+` ESCAPE '\'`)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	return strings.Join(conds, " AND ")
}

// minStemRunes is the shortest stem used as a search form: shorter
// stems ("ca") would match nearly every text.
const minStemRunes = 4

// ConsultationSearchForms turns a query into its words, each with the
// forms that may match it in search_fold: the folded word itself and its
// Romanian and Polish stems, so "consultări" finds "consultare" and
// "konsultacji" finds "konsultacje". Stop words are dropped; at most
// consultationSearchWords words are kept.
func ConsultationSearchForms(q string) [][]string {
	var out [][]string
	for _, w := range searchTerms(q, consultationSearchWords) {
		forms := []string{w}
		for _, lang := range []search.Lang{search.Romanian, search.Polish} {
			if st := search.Term(w, lang); utf8.RuneCountInString(st) >= minStemRunes {
				forms = append(forms, st)
			}
		}
		// A form inside another matches all the other does: keep the
		// shorter only, so "consult" replaces "consultari".
		forms = uniq(forms)
		var kept []string
		for i, f := range forms {
			redundant := false
			for j, g := range forms {
				if i != j && g != f && strings.Contains(f, g) {
					redundant = true
				}
			}
			if !redundant {
				kept = append(kept, f)
			}
		}
		forms = kept
		out = append(out, forms)
	}
	return out
}

// ConsultationAuthority is an authority with public consultations, for
// the list's filter.
type ConsultationAuthority struct {
	ID, Name string
	Country  agora.Country
}

// ConsultationAuthorities lists the authorities that have at least one
// public consultation, by folded name.
func (s *Store) ConsultationAuthorities(ctx context.Context) ([]ConsultationAuthority, error) {
	var out []ConsultationAuthority
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.name, o.country FROM organisations o
			WHERE EXISTS (SELECT 1 FROM consultations c WHERE c.org_id = o.id AND c.state <> 'draft')
			ORDER BY o.name_fold, o.id`)
		if err != nil {
			return fmt.Errorf("store: consultation authorities: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a ConsultationAuthority
			var c string
			if err := rows.Scan(&a.ID, &a.Name, &c); err != nil {
				return err
			}
			a.Country = agora.Country(c)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// ConsultationDebates returns the public debates of the given
// consultations by consultation id, in date order, in one statement, for
// the calendar feeds. Debates closed to the public are left out.
func (s *Store) ConsultationDebates(ctx context.Context, consultationIDs []string) (map[string][]agora.Debate, error) {
	out := map[string][]agora.Debate{}
	if len(consultationIDs) == 0 {
		return out, nil
	}
	err := s.read(ctx, func(tx *Tx) error {
		var a sqlArgs
		rows, err := tx.QueryContext(ctx, `SELECT id, consultation_id, starts_at, place, online_url, notice, announced_at
			FROM debates WHERE closed = FALSE AND consultation_id IN `+a.in(consultationIDs)+` ORDER BY starts_at, id`, a.vals...)
		if err != nil {
			return fmt.Errorf("store: consultation debates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var d agora.Debate
			if err := rows.Scan(&d.ID, &d.ConsultationID, &d.StartsAt, &d.Place, &d.OnlineURL, &d.Notice, &d.AnnouncedAt); err != nil {
				return err
			}
			d.StartsAt, d.AnnouncedAt = d.StartsAt.UTC(), d.AnnouncedAt.UTC()
			out[d.ConsultationID] = append(out[d.ConsultationID], d)
		}
		return rows.Err()
	})
	return out, err
}

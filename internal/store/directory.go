package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// PeoplePage is one page of the people directory.
type PeoplePage struct {
	// People are already reduced to what the viewer may see.
	People []agora.Profile
	// Total counts every match of the filter, not just this page.
	Total int
	// Next and Prev are cursors for PeopleFilter.After and .Before; ""
	// when there is no such page.
	Next, Prev string
}

// ListPeople returns a page of the people directory: profiles that were
// saved, are listed, and whose account is verified and not disabled,
// ordered by folded display name. Every filter matches only fields the
// viewer may see, so that filtering cannot reveal a hidden value: a
// member with a private region never matches a region filter, a query
// never matches a bio hidden from the viewer. The person themself sees
// their own fields; platform admins see all.
//
// Pagination is by keyset on (folded name, user id): pages neither repeat
// nor skip people when others join meanwhile. It returns Invalid for a
// filter that fails PeopleFilter.Validate or a malformed cursor ("after"
// or "before", "people.cursor.invalid").
func (s *Store) ListPeople(ctx context.Context, viewer *agora.User, f agora.PeopleFilter) (PeoplePage, error) {
	if err := f.Validate(); err != nil {
		return PeoplePage{}, err
	}
	var page PeoplePage
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		page, err = listPeople(ctx, tx, viewer, f)
		return err
	})
	return page, err
}

func listPeople(ctx context.Context, tx *Tx, viewer *agora.User, f agora.PeopleFilter) (PeoplePage, error) {
	var page PeoplePage
	var a sqlArgs
	where := directoryWhere(viewer, f, &a)

	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM profiles p WHERE `+where, a.vals...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count people: %w", err)
	}

	backward := f.Before != ""
	cursor, order := f.After, "ASC"
	if backward {
		cursor, order = f.Before, "DESC"
	}
	if cursor != "" {
		name, id, ok := decodePeopleCursor(cursor)
		if !ok {
			field := "after"
			if backward {
				field = "before"
			}
			return page, agora.FieldError(field, "people.cursor.invalid", nil)
		}
		op := ">"
		if backward {
			op = "<"
		}
		where += fmt.Sprintf(" AND (p.name_fold, p.user_id) %s (%s, %s)", op, a.add(name), a.add(id))
	}
	q := `SELECT ` + profileColumns + `, p.user_id, u.display_name, p.name_fold
		FROM profiles p JOIN users u ON u.id = p.user_id
		WHERE ` + where + `
		ORDER BY p.name_fold ` + order + `, p.user_id ` + order + ` LIMIT ` + a.add(f.Limit+1)
	rows, err := tx.QueryContext(ctx, q, a.vals...)
	if err != nil {
		return page, fmt.Errorf("store: list people: %w", err)
	}
	defer rows.Close()
	var people []agora.Profile
	var folds []string
	for rows.Next() {
		var p agora.Profile
		var fold string
		if err := scanProfile(rows, &p, &p.UserID, &p.DisplayName, &fold); err != nil {
			return page, err
		}
		people = append(people, p)
		folds = append(folds, fold)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	rows.Close()

	more := len(people) > f.Limit
	if more {
		people, folds = people[:f.Limit], folds[:f.Limit]
	}
	if backward {
		slices.Reverse(people)
		slices.Reverse(folds)
	}
	if len(people) > 0 {
		first, last := 0, len(people)-1
		// Coming from a cursor means there is a page on the other side.
		hasPrev, hasNext := f.After != "", f.Before != ""
		if backward {
			hasPrev = more
		} else {
			hasNext = more
		}
		if hasPrev {
			page.Prev = encodePeopleCursor(folds[first], people[first].UserID)
		}
		if hasNext {
			page.Next = encodePeopleCursor(folds[last], people[last].UserID)
		}
	}

	byUser := make(map[string]*agora.Profile, len(people))
	for i := range people {
		byUser[people[i].UserID] = &people[i]
	}
	if err := loadProfileLists(ctx, tx, byUser); err != nil {
		return page, err
	}
	if err := loadAffiliations(ctx, tx, byUser); err != nil {
		return page, err
	}
	for i := range people {
		people[i] = people[i].VisibleTo(viewer)
	}
	page.People = people
	return page, nil
}

// directoryWhere builds the WHERE clause of a directory query over
// profiles p, adding its values to a. Each filter is paired with the
// visibility of the field it matches.
func directoryWhere(viewer *agora.User, f agora.PeopleFilter, a *sqlArgs) string {
	aud := agora.ProfileAudience(viewer, "")
	self := ""
	if viewer != nil && aud != agora.VisPrivate && aud != agora.VisPublic {
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
	if f.Type != "" {
		add(`p.user_id IN (SELECT t.user_id FROM profile_types t WHERE t.type = `+a.add(string(f.Type))+`)`, visible("p.vis_types"))
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
		add(`p.user_id IN (SELECT d.user_id FROM profile_domains d WHERE d.domain_slug = `+a.add(f.Domain)+`)`, visible("p.vis_domains"))
	}
	if f.Language != "" {
		add(`p.user_id IN (SELECT l.user_id FROM profile_languages l WHERE l.lang = `+a.add(f.Language)+`)`, visible("p.vis_languages"))
	}
	bioVis := ""
	for _, w := range searchTerms(f.Query, maxQueryWords) {
		lo, hi := a.add(w), a.add(w+string(utf8.MaxRune))
		term := func(field string) string {
			return `p.user_id IN (SELECT x.user_id FROM profile_terms x WHERE x.field = '` + field + `' AND x.term >= ` + lo + ` AND x.term < ` + hi + `)`
		}
		if bioVis == "" {
			bioVis = visible("p.vis_bio")
		}
		bio := term("bio")
		if bioVis != "" {
			bio = "(" + bioVis + " AND " + bio + ")"
		}
		conds = append(conds, "("+term("name")+" OR "+bio+")")
	}
	return strings.Join(conds, " AND ")
}

// A directory cursor is the folded name and the user id of the row it
// follows, NUL-separated, in unpadded base64url: opaque to people, and
// no database state to keep.
func encodePeopleCursor(nameFold, userID string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(nameFold + "\x00" + userID))
}

func decodePeopleCursor(c string) (nameFold, userID string, ok bool) {
	if len(c) > 1024 {
		return "", "", false
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || !utf8.Valid(b) {
		return "", "", false
	}
	nameFold, userID, ok = strings.Cut(string(b), "\x00")
	if !ok || !agora.ValidID(userID) || strings.ContainsRune(nameFold, 0) {
		return "", "", false
	}
	return nameFold, userID, true
}

// ProfileDomain is a domain of activity with its name in each language.
type ProfileDomain struct {
	Slug                   string
	NameRO, NamePL, NameEN string
}

// Name returns the domain's name in lang, Romanian when lang is unknown.
func (d ProfileDomain) Name(lang string) string {
	switch lang {
	case "pl":
		return d.NamePL
	case "en":
		return d.NameEN
	}
	return d.NameRO
}

// ProfileChoices are the options of the profile form and the directory
// filters that live in the database.
type ProfileChoices struct {
	// Regions are the level-1 administrative units of both countries,
	// Romania first, by name.
	Regions []agora.AdminUnit
	// Domains are in their configured order.
	Domains []ProfileDomain
}

// ProfileChoices returns the regions and domains to choose from. Either
// list is empty until the administrative units or the domains are
// imported.
func (s *Store) ProfileChoices(ctx context.Context) (ProfileChoices, error) {
	var c ProfileChoices
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT country, code, kind, name FROM admin_units WHERE level = 1
			ORDER BY CASE country WHEN 'RO' THEN 0 ELSE 1 END, name_fold, code`)
		if err != nil {
			return fmt.Errorf("store: regions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u := agora.AdminUnit{Level: 1}
			if err := rows.Scan(&u.Country, &u.Code, &u.Kind, &u.Name); err != nil {
				return err
			}
			u.Region = u.Code
			c.Regions = append(c.Regions, u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		drows, err := tx.QueryContext(ctx, `SELECT slug, name_ro, name_pl, name_en FROM domains ORDER BY position, slug`)
		if err != nil {
			return fmt.Errorf("store: domains: %w", err)
		}
		defer drows.Close()
		for drows.Next() {
			var d ProfileDomain
			if err := drows.Scan(&d.Slug, &d.NameRO, &d.NamePL, &d.NameEN); err != nil {
				return err
			}
			c.Domains = append(c.Domains, d)
		}
		return drows.Err()
	})
	return c, err
}

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
	// Total counts every match of the filter, not just this page, up
	// to MaxPeopleCount; More says there are more than that.
	Total int
	More  bool
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
		page, err = listPeople(ctx, tx, viewer, f, driverMax)
		return err
	})
	return page, err
}

// dirKey is a person's place in the directory order.
type dirKey struct{ fold, id string }

func (k dirKey) compare(o dirKey) int {
	if c := strings.Compare(k.fold, o.fold); c != 0 {
		return c
	}
	return strings.Compare(k.id, o.id)
}

func listPeople(ctx context.Context, tx *Tx, viewer *agora.User, f agora.PeopleFilter, drive int) (PeoplePage, error) {
	var page PeoplePage
	backward := f.Before != ""
	var cursor *dirKey
	if c := f.After + f.Before; c != "" {
		name, id, ok := decodePeopleCursor(c)
		if !ok {
			field := "after"
			if backward {
				field = "before"
			}
			return page, agora.FieldError(field, "people.cursor.invalid", nil)
		}
		cursor = &dirKey{name, id}
	}
	q, err := planDirectory(ctx, tx, viewer, f, drive)
	if err != nil {
		return page, err
	}

	var keys []dirKey
	var hasPrev, hasNext bool
	if q.driven || cursor == nil {
		// One query gives the count and the page: all matches when a
		// rare word or domain drove the query (fewer than drive by
		// construction), else the first MaxPeopleCount+1 in order.
		limit := MaxPeopleCount + 1
		if q.driven {
			limit = max(limit, drive+1)
		}
		all, err := directoryKeys(ctx, tx, q, nil, false, limit)
		if err != nil {
			return page, err
		}
		page.Total = len(all)
		start, end := 0, min(f.Limit, len(all))
		if cursor != nil && !backward {
			start, _ = slices.BinarySearchFunc(all, *cursor, func(k, c dirKey) int {
				if k.compare(c) <= 0 {
					return -1
				}
				return 1
			})
			end = min(start+f.Limit, len(all))
		} else if cursor != nil {
			end, _ = slices.BinarySearchFunc(all, *cursor, dirKey.compare)
			start = max(0, end-f.Limit)
		}
		keys, hasPrev, hasNext = all[start:end], start > 0, end < len(all)
	} else {
		var a sqlArgs
		a.vals = slices.Clone(q.args.vals)
		count := `SELECT COUNT(*) FROM (SELECT 1 FROM ` + q.from + ` WHERE ` + q.where + ` LIMIT ` + a.add(MaxPeopleCount+1) + `) n`
		if err := tx.QueryRowContext(ctx, count, a.vals...).Scan(&page.Total); err != nil {
			return page, fmt.Errorf("store: count people: %w", err)
		}
		keys, err = directoryKeys(ctx, tx, q, cursor, backward, f.Limit+1)
		if err != nil {
			return page, err
		}
		more := len(keys) > f.Limit
		if more {
			keys = keys[:f.Limit]
		}
		if backward {
			slices.Reverse(keys)
		}
		// Coming from a cursor means there is a page on its other side.
		hasPrev, hasNext = !backward || more, backward || more
	}
	if page.Total > MaxPeopleCount {
		page.Total, page.More = MaxPeopleCount, true
	}
	if len(keys) > 0 {
		if hasPrev {
			page.Prev = encodePeopleCursor(keys[0].fold, keys[0].id)
		}
		if hasNext {
			page.Next = encodePeopleCursor(keys[len(keys)-1].fold, keys[len(keys)-1].id)
		}
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	people, err := profilesByID(ctx, tx, ids)
	if err != nil {
		return page, err
	}
	for i := range people {
		people[i] = people[i].VisibleTo(viewer)
	}
	page.People = people
	return page, nil
}

// directoryKeys returns up to limit keys of q's matches in directory
// order after cursor (before it, in reverse order, when backward). It
// reads only the index, not whole rows.
func directoryKeys(ctx context.Context, tx *Tx, q directoryQuery, cursor *dirKey, backward bool, limit int) ([]dirKey, error) {
	var a sqlArgs
	a.vals = slices.Clone(q.args.vals)
	where, order := q.where, "ASC"
	if cursor != nil {
		op := ">"
		if backward {
			op, order = "<", "DESC"
		}
		where += fmt.Sprintf(" AND (p.name_fold, p.user_id) %s (%s, %s)", op, a.add(cursor.fold), a.add(cursor.id))
	}
	rows, err := tx.QueryContext(ctx, `SELECT p.user_id, p.name_fold FROM `+q.from+` WHERE `+where+
		` ORDER BY p.name_fold `+order+`, p.user_id `+order+` LIMIT `+a.add(limit), a.vals...)
	if err != nil {
		return nil, fmt.Errorf("store: list people: %w", err)
	}
	defer rows.Close()
	var keys []dirKey
	for rows.Next() {
		var k dirKey
		if err := rows.Scan(&k.id, &k.fold); err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, rows.Err()
}

// profilesByID loads whole profiles, in the order of ids.
func profilesByID(ctx context.Context, tx *Tx, ids []string) ([]agora.Profile, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var a sqlArgs
	rows, err := tx.QueryContext(ctx, `SELECT `+profileColumns+`, p.user_id, u.display_name
		FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.user_id IN `+a.in(ids), a.vals...)
	if err != nil {
		return nil, fmt.Errorf("store: load people: %w", err)
	}
	defer rows.Close()
	byUser := make(map[string]*agora.Profile, len(ids))
	for rows.Next() {
		p := new(agora.Profile)
		if err := scanProfile(rows, p, &p.UserID, &p.DisplayName); err != nil {
			return nil, err
		}
		byUser[p.UserID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if err := loadProfileExtras(ctx, tx, byUser); err != nil {
		return nil, err
	}
	out := make([]agora.Profile, 0, len(ids))
	for _, id := range ids {
		if p, ok := byUser[id]; ok {
			out = append(out, *p)
		}
	}
	return out, nil
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

package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// adminUnitBatch is how many units one INSERT carries: 500 rows of 11
// values stay far below both databases' parameter limits (SQLite 32,766,
// PostgreSQL 65,535) while cutting round trips 500-fold, which is what
// makes importing SIMC's 100,000 localities take seconds, not minutes.
const adminUnitBatch = 500

const adminUnitColumns = `country, code, parent_code, part_of, level, kind, name, nuts, region, postal`

// UpsertAdminUnits inserts or updates administrative units in one
// transaction and returns how many rows it inserted or changed, so a
// second import of the same data returns 0. It returns Invalid for a unit
// without a known country, a code or a level of 1 to 4.
func (s *Store) UpsertAdminUnits(ctx context.Context, units []agora.AdminUnit) (int, error) {
	return s.UpsertAdminUnitsFunc(ctx, units, nil)
}

// UpsertAdminUnitsFunc is UpsertAdminUnits calling progress (when not
// nil) after each batch with the number of units written so far, for a
// progress bar.
func (s *Store) UpsertAdminUnitsFunc(ctx context.Context, units []agora.AdminUnit, progress func(done int)) (int, error) {
	for _, u := range units {
		if !u.Country.Valid() || u.Code == "" || u.Level < 1 || u.Level > 4 || u.Name == "" {
			return 0, agora.Errorf(agora.Invalid, "error.invalid").Wrap(fmt.Errorf("admin unit %s/%d/%q", u.Country, u.Level, u.Code))
		}
	}
	changed := 0
	err := s.write(ctx, func(tx *Tx) error {
		changed = 0
		for start := 0; start < len(units); start += adminUnitBatch {
			batch := units[start:min(start+adminUnitBatch, len(units))]
			n, err := upsertAdminUnitBatch(ctx, tx, batch)
			if err != nil {
				return err
			}
			changed += n
			if progress != nil {
				progress(start + len(batch))
			}
		}
		return nil
	})
	return changed, err
}

func upsertAdminUnitBatch(ctx context.Context, tx *Tx, batch []agora.AdminUnit) (int, error) {
	var b strings.Builder
	b.WriteString(`INSERT INTO admin_units (country, code, parent_code, part_of, level, kind, name, name_fold, nuts, region, postal) VALUES `)
	args := make([]any, 0, len(batch)*11)
	for i, u := range batch {
		if i > 0 {
			b.WriteByte(',')
		}
		if tx.Dialect() == SQLite {
			// Anonymous "?" on purpose: SQLite treats "$1" as a named
			// parameter and looks names up in a list, which costs
			// O(n²) in parameters per statement — 20 s more for SIMC.
			b.WriteString("(?,?,?,?,?,?,?,?,?,?,?)")
		} else {
			n := len(args)
			fmt.Fprintf(&b, "($%d,$%d,$%d,$%d,$%d,$%d,$%d,$%d,$%d,$%d,$%d)", n+1, n+2, n+3, n+4, n+5, n+6, n+7, n+8, n+9, n+10, n+11)
		}
		args = append(args, string(u.Country), u.Code, u.ParentCode, u.PartOf, u.Level, u.Kind, u.Name, agora.Fold(u.Name), u.NUTS, u.Region, u.Postal)
	}
	// The WHERE clause skips rows that would not change, so the affected
	// count says what an import really did and a rerun writes nothing.
	b.WriteString(` ON CONFLICT (country, level, code) DO UPDATE SET
		parent_code = excluded.parent_code, part_of = excluded.part_of, kind = excluded.kind,
		name = excluded.name, name_fold = excluded.name_fold, nuts = excluded.nuts,
		region = excluded.region, postal = excluded.postal
		WHERE admin_units.parent_code <> excluded.parent_code OR admin_units.part_of <> excluded.part_of
		OR admin_units.kind <> excluded.kind OR admin_units.name <> excluded.name
		OR admin_units.nuts <> excluded.nuts OR admin_units.region <> excluded.region
		OR admin_units.postal <> excluded.postal`)
	res, err := tx.ExecContext(ctx, b.String(), args...)
	if err != nil {
		return 0, fmt.Errorf("store: upsert admin units: %w", err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

func scanAdminUnit(r rowScanner, extra ...any) (agora.AdminUnit, error) {
	var u agora.AdminUnit
	var country string
	dest := append([]any{&country, &u.Code, &u.ParentCode, &u.PartOf, &u.Level, &u.Kind, &u.Name, &u.NUTS, &u.Region, &u.Postal}, extra...)
	err := r.Scan(dest...)
	u.Country = agora.Country(country)
	return u, err
}

func queryAdminUnits(ctx context.Context, tx *Tx, q string, args ...any) ([]agora.AdminUnit, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: admin units: %w", err)
	}
	defer rows.Close()
	var out []agora.AdminUnit
	for rows.Next() {
		u, err := scanAdminUnit(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// AdminUnit returns the unit with the given code. Codes repeat across
// levels in Poland (a TERC gmina and a SIMC locality may share seven
// digits); the deepest level wins, since an address names a locality.
// NotFound with key "error.not_found" when there is none.
func (s *Store) AdminUnit(ctx context.Context, country agora.Country, code string) (agora.AdminUnit, error) {
	var u agora.AdminUnit
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = adminUnitByCode(ctx, tx, country, code)
		return err
	})
	return u, err
}

func adminUnitByCode(ctx context.Context, tx *Tx, country agora.Country, code string) (agora.AdminUnit, error) {
	u, err := scanAdminUnit(tx.QueryRowContext(ctx, `SELECT `+adminUnitColumns+` FROM admin_units
		WHERE country = $1 AND code = $2 ORDER BY level DESC LIMIT 1`, string(country), code))
	return u, notFound(err, "error.not_found")
}

// AdminUnitPath returns the unit with the given code (as AdminUnit
// chooses it) followed by its ancestors up to its county or voivodeship:
// locality, commune, county. NotFound when the unit does not exist.
func (s *Store) AdminUnitPath(ctx context.Context, country agora.Country, code string) ([]agora.AdminUnit, error) {
	var path []agora.AdminUnit
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		path, err = adminUnitPath(ctx, tx, country, code)
		return err
	})
	return path, err
}

func adminUnitPath(ctx context.Context, tx *Tx, country agora.Country, code string) ([]agora.AdminUnit, error) {
	u, err := adminUnitByCode(ctx, tx, country, code)
	if err != nil {
		return nil, err
	}
	path := []agora.AdminUnit{u}
	// A missing ancestor (data imported in part) ends the walk rather
	// than failing: the unit itself is still worth showing.
	for u.ParentCode != "" && u.Level > 1 && len(path) < 5 {
		p, err := scanAdminUnit(tx.QueryRowContext(ctx, `SELECT `+adminUnitColumns+` FROM admin_units
			WHERE country = $1 AND level = $2 AND code = $3`, string(country), u.Level-1, u.ParentCode))
		if err != nil {
			if agora.KindOf(notFound(err, "error.not_found")) == agora.NotFound {
				break
			}
			return nil, err
		}
		path = append(path, p)
		u = p
	}
	return path, nil
}

// Regions returns the counties and Bucharest (RO) or the voivodeships
// (PL) in name order; both countries, Romania first, when country is "".
// They are built into the schema, so the list is never empty.
func (s *Store) Regions(ctx context.Context, country agora.Country) ([]agora.AdminUnit, error) {
	var out []agora.AdminUnit
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryAdminUnits(ctx, tx, `SELECT `+adminUnitColumns+` FROM admin_units
			WHERE level = 1 AND ($1 = '' OR country = $1)
			ORDER BY CASE country WHEN 'RO' THEN 0 ELSE 1 END, name_fold, code`, string(country))
		return err
	})
	return out, err
}

// AdminUnitChildren returns the units one level below the unit (level,
// code), in name order. Parts of Polish localities are left out: they
// belong under their locality, not beside it.
func (s *Store) AdminUnitChildren(ctx context.Context, country agora.Country, level int, code string) ([]agora.AdminUnit, error) {
	var out []agora.AdminUnit
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryAdminUnits(ctx, tx, `SELECT `+adminUnitColumns+` FROM admin_units
			WHERE country = $1 AND level = $2 AND parent_code = $3 AND kind <> $4
			ORDER BY name_fold, code`, string(country), level+1, code, agora.KindCzescMiejscowosci)
		return err
	})
	return out, err
}

// UnitCandidate is a unit found by name, with the name of the unit above
// it so that the 40 villages called "Poiana" can be told apart.
type UnitCandidate struct {
	agora.AdminUnit
	ParentName string
}

// AdminUnitQuery selects units by the start of their name for a picker.
type AdminUnitQuery struct {
	Country agora.Country
	// Region limits to one county or voivodeship code; "" for all.
	Region string
	// Prefix is matched against the folded name: "iasi" finds "Iași",
	// "lodz" finds "Łódź".
	Prefix string
	// MinLevel and MaxLevel bound the levels; 0 means no bound.
	MinLevel, MaxLevel int
	Limit              int
}

// SearchAdminUnits returns units whose folded name starts with the folded
// prefix, shortest names first within equal prefixes (name order), each
// with its parent's name. Parts of Polish localities are left out.
func (s *Store) SearchAdminUnits(ctx context.Context, q AdminUnitQuery) ([]UnitCandidate, error) {
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 20
	}
	if q.MaxLevel == 0 {
		q.MaxLevel = 4
	}
	prefix := agora.Fold(strings.TrimSpace(q.Prefix))
	if prefix == "" {
		return nil, nil
	}
	var out []UnitCandidate
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = unitCandidates(ctx, tx, `u.name_fold LIKE $5 ESCAPE '\'`, q.Limit,
			string(q.Country), q.Region, q.MinLevel, q.MaxLevel, escapeLike(prefix)+"%")
		return err
	})
	return out, err
}

// unitCandidates runs a candidate query with the shared filters $1
// country, $2 region ("" for any), $3..$4 level bounds and the caller's
// name condition.
func unitCandidates(ctx context.Context, tx *Tx, nameCond string, limit int, args ...any) ([]UnitCandidate, error) {
	args = append(args, agora.KindCzescMiejscowosci, limit)
	n := len(args)
	rows, err := tx.QueryContext(ctx, `SELECT `+prefixed("u.", adminUnitColumns)+`, COALESCE(p.name, '')
		FROM admin_units u LEFT JOIN admin_units p
			ON p.country = u.country AND p.level = u.level - 1 AND p.code = u.parent_code
		WHERE u.country = $1 AND ($2 = '' OR u.region = $2) AND u.level BETWEEN $3 AND $4
			AND u.kind <> $`+fmt.Sprint(n-1)+` AND `+nameCond+`
		ORDER BY u.name_fold, u.level, u.code LIMIT $`+fmt.Sprint(n), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search admin units: %w", err)
	}
	defer rows.Close()
	var out []UnitCandidate
	for rows.Next() {
		var c UnitCandidate
		if c.AdminUnit, err = scanAdminUnit(rows, &c.ParentName); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MatchLocality finds the localities of a county or voivodeship called
// name, for address entry without JavaScript. exact is true when the
// candidates carry exactly the typed name (folded); otherwise they are
// the localities whose name starts with it, as suggestions. In Romania
// towns and communes (level 2) and localities (level 3) count, and a
// town is dropped when its own seat locality of the same name matched
// ("Iași" the municipality and "Iași" the locality are one place to a
// person); in Poland SIMC localities (level 4) count.
func (s *Store) MatchLocality(ctx context.Context, country agora.Country, region, name string) (cands []UnitCandidate, exact bool, err error) {
	fold := agora.Fold(strings.Join(strings.Fields(name), " "))
	if fold == "" {
		return nil, false, nil
	}
	minLevel, maxLevel := 2, 3
	if country == agora.PL {
		minLevel, maxLevel = 4, 4
	}
	const limit = 50
	err = s.read(ctx, func(tx *Tx) error {
		cands, err = unitCandidates(ctx, tx, `u.name_fold = $5`, limit, string(country), region, minLevel, maxLevel, fold)
		if err != nil || len(cands) > 0 {
			exact = len(cands) > 0
			return err
		}
		cands, err = unitCandidates(ctx, tx, `u.name_fold LIKE $5 ESCAPE '\'`, 20, string(country), region, minLevel, maxLevel, escapeLike(fold)+"%")
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return dropSeatDuplicates(cands), exact, nil
}

// dropSeatDuplicates removes a Romanian town or commune (level 2) when one
// of its own localities with the same folded name is also a candidate.
func dropSeatDuplicates(cands []UnitCandidate) []UnitCandidate {
	seat := map[string]bool{}
	for _, c := range cands {
		if c.Country == agora.RO && c.Level == 3 {
			seat[c.ParentCode+"\x00"+agora.Fold(c.Name)] = true
		}
	}
	return slices.DeleteFunc(cands, func(c UnitCandidate) bool {
		return c.Country == agora.RO && c.Level == 2 && seat[c.Code+"\x00"+agora.Fold(c.Name)]
	})
}

// escapeLike escapes the LIKE wildcards % and _ and the escape character
// itself, so user text matches literally (with ESCAPE '\').
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

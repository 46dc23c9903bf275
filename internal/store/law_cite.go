package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
)

// CitationTarget is where one citation leads. ActID is "" when the
// citation could not be tied to exactly one imported act (or, for a
// relative citation, to a unit of the act being read): such citations
// stay plain text.
type CitationTarget struct {
	ActID  string
	ActKey string
	Title  string
	// UnitKey is the anchor in the target: the cited unit, or the nearest
	// enclosing unit that exists ("art-5" for "art-5.par-9" when the
	// article has no paragraph 9); "" for the act as a whole.
	UnitKey string
	// Relative marks a provision of the act being read ("art. 5 ust. 2").
	Relative bool
}

// Resolved reports whether the citation leads somewhere.
func (t CitationTarget) Resolved() bool { return t.ActID != "" }

// actRef is what resolution needs to know of a candidate act.
type actRef struct {
	id, key, title, kind string
	version              int
}

// citeResolver resolves citations within one read transaction, caching
// acts by key and Polish acts by adoption date, so resolving every
// citation of a long act costs a handful of statements.
type citeResolver struct {
	tx     *Tx
	byKey  map[string]*actRef // nil value: looked up, not imported
	byID   map[string]*actRef
	byDate map[string][]actRef
	units  map[string]map[string]bool // act id → unit keys asked → exist
}

func newCiteResolver(tx *Tx) *citeResolver {
	return &citeResolver{tx: tx, byKey: map[string]*actRef{}, byID: map[string]*actRef{},
		byDate: map[string][]actRef{}, units: map[string]map[string]bool{}}
}

// ResolveCitations ties each citation to an imported act, in the order of
// cits: by act key; a Polish act cited by kind and date ("ustawa z dnia
// 24 kwietnia 2003 r. o …") by its adoption date, narrowed by kind and
// title words; a relative citation ("art. 5 ust. 2") to the unit of act
// selfActID (none when selfActID is ""). Ambiguous and unknown citations
// get a zero CitationTarget. The unit anchor falls back to the nearest
// enclosing unit that exists.
func (s *Store) ResolveCitations(ctx context.Context, cits []cite.Citation, selfActID string) ([]CitationTarget, error) {
	out := make([]CitationTarget, len(cits))
	if len(cits) == 0 {
		return out, nil
	}
	err := s.read(ctx, func(tx *Tx) error {
		r := newCiteResolver(tx)
		if err := r.preloadKeys(ctx, cits); err != nil {
			return err
		}
		for i, c := range cits {
			t, err := r.resolve(ctx, c, selfActID)
			if err != nil {
				return err
			}
			out[i] = t
		}
		return nil
	})
	return out, err
}

func (r *citeResolver) resolve(ctx context.Context, c cite.Citation, selfActID string) (CitationTarget, error) {
	var a *actRef
	var err error
	switch {
	case c.Relative():
		if selfActID == "" || c.Article == "" {
			return CitationTarget{}, nil
		}
		if a, err = r.actByID(ctx, selfActID); err != nil || a == nil {
			return CitationTarget{}, err
		}
	default:
		if a, err = r.actOf(ctx, c); err != nil || a == nil {
			return CitationTarget{}, err
		}
	}
	unit, err := r.existingUnit(ctx, a, c.UnitKey())
	if err != nil {
		return CitationTarget{}, err
	}
	if c.Relative() && unit == "" {
		// A provision the act does not have: no link beats a wrong one.
		return CitationTarget{}, nil
	}
	return CitationTarget{ActID: a.id, ActKey: a.key, Title: a.title, UnitKey: unit, Relative: c.Relative()}, nil
}

// actOf finds the act a non-relative citation names: by key, else by
// date. A Polish citation often gives both, the journal position being
// that of a consolidated text ("t.j. Dz. U. z 2023 r. poz. 571") rather
// than of the act, so the date is tried when the key is not imported.
func (r *citeResolver) actOf(ctx context.Context, c cite.Citation) (*actRef, error) {
	if c.ActKey != "" {
		a, err := r.actByKey(ctx, c.ActKey)
		if err != nil || a != nil {
			return a, err
		}
	}
	return r.actByDate(ctx, c)
}

const actRefColumns = `id, act_key, title, kind, version`

func scanActRefs(rows interface {
	Next() bool
	Scan(...any) error
	Err() error
}) ([]actRef, error) {
	var out []actRef
	for rows.Next() {
		var a actRef
		if err := rows.Scan(&a.id, &a.key, &a.title, &a.kind, &a.version); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// preloadKeys looks up every act key the citations name in one statement
// per few hundred keys.
func (r *citeResolver) preloadKeys(ctx context.Context, cits []cite.Citation) error {
	var keys []string
	for _, c := range cits {
		if _, seen := r.byKey[c.ActKey]; c.ActKey != "" && !seen {
			r.byKey[c.ActKey] = nil
			keys = append(keys, c.ActKey)
		}
	}
	for len(keys) > 0 {
		chunk := keys[:min(len(keys), 500)]
		keys = keys[len(chunk):]
		args := make([]any, len(chunk))
		ph := make([]string, len(chunk))
		for i, k := range chunk {
			args[i], ph[i] = k, "$"+strconv.Itoa(i+1)
		}
		rows, err := r.tx.QueryContext(ctx, `SELECT `+actRefColumns+` FROM law_acts WHERE act_key IN (`+strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return fmt.Errorf("store: resolve citations: %w", err)
		}
		as, err := scanActRefs(rows)
		rows.Close()
		if err != nil {
			return err
		}
		for i := range as {
			r.byKey[as[i].key], r.byID[as[i].id] = &as[i], &as[i]
		}
	}
	return nil
}

func (r *citeResolver) actByKey(ctx context.Context, key string) (*actRef, error) {
	if a, ok := r.byKey[key]; ok {
		return a, nil
	}
	if err := r.preloadKeys(ctx, []cite.Citation{{ActKey: key}}); err != nil {
		return nil, err
	}
	return r.byKey[key], nil
}

func (r *citeResolver) actByID(ctx context.Context, id string) (*actRef, error) {
	if a, ok := r.byID[id]; ok {
		return a, nil
	}
	rows, err := r.tx.QueryContext(ctx, `SELECT `+actRefColumns+` FROM law_acts WHERE id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("store: resolve citations: %w", err)
	}
	as, err := scanActRefs(rows)
	rows.Close()
	if err != nil || len(as) == 0 {
		r.byID[id] = nil
		return nil, err
	}
	r.byID[id], r.byKey[as[0].key] = &as[0], &as[0]
	return &as[0], nil
}

// actByDate resolves a Polish act cited by kind, date and title: the
// acts of that adoption date, those of the cited kind if any, then those
// whose folded title holds the first words of the cited title. Exactly
// one must remain.
func (r *citeResolver) actByDate(ctx context.Context, c cite.Citation) (*actRef, error) {
	if c.Date == "" {
		return nil, nil
	}
	cands, ok := r.byDate[c.Date]
	if !ok {
		rows, err := r.tx.QueryContext(ctx, `SELECT `+actRefColumns+` FROM law_acts
			WHERE jurisdiction = $1 AND adopted_on = $2 ORDER BY act_key`, string(agora.PL), c.Date)
		if err != nil {
			return nil, fmt.Errorf("store: resolve dated citation: %w", err)
		}
		cands, err = scanActRefs(rows)
		rows.Close()
		if err != nil {
			return nil, err
		}
		r.byDate[c.Date] = cands
	}
	return pickDated(cands, c), nil
}

// pickDated chooses among the acts of one date; nil when none or several
// fit.
func pickDated(cands []actRef, c cite.Citation) *actRef {
	var kind []actRef
	for _, a := range cands {
		if a.kind == c.Kind {
			kind = append(kind, a)
		}
	}
	if len(kind) > 0 {
		cands = kind
	}
	if words := titleWords(c.Title, 4); words != "" {
		var fit []actRef
		for _, a := range cands {
			if strings.Contains(foldSpaces(a.title), words) {
				fit = append(fit, a)
			}
		}
		cands = fit
	}
	if len(cands) != 1 {
		return nil
	}
	a := cands[0]
	return &a
}

// titleWords returns the first n words of a cited title, folded, so
// "o działalności pożytku publicznego i o wolontariacie" matches however
// the act's title spells its diacritics.
func titleWords(title string, n int) string {
	ws := strings.Fields(foldSpaces(title))
	return strings.Join(ws[:min(n, len(ws))], " ")
}

func foldSpaces(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(agora.Fold(s))), " ")
}

// existingUnit returns key, or the nearest enclosing unit of it, that the
// act's current version has; "" when none (or key is "").
func (r *citeResolver) existingUnit(ctx context.Context, a *actRef, key string) (string, error) {
	if key == "" {
		return "", nil
	}
	var cands []string
	for k := key; k != ""; {
		cands = append(cands, k)
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			break
		}
		k = k[:i]
	}
	known := r.units[a.id]
	if known == nil {
		known = map[string]bool{}
		r.units[a.id] = known
	}
	var ask []string
	for _, k := range cands {
		if _, ok := known[k]; !ok {
			ask = append(ask, k)
			known[k] = false
		}
	}
	if len(ask) > 0 {
		args := []any{a.id, a.version}
		ph := make([]string, len(ask))
		for i, k := range ask {
			args = append(args, k)
			ph[i] = "$" + strconv.Itoa(i+3)
		}
		rows, err := r.tx.QueryContext(ctx, `SELECT unit_key FROM law_units WHERE act_id = $1 AND version = $2
			AND unit_key IN (`+strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return "", fmt.Errorf("store: resolve citation unit: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return "", err
			}
			known[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", err
		}
	}
	for _, k := range cands {
		if known[k] {
			return k, nil
		}
	}
	return "", nil
}

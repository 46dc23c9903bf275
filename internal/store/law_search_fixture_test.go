package store

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
)

// testAct is an act written straight into law_acts/law_units, as the
// importer would, and indexed with indexLawAct in the same transaction.
type testAct struct {
	ID, Key, Jurisdiction, Kind, Title, Status, Adopted string
	Year                                                int
	Domains                                             []string
	Units                                               []agora.Unit
}

func writeTestAct(t *testing.T, s *Store, a testAct, version int) {
	t.Helper()
	ctx := context.Background()
	err := s.write(ctx, func(tx *Tx) error {
		if version == 1 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO law_acts (id, act_key, jurisdiction, kind, year, title, adopted_on,
				status, version, content_hash, imported_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, 'h', $9, $9)`,
				a.ID, a.Key, a.Jurisdiction, a.Kind, a.Year, a.Title, a.Adopted, a.Status, tx.Now); err != nil {
				return err
			}
			for _, d := range a.Domains {
				if _, err := tx.ExecContext(ctx, `INSERT INTO domains (slug, name_ro, name_pl, name_en) VALUES ($1, $1, $1, $1)
					ON CONFLICT (slug) DO NOTHING`, d); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO law_domains (act_id, domain_slug) VALUES ($1, $2)`, a.ID, d); err != nil {
					return err
				}
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE law_acts SET version = $1, title = $2 WHERE id = $3`, version, a.Title, a.ID); err != nil {
			return err
		}
		for i, u := range a.Units {
			if _, err := tx.ExecContext(ctx, `INSERT INTO law_units (act_id, version, position, unit_key, parent_key, kind, number,
				heading, text, depth) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				a.ID, version, i, u.Key, u.ParentKey, string(u.Kind), u.Number, u.Heading, u.Text, u.Depth); err != nil {
				return err
			}
		}
		return indexLawAct(ctx, tx, a.ID)
	})
	if err != nil {
		t.Fatalf("write act %s: %v", a.Key, err)
	}
}

func art(n, text string, children ...agora.Unit) []agora.Unit {
	us := []agora.Unit{{Key: "art-" + n, Kind: agora.UnitArticle, Number: n, Text: text, Depth: 1}}
	for _, c := range children {
		c.ParentKey = "art-" + n
		c.Depth = 2
		us = append(us, c)
	}
	return us
}

func par(key, n, text string) agora.Unit {
	return agora.Unit{Key: key, Kind: agora.UnitParagraph, Number: n, Text: text}
}

func concat(parts ...[]agora.Unit) []agora.Unit {
	var out []agora.Unit
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// searchFixture holds the same articles written with cedilla, with
// comma-below and without diacritics, plus Polish acts.
func searchFixture(t *testing.T) *Store {
	t.Helper()
	s := openForInternalTest(t)
	chapter := agora.Unit{Key: "cap-1", Kind: agora.UnitChapter, Number: "I", Heading: "Dispoziţii generale", Depth: 0}
	writeTestAct(t, s, testAct{ID: "a-cedilla", Key: "ro/lege/2003/52", Jurisdiction: "RO", Kind: "lege", Year: 2003, Adopted: "2003-01-21",
		Status: "in_force", Title: "LEGE nr. 52 din 21 ianuarie 2003 privind transparenţa decizională în administraţia publică",
		Domains: []string{"civic"},
		Units: concat([]agora.Unit{chapter},
			art("1", "Organizaţiile persoanelor cu dizabilităţi sunt consultate de autorităţi."),
			art("2", "", par("art-2.par-1", "(1)", "Consultarea publică asigură transparenţa decizională a autorităţilor."),
				par("art-2.par-2", "(2)", "Proiectele se publică pe pagina de internet.")),
		)}, 1)
	writeTestAct(t, s, testAct{ID: "a-comma", Key: "ro/hg/2016/1", Jurisdiction: "RO", Kind: "hg", Year: 2016, Adopted: "2016-01-06",
		Status: "amended", Title: "HOTĂRÂRE nr. 1 din 6 ianuarie 2016", Domains: []string{"civic", "social"},
		Units: art("1", "Organizațiile neguvernamentale ale persoanelor cu dizabilități primesc finanțare.")}, 1)
	writeTestAct(t, s, testAct{ID: "a-plain", Key: "ro/oug/2020/7", Jurisdiction: "RO", Kind: "oug", Year: 2020, Adopted: "2020-03-01",
		Status: "repealed", Title: "ORDONANTA DE URGENTA nr. 7 din 1 martie 2020",
		Units: art("3", "Organizatiile care reprezinta persoane cu dizabilitati pot transmite propuneri; decizionala este procedura.")}, 1)
	writeTestAct(t, s, testAct{ID: "a-pl", Key: "pl/du/2003/873", Jurisdiction: "PL", Kind: "du", Year: 2003, Adopted: "2003-04-24",
		Status: "in_force", Title: "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
		Domains: []string{"social"},
		Units: concat(
			art("1", "Ustawa reguluje zasady prowadzenia przez organizacje pozarządowe działalności pożytku publicznego."),
			art("20", "Organizacją pożytku publicznego może być organizacja pozarządowa prowadząca działalność statutową."),
			art("42", "Wolontariusz wykonuje świadczenia na rzecz organizacji pozarządowych."),
		)}, 1)
	return s
}

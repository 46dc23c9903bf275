package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/store"
)

// Size of the consultation the targets speak of.
const (
	ccUnitsArticles  = 30 // × (article + 9 paragraphs) = 300 units
	ccParagraphs     = 9
	ccComments       = 5000
	ccParticipants   = 500
	ccDataVersion    = 1
	ccTemplateFile   = "consultation-template.db"
	ccMarkerFile     = "agora-bench-consultation.json"
	ccPostgresSchema = "agora_bench_consultation"
)

// ccDataset is what a built benchmark database holds, kept beside it
// (SQLite) or in a table of the benchmark's own schema (PostgreSQL).
type ccDataset struct {
	Version int `json:"version"`
	// Page is the consultation of 300 units and 5,000 comments whose
	// page is read; Posting is an empty one the posting load writes to,
	// so that load leaves Page as it was.
	Page         string   `json:"page"`
	Posting      string   `json:"posting"`
	Officer      string   `json:"officer"`
	Participants []string `json:"participants"`
	Units        []string `json:"units"` // keys of the units that take comments
}

// generatedDraft is a Romanian draft of 30 articles of 9 paragraphs,
// written as an authority would paste it and parsed like one.
func generatedDraft() ([]agora.Unit, error) {
	var b strings.Builder
	b.WriteString("HOTĂRÂRE privind transparența decizională și participarea cetățenilor\n\n")
	for a := 1; a <= ccUnitsArticles; a++ {
		fmt.Fprintf(&b, "Art. %d. Dispoziții privind etapa %d a consultării\n", a, a)
		for p := 1; p <= ccParagraphs; p++ {
			fmt.Fprintf(&b, "(%d) Autoritatea publică asigură, în termen de %d zile lucrătoare, publicarea documentelor prevăzute la alineatul (%d), "+
				"inclusiv în format deschis, și răspunde motivat recomandărilor primite în scris.\n", p, 5*p, p)
		}
	}
	units, err := draft.ParseText(strings.NewReader(b.String()), draft.Options{Country: draft.CountryRO})
	if err != nil {
		return nil, err
	}
	// The title line before the first article is a preamble unit; the
	// issue's page has 300 units of the act itself.
	if len(units) > 0 && units[0].Kind != agora.UnitArticle {
		units = units[1:]
	}
	if len(units) != ccUnitsArticles*(1+ccParagraphs) {
		return nil, fmt.Errorf("bench: generated draft parsed into %d units, want %d", len(units), ccUnitsArticles*(1+ccParagraphs))
	}
	return units, nil
}

// ccStoreConfig is where the benchmark database lives: a file of the
// data directory, or a schema of its own in the PostgreSQL database.
func ccStoreConfig(c ccConfig, path string) store.Config {
	if c.DB != "" {
		return store.Config{URL: c.DB, Schema: ccPostgresSchema}
	}
	return store.Config{Path: path}
}

// prepareConsultationData makes the database the run measures and
// returns what it holds. On SQLite a built template is copied for every
// run, so each run starts from exactly 5,000 comments; on PostgreSQL the
// schema is reused while the page consultation still has 5,000 comments
// and rebuilt otherwise (an earlier run's posts added to it).
func prepareConsultationData(ctx context.Context, c ccConfig, log io.Writer) (ds ccDataset, built time.Duration, err error) {
	if c.DB != "" {
		return preparePostgresData(ctx, c, log)
	}
	if err := os.MkdirAll(c.Data, 0o700); err != nil {
		return ds, 0, err
	}
	tmpl, db := filepath.Join(c.Data, ccTemplateFile), filepath.Join(c.Data, "agora.db")
	b, mErr := os.ReadFile(filepath.Join(c.Data, ccMarkerFile))
	_, tErr := os.Stat(tmpl)
	switch {
	case mErr == nil:
		if err := json.Unmarshal(b, &ds); err != nil {
			return ds, 0, fmt.Errorf("bench: %s: %w", ccMarkerFile, err)
		}
	case !errors.Is(mErr, fs.ErrNotExist):
		return ds, 0, mErr
	default:
		if _, err := os.Stat(db); err == nil {
			return ds, 0, fmt.Errorf("bench: %s holds a database agora bench did not make; choose another --data", c.Data)
		}
	}
	if mErr != nil || tErr != nil || ds.Version != ccDataVersion {
		if err := removeSQLite(tmpl); err != nil {
			return ds, 0, err
		}
		start := time.Now()
		st, err := store.Open(ctx, store.Config{Path: tmpl, FastUnsafe: true})
		if err != nil {
			return ds, 0, err
		}
		ds, err = buildConsultationData(ctx, st, log)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return ds, 0, err
		}
		built = time.Since(start)
		b, _ = json.Marshal(ds)
		if err := os.WriteFile(filepath.Join(c.Data, ccMarkerFile), b, 0o600); err != nil {
			return ds, 0, err
		}
	}
	if err := removeSQLite(db); err != nil {
		return ds, 0, err
	}
	return ds, built, copySQLiteFile(tmpl, db)
}

func removeSQLite(path string) error {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func copySQLiteFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// preparePostgresData keeps the dataset in a schema of its own, with a
// marker table, so it never touches another schema's data.
func preparePostgresData(ctx context.Context, c ccConfig, log io.Writer) (ds ccDataset, built time.Duration, err error) {
	db, err := sql.Open("pgx", c.DB)
	if err != nil {
		return ds, 0, err
	}
	defer db.Close()
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.schemata WHERE schema_name = $1)`, ccPostgresSchema).Scan(&exists); err != nil {
		return ds, 0, err
	}
	if exists {
		var raw string
		err := db.QueryRowContext(ctx, `SELECT data FROM `+ccPostgresSchema+`.bench_marker`).Scan(&raw)
		if err != nil {
			return ds, 0, fmt.Errorf("bench: schema %s exists but agora bench did not make it (%v); drop it or use another database", ccPostgresSchema, err)
		}
		if err := json.Unmarshal([]byte(raw), &ds); err != nil {
			return ds, 0, err
		}
		var n int
		err = db.QueryRowContext(ctx, `SELECT comment_count FROM `+ccPostgresSchema+`.consultations WHERE id = $1`, ds.Page).Scan(&n)
		if err == nil && n == ccComments && ds.Version == ccDataVersion {
			return ds, 0, nil
		}
		fmt.Fprintf(log, "bench: the page consultation has %d comments; rebuilding schema %s\n", n, ccPostgresSchema)
		if _, err := db.ExecContext(ctx, `DROP SCHEMA `+ccPostgresSchema+` CASCADE`); err != nil {
			return ds, 0, err
		}
	}
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA `+ccPostgresSchema); err != nil {
		return ds, 0, err
	}
	start := time.Now()
	st, err := store.Open(ctx, ccStoreConfig(c, ""))
	if err != nil {
		return ds, 0, err
	}
	ds, err = buildConsultationData(ctx, st, log)
	st.Close()
	if err != nil {
		return ds, 0, err
	}
	raw, _ := json.Marshal(ds)
	if _, err := db.ExecContext(ctx, `CREATE TABLE `+ccPostgresSchema+`.bench_marker (data text NOT NULL)`); err != nil {
		return ds, 0, err
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO `+ccPostgresSchema+`.bench_marker (data) VALUES ($1)`, string(raw)); err != nil {
		return ds, 0, err
	}
	return ds, time.Since(start), nil
}

// buildConsultationData creates an authority with a verified officer,
// 500 participants, the page consultation (300 units, 5,000 comments,
// ten per participant) and the empty posting consultation, both open for
// two months.
func buildConsultationData(ctx context.Context, st *store.Store, log io.Writer) (ccDataset, error) {
	ds, err := openConsultations(ctx, st, ccParticipants)
	if err != nil {
		return ds, err
	}
	fmt.Fprintf(log, "bench: %d participants, writing %d comments\n", ccParticipants, ccComments)
	if err := seedComments(ctx, st, ds); err != nil {
		return ds, err
	}
	c, err := st.Consultation(ctx, ds.Page)
	if err != nil {
		return ds, err
	}
	if c.CommentCount != ccComments || c.ParticipantCount != ccParticipants {
		return ds, fmt.Errorf("bench: consultation has %d comments from %d participants, want %d from %d",
			c.CommentCount, c.ParticipantCount, ccComments, ccParticipants)
	}
	return ds, nil
}

// openConsultations creates an authority with a verified officer,
// participants people with verified email addresses, and two published
// consultations of the generated draft, open from an hour ago for two
// months.
func openConsultations(ctx context.Context, st *store.Store, participants int) (ccDataset, error) {
	ds := ccDataset{Version: ccDataVersion}
	units, err := generatedDraft()
	if err != nil {
		return ds, err
	}
	admin, err := st.CreateUser(ctx, store.NewUser{Email: "admin@bench.agora.test", DisplayName: "Administrator", Role: agora.RoleAdmin, EmailVerified: true})
	if err != nil {
		return ds, err
	}
	officer, err := st.CreateUser(ctx, store.NewUser{Email: "officer@bench.agora.test", DisplayName: "Ana Funcționar", EmailVerified: true})
	if err != nil {
		return ds, err
	}
	org, err := st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Primăria Municipiului Bench", Kind: string(agora.OrgPublicAuthority),
		AuthorityLevel: "local", Country: string(agora.RO)})
	if err != nil {
		return ds, err
	}
	if _, err := st.AddOrgMember(ctx, admin.ID, org.ID, officer.Email, agora.OrgOfficer, ""); err != nil {
		return ds, err
	}
	if err := st.VerifyOfficer(ctx, admin.ID, org.ID, officer.ID); err != nil {
		return ds, err
	}
	ds.Officer = officer.ID
	now := time.Now()
	for i, title := range []string{"Proiect de hotărâre privind transparența decizională", "Proiect de hotărâre privind bugetul participativ"} {
		c, err := st.CreateConsultation(ctx, officer.ID, org.ID, agora.ConsultationInput{Title: title, ActKind: "hotarare_consiliu_local",
			RuleSetID: "ro-law52", Summary: "Proiect generat de `agora bench consultation`.", ContactName: "Ana Funcționar"}, units, "text")
		if err != nil {
			return ds, err
		}
		if _, err := st.PublishConsultation(ctx, officer.ID, c.ID, store.Publication{OpensAt: now.Add(-time.Hour),
			CommentsClose: now.Add(60 * 24 * time.Hour), EarliestAdoption: now.AddDate(0, 4, 0).Format(time.DateOnly)}); err != nil {
			return ds, err
		}
		if i == 0 {
			ds.Page = c.ID
		} else {
			ds.Posting = c.ID
		}
	}
	for _, u := range units {
		if u.Kind == agora.UnitParagraph {
			ds.Units = append(ds.Units, u.Key)
		}
	}
	for i := range participants {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("participant%d@bench.agora.test", i),
			DisplayName: fmt.Sprintf("Participant %d", i), EmailVerified: true})
		if err != nil {
			return ds, err
		}
		ds.Participants = append(ds.Participants, u.ID)
	}
	return ds, nil
}

// seedComments writes the page consultation's 5,000 comments, ten per
// participant, spread over its paragraphs.
func seedComments(ctx context.Context, st *store.Store, ds ccDataset) error {
	// Sixteen writers, so the store's group commit writes the comments
	// in batches as it does under real load.
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < ccComments; i += 16 {
				_, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: ds.Page, AuthorID: ds.Participants[i%ccParticipants],
					ClientKey: fmt.Sprintf("seed-%d", i),
					Input: agora.CommentInput{UnitKey: ds.Units[(i*7)%len(ds.Units)],
						Body: fmt.Sprintf("Recomandarea %d: termenul de publicare să fie de cel puțin 30 de zile, iar documentele să fie în format deschis.", i)}})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}

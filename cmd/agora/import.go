package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/demo"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

const importUsage = `Usage:
  agora import admin-units [flags] [DIR]   SIRUTA and TERYT files (default DIR: ../shared/data/admin-units)
  agora import domains [flags] [FILE]      ONGHub domains.json (default: ../shared/data/ngo-nomenclatures/json/domains.json)
  agora import laws [flags] PATH...        acts (ansvar-json, akn or text); see agora import laws -h

Both are idempotent: importing the same data again changes nothing.
Flags come before DIR or FILE.
`

// importShowProblems is how many problems the summary lists one by one.
const importShowProblems = 10

// cmdImport loads reference data into the database. Problems in single
// rows are reported and skipped; only a missing or unreadable file, a
// file of the wrong kind or a database error fails the command.
func cmdImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, importUsage)
		if len(args) == 0 {
			return usageError{"import: say what to import: admin-units, domains or laws"}
		}
		return nil
	}
	what, rest := args[0], args[1:]
	if what == "laws" {
		return cmdImportLaws(ctx, rest, getenv, stdout, stderr)
	}
	var c common
	fs := newFlagSet("import", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importUsage); fs.PrintDefaults() }
	c.register(fs, getenv)
	if err := parseFlags(fs, rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 1 {
		return usageError{fmt.Sprintf("import %s: unexpected argument %q", what, fs.Arg(1))}
	}
	var run func(context.Context, *store.Store, string, io.Writer, io.Writer) error
	var path string
	switch what {
	case "admin-units":
		run, path = importAdminUnits, cmp.Or(fs.Arg(0), demo.DefaultAdminUnitsDir())
	case "domains":
		run, path = importDomains, cmp.Or(fs.Arg(0), demo.DefaultDomainsFile())
	default:
		fmt.Fprint(stderr, importUsage)
		return usageError{fmt.Sprintf("import: unknown data set %q (want admin-units, domains or laws)", what)}
	}
	if path == "" {
		return usageError{fmt.Sprintf("import %s: no path given and no shared data found beside the working directory", what)}
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("import %s: %w", what, err)
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	return run(ctx, st, path, stdout, stderr)
}

func importAdminUnits(ctx context.Context, st *store.Store, dir string, stdout, stderr io.Writer) error {
	start := time.Now()
	units, rep, err := importer.ParseAdminUnitsDir(dir)
	if err != nil {
		return fmt.Errorf("import admin-units: %w", err)
	}
	fmt.Fprintf(stdout, "admin units: read %d rows from %s in %.1f s\n", rep.Read, dir, time.Since(start).Seconds())
	start = time.Now()
	changed, err := st.UpsertAdminUnitsFunc(ctx, units, newImportProgress(stderr, len(units), "admin units"))
	if err != nil {
		return fmt.Errorf("import admin-units: %w", err)
	}
	printImportReport(stdout, rep)
	fmt.Fprintf(stdout, "  stored: %d new or changed, %d unchanged (%.1f s)\n", changed, len(units)-changed, time.Since(start).Seconds())
	return nil
}

// printImportReport summarises a parse report: totals, problems by
// reason, and the first few problems with file and line.
func printImportReport(w io.Writer, rep importer.Report) {
	reasons := map[string]int{}
	for _, p := range rep.Problems {
		reasons[string(p.Severity)+" "+p.Reason]++
	}
	fmt.Fprintf(w, "  accepted: %d (%d problems noted as warnings), rejected: %d\n",
		rep.Accepted, len(rep.Problems)-rep.Errors(), rep.Errors())
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "    %-50s %d\n", k, reasons[k])
	}
	// Rejections first: they are what an operator must look at.
	ps := slices.Clone(rep.Problems)
	slices.SortStableFunc(ps, func(a, b importer.Problem) int {
		return cmp.Compare(severityRank(a.Severity), severityRank(b.Severity))
	})
	for i, p := range ps {
		if i == importShowProblems {
			fmt.Fprintf(w, "    … and %d more\n", len(ps)-i)
			break
		}
		fmt.Fprintf(w, "    %s:%d %s %s %s %q\n", p.File, p.Line, p.Code, p.Severity, p.Reason, p.Value)
	}
}

func severityRank(s importer.Severity) int {
	if s == importer.SeverityError {
		return 0
	}
	return 1
}

func importDomains(ctx context.Context, st *store.Store, path string, stdout, _ io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("import domains: %w", err)
	}
	defer f.Close()
	ds, err := importer.ParseDomains(f)
	if err != nil {
		return fmt.Errorf("import domains %s: %w", path, err)
	}
	out := make([]agora.Domain, len(ds))
	untranslated := 0
	for i, d := range ds {
		out[i] = agora.Domain{Slug: d.Slug, Names: d.Names}
		if d.Names["pl"] == "" || d.Names["en"] == "" {
			untranslated++
		}
	}
	changed, err := st.UpsertDomains(ctx, out)
	if err != nil {
		return fmt.Errorf("import domains: %w", err)
	}
	fmt.Fprintf(stdout, "domains: read %d from %s (%d without Polish or English names, shown in Romanian)\n", len(ds), path, untranslated)
	fmt.Fprintf(stdout, "  stored: %d new or changed, %d unchanged\n", changed, len(ds)-changed)
	return nil
}

// newImportProgress returns a progress callback: a bar on a terminal,
// otherwise a plain line at every fifth of the work, so logs of
// unattended runs stay short.
func newImportProgress(w io.Writer, total int, what string) func(done int) {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		bar := progressbar.NewOptions(total, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond))
		return func(done int) { _ = bar.Set(done) }
	}
	next := 0
	return func(done int) {
		if total == 0 || done*5/total < next && done < total {
			return
		}
		next = done*5/total + 1
		fmt.Fprintf(w, "%s: %d/%d stored\n", what, done, total)
	}
}

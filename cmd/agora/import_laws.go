package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
)

const importLawsUsage = `Usage:
  agora import laws [--format ansvar-json|akn|text] [--data DIR] [--db URL] [--batch N] PATH...

PATH is a file, a directory (read recursively, in name order), a .gz file
or a .tar, .tar.gz or .tgz archive (streamed, never extracted to disk).
Flags come before the paths.

Formats:
  ansvar-json  one JSON act per file (Ansvar-Systems Romanian-law-mcp and
               polish-law-mcp: ../shared/data/ro-laws, ../shared/data/pl-laws)
  akn          Akoma Ntoso XML (*.xml, *.akn)
  text         plain text or Markdown (*.txt): the first line is the title
               ("LEGE nr. 52 din 21 ianuarie 2003 ...", "Ustawa z dnia ...")
               unless a sidecar NAME.meta.json beside NAME.txt (or before it
               in an archive) gives title, kind, number, year, dates, status
               or act_key.

Importing is idempotent and resumable: an act whose content equals a stored
version is skipped without writing; new content becomes a new version and
the old one is kept. A malformed document is reported with its file, the
member inside an archive and the line:column, skipped whole and counted.

Exit status: 0 when at least one document was imported or found unchanged
(even if others failed), 1 when nothing could be imported or on a fatal
error (database, unreadable path), 2 for bad usage.
`

// lawImportOptions are the settings of one `import laws` run.
type lawImportOptions struct {
	Format importer.LawFormat
	// Batch is how many documents one transaction carries.
	Batch int
	// Progress is called after every stored batch; nil for none.
	Progress func(lawImportSummary)
}

// lawImportSummary counts what a run did.
type lawImportSummary struct {
	Read, Created, Updated, Unchanged, MetadataOnly int
	// Articles counts the articles (or, in acts without articles, the
	// top-level units) of created and updated acts.
	Articles int
	Failed   []importer.LawProblem
}

func (s lawImportSummary) imported() int { return s.Created + s.Updated + s.Unchanged }

func cmdImportLaws(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlagSet("import", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, importLawsUsage); fs.PrintDefaults() }
	c.register(fs, getenv)
	format := fs.String("format", string(importer.LawAnsvarJSON), "input format: ansvar-json, akn or text")
	batch := fs.Int("batch", 256, "documents per transaction")
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	opts := lawImportOptions{Format: importer.LawFormat(*format), Batch: *batch}
	if !slices.Contains(importer.LawFormats, opts.Format) {
		return usageError{fmt.Sprintf("import laws: unknown format %q (want ansvar-json, akn or text)", *format)}
	}
	if fs.NArg() == 0 {
		fmt.Fprint(stderr, importLawsUsage)
		return usageError{"import laws: give at least one PATH"}
	}
	for _, p := range fs.Args() {
		if _, err := os.Stat(p); err != nil {
			return fmt.Errorf("import laws: %w", err)
		}
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	prog := newLawProgress(stderr, getenv("CI") != "")
	opts.Progress = prog.update
	sum, err := importLaws(ctx, st, opts, fs.Args())
	prog.done()
	printLawSummary(stdout, sum, prog.seconds())
	if err != nil {
		return fmt.Errorf("import laws: %w", err)
	}
	if sum.imported() == 0 {
		return fmt.Errorf("import laws: nothing could be imported (%d documents failed)", len(sum.Failed))
	}
	// Citations by date and title (Polish acts) resolve only against the
	// whole database: a new act may be the one older acts cite, so every
	// act's links are recomputed once after a run that changed something.
	if sum.Created+sum.Updated > 0 {
		acts, rels, err := st.RecordAllCitations(ctx)
		if err != nil {
			return fmt.Errorf("import laws: citations: %w", err)
		}
		fmt.Fprintf(stdout, "citations: %d links in %d acts\n", rels, acts)
	}
	return nil
}

type lawItem struct {
	src string
	doc importer.LawDoc
}

// importLaws reads paths and stores what it reads, reading and storing in
// parallel: one goroutine parses while this one writes batches.
func importLaws(ctx context.Context, st *store.Store, opts lawImportOptions, paths []string) (lawImportSummary, error) {
	if opts.Batch <= 0 {
		opts.Batch = 256
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	items := make(chan lawItem, 2*opts.Batch)
	problems := make(chan importer.LawProblem, 64)
	readErr := make(chan error, 1)
	go func() {
		defer close(items)
		r := importer.LawReader{Format: opts.Format, Cite: importer.CiteRelations}
		readErr <- r.Read(ctx, paths, func(src string, d importer.LawDoc) error {
			select {
			case items <- lawItem{src, d}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, func(p importer.LawProblem) {
			select {
			case problems <- p:
			case <-ctx.Done():
			}
		})
	}()
	var sum lawImportSummary
	var batch []lawItem
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := storeLawBatch(ctx, st, batch, &sum)
		batch = batch[:0]
		if opts.Progress != nil {
			opts.Progress(sum)
		}
		return err
	}
	for {
		select {
		case p := <-problems:
			sum.Failed = append(sum.Failed, p)
			continue
		case it, ok := <-items:
			if !ok {
				// Problems reported after the last document are still queued.
				for {
					select {
					case p := <-problems:
						sum.Failed = append(sum.Failed, p)
						continue
					default:
					}
					break
				}
				if err := flush(); err != nil {
					return sum, err
				}
				return sum, <-readErr
			}
			sum.Read++
			batch = append(batch, it)
			if len(batch) >= opts.Batch {
				if err := flush(); err != nil {
					return sum, err
				}
			}
		}
	}
}

// storeLawBatch stores a batch in one transaction. If the batch fails
// for a reason of one document (Invalid), the documents are stored one
// by one so only the bad ones are skipped; other errors are fatal.
func storeLawBatch(ctx context.Context, st *store.Store, batch []lawItem, sum *lawImportSummary) error {
	docs := make([]importer.LawDoc, len(batch))
	for i, it := range batch {
		docs[i] = it.doc
	}
	rs, err := st.ImportLaws(ctx, docs)
	if err == nil {
		for i, r := range rs {
			countLawResult(sum, r, docs[i])
		}
		return nil
	}
	if len(batch) == 1 || !isDocumentError(err) {
		if isDocumentError(err) {
			sum.Failed = append(sum.Failed, importer.LawProblem{Source: batch[0].src, Reason: errorKey(err), Detail: docs[0].Act.Key})
			return nil
		}
		return err
	}
	for _, it := range batch {
		if err := storeLawBatch(ctx, st, []lawItem{it}, sum); err != nil {
			return err
		}
	}
	return nil
}

func countLawResult(sum *lawImportSummary, r store.LawImportResult, d importer.LawDoc) {
	switch r.Outcome {
	case store.LawCreated:
		sum.Created++
	case store.LawUpdated:
		sum.Updated++
	default:
		sum.Unchanged++
		if r.MetadataOnly {
			sum.MetadataOnly++
		}
		return
	}
	sum.Articles += countArticles(d)
}

// countArticles counts what search indexes as documents: articles, or
// the top-level units of an act without articles.
func countArticles(d importer.LawDoc) int {
	n, top := 0, 0
	for _, u := range d.Units {
		if u.Kind == "article" {
			n++
		}
		if u.Depth == 0 {
			top++
		}
	}
	if n == 0 {
		return top
	}
	return n
}

// isDocumentError says whether err is about one document (the store
// refused it as invalid) rather than the database.
func isDocumentError(err error) bool { return agora.KindOf(err) == agora.Invalid }

func errorKey(err error) string {
	if e := agora.AsError(err); e != nil {
		return e.Key
	}
	return err.Error()
}

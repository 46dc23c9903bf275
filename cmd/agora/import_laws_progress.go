package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// lawProgress shows a running count and rate on a terminal and stays
// quiet otherwise (logs, CI), where only the summary is printed.
type lawProgress struct {
	bar   *progressbar.ProgressBar
	start time.Time
	end   time.Time
}

func newLawProgress(w io.Writer, ci bool) *lawProgress {
	p := &lawProgress{start: time.Now()}
	if f, ok := w.(*os.File); ok && !ci && term.IsTerminal(int(f.Fd())) {
		p.bar = progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("laws"),
			progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("acts"),
			progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100*time.Millisecond))
	}
	return p
}

func (p *lawProgress) update(s lawImportSummary) {
	if p.bar == nil {
		return
	}
	p.bar.Describe(fmt.Sprintf("laws: %d new, %d updated, %d unchanged, %d failed, %d articles",
		s.Created, s.Updated, s.Unchanged, len(s.Failed), s.Articles))
	_ = p.bar.Set(s.Read)
}

func (p *lawProgress) done() {
	p.end = time.Now()
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}

func (p *lawProgress) seconds() float64 {
	return cmp.Or(p.end, time.Now()).Sub(p.start).Seconds()
}

// printLawSummary prints the counts, the failures by reason and the first
// few failures with file, member and position.
func printLawSummary(w io.Writer, s lawImportSummary, secs float64) {
	rate := 0.0
	if secs > 0 {
		rate = float64(s.Articles) / secs
	}
	fmt.Fprintf(w, "laws: read %d documents in %.1f s\n", s.Read, secs)
	fmt.Fprintf(w, "  created: %d, updated: %d, unchanged: %d (%d records without text kept the stored text), failed: %d\n",
		s.Created, s.Updated, s.Unchanged, s.MetadataOnly, len(s.Failed))
	fmt.Fprintf(w, "  articles stored: %d (%.0f articles/s)\n", s.Articles, rate)
	reasons := map[string]int{}
	for _, p := range s.Failed {
		reasons[p.Reason]++
	}
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "    %-40s %d\n", k, reasons[k])
	}
	for i, p := range s.Failed {
		if i == importShowProblems {
			fmt.Fprintf(w, "    … and %d more\n", len(s.Failed)-i)
			break
		}
		fmt.Fprintf(w, "    %s\n", p)
	}
}

package main

import (
	"context"
	"strings"
	"testing"
)

// TestBenchConsultationSmoke runs the consultation benchmark for a moment
// and checks the report's shape and that nothing failed, not the speed.
func TestBenchConsultationSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a consultation of 5,000 comments")
	}
	t.Parallel()
	dir := t.TempDir()
	args := []string{"bench", "consultation", "--data", dir, "--clients", "4", "--duration", "200ms", "--warmup", "50ms", "--pdf-runs", "1"}
	for attempt := range 2 {
		var out, errs strings.Builder
		if err := run(context.Background(), args, noEnv, &out, &errs); err != nil {
			t.Fatalf("run %d: %v\n%s", attempt, err, errs.String())
		}
		report := out.String()
		for _, want := range []string{"| (a) page + 5% posts: all requests |", "| (a) GET `/consultations/{id}`", "| (a) POST comment form |",
			"| (b) comment posting alone |", "(c) PDF report of the 5000 comments", "300 units and 5000 comments from 500 participants"} {
			if !strings.Contains(report, want) {
				t.Errorf("run %d: report has no %q:\n%s", attempt, want, report)
			}
		}
		if strings.Contains(report, "failed requests") || strings.Contains(report, "error:") {
			t.Errorf("run %d: requests failed:\n%s", attempt, report)
		}
		if attempt == 1 && !strings.Contains(report, "(reused)") {
			t.Errorf("second run did not reuse the dataset:\n%s", report)
		}
	}
}

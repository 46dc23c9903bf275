package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/storetest"
)

// copyLawSamples copies both 20-file samples into one directory, so a
// test can change a file.
func copyLawSamples(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, j := range []string{"ro", "pl"} {
		files, _ := filepath.Glob(filepath.Join(sharedDataDir, j+"-laws/sample/*.json"))
		if len(files) != 20 {
			t.Fatalf("shared data missing: %d %s samples", len(files), j)
		}
		for _, f := range files {
			copyFile(t, f, dir, filepath.Join(j, filepath.Base(f)))
		}
	}
	return dir
}

// TestImportLawsIdempotent runs on SQLite and PostgreSQL: the samples
// twice (nothing changes the second time), then with one act changed
// (version 2, with version 1 kept).
func TestImportLawsIdempotent(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	dir := copyLawSamples(t)
	opts := lawImportOptions{Format: importer.LawAnsvarJSON, Batch: 7}
	first, err := importLaws(ctx, st, opts, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	// The twins of Legea 52/2003 (law-doc-41571, law-doc-153210) are one act.
	if first.Read != 40 || first.Created != 39 || first.Unchanged != 1 || len(first.Failed) != 0 || first.Articles == 0 {
		t.Fatalf("first run = %+v", first)
	}
	gen := st.Generation()
	second, err := importLaws(ctx, st, opts, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if second.Unchanged != 40 || second.Created+second.Updated != 0 || st.Generation() != gen {
		t.Fatalf("second run = %+v (wrote: %v)", second, st.Generation() != gen)
	}
	path := filepath.Join(dir, "ro", "law-doc-10.json")
	b, _ := os.ReadFile(path)
	changed := strings.Replace(string(b), "Se aprobă repartizarea", "Se aprobă din nou repartizarea", 1)
	if changed == string(b) {
		t.Fatal("sample text not found")
	}
	_ = os.WriteFile(path, []byte(changed), 0o644)
	third, err := importLaws(ctx, st, opts, []string{dir})
	if err != nil {
		t.Fatal(err)
	}
	if third.Updated != 1 || third.Unchanged != 39 {
		t.Fatalf("third run = %+v", third)
	}
	a, err := st.Act(ctx, "ro/hg/2010/1326")
	if err != nil || a.Version != 2 {
		t.Fatalf("changed act = %+v, %v", a, err)
	}
	old, _ := st.ActUnits(ctx, a.ID, 1)
	cur, _ := st.ActUnits(ctx, a.ID, 2)
	if !strings.Contains(old[1].Text, "Se aprobă repartizarea") || !strings.Contains(cur[1].Text, "din nou") {
		t.Errorf("history: v1 %q, v2 %q", old[1].Text, cur[1].Text)
	}
}

func TestImportLawsCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	src := t.TempDir()
	good, err := os.ReadFile(filepath.Join(sharedDataDir, "pl-laws/sample/pl-du-2003-873.json"))
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	_ = os.WriteFile(filepath.Join(src, "bad.json"), []byte(`{"id": "x", "title": `), 0o644)
	data := t.TempDir()
	var out, errs bytes.Buffer
	// Only a malformed document: nothing imported, non-zero exit.
	err = run(ctx, []string{"import", "laws", "--data", data, src}, noEnv, &out, &errs)
	if err == nil || !strings.Contains(out.String(), "failed: 1") || !strings.Contains(out.String(), "bad.json:1:") {
		t.Fatalf("only bad input: err %v, output:\n%s", err, out.String())
	}
	_ = os.WriteFile(filepath.Join(src, "good.json"), good, 0o644)
	out.Reset()
	if err := run(ctx, []string{"import", "laws", "--format", "ansvar-json", "--data", data, src}, noEnv, &out, &errs); err != nil {
		t.Fatalf("one good, one bad: %v\n%s", err, out.String())
	}
	for _, want := range []string{"created: 1", "failed: 1", "law.import.json"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(errs.String(), "\r") {
		t.Errorf("progress bar drawn on a non-terminal: %q", errs.String())
	}
	for _, args := range [][]string{{"import", "laws", "--format", "pdf", src}, {"import", "laws", "--data", data}} {
		if err := run(ctx, args, noEnv, &out, &errs); err == nil {
			t.Errorf("%v accepted", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%v: error %v is not a usage error", args, err)
		}
	}
	if err := run(ctx, []string{"import", "laws", "--data", data, filepath.Join(src, "missing")}, noEnv, &out, &errs); err == nil {
		t.Error("missing path accepted")
	}
}

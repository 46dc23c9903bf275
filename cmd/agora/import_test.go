package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
)

const sharedDataDir = "../../../shared/data"

// copyFile copies a shared data file into dir/rel.
func copyFile(t *testing.T, src, dir, rel string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	dst := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeSIRUTASubset writes the header, the counties and Alba county of
// the real SIRUTA file: a complete tree with real quirks (Alba has codes
// that fail the check digit) at a twentieth of the size, so the test
// stays short under -race.
func writeSIRUTASubset(t *testing.T, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedDataDir, "admin-units/siruta/siruta.csv"))
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	lines := strings.Split(string(b), "\n")
	keep := []string{lines[0]}
	for _, l := range lines[1:] {
		f := strings.Split(l, ";")
		if len(f) == 12 && (f[6] == "1" || f[3] == "1") {
			keep = append(keep, l)
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "siruta"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "siruta", "siruta.csv"), []byte(strings.Join(keep, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestImportAdminUnitsTwice(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	writeSIRUTASubset(t, src)
	copyFile(t, filepath.Join(sharedDataDir, "admin-units/teryt/TERC_Urzedowy_2020-09-26.csv"), src, "teryt/TERC_Urzedowy_2020-09-26.csv")
	units, rep, err := importer.ParseAdminUnitsDir(src)
	if err != nil || rep.Count(importer.ReasonCheckDigit) == 0 || rep.Errors() != 0 {
		t.Fatalf("subset: %d units, %d check-digit warnings, %v", len(units), rep.Count(importer.ReasonCheckDigit), err)
	}
	n := len(units)
	data := t.TempDir()
	ctx := context.Background()

	var out, errs bytes.Buffer
	if err := run(ctx, []string{"import", "admin-units", "--data", data, src}, noEnv, &out, &errs); err != nil {
		t.Fatalf("import: %v\n%s", err, errs.String())
	}
	// The 42 counties and 16 voivodeships are built in and unchanged.
	for _, want := range []string{fmt.Sprintf("read %d rows", n), fmt.Sprintf("accepted: %d", n), "rejected: 0",
		"warning import.siruta.check_digit", fmt.Sprintf("stored: %d new or changed, 58 unchanged", n-58), "siruta/siruta.csv:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("first import output lacks %q:\n%s", want, out.String())
		}
	}
	// stderr is not a terminal here: plain progress lines, no bar.
	if !strings.Contains(errs.String(), fmt.Sprintf("admin units: %d/%d stored", n, n)) || strings.Contains(errs.String(), "\r") {
		t.Errorf("progress = %q", errs.String())
	}
	out.Reset()
	if err := run(ctx, []string{"import", "admin-units", "--data", data, src}, noEnv, &out, &errs); err != nil {
		t.Fatalf("second import: %v", err)
	}
	if !strings.Contains(out.String(), fmt.Sprintf("stored: 0 new or changed, %d unchanged", n)) {
		t.Errorf("second import output:\n%s", out.String())
	}
	st := openDataStore(t, data)
	path, err := st.AdminUnitPath(ctx, agora.RO, "1026") // Alba Iulia, the locality
	if err != nil || len(path) != 3 || path[0].Name != "Alba Iulia" || path[2].Name != "Alba" {
		t.Errorf("imported Alba Iulia = %+v, %v", path, err)
	}
}

func TestImportDomainsTwice(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	file := filepath.Join(sharedDataDir, "ngo-nomenclatures/json/domains.json")
	ctx := context.Background()
	var out, errs bytes.Buffer
	for i, want := range []string{"stored: 51 new or changed, 0 unchanged", "stored: 0 new or changed, 51 unchanged"} {
		out.Reset()
		if err := run(ctx, []string{"import", "domains", "--data", data, file}, noEnv, &out, &errs); err != nil {
			t.Fatalf("import %d: %v\n%s", i, err, errs.String())
		}
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "read 51") {
			t.Errorf("import %d output = %q, want %q", i, out.String(), want)
		}
	}
	ds, err := openDataStore(t, data).Domains(ctx, "en")
	if err != nil || len(ds) != 51 {
		t.Errorf("domains = %d, %v", len(ds), err)
	}
}

func TestImportFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	empty := t.TempDir()
	notJSON := filepath.Join(t.TempDir(), "domains.json")
	if err := os.WriteFile(notJSON, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args  []string
		usage bool
	}{
		{[]string{"import"}, true},
		{[]string{"import", "planets"}, true},
		{[]string{"import", "admin-units", "--data", t.TempDir(), "a", "b"}, true},
		{[]string{"import", "admin-units", "--data", t.TempDir(), filepath.Join(empty, "missing")}, false},
		{[]string{"import", "admin-units", "--data", t.TempDir(), empty}, false}, // no SIRUTA or TERYT file
		{[]string{"import", "domains", "--data", t.TempDir(), notJSON}, false},
	} {
		var out, errs bytes.Buffer
		err := run(ctx, tt.args, noEnv, &out, &errs)
		var ue usageError
		if err == nil || isUsage(err, &ue) != tt.usage {
			t.Errorf("run(%q) = %v, want failure (usage error: %v)", tt.args, err, tt.usage)
		}
	}
}

func isUsage(err error, ue *usageError) bool {
	u, ok := err.(usageError)
	if ok {
		*ue = u
	}
	return ok
}

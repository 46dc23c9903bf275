package auth

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// sharedData is /work/shared/data seen from this package; CI clones the
// repository with shared/ beside it.
const sharedData = "../../../shared/data"

// badInputs returns the strings of shared/data/bad-input: every payload of
// payloads.json and the lines of invalid-utf8.bin. It skips the test when
// the shared data is not beside the repository.
func badInputs(tb testing.TB) []string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(sharedData, "bad-input", "payloads.json"))
	if os.IsNotExist(err) {
		tb.Log("shared/data not present: bad-input cases left out")
		return nil
	}
	if err != nil {
		tb.Fatal(err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(raw, &groups); err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	bin, err := os.ReadFile(filepath.Join(sharedData, "bad-input", "invalid-utf8.bin"))
	if err != nil {
		tb.Fatal(err)
	}
	out = append(out, string(bin))
	for _, line := range bytes.Fields(bin) {
		out = append(out, string(line))
	}
	return out
}

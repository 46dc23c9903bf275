package importer

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// firstLines returns the first n lines of b, line endings kept.
func firstLines(b []byte, n int) []byte {
	end := 0
	for i := 0; i < n && end < len(b); i++ {
		j := bytes.IndexByte(b[end:], '\n')
		if j < 0 {
			return b
		}
		end += j + 1
	}
	return b[:end]
}

func addAdminSeeds(f *testing.F, real []byte, extra ...string) {
	f.Add(firstLines(real, 12))
	f.Add(firstLines(real, 40))
	f.Add(real[len(real)-min(len(real), 600):]) // the end: blank line, no newline
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

// checkAdminResult asserts what holds for any input: no panic (by
// getting here), a consistent report, resolvable links within the
// result, clean names.
func checkAdminResult(t *testing.T, units []agora.AdminUnit, rep Report, err error, external bool) {
	if err != nil {
		if units != nil {
			t.Fatalf("error %v with %d units", err, len(units))
		}
		return
	}
	if rep.Accepted != len(units) || rep.Read < rep.Accepted || rep.Errors() > rep.Read {
		t.Fatalf("report read %d accepted %d errors %d for %d units", rep.Read, rep.Accepted, rep.Errors(), len(units))
	}
	type key struct {
		level int
		code  string
	}
	have := map[key]bool{}
	for _, u := range units {
		if have[key{u.Level, u.Code}] {
			t.Fatalf("duplicate unit %+v", u)
		}
		have[key{u.Level, u.Code}] = true
	}
	for _, u := range units {
		if u.ParentCode != "" && !external && !have[key{u.Level - 1, u.ParentCode}] ||
			u.PartOf != "" && !have[key{u.Level, u.PartOf}] {
			t.Fatalf("unit %+v: dangling link", u)
		}
		if u.Name == "" || !utf8.ValidString(u.Name) || strings.ContainsAny(u.Name, "şţŞŢ\x00\r\n") {
			t.Fatalf("unit %+v: bad name", u)
		}
	}
}

func FuzzParseSIRUTA(f *testing.F) {
	addAdminSeeds(f, readShared(f, "siruta/siruta.csv"),
		sirutaHead+sirutaAlba+"1026;ALBA IULIA;510005;1;1017\n",
		sirutaHead+"10;JUDEȚUL ;0;1;1;40;1;0;7;1;0;RO121\n9;X;0;1;10;1;2;1;7;1;0;RO2\n",
		"\ufeff"+strings.ReplaceAll(sirutaHead+sirutaAlba, "\n", "\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		units, rep, err := ParseSIRUTA(bytes.NewReader(in))
		checkAdminResult(t, units, rep, err, false)
		for _, u := range units {
			if u.NUTS != "" && !validNUTS3RO(u.NUTS) || u.Postal != "" && !adminDigitsN(u.Postal, 6) {
				t.Fatalf("unit %+v: bad NUTS or postal code", u)
			}
		}
	})
}

func FuzzParseTERC(f *testing.F) {
	addAdminSeeds(f, readShared(f, tercFile),
		tercHead+tercDolny+"02;01;;1;Bolesławiec;gmina miejska;2020-01-01\n",
		tercHead+"02;;;;\"DOLNOŚLĄSKIE;województwo;2020-01-01\n")
	f.Fuzz(func(t *testing.T, in []byte) {
		units, rep, err := ParseTERC(bytes.NewReader(in))
		checkAdminResult(t, units, rep, err, false)
	})
}

func FuzzParseSIMC(f *testing.F) {
	addAdminSeeds(f, readSIMC(f),
		simcHead+"02;08;06;5;00;1;A;0000001;0000002;2020-01-01\n02;08;06;5;00;1;B;0000002;0000001;2020-01-01\n",
		simcHead+"14;14;04;5;01;1;Mazewo Dworskie\"B\";0120247;0120247;2020-01-01\n")
	f.Fuzz(func(t *testing.T, in []byte) {
		units, rep, err := ParseSIMC(bytes.NewReader(in))
		checkAdminResult(t, units, rep, err, true)
	})
}

// BenchmarkParseSIMC parses the whole real SIMC register (102,913
// localities, 5.6 MB) from memory.
func BenchmarkParseSIMC(b *testing.B) {
	raw := readSIMC(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		units, _, err := ParseSIMC(bytes.NewReader(raw))
		if err != nil {
			b.Fatal(err)
		}
		n += len(units)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkParseSIRUTA parses the whole real SIRUTA file (16,978 rows).
func BenchmarkParseSIRUTA(b *testing.B) {
	raw := readShared(b, "siruta/siruta.csv")
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ParseSIRUTA(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}

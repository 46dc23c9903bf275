package importer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/agora-civic/agora"
)

const (
	sirutaHead = "SIRUTA;DENLOC;CODP;JUD;SIRSUP;TIP;NIV;MED;REGIUNE;FSJ;FSL;NUTS\n"
	sirutaAlba = "10;JUDEȚUL ALBA;0;1;1;40;1;0;7;1;0100000000000;RO121\n" +
		"1017;MUNICIPIUL ALBA IULIA;0;1;10;1;2;1;7;1;0110040000000;RO121\n"
	tercHead  = "WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n"
	tercDolny = "02;;;;DOLNOŚLĄSKIE;województwo;2020-01-01\n" +
		"02;01;;;bolesławiecki;powiat;2020-01-01\n"
	simcHead = "WOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA\n"
)

func invalidUTF8(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/bad-input/invalid-utf8.bin")
	if err != nil {
		t.Fatal(err)
	}
	return bytes.TrimRight(b, "\n")
}

type adminParser func(io.Reader) ([]agora.AdminUnit, Report, error)

// Broken rows become problems on their line and the rest of the file
// still loads.
func TestAdminUnitsBrokenRows(t *testing.T) {
	bad := string(invalidUTF8(t))
	huge := strings.Repeat("A", 1<<20)
	for _, tt := range []struct {
		name     string
		parse    adminParser
		in       string
		accepted int
		want     []Problem // Line, Code, Severity, Reason, Value
	}{
		{"siruta truncated row", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA IULIA;510005;1;1017\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonFieldCount, Value: "5"}}},
		{"siruta invalid UTF-8", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;" + bad + ";510005;1;1017;9;3;1;7;1;0110040100007;RO121\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonInvalidUTF8}}},
		{"siruta huge field", ParseSIRUTA, sirutaHead + "10;JUDEȚUL " + huge + ";0;1;1;40;1;0;7;1;0;RO121\n" + sirutaAlba, 2,
			[]Problem{{Line: 2, Severity: SeverityError, Reason: ReasonLineTooLong}}},
		{"siruta non-numeric code", ParseSIRUTA, sirutaHead + sirutaAlba + "10x;X;0;1;1017;9;3;1;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "10x", Severity: SeverityError, Reason: ReasonBadCode, Value: "10x"}}},
		{"siruta duplicate code", ParseSIRUTA, sirutaHead + sirutaAlba + "10;JUDEȚUL ALBA;0;1;1;40;1;0;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "10", Severity: SeverityError, Reason: ReasonDuplicateCode, Value: "10"}}},
		{"siruta unknown TIP", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA IULIA;510005;1;1017;77;3;1;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonUnknownKind, Value: "TIP=77 NIV=3"}}},
		{"siruta bad level", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA IULIA;510005;1;1017;9;7;1;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonBadLevel, Value: "7"}}},
		{"siruta control character", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA\x00IULIA;510005;1;1017;9;3;1;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonBadName, Value: "ALBA\x00IULIA"}}},
		{"siruta bidi override", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;\u202eALBA;510005;1;1017;9;3;1;7;1;0;RO121\n", 2,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityError, Reason: ReasonBadName, Value: "\u202eALBA"}}},
		{"siruta orphan and its child", ParseSIRUTA, sirutaHead + sirutaAlba +
			"1026;ALBA IULIA;510005;1;1017;9;3;1;7;1;0;RO121\n" +
			"9999;X;0;1;1;1;2;1;7;1;0;RO121\n" +
			"99999;Y;0;1;9999;9;3;1;7;1;0;RO121\n", 3,
			[]Problem{
				{Line: 5, Code: "9999", Severity: SeverityError, Reason: ReasonMissingParent, Value: "1"},
				{Line: 6, Code: "99999", Severity: SeverityError, Reason: ReasonParentRejected, Value: "9999"},
			}},
		{"siruta bad postal and NUTS", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA IULIA;51-0005;1;1017;9;3;1;7;1;0;R0121\n", 3,
			[]Problem{
				{Line: 4, Code: "1026", Severity: SeverityWarning, Reason: ReasonPostal, Value: "51-0005"},
				{Line: 4, Code: "1026", Severity: SeverityWarning, Reason: ReasonNUTSFormat, Value: "R0121"},
			}},
		{"siruta JUD not the county's", ParseSIRUTA, sirutaHead + sirutaAlba + "1026;ALBA IULIA;510005;2;1017;9;3;1;7;1;0;RO121\n", 3,
			[]Problem{{Line: 4, Code: "1026", Severity: SeverityWarning, Reason: ReasonCountyMismatch, Value: "JUD=2"}}},
		{"siruta NUTS differs within county", ParseSIRUTA, sirutaHead + sirutaAlba +
			"1026;ALBA IULIA;510005;1;1017;9;3;1;7;1;0;RO121\n" +
			"1035;BĂRĂBANȚ;510001;1;1017;10;3;1;7;1;0;RO125\n", 4,
			[]Problem{{Line: 5, Code: "1035", Severity: SeverityWarning, Reason: ReasonNUTSCounty, Value: "RO125"}}},
		{"siruta two counties share a NUTS", ParseSIRUTA, sirutaHead +
			"10;JUDEȚUL ALBA;0;1;1;40;1;0;7;1;0;RO121\n" +
			"83;JUDEȚUL BRAȘOV;0;8;1;40;1;0;7;8;0;RO121\n", 2,
			[]Problem{
				{Line: 2, Code: "10", Severity: SeverityWarning, Reason: ReasonNUTSDuplicate, Value: "RO121"},
				{Line: 3, Code: "83", Severity: SeverityWarning, Reason: ReasonNUTSDuplicate, Value: "RO121"},
			}},

		{"terc truncated row", ParseTERC, tercHead + tercDolny + "02;01;01;1;Bolesławiec\n", 2,
			[]Problem{{Line: 4, Code: "0201011", Severity: SeverityError, Reason: ReasonFieldCount, Value: "5"}}},
		{"terc invalid UTF-8", ParseTERC, tercHead + tercDolny + "02;01;01;1;" + bad + ";gmina miejska;2020-01-01\n", 2,
			[]Problem{{Line: 4, Code: "0201011", Severity: SeverityError, Reason: ReasonInvalidUTF8}}},
		{"terc bad code", ParseTERC, tercHead + tercDolny + "02;01;;1;Bolesławiec;gmina miejska;2020-01-01\n", 2,
			[]Problem{{Line: 4, Code: "02011", Severity: SeverityError, Reason: ReasonBadCode, Value: "02011"}}},
		{"terc unknown RODZ", ParseTERC, tercHead + tercDolny + "02;01;01;7;Bolesławiec;gmina miejska;2020-01-01\n", 2,
			[]Problem{{Line: 4, Code: "0201017", Severity: SeverityError, Reason: ReasonUnknownKind, Value: "RODZ=7"}}},
		{"terc kind mismatch", ParseTERC, tercHead + tercDolny + "02;01;01;1;Bolesławiec;gmina wiejska;2020-01-01\n", 3,
			[]Problem{{Line: 4, Code: "0201011", Severity: SeverityWarning, Reason: ReasonKindMismatch, Value: "gmina wiejska"}}},
		{"terc missing powiat", ParseTERC, tercHead + tercDolny + "02;02;01;1;Bielawa;gmina miejska;2020-01-01\n", 2,
			[]Problem{{Line: 4, Code: "0202011", Severity: SeverityError, Reason: ReasonMissingParent, Value: "0202"}}},
		{"terc huge field", ParseTERC, tercHead + "02;;;;" + huge + ";województwo;2020-01-01\n" + tercDolny, 2,
			[]Problem{{Line: 2, Severity: SeverityError, Reason: ReasonLineTooLong}}},

		{"simc truncated row", ParseSIMC, simcHead + "02;08;06;5;01;1;Zalesie;0851732\n", 0,
			[]Problem{{Line: 2, Code: "0851732", Severity: SeverityError, Reason: ReasonFieldCount, Value: "8"}}},
		{"simc invalid UTF-8", ParseSIMC, simcHead + "02;08;06;5;01;1;" + bad + ";0851732;0851732;2020-01-01\n", 0,
			[]Problem{{Line: 2, Code: "0851732", Severity: SeverityError, Reason: ReasonInvalidUTF8}}},
		{"simc unpadded SYM", ParseSIMC, simcHead + "02;08;06;5;01;1;Zalesie;851732;851732;2020-01-01\n", 0,
			[]Problem{{Line: 2, Code: "851732", Severity: SeverityError, Reason: ReasonBadCode, Value: "851732"}}},
		{"simc unknown RM", ParseSIMC, simcHead + "02;08;06;5;42;1;Zalesie;0851732;0851732;2020-01-01\n", 0,
			[]Problem{{Line: 2, Code: "0851732", Severity: SeverityError, Reason: ReasonUnknownKind, Value: "RM=42"}}},
		{"simc SYMPOD loop", ParseSIMC, simcHead +
			"02;08;06;5;00;1;A;0000001;0000002;2020-01-01\n" +
			"02;08;06;5;00;1;B;0000002;0000001;2020-01-01\n" +
			"02;08;06;5;01;1;C;0000003;0000003;2020-01-01\n", 1,
			[]Problem{
				{Line: 2, Code: "0000001", Severity: SeverityError, Reason: ReasonParentRejected, Value: "0000002"},
				{Line: 3, Code: "0000002", Severity: SeverityError, Reason: ReasonParentCycle, Value: "0000001"},
			}},
		{"simc part of a missing locality", ParseSIMC, simcHead + "02;08;06;5;00;1;A;0000001;0000009;2020-01-01\n", 0,
			[]Problem{{Line: 2, Code: "0000001", Severity: SeverityError, Reason: ReasonMissingParent, Value: "0000009"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			units, rep, err := tt.parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatalf("err = %v, want problems only", err)
			}
			var got []Problem
			for _, p := range rep.Problems {
				if p.Reason != ReasonCheckDigit && p.Reason != ReasonNUTSMissing {
					got = append(got, p)
				}
			}
			if len(units) != tt.accepted || rep.Accepted != tt.accepted {
				t.Errorf("accepted %d (report %d), want %d", len(units), rep.Accepted, tt.accepted)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems = %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// A file of the wrong kind, or none at all, is an error, not a report.
func TestAdminUnitsWrongFile(t *testing.T) {
	for _, tt := range []struct {
		name  string
		parse adminParser
		in    string
		key   string
	}{
		{"siruta empty", ParseSIRUTA, "", "import.empty"},
		{"siruta given TERC", ParseSIRUTA, tercHead + tercDolny, "import.header"},
		{"siruta missing column", ParseSIRUTA, strings.Replace(sirutaHead, ";NUTS", "", 1) + sirutaAlba, "import.header"},
		{"terc given SIMC", ParseTERC, "\ufeff" + simcHead, "import.header"},
		{"terc blank", ParseTERC, "\r\n", "import.header"},
		{"simc given SIRUTA", ParseSIMC, sirutaHead + sirutaAlba, "import.header"},
		{"simc BOM only", ParseSIMC, "\ufeff", "import.header"},
		{"simc huge header", ParseSIMC, strings.Repeat("WOJ;", 1<<18), "import.header"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			units, _, err := tt.parse(strings.NewReader(tt.in))
			var e *agora.Error
			if !errors.As(err, &e) || e.Kind != agora.Invalid || e.Key != tt.key || units != nil {
				t.Errorf("err = %v, units %d; want Invalid %s", err, len(units), tt.key)
			}
		})
	}
	// A read failure is returned as such.
	boom := errors.New("disk on fire")
	_, _, err := ParseSIMC(io.MultiReader(strings.NewReader(simcHead), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) {
		t.Errorf("read error: err = %v, want %v", err, boom)
	}
}

func TestTitleCaseRO(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"ALBA", "Alba"},
		{"BISTRIȚA-NĂSĂUD", "Bistrița-Năsăud"},
		{"ALBA IULIA", "Alba Iulia"},
		{"SECTORUL 1", "Sectorul 1"},
		{"VALEA LUI MIHAI", "Valea lui Mihai"},
		{"BAIA DE ARIEȘ", "Baia de Arieș"},
		{"BĂIȚA DE SUB CODRU", "Băița de sub Codru"},
		{"SUB CETATE", "Sub Cetate"},
		{"LA CURTE", "La Curte"},
		{"REMEȚI PE SOMEȘ", "Remeți pe Someș"},
		{"ȘTEFAN CEL MARE", "Ștefan cel Mare"},
		{"CÂMPULUNG LA TISA", "Câmpulung la Tisa"},
		{"ANINIȘU DIN DEAL", "Aninișu din Deal"},
		{"MALU CU FLORI", "Malu cu Flori"},
		{"VALE IN JOS", "Vale in Jos"},
		{"C.A. ROSETTI", "C.A. Rosetti"},
		{"I.C.BRĂTIANU", "I.C.Brătianu"},
		{"GERSA II", "Gersa II"},
		{"APELE VII", "Apele Vii"},
		{"23 AUGUST", "23 August"},
		{"ÎNTORSURA BUZĂULUI", "Întorsura Buzăului"},
		{"ȚAGA", "Țaga"},
		{"SAT-ȘUGATAG", "Sat-Șugatag"},
		{"DRAGOMIREȘTI-VALE", "Dragomirești-Vale"},
		{"", ""},
	} {
		if got := titleCaseRO(tt.in); got != tt.want {
			t.Errorf("titleCaseRO(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAdminCleanName(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"ALBA IULIA", "ALBA IULIA", true},
		{"MUNICIPIUL  LUPENI ", "MUNICIPIUL LUPENI", true},
		{"BRAŞOV", "BRAȘOV", true},       // cedilla
		{"BRAS\u0326OV", "BRAȘOV", true}, // combining comma below
		{"BRAS\u0327OV", "BRAȘOV", true}, // combining cedilla
		{"Mazewo Dworskie\"B\"", "Mazewo Dworskie\"B\"", true},
		{"A\u00a0B", "A B", true},
		{"", "", false},
		{"   ", "", false},
		{"a\x00b", "", false},
		{"\u200b\u200b", "", false},
		{"\ufeffBOM", "", false},
		{"\u202eevil\u202c", "", false},
	} {
		got, ok := adminCleanName(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("adminCleanName(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

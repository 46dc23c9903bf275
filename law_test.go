package agora

import "testing"

func TestActKeys(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{ActKeyRO("lege", 2003, "52"), "ro/lege/2003/52"},
		{ActKeyRO("HG", 2010, "1.326"), "ro/hg/2010/1326"},
		{ActKeyRO("oug", 2019, "057"), "ro/oug/2019/57"},
		{ActKeyPL(JournalDU, 2003, "873"), "pl/du/2003/873"},
		{ActKeyPL("MP", 2023, "12a"), "pl/mp/2023/12a"},
		{ActKeySource(RO, "law-doc-10"), "ro/src/law-doc-10"},
		{NormalizeActNumber("0"), "0"},
	} {
		if tt.got != tt.want {
			t.Errorf("key = %q, want %q", tt.got, tt.want)
		}
	}
}

func TestParseActKey(t *testing.T) {
	good := map[string]ActKeyParts{
		"ro/lege/2003/52":   {Jurisdiction: RO, Kind: "lege", Year: 2003, Number: "52"},
		"pl/du/2003/873":    {Jurisdiction: PL, Kind: "du", Year: 2003, Number: "873"},
		"ro/src/law-doc-10": {Jurisdiction: RO, Kind: "src", SourceID: "law-doc-10"},
	}
	for in, want := range good {
		got, err := ParseActKey(in)
		if err != nil || got != want {
			t.Errorf("ParseActKey(%q) = %+v, %v, want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "ro", "ro/lege/2003", "ro/lege/03/52", "ro/lege/2003/1.326", "ro/lege/2003/052",
		"ro/ustawa/2003/5", "pl/lege/2003/5", "de/lege/2003/5", "ro/src/", "ro/src/A", "ro/lege/-1/5", "ro/lege/2003/52/x"} {
		if _, err := ParseActKey(in); err == nil {
			t.Errorf("ParseActKey(%q) accepted a bad key", in)
		}
	}
}

func TestContentHash(t *testing.T) {
	d := ActDocument{Act: Act{Key: "ro/lege/2003/52", Title: "LEGE", SourceID: "a"}, Units: []Unit{{Key: "art-1", Kind: UnitArticle, Text: "ş"}}}
	h := d.ContentHash()
	d.Act.SourceID, d.Act.SourceURL = "b", "http://x"
	if d.ContentHash() != h {
		t.Error("source id changed the content hash")
	}
	d.Units[0].Text = "ș"
	if d.ContentHash() == h {
		t.Error("cedilla and comma texts hash alike; the original text must count")
	}
	a := ActDocument{Units: []Unit{{Text: "ab", Heading: ""}}}
	b := ActDocument{Units: []Unit{{Text: "b", Heading: "a"}}}
	if a.ContentHash() == b.ContentHash() {
		t.Error("field boundaries do not count in the hash")
	}
}

func TestLawKinds(t *testing.T) {
	if !ValidLawKind(RO, "hg") || ValidLawKind(RO, "ustawa") || !ValidLawKind(PL, "ustawa") {
		t.Error("kind vocabulary mixes jurisdictions")
	}
	if got := LawKindKey(RO, "nope"); got != "law.kind.other" {
		t.Errorf("LawKindKey(unknown) = %q", got)
	}
	if ActStatus("x").Valid() || !ActRepealed.Valid() {
		t.Error("ActStatus.Valid")
	}
}

func FuzzParseActKey(f *testing.F) {
	for _, s := range []string{"ro/lege/2003/52", "pl/du/2003/873", "ro/src/law-doc-10", "ro/hg/2010/1326", "x/y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseActKey(s)
		if err != nil {
			return
		}
		if p.String() != s {
			t.Fatalf("ParseActKey(%q).String() = %q", s, p.String())
		}
	})
}

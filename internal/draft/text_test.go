package draft

import (
	"bytes"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

func parse(t testing.TB, src string, opts Options) []agora.Unit {
	t.Helper()
	units, err := ParseText(strings.NewReader(src), opts)
	if err != nil {
		t.Fatalf("ParseText: %v", err)
	}
	if err := checkUnits(units); err != nil {
		t.Fatalf("%v\n%s", err, dump(units))
	}
	return units
}

func TestParseTextLaw52(t *testing.T) {
	src := string(readFile(t, "testdata/ro_lege_52_2003.txt"))
	if got := DetectCountry(src); got != CountryRO {
		t.Errorf("DetectCountry = %q, want ro", got)
	}
	units := parse(t, src, Options{})
	kinds := countKinds(units)
	for k, want := range map[agora.UnitKind]int{agora.UnitPreamble: 1, agora.UnitChapter: 3, agora.UnitSection: 2, agora.UnitArticle: 15} {
		if kinds[k] != want {
			t.Errorf("%d units of kind %s, want %d\n%s", kinds[k], k, want, dump(units))
		}
	}
	m := byKey(units)
	for key, want := range map[string]struct {
		kind            agora.UnitKind
		number, heading string
		text            string // a prefix of the text
		parent          string
	}{
		"pre":                {agora.UnitPreamble, "", "", "LEGE nr. 52 din 21 ianuarie 2003\nprivind transparența", ""},
		"cap-i":              {agora.UnitChapter, "I", "Dispoziţii generale", "", ""},
		"art-1":              {agora.UnitArticle, "1", "", "", "cap-i"},
		"art-1.par-2":        {agora.UnitParagraph, "(2)", "", "Legea are drept scop:", "art-1"},
		"art-1.par-2.let-c":  {agora.UnitLetter, "c)", "", "să sporească gradul de transparență", "art-1.par-2"},
		"art-2.let-c.pct-3":  {agora.UnitPoint, "3", "", "minutele acestor ședințe", "art-2.let-c"},
		"art-3.let-g":        {agora.UnitLetter, "g)", "", "minută - documentul scris în care se consemnează", "art-3"},
		"cap-ii.sec-1":       {agora.UnitSection, "1", "Dispoziţii privind participarea la procesul de elaborare a actelor normative", "", "cap-ii"},
		"cap-ii.sec-a2a":     {agora.UnitSection, "a 2-a", "Dispoziții privind participarea la procesul de luare a deciziilor", "", "cap-ii"},
		"art-7":              {agora.UnitArticle, "7", "", "", "cap-ii.sec-1"},
		"art-7.par-10.let-d": {agora.UnitLetter, "d)", "", "în termen de 10 zile calendaristice", "art-7.par-10"},
		"art-7.par-13":       {agora.UnitParagraph, "(13)", "", "Prin excepție de la prevederile alin. (2)", "art-7"},
		"art-8.par-3":        {agora.UnitParagraph, "(3)", "", "Participarea persoanelor interesate la şedinţele publice", "art-8"},
		"art-9":              {agora.UnitArticle, "9", "", "Persoana care prezidează ședința publică", "cap-ii.sec-a2a"},
		"art-12.par-1":       {agora.UnitParagraph, "(1)", "", "Autoritățile publice prevăzute la art. 4", "art-12"},
		"art-14.par-2":       {agora.UnitParagraph, "(2)", "", "Plângerea şi recursul se judecă în procedură de urgenţă", "art-14"},
		"art-15":             {agora.UnitArticle, "15", "", "Constituie abatere disciplinară", "cap-iii"},
		"art-13.par-1.let-g": {agora.UnitLetter, "g)", "", "numărul ședințelor care nu au fost publice", "art-13.par-1"},
		"art-10.par-2":       {agora.UnitParagraph, "(2)", "", "Punctele de vedere", "art-10"},
		"art-2.let-c":        {agora.UnitLetter, "c)", "", "participarea activă", "art-2"},
		"art-1.par-1":        {agora.UnitParagraph, "(1)", "", "Prezenta lege stabilește", "art-1"},
		"art-3.let-k":        {agora.UnitLetter, "k)", "", "dezbatere publică - întâlnirea publică", "art-3"},
		"art-4.let-b":        {agora.UnitLetter, "b)", "", "autoritățile administrației publice locale", "art-4"},
		"cap-iii":            {agora.UnitChapter, "III", "Sancţiuni", "", ""},
		"art-7.par-10":       {agora.UnitParagraph, "(10)", "", "Dezbaterile publice se vor desfășura", "art-7"},
		"art-11":             {agora.UnitArticle, "11", "", "Minuta şedinţei publice", "cap-ii.sec-a2a"},
		"art-2":              {agora.UnitArticle, "2", "", "Principiile care stau la baza", "cap-i"},
		"art-6.let-c":        {agora.UnitLetter, "c)", "", "datele personale, potrivit legii.", "art-6"},
		"art-12.par-3":       {agora.UnitParagraph, "(3)", "", "Autoritățile administrației publice prevăzute la art. 4", "art-12"},
		"art-5":              {agora.UnitArticle, "5", "", "Dispozițiile prezentei legi se aplică", "cap-i"},
		"art-7.par-10.let-a": {agora.UnitLetter, "a)", "", "autoritatea publică responsabilă", "art-7.par-10"},
		"art-2.let-c.pct-1":  {agora.UnitPoint, "1", "", "ședințele și dezbaterile", "art-2.let-c"},
		"art-13.par-2":       {agora.UnitParagraph, "(2)", "", "Raportul anual", "art-13"},
		"cap-ii":             {agora.UnitChapter, "II", "Proceduri privind participarea cetățenilor", "", ""},
		"art-8.par-1.let-a":  {agora.UnitLetter, "a)", "", "anunțul privind ședința publică", "art-8.par-1"},
		"art-13.par-1.let-b": {agora.UnitLetter, "b)", "", "numărul total al recomandărilor incluse", "art-13.par-1"},
		"art-7.par-1":        {agora.UnitParagraph, "(1)", "", "În cadrul procedurilor", "art-7"},
	} {
		u, ok := m[key]
		switch {
		case !ok:
			t.Errorf("no unit %s\n%s", key, dump(units))
		case u.Kind != want.kind || u.Number != want.number || !strings.HasPrefix(u.Heading, want.heading) ||
			!strings.HasPrefix(u.Text, want.text) || u.ParentKey != want.parent:
			t.Errorf("%s = %s %q H=%q T=%.60q parent %q, want %s %q H=%q T=%q… parent %q",
				key, u.Kind, u.Number, u.Heading, u.Text, u.ParentKey, want.kind, want.number, want.heading, want.text, want.parent)
		}
	}
}

func TestParseTextPolishArt5(t *testing.T) {
	src := string(readFile(t, "testdata/pl_ustawa_pozytek_art5.txt"))
	if got := DetectCountry(src); got != CountryPL {
		t.Errorf("DetectCountry = %q, want pl", got)
	}
	units := parse(t, src, Options{})
	m := byKey(units)
	for key, want := range map[string]struct {
		kind            agora.UnitKind
		number, heading string
		text            string
		parent          string
	}{
		"tit-i":                   {agora.UnitTitle, "I", "Przepisy ogólne", "", ""},
		"art-1":                   {agora.UnitArticle, "1", "", "", "tit-i"},
		"art-1.par-1":             {agora.UnitParagraph, "1", "", "Ustawa reguluje zasady", "art-1"},
		"art-3.par-4.pct-4":       {agora.UnitPoint, "4)", "", "fundacji, których jedynym fundatorem", "art-3.par-4"},
		"art-3.par-4.pct-4.let-c": {agora.UnitLetter, "c)", "", "fundacja prowadzi działalność statutową", "art-3.par-4.pct-4"},
		"art-3.par-4.pct-5":       {agora.UnitPoint, "5)", "", "fundacji utworzonych przez partie", "art-3.par-4"},
		"art-5.par-2":             {agora.UnitParagraph, "2", "", "Współpraca, o której mowa w ust. 1, może", "art-5"},
		"art-5.par-2.pct-3":       {agora.UnitPoint, "3)", "", "konsultowania z organizacjami pozarządowymi", "art-5.par-2"},
		"art-5.par-2.pct-3a":      {agora.UnitPoint, "3a)", "", "konsultowania projektów aktów normatywnych", "art-5.par-2"},
		"art-5.par-5":             {agora.UnitParagraph, "5", "", "Organ stanowiący jednostki samorządu terytorialnego określa", "art-5"},
		"tit-ii":                  {agora.UnitTitle, "II", "Działalność pożytku publicznego", "", ""},
		"tit-ii.cap-1":            {agora.UnitChapter, "1", "Działalność odpłatna i nieodpłatna pożytku publicznego", "", "tit-ii"},
		"art-6":                   {agora.UnitArticle, "6", "", "Działalność pożytku publicznego jest prowadzona", "tit-ii.cap-1"},
	} {
		u, ok := m[key]
		switch {
		case !ok:
			t.Errorf("no unit %s\n%s", key, dump(units))
		case u.Kind != want.kind || u.Number != want.number || u.Heading != want.heading ||
			!strings.HasPrefix(u.Text, want.text) || u.ParentKey != want.parent:
			t.Errorf("%s = %s %q H=%q T=%.60q parent %q, want %s %q H=%q T=%q… parent %q",
				key, u.Kind, u.Number, u.Heading, u.Text, u.ParentKey, want.kind, want.number, want.heading, want.text, want.parent)
		}
	}
	// Forced to Romanian numbering, "1." after an article is a point.
	ro := byKey(parse(t, src, Options{Country: CountryRO}))
	if u, ok := ro["art-1.pct-2"]; !ok || u.Kind != agora.UnitPoint {
		t.Errorf("forced ro: art-1.pct-2 = %+v, %v", u, ok)
	}
}

// The same text as UTF-8 with a byte order mark and CRLF (or CR) line ends
// gives the same units.
func TestParseTextLineEndsAndBOM(t *testing.T) {
	for _, name := range []string{"testdata/ro_lege_52_2003.txt", "testdata/pl_ustawa_pozytek_art5.txt"} {
		lf := readFile(t, name)
		want := parse(t, string(lf), Options{})
		for variant, data := range map[string][]byte{
			"bom":      append([]byte("\uFEFF"), lf...),
			"crlf":     bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")),
			"bom+crlf": append([]byte("\uFEFF"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...),
			"cr":       bytes.ReplaceAll(lf, []byte("\n"), []byte("\r")),
		} {
			got := parse(t, string(data), Options{})
			if err := sameUnits(want, got); err != nil {
				t.Errorf("%s %s: %v", name, variant, err)
			}
		}
	}
}

func TestParseTextHeadingsAndNumbers(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		country   string
		want      []string // "key kind number heading|text"
	}{
		{"heading on the article line", "Art. 5 Definiții\n(1) Termenii:\na) act;", "",
			[]string{"art-5 article 5 Definiții|", "art-5.par-1 paragraph (1) |Termenii:", "art-5.par-1.let-a letter a) |act;"}},
		{"heading in brackets", "Art. 5. [Definicje]\n1. Ilekroć w ustawie jest mowa o:\n1) organie – rozumie się przez to organ;", "pl",
			[]string{"art-5 article 5 Definicje|", "art-5.par-1 paragraph 1 |Ilekroć w ustawie jest mowa o:", "art-5.par-1.pct-1 point 1) |organie – rozumie się przez to organ;"}},
		{"heading on the next line", "Articolul 3\nIntrarea în vigoare\nPrezenta lege intră în vigoare la 3 zile.", "",
			[]string{"art-3 article 3 Intrarea în vigoare|Prezenta lege intră în vigoare la 3 zile."}},
		{"a short last line is text", "Art. 3\nAbrogat\nArt. 4\nText.", "",
			[]string{"art-3 article 3 |Abrogat", "art-4 article 4 |Text."}},
		{"a sentence on the article line", "Art. 1. Prezenta lege reglementează consultarea.\nArt. 2. — (1) Alineat.", "",
			[]string{"art-1 article 1 |Prezenta lege reglementează consultarea.", "art-2 article 2 |", "art-2.par-1 paragraph (1) |Alineat."}},
		{"inserted articles", "Art. 1\nA.\nArt. 1^1\nB.\nArt. 1¹\nC.\nArt. 11\nD.\nART. 2^3 - E.", "",
			[]string{"art-1 article 1 |A.", "art-1-1 article 1^1 |B.", "art-1-1~2 article 1¹ |C.", "art-11 article 11 |D.", "art-2-3 article 2^3 |E."}},
		{"duplicated article numbers", "Art. 4\nUnu.\nArt. 4\nDoi.\n(1) Trei.", "",
			[]string{"art-4 article 4 |Unu.", "art-4~2 article 4 |Doi.", "art-4~2.par-1 paragraph (1) |Trei."}},
		{"titles, sections and an annex", "TITLUL I - Dispoziții\nCAP. II Reguli\nSECȚIUNEA a II-a\nArt. 1\nX.\nANEXA nr. 2\nNorme metodologice\nArt. 1\nY.", "",
			[]string{"tit-i title I Dispoziții|", "tit-i.cap-ii chapter II Reguli|", "tit-i.cap-ii.sec-aiia section a II-a |", "art-1 article 1 |X.",
				"anx-2 annex 2 Norme metodologice|", "anx-2.art-1 article 1 |Y."}},
		{"polish structure with § and tiret", "Rozdział 2\nZasady\nOddział 1\n§ 1. Rozporządzenie określa:\n1) zasady, w tym:\na) wzory,\n– dla organów,\n– dla organizacji;\n§ 2. 1. Traci moc.\n2. Wchodzi w życie.", "pl",
			[]string{"cap-2 chapter 2 Zasady|", "cap-2.sec-1 section 1 |", "art-1 article § 1 |Rozporządzenie określa:", "art-1.pct-1 point 1) |zasady, w tym:",
				"art-1.pct-1.let-a letter a) |wzory,", "art-1.pct-1.let-a.ind indent – |dla organów,", "art-1.pct-1.let-a.ind~2 indent – |dla organizacji;",
				"art-2 article § 2 |", "art-2.par-1 paragraph 1 |Traci moc.", "art-2.par-2 paragraph 2 |Wchodzi w życie."}},
		{"§ inside a polish article", "Art. 148. § 1. Kto zabija człowieka,\npodlega karze.\n§ 2. Kto zabija człowieka ze szczególnym okrucieństwem.", "pl",
			[]string{"art-148 article 148 |", "art-148.par-1 paragraph § 1 |Kto zabija człowieka,\npodlega karze.", "art-148.par-2 paragraph § 2 |Kto zabija człowieka ze szczególnym okrucieństwem."}},
		{"markdown", "# HOTĂRÂRE\n\n**Guvernul** adoptă:\n\n## Art. 1\n### Obiect\n- prima liniuță;\n- a doua.\n\n## **Art. 2.** Text final.\n\n1. punct unu\n2. punct doi", "",
			[]string{"pre preamble  |# HOTĂRÂRE\n**Guvernul** adoptă:", "art-1 article 1 Obiect|", "art-1.ind indent - |prima liniuță;", "art-1.ind~2 indent - |a doua.",
				"art-2 article 2 |Text final.", "art-2.pct-1 point 1 |punct unu", "art-2.pct-2 point 2 |punct doi"}},
		{"markers in the preamble are text", "Proiect\n(1) nu e alineat\na) nici literă\nArticol unic\nSe aprobă.", "",
			[]string{"pre preamble  |Proiect\n(1) nu e alineat\na) nici literă", "art-unic article unic |Se aprobă."}},
		{"citations are not markers", "Art. 1\nArt. 5, alin. (2) din Legea nr. 52/2003 se modifică.\nDział administracji rządowej.", "",
			[]string{"art-1 article 1 |Art. 5, alin. (2) din Legea nr. 52/2003 se modifică.\nDział administracji rządowej."}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			units := parse(t, tt.src, Options{Country: tt.country})
			var got []string
			for _, u := range units {
				got = append(got, string(u.Key)+" "+string(u.Kind)+" "+u.Number+" "+u.Heading+"|"+u.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestParseTextErrors(t *testing.T) {
	deep := Limits{MaxDepth: 2}
	for _, tt := range []struct {
		name string
		src  string
		opts Options
		key  string
		args map[string]any
	}{
		{"empty", "", Options{}, KeyEmpty, nil},
		{"blank with BOM", "\uFEFF \r\n\t\r\n", Options{}, KeyEmpty, nil},
		{"invalid UTF-8", "Art. 1\nșir \xff rău\n", Options{}, KeyInvalidUTF8, map[string]any{"line": 2, "column": 5}},
		{"latin-2 bytes", "Art. 1\nDzia\xb3\n", Options{}, KeyInvalidUTF8, map[string]any{"line": 2, "column": 5}},
		{"control character", "Art. 1\nab\x00c\n", Options{}, KeyControlChar, map[string]any{"line": 2, "column": 3}},
		{"too large", strings.Repeat("a", 101), Options{Limits: Limits{MaxBytes: 100}}, KeyTooLarge, map[string]any{"limit": 100}},
		{"too many units", "Art. 1\nArt. 2\nArt. 3\n", Options{Limits: Limits{MaxUnits: 2}}, KeyTooManyUnits, map[string]any{"limit": 2, "line": 3}},
		{"too deep", "CAPITOLUL I\nArt. 1\n(1) x\n", Options{Limits: deep}, KeyTooDeep, map[string]any{"limit": 2, "line": 3}},
		{"keyword without number", "Art. 1\nX.\n\nCAPITOLUL\nY", Options{}, KeyNumbering, map[string]any{"line": 4, "column": 1, "text": "CAPITOLUL"}},
		{"unknown country", "Art. 1", Options{Country: "de"}, KeyCountry, map[string]any{"country": "de"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseText(strings.NewReader(tt.src), tt.opts)
			if err == nil {
				t.Fatal("no error")
			}
			key, args := errorKey(t, err)
			if key != tt.key {
				t.Fatalf("key %q, want %q", key, tt.key)
			}
			for k, v := range tt.args {
				if args[k] != v {
					t.Errorf("arg %s = %v, want %v", k, args[k], v)
				}
			}
		})
	}
}

// Text is kept as written: cedilla and comma-below letters side by side.
func TestParseTextKeepsLetters(t *testing.T) {
	units := parse(t, "Art. 1\nŞedinţa şi ședința, ţară și țară.", Options{})
	if got := units[0].Text; got != "Şedinţa şi ședința, ţară și țară." {
		t.Errorf("text = %q", got)
	}
}

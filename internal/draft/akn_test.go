package draft

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

const aknDir = "../../../shared/data/akn/legaldocml"

// aknOutcomes lists what every shared Akoma Ntoso sample gives: at least
// this many articles (or units, when the document has no articles), or
// the error key. A file added to the folder without a line here fails.
var aknOutcomes = map[string]struct {
	articles int    // minimum articles
	units    int    // minimum units of any kind
	key      string // expected error
}{
	"akn4eu/CoV DLV20 1.4 (council postion)/bill_123.xml":    {articles: 9},
	"akn4eu/CoV DLV20 1.4 (council postion)/main.xml":        {key: KeyAKNExternal},
	"invalid/sameXmlId.INVALID-duplicate-xml-id.xml":         {key: KeyAKNDuplicateID},
	"v2/Act_Instrument_Scotland_Subsidiarity_2010.xml":       {articles: 3},
	"v2/Act_Kenya_1980-01-01@1989-12-15.xml":                 {articles: 59},
	"v2/Act_Kenya_1989-12-06.xml":                            {articles: 15},
	"v2/Act_Kenya_1997-08-22_3@2003-12-19.xml":               {articles: 59},
	"v2/Act_Kenya_1997-08-22_3_2003-12-19.xml":               {articles: 59},
	"v2/Act_Kenya_2003-12-10-short.xml":                      {articles: 7},
	"v2/Act_Panama_decreto_223_2010.xml":                     {articles: 2},
	"v2/Act_Salvador_Ley_604_1993.xml":                       {articles: 8},
	"v2/Act_Salvador_Ley_912_2005.xml":                       {articles: 11},
	"v2/Act_USA_2011-11-29-short.xml":                        {articles: 7},
	"v2/Act_constitution_final-Kenya.xml":                    {articles: 264},
	"v2/Amendemet_Bungeni_2011-07-20.xml":                    {units: 3},
	"v2/AmendmentList_Bungeni_2010-10-28v1.xml":              {units: 2},
	"v2/AmendmentList_Bungeni_2010-10-28v2.xml":              {key: KeyAKNExternal},
	"v2/Amendment_mexico_enmienda_2010-10-07.xml":            {units: 3},
	"v2/Amendmet_Bungeni_2010-10-28adm1.xml":                 {units: 2},
	"v2/Amendmet_Bungeni_2010-10-28adm2.xml":                 {units: 2},
	"v2/Amendmet_Bungeni_2010-10-28adm3.xml":                 {units: 2},
	"v2/Bill_Bungeni_2009-01-27-documentCollection.xml":      {articles: 2},
	"v2/Bill_Bungeni_2009-01-27.xml":                         {articles: 2},
	"v2/Bill_Bungeni_2010-07-10-mail.xml":                    {articles: 3},
	"v2/Bill_Bungeni_2010-07-10-memorandum.xml":              {units: 1},
	"v2/Bill_Bungeni_2010-10-10-memorandum.xml":              {units: 1},
	"v2/Bill_Bungeni_2010-10-10.xml":                         {articles: 3},
	"v2/Bill_Bungeni_2010-11-19-coverpage.xml":               {key: KeyAKNExternal},
	"v2/Bill_Bungeni_2011-06-30v1-documentCollection.xml":    {articles: 2},
	"v2/Bill_Bungeni_2011-06-30v1.xml":                       {articles: 2},
	"v2/Bill_Bungeni_2011-06-30v2-documentCollection.xml":    {articles: 2},
	"v2/Bill_Bungeni_2011-06-30v2.xml":                       {articles: 2},
	"v2/Bill_Bungeni_2011-12-19-collect.xml":                 {articles: 3},
	"v2/Bill_Kenya_2006-02-10.xml":                           {articles: 2},
	"v2/Bill_Kenya_2006-12-19.xml":                           {units: 6},
	"v2/Bill_SouthAfrica_2010-10-10-memorandum.xml":          {units: 1},
	"v2/Bill_SouthAfrica_2010-10-10.xml":                     {articles: 4},
	"v2/Bill_SudAfrica_2003-09-04.xml":                       {articles: 3},
	"v2/Bill_SudAfrica_2003-09-04@20051231.xml":              {articles: 2},
	"v2/Bill_UN_2012.xml":                                    {units: 4},
	"v2/Bill_UN_2012_ES.xml":                                 {units: 4},
	"v2/Bill_US_2010-12-06.xml":                              {articles: 2},
	"v2/Bill_Uruguay_2011-09-27.xml":                         {articles: 3},
	"v2/Bill_cl_2005-03-14.xml":                              {articles: 9},
	"v2/Debate_Bungeni_1995-10-31.xml":                       {key: KeyAKNNoBody},
	"v2/Debate_Bungeni_2010-11-12.xml":                       {key: KeyAKNNoBody},
	"v2/Debate_Bungeni_2010-12-07.xml":                       {key: KeyAKNNoBody},
	"v2/Debate_Bungeni_2011-06-10.xml":                       {key: KeyAKNNoBody},
	"v2/Debate_Bungeni_2011-07-03.xml":                       {key: KeyAKNNoBody},
	"v2/Debate_mexico_debate_2010-01-26.xml":                 {key: KeyAKNNoBody},
	"v2/OrderOfWeek_Bungeni_2008-03-19.xml":                  {units: 2},
	"v2/Questions_Bungeni_2010.xml":                          {key: KeyAKNNoBody},
	"v2/Report_SudAfrica_2005-08-29.xml":                     {units: 10},
	"v2/Report_SudAfrica_2007-03-22.xml":                     {articles: 2},
	"v2/Report_SudAfrica_2008-11-01.xml":                     {units: 16},
	"v2/Report_SudAfrica_APPENDIX2_Of_Report_2007-03-22.xml": {units: 5},
	"v2/Table_APPENDIX1_2003.xml":                            {units: 1},
	"v2/Table_APPENDIX1_2007.xml":                            {units: 10},
	"v2/Table_Traffic_Ke_Schedule10_1954.xml":                {units: 11},
	"v2/constitution_final-Kenya.xml":                        {articles: 264},
	"v2/officialGazette_Bungeni_2011-12-23v1.xml":            {key: KeyAKNNoBody},
	"v2/officialGazette_Bungeni_2011-12-23v2.xml":            {key: KeyAKNNoBody},
	"v3/cl_Sesion56_2.xml":                                   {key: KeyAKNNoBody},
	"v3/emptyHierarchy.xml":                                  {units: 1},
	"v3/eu_COM(2013)0619_EN-8.xml":                           {articles: 24},
	"v3/ke_Debate_Bungeni_2011-06-10.xml":                    {key: KeyAKNNoBody},
	"v3/uk/asp-2017-1-enacted-data.akn.xml":                  {articles: 11},
	"v3/uk/ssi-2017-102-enacted-data.akn.xml":                {articles: 60},
	"v3/uk/ssi-2017-113-enacted-data.akn.xml":                {articles: 41},
	"v3/uk_pga-2014-27-enacted-data.xml":                     {articles: 8},
	"v3/uk_pga_1998_29.xml":                                  {articles: 95},
	"v3/us_Act_2011-11-29.xml":                               {articles: 7},
	"v3/us_Title9-Chap3-eng.xml":                             {articles: 7},
	"v3/uy_bill_2010-09-27.xml":                              {articles: 3},
	"v3/za_Judgement_2008-11-26.xml":                         {key: KeyAKNNoBody},
}

func aknFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(aknDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".xml") {
			rel, _ := filepath.Rel(aknDir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Skipf("shared Akoma Ntoso samples not available: %v", err)
	}
	return files
}

func TestParseAKNSamples(t *testing.T) {
	files := aknFiles(t)
	if len(files) != len(aknOutcomes) {
		t.Errorf("%d sample files, %d expected outcomes", len(files), len(aknOutcomes))
	}
	for _, name := range files {
		t.Run(name, func(t *testing.T) {
			want, ok := aknOutcomes[name]
			if !ok {
				t.Fatalf("no expected outcome for %s", name)
			}
			units, meta, err := ParseAKN(bytes.NewReader(readFile(t, filepath.Join(aknDir, name))), Limits{})
			if want.key != "" {
				if err == nil {
					t.Fatalf("no error, want %s", want.key)
				}
				if key, _ := errorKey(t, err); key != want.key {
					t.Fatalf("error %v, want %s", err, want.key)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := checkUnits(units); err != nil {
				t.Fatal(err)
			}
			kinds := countKinds(units)
			if kinds[agora.UnitArticle] < want.articles || len(units)-kinds[agora.UnitPreamble] < want.units {
				t.Errorf("%d articles, %d units; want ≥ %d articles, ≥ %d units", kinds[agora.UnitArticle], len(units), want.articles, want.units)
			}
			if meta.DocType == "" || meta.Version == "" {
				t.Errorf("meta %+v", meta)
			}
			// What Format writes parses back without error, so an officer
			// can correct an imported structure as text.
			if _, err := ParseText(strings.NewReader(Format(units, CountryRO)), Options{Country: CountryRO}); err != nil {
				t.Errorf("ParseText(Format(units)): %v", err)
			}
		})
	}
}

// The invalid sample is well-formed XML that repeats xml:id="BAD_XMLID".
func TestParseAKNDuplicateID(t *testing.T) {
	name := filepath.Join(aknDir, "invalid/sameXmlId.INVALID-duplicate-xml-id.xml")
	_, _, err := ParseAKN(bytes.NewReader(readFile(t, name)), Limits{})
	key, args := errorKey(t, err)
	if key != KeyAKNDuplicateID || args["id"] != "BAD_XMLID" || args["attribute"] != "xml:id" || args["line"] != 100 || args["first_line"] != 96 {
		t.Errorf("error %s %v, want the duplicate BAD_XMLID on line 100 first seen on line 96", key, args)
	}
}

func TestParseAKNContent(t *testing.T) {
	units, meta, err := ParseAKN(bytes.NewReader(readFile(t, filepath.Join(aknDir, "v3/eu_COM(2013)0619_EN-8.xml"))), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if meta.DocType != "bill" || meta.Collection != "documentCollection" || meta.Country != "eu" || meta.Version != "3.0" ||
		!strings.Contains(meta.Title, "new psychoactive substances") {
		t.Errorf("meta %+v", meta)
	}
	m := byKey(units)
	art1 := m["art-1"]
	if art1.Kind != agora.UnitArticle || art1.Number != "1" || art1.Heading != "Subject matter and scope" || !strings.HasPrefix(art1.ParentKey, "cap-") {
		t.Errorf("art-1 = %+v", art1)
	}
	for _, u := range units {
		if strings.Contains(u.Text, "  ") || strings.Contains(u.Text, "\t") {
			t.Errorf("%s: whitespace not normalised: %q", u.Key, u.Text)
		}
	}

	units, meta, err = ParseAKN(bytes.NewReader(readFile(t, filepath.Join(aknDir, "v2/Act_Kenya_2003-12-10-short.xml"))), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if meta.Version != "2.0" || meta.Country != "ke" || meta.Date != "2003-12-10" || meta.Language != "eng" || meta.URI != "/ke/act/2003-12-10/8" {
		t.Errorf("meta %+v", meta)
	}
	if units[0].Kind != agora.UnitPreamble {
		t.Errorf("first unit %+v, want the preface", units[0])
	}
}

func TestParseAKNErrors(t *testing.T) {
	const ns = `xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"`
	act := func(body string) string {
		return `<?xml version="1.0" encoding="UTF-8"?>` + "\n<akomaNtoso " + ns + "><act><meta/><body>" + body + "</body></act></akomaNtoso>"
	}
	deep := strings.Repeat("<hcontainer><num>1</num>", 300) + strings.Repeat("</hcontainer>", 300)
	for _, tt := range []struct {
		name, src string
		lim       Limits
		key       string
		args      map[string]any
	}{
		{"empty", "  \n", Limits{}, KeyEmpty, nil},
		{"malformed", "<akomaNtoso " + ns + ">\n<act>\n<body><p>x</b></body></act></akomaNtoso>", Limits{}, KeyXML, map[string]any{"line": 3}},
		{"unclosed", "<akomaNtoso " + ns + "><act>", Limits{}, KeyXML, nil},
		{"not UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><akomaNtoso/>", Limits{}, KeyXMLEncoding, map[string]any{"encoding": "ISO-8859-2"}},
		{"invalid bytes", act("<article><num>1</num><content><p>Dzia\xb3</p></content></article>"), Limits{}, KeyXML, map[string]any{"line": 2}},
		{"doctype", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<akomaNtoso " + ns + ">&lol2;</akomaNtoso>", Limits{}, KeyDoctype, map[string]any{"line": 2}},
		{"undeclared entity", act("<article><num>1</num><content><p>&lol;</p></content></article>"), Limits{}, KeyXML, nil},
		{"too large", act(strings.Repeat("<p>x</p>", 100)), Limits{MaxBytes: 500}, KeyTooLarge, map[string]any{"limit": 500}},
		{"too many elements", act(strings.Repeat("<p>x</p>", 100)), Limits{MaxElements: 50}, KeyTooManyElems, map[string]any{"limit": 50}},
		{"too deep XML", act(deep), Limits{}, KeyTooDeep, nil},
		{"too many units", act(strings.Repeat("<article><num>1</num></article>", 10)), Limits{MaxUnits: 5}, KeyTooManyUnits, map[string]any{"limit": 5}},
		{"not akoma ntoso", "<html><body/></html>", Limits{}, KeyAKNRoot, map[string]any{"element": "html"}},
		{"wrong namespace", "<akomaNtoso xmlns=\"urn:x\"><act/></akomaNtoso>", Limits{}, KeyAKNRoot, map[string]any{"namespace": "urn:x"}},
		{"no document", "<akomaNtoso " + ns + "/>", Limits{}, KeyAKNNoBody, map[string]any{"element": "akomaNtoso"}},
		{"empty body", act(""), Limits{}, KeyAKNNoUnits, map[string]any{"element": "act"}},
		{"duplicate eId", act("<article eId=\"art_1\"><num>1</num></article>\n<article eId=\"art_1\"><num>2</num></article>"), Limits{}, KeyAKNDuplicateID,
			map[string]any{"id": "art_1", "attribute": "eId", "line": 3, "first_line": 2}},
		{"two roots", "<akomaNtoso " + ns + "><act/></akomaNtoso><akomaNtoso " + ns + "/>", Limits{}, KeyXML, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseAKN(strings.NewReader(tt.src), tt.lim)
			if err == nil {
				t.Fatal("no error")
			}
			key, args := errorKey(t, err)
			if key != tt.key {
				t.Fatalf("error %v, want %s", err, tt.key)
			}
			for k, v := range tt.args {
				if args[k] != v {
					t.Errorf("arg %s = %v, want %v", k, args[k], v)
				}
			}
		})
	}
}

// Ids repeat legitimately across the documents of a collection: each
// embedded component has its own.
func TestParseAKNIDsPerDocument(t *testing.T) {
	src := `<akomaNtoso xmlns="http://www.akomantoso.org/2.0"><documentCollection><meta/><collectionBody>
<component id="c1"><bill><meta><x id="m"/></meta><body><section id="s1"><num>1.</num><content><p>A <ref href="#x">ref</ref> and a <term refersTo="#t">term</term>.</p></content></section></body></bill></component>
<component id="c2"><doc name="memo"><meta><x id="m"/></meta><mainBody><p id="s1">B</p></mainBody></doc></component>
</collectionBody></documentCollection></akomaNtoso>`
	units, meta, err := ParseAKN(strings.NewReader(src), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if meta.DocType != "bill" || meta.Collection != "documentCollection" || meta.Version != "2.0" {
		t.Errorf("meta %+v", meta)
	}
	if len(units) != 1 || units[0].Key != "art-1" || units[0].Text != "A ref and a term." {
		t.Errorf("units\n%s", dump(units))
	}
}

func FuzzParseAKN(f *testing.F) {
	for _, name := range []string{"v3/emptyHierarchy.xml", "v2/Act_Kenya_2003-12-10-short.xml", "v2/Bill_Bungeni_2009-01-27.xml",
		"invalid/sameXmlId.INVALID-duplicate-xml-id.xml", "v3/us_Title9-Chap3-eng.xml", "v2/Amendmet_Bungeni_2010-10-28adm3.xml"} {
		if b, err := os.ReadFile(filepath.Join(aknDir, name)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><body><article eId="a"><num>1</num><heading>H</heading><content><p>T</p></content></article></body></act></akomaNtoso>`))
	known := map[string]bool{KeyTooLarge: true, KeyEmpty: true, KeyXML: true, KeyXMLEncoding: true, KeyDoctype: true, KeyTooDeep: true,
		KeyTooManyElems: true, KeyTooManyUnits: true, KeyAKNRoot: true, KeyAKNDuplicateID: true, KeyAKNNoBody: true, KeyAKNExternal: true, KeyAKNNoUnits: true}
	f.Fuzz(func(t *testing.T, data []byte) {
		units, _, err := ParseAKN(bytes.NewReader(data), Limits{MaxElements: 20_000})
		if err != nil {
			key, _ := errorKey(t, err)
			if !known[key] {
				t.Fatalf("unknown key %s", key)
			}
			return
		}
		if err := checkUnits(units); err != nil {
			t.Fatalf("%v\n%s", err, dump(units))
		}
	})
}

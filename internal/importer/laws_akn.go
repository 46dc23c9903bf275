package importer

import (
	"bytes"
	"cmp"
	"regexp"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
)

// isapIDRE finds the Polish ISAP identifier of an act ("WDU20170000001":
// Dziennik Ustaw 2017 poz. 1) in an AKN name, URI or file name.
var isapIDRE = regexp.MustCompile(`(?i)\bW(DU|MP)(\d{4})(\d{7})\b`)

// DecodeAKNLaw reads an Akoma Ntoso 2.0 or 3.0 act with draft.ParseAKN.
// The jurisdiction is the FRBRcountry, which must be Romania or Poland
// (other countries are skipped with law.import.jurisdiction); title,
// number and date come from the metadata and, failing that, the title.
// A Polish act named by its ISAP id (WDU20170000001) gets its Dziennik
// Ustaw key; an act whose key cannot be made gets a source key from the
// file name.
func DecodeAKNLaw(data []byte, sourceID string, cite CiteFunc) (LawDoc, error) {
	units, meta, err := draft.ParseAKN(bytes.NewReader(data), draft.Limits{MaxBytes: len(data) + 1})
	if err != nil {
		return LawDoc{}, draftError(ReasonLawAKN, err)
	}
	j := agora.Country(strings.ToUpper(strings.TrimSpace(meta.Country)))
	if !j.Valid() {
		return LawDoc{}, &LawSyntaxError{Reason: ReasonLawJurisdiction, Err: errJurisdiction(meta.Country)}
	}
	a := agora.Act{Jurisdiction: j, Title: cmp.Or(strings.TrimSpace(meta.Title), sourceID), SourceID: sourceID,
		Status: agora.ActStatusUnknown}
	t := ParseActTitle(j, a.Title)
	a.Kind, a.Number, a.Year = t.Kind, cmp.Or(t.Number, agora.NormalizeActNumber(meta.Number)), t.Year
	a.AdoptedOn = cmp.Or(isoOnly(meta.Date), t.Date)
	if a.Year == 0 && a.AdoptedOn != "" {
		a.Year, _ = strconv.Atoi(a.AdoptedOn[:4])
	}
	if j == agora.PL {
		for _, s := range []string{meta.Name, meta.This, meta.URI, meta.Number, sourceID} {
			if m := isapIDRE.FindStringSubmatch(s); m != nil {
				year, _ := strconv.Atoi(m[2])
				journal := strings.ToLower(m[1])
				a.Key, a.Year, a.Number = agora.ActKeyPL(journal, year, m[3]), year, agora.NormalizeActNumber(m[3])
				a.PublicationRef = map[string]string{agora.JournalDU: "Dz.U.", agora.JournalMP: "M.P."}[journal] + " " + m[2] + " poz. " + a.Number
				break
			}
		}
	}
	if a.Key == "" {
		a.Key = textActKey(a, "")
	}
	return LawDoc{Act: a, Units: units, Relations: citeUnits(a, units, cite)}, nil
}

type errJurisdiction string

func (e errJurisdiction) Error() string {
	return "country " + strconv.Quote(string(e)) + " is not RO or PL"
}

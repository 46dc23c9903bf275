package importer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
)

// textSidecarSuffix names the metadata file of a text document:
// "lege-52-2003.txt" is described by "lege-52-2003.meta.json".
const textSidecarSuffix = ".meta.json"

// TextLawMeta is the sidecar of a text document. Every field is
// optional; what it gives wins over what the header line says.
type TextLawMeta struct {
	Jurisdiction   string `json:"jurisdiction"` // "RO" or "PL"
	Key            string `json:"act_key"`
	Kind           string `json:"kind"`
	Number         string `json:"number"`
	Year           int    `json:"year"`
	Title          string `json:"title"`
	Issuer         string `json:"issuer"`
	AdoptedOn      string `json:"adopted_on"`
	PublishedOn    string `json:"published_on"`
	InForceOn      string `json:"in_force_on"`
	PublicationRef string `json:"publication_ref"`
	Status         string `json:"status"`
	SourceURL      string `json:"source_url"`
	SourceID       string `json:"source_id"`
}

// DecodeTextLaw reads an act written as plain text or Markdown. Without a
// sidecar (or when it has no title) the first non-empty line is the title
// ("LEGE nr. 52 din 21 ianuarie 2003 privind transparența decizională",
// "Ustawa z dnia 24 kwietnia 2003 r. o …"), from which kind, number, year
// and date are read as for ansvar-json; the rest is the body, whose
// structure draft.ParseText finds. The jurisdiction comes from the
// sidecar or is detected from the text. A document whose key cannot be
// made from number and year gets a source key from sourceID.
func DecodeTextLaw(data, sidecar []byte, sourceID string, cite CiteFunc) (LawDoc, error) {
	var meta TextLawMeta
	if sidecar != nil {
		if err := json.Unmarshal(sidecar, &meta); err != nil {
			return LawDoc{}, jsonError(sidecar, err)
		}
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	body := data
	title := strings.TrimSpace(meta.Title)
	if title == "" {
		first, rest, _ := bytes.Cut(bytes.TrimLeft(data, " \t\r\n"), []byte("\n"))
		title, body = strings.TrimSpace(string(first)), rest
		title = strings.TrimSpace(strings.TrimLeft(title, "#"))
	}
	if title == "" {
		return LawDoc{}, &LawSyntaxError{Line: 1, Column: 1, Reason: ReasonLawHeader}
	}
	country := strings.ToLower(meta.Jurisdiction)
	if country == "" {
		country = draft.DetectCountry(title + "\n" + string(body))
	}
	units, err := draft.ParseText(bytes.NewReader(body), draft.Options{Country: country, Limits: draft.Limits{MaxBytes: len(body) + 1}})
	if err != nil {
		return LawDoc{}, draftError(ReasonLawText, err)
	}
	a := agora.Act{Jurisdiction: agora.Country(strings.ToUpper(country)), Title: title, SourceID: cmp.Or(meta.SourceID, sourceID),
		SourceURL: meta.SourceURL, Issuer: meta.Issuer, PublishedOn: isoOnly(meta.PublishedOn),
		InForceOn: isoOnly(meta.InForceOn), PublicationRef: meta.PublicationRef, Status: agora.ActStatus(meta.Status)}
	t := ParseActTitle(a.Jurisdiction, title)
	a.Kind, a.Number, a.Year = cmp.Or(meta.Kind, t.Kind), cmp.Or(agora.NormalizeActNumber(meta.Number), t.Number), cmp.Or(meta.Year, t.Year)
	a.AdoptedOn = cmp.Or(isoOnly(meta.AdoptedOn), t.Date)
	if !a.Status.Valid() {
		a.Status = agora.ActStatusUnknown
	}
	a.Key = textActKey(a, meta.Key)
	return LawDoc{Act: a, Units: units, Relations: citeUnits(a, units, cite)}, nil
}

func textActKey(a agora.Act, given string) string {
	if _, err := agora.ParseActKey(given); err == nil {
		return given
	}
	switch {
	case a.Jurisdiction == agora.RO && a.Number != "" && a.Year > 0 && agora.ValidLawKind(agora.RO, a.Kind) && a.Kind != "other":
		return agora.ActKeyRO(a.Kind, a.Year, a.Number)
	case a.Jurisdiction == agora.PL && a.Number != "" && a.Year > 0:
		return agora.ActKeyPL(agora.JournalDU, a.Year, a.Number)
	}
	return agora.ActKeySource(a.Jurisdiction, a.SourceID)
}

// draftError turns a draft parser error (an *agora.Error whose Args may
// hold line and column) into a positioned syntax error.
func draftError(reason string, err error) error {
	var ae *agora.Error
	if !errors.As(err, &ae) {
		return &LawSyntaxError{Reason: reason, Err: err}
	}
	line, _ := ae.Args["line"].(int)
	col, _ := ae.Args["column"].(int)
	return &LawSyntaxError{Line: line, Column: col, Reason: reason, Err: err}
}

// rememberSidecar keeps a sidecar met inside an archive for the text
// document it describes; sorted archives list "x.meta.json" before
// "x.txt". Sidecars on disk are read when their document is.
func (w *lawWalk) rememberSidecar(src, name string, data []byte) {
	if w.sidecars != nil {
		w.sidecars[strings.TrimSuffix(name, textSidecarSuffix)] = data
	}
}

func (w *lawWalk) sidecar(src, name string) []byte {
	stem := strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".txt")
	if w.sidecars != nil {
		return w.sidecars[stem]
	}
	diskStem := src[:len(src)-(len(name)-len(stem))]
	data, err := os.ReadFile(diskStem + textSidecarSuffix)
	if err != nil {
		return nil
	}
	return data
}

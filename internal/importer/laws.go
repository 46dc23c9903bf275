package importer

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/agora-civic/agora"
)

// LawDoc is one act as an importer read it: metadata, units in reading
// order and the relations found in its text. The store takes it as is.
type LawDoc = agora.ActDocument

// CiteFunc finds the acts a unit of act cites. The citation parser
// (internal/cite) provides it; FromUnit is filled in by the caller.
type CiteFunc func(act agora.Act, u agora.Unit) []agora.ActRelation

// LawFormat names an input format of `agora import laws`.
type LawFormat string

// Input formats.
const (
	// LawAnsvarJSON is one JSON object per act, as in the Ansvar-Systems
	// Romanian-law-mcp and polish-law-mcp collections.
	LawAnsvarJSON LawFormat = "ansvar-json"
	// LawAKN is Akoma Ntoso XML.
	LawAKN LawFormat = "akn"
	// LawText is plain text with a header line or a sidecar (see
	// DecodeTextLaw).
	LawText LawFormat = "text"
)

// LawFormats lists the formats, for usage text and flag checks.
var LawFormats = []LawFormat{LawAnsvarJSON, LawAKN, LawText}

// Reasons a document is skipped. They are i18n keys.
const (
	ReasonLawInvalidUTF8  = "law.import.invalid_utf8" // bytes that are not UTF-8
	ReasonLawJSON         = "law.import.json"         // not well-formed JSON
	ReasonLawJSONType     = "law.import.json_type"    // a field of the wrong type
	ReasonLawTrailing     = "law.import.trailing"     // more after the document
	ReasonLawNoID         = "law.import.no_id"        // the document has no id
	ReasonLawNoTitle      = "law.import.no_title"     // the document has no title
	ReasonLawTooLarge     = "law.import.too_large"    // over LawReader.MaxDocBytes
	ReasonLawArchive      = "law.import.archive"      // the archive or compressed stream is damaged
	ReasonLawRead         = "law.import.read"         // the file could not be read
	ReasonLawAKN          = "law.import.akn"          // the Akoma Ntoso parser refused it
	ReasonLawText         = "law.import.text"         // the text parser refused it
	ReasonLawHeader       = "law.import.header"       // a text document without a usable header or sidecar
	ReasonLawJurisdiction = "law.import.jurisdiction" // an act of a country other than Romania or Poland
)

// LawSyntaxError says where in a document decoding failed.
type LawSyntaxError struct {
	Line, Column int // 1-based; 0 when unknown
	Reason       string
	Err          error
}

func (e *LawSyntaxError) Error() string {
	s := fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Reason)
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *LawSyntaxError) Unwrap() error { return e.Err }

// syntaxErrorAt converts a byte offset into line and column.
func syntaxErrorAt(data []byte, off int, reason string, err error) *LawSyntaxError {
	off = min(max(off, 0), len(data))
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	col := off - bytes.LastIndexByte(before, '\n')
	return &LawSyntaxError{Line: line, Column: col, Reason: reason, Err: err}
}

// LawProblem is a document (or archive) that was skipped whole.
type LawProblem struct {
	// Source is the file, and the member inside an archive after a colon:
	// "ro-laws-subset.tar.gz:data/seed/law-doc-10.json".
	Source       string
	Line, Column int
	Reason       string
	Detail       string
}

func (p LawProblem) String() string {
	pos := p.Source
	if p.Line > 0 {
		pos += fmt.Sprintf(":%d:%d", p.Line, p.Column)
	}
	s := pos + ": " + p.Reason
	if p.Detail != "" {
		s += " (" + p.Detail + ")"
	}
	return s
}

// unitBuilder appends units and keeps their keys unique within the
// document: a repeated number (35 Romanian files repeat a provision_ref)
// gets "_2", "_3" so each unit still has its own anchor.
type unitBuilder struct {
	units []agora.Unit
	seen  map[string]int
}

func newUnitBuilder() *unitBuilder { return &unitBuilder{seen: map[string]int{}} }

// add appends u under parent (whose key prefixes u's, except for articles
// and top-level paragraphs, whose keys stay short because citations name
// them without their chapter) and returns it with its key set.
func (b *unitBuilder) add(parent string, u agora.Unit) agora.Unit {
	if u.ParentKey == "" {
		u.ParentKey = parent
	}
	key := unitKeyPart(u.Kind, u.Number)
	if parent != "" {
		key = parent + "." + key
	}
	b.seen[key]++
	if n := b.seen[key]; n > 1 {
		key = fmt.Sprintf("%s_%d", key, n)
		b.seen[key]++
	}
	u.Key = key
	b.units = append(b.units, u)
	return u
}

// unitKeyPart is agora.UnitKeyPart with the Romanian superscript kept
// apart: "1^1" (article 1 index 1) must not read as article 11, so it
// becomes "art-1-1".
func unitKeyPart(k agora.UnitKind, number string) string {
	base, sup, ok := strings.Cut(number, "^")
	if !ok {
		return agora.UnitKeyPart(k, number)
	}
	part := agora.UnitKeyPart(k, base)
	for _, s := range strings.Split(sup, "^") {
		if p := strings.TrimPrefix(agora.UnitKeyPart(k, s), agora.UnitKeyPart(k, "")+"-"); p != agora.UnitKeyPart(k, "") {
			part += "-" + p
		}
	}
	return part
}

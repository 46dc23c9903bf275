// Package importer turns published data files (administrative units,
// nomenclatures, laws, member lists) into root-package values. Parsers are
// pure: they read an io.Reader and never touch the store.
package importer

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"golang.org/x/text/unicode/norm"
)

// Severity says what happened to a row with a problem.
type Severity string

const (
	// SeverityWarning marks a row that was imported anyway (possibly with a
	// field blanked, as Reason says).
	SeverityWarning Severity = "warning"
	// SeverityError marks a row that was rejected.
	SeverityError Severity = "error"
)

// Reasons of problems. They are i18n keys; Problem.Value carries the
// offending value for the message.
const (
	// Warnings: the row is kept.
	ReasonCheckDigit     = "import.siruta.check_digit"     // SIRUTA code fails the INS check digit
	ReasonNUTSMissing    = "import.siruta.nuts_missing"    // NUTS column empty
	ReasonNUTSFormat     = "import.siruta.nuts_format"     // NUTS not "RO" + 3 digits; blanked
	ReasonNUTSRegion     = "import.siruta.nuts_region"     // NUTS-2 prefix disagrees with the development region; blanked
	ReasonNUTSCounty     = "import.siruta.nuts_county"     // NUTS differs from the rest of the county; blanked
	ReasonNUTSDuplicate  = "import.siruta.nuts_duplicate"  // two counties claim one NUTS code; blanked for both
	ReasonPostal         = "import.siruta.postal"          // postal code not up to six digits; blanked
	ReasonCountyMismatch = "import.siruta.county_mismatch" // JUD differs from the JUD of the county the parents lead to
	ReasonKindMismatch   = "import.teryt.kind_mismatch"    // NAZWA_DOD disagrees with RODZ; RODZ wins

	// Errors: the row is rejected.
	ReasonInvalidUTF8    = "import.invalid_utf8"
	ReasonLineTooLong    = "import.line_too_long"
	ReasonFieldCount     = "import.field_count"
	ReasonBadCode        = "import.bad_code"        // the unit's own code is malformed
	ReasonBadField       = "import.bad_field"       // another coded column is malformed; Value is "COLUMN=value"
	ReasonBadName        = "import.bad_name"        // empty, or with control or invisible format characters
	ReasonUnknownKind    = "import.unknown_kind"    // unit type code not in the nomenclature
	ReasonBadLevel       = "import.bad_level"       // SIRUTA NIV not 1..3
	ReasonDuplicateCode  = "import.duplicate_code"  // an earlier row has the same level and code
	ReasonMissingParent  = "import.missing_parent"  // Value is the parent code that does not exist
	ReasonParentRejected = "import.parent_rejected" // the parent exists but was rejected
	ReasonParentCycle    = "import.parent_cycle"    // SIMC SYMPOD links form a loop
)

// Problem is one row that was rejected or imported with a caveat.
type Problem struct {
	File     string // set by ParseAdminUnitsDir, relative to its dir
	Line     int    // 1-based line in the file
	Code     string // the unit code of the row, when it could be read
	Severity Severity
	Reason   string // one of the Reason* keys
	Value    string // the offending value, for the message
}

// Report collects what was imported and what was rejected, with the
// reason and the line number.
type Report struct {
	Read     int // data rows read (blank lines not counted)
	Accepted int // rows returned, warnings included
	Problems []Problem
}

// Count returns how many problems have the given reason.
func (r *Report) Count(reason string) int {
	n := 0
	for _, p := range r.Problems {
		if p.Reason == reason {
			n++
		}
	}
	return n
}

// Errors returns how many rows were rejected.
func (r *Report) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if p.Severity == SeverityError {
			n++
		}
	}
	return n
}

func (r *Report) warn(line int, code, reason, value string) {
	r.Problems = append(r.Problems, Problem{Line: line, Code: code, Severity: SeverityWarning, Reason: reason, Value: value})
}

func (r *Report) reject(line int, code, reason, value string) {
	r.Problems = append(r.Problems, Problem{Line: line, Code: code, Severity: SeverityError, Reason: reason, Value: value})
}

func (r *Report) add(o Report, file string) {
	r.Read += o.Read
	r.Accepted += o.Accepted
	for _, p := range o.Problems {
		p.File = file
		r.Problems = append(r.Problems, p)
	}
}

func (r *Report) sortProblems() {
	slices.SortStableFunc(r.Problems, func(a, b Problem) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// adminMaxLine bounds the memory one row may take: it is the read buffer
// size, and a longer line is skipped, not buffered whole. Real rows are
// under 200 bytes.
const adminMaxLine = 4096

// adminLines yields the lines of a ';'-separated export. encoding/csv is
// not used on purpose: the INS and GUS exports are not RFC 4180 files —
// a quote is a literal character (SIMC has `Mazewo Dworskie"B"`), and a
// stray opening quote would make csv swallow the rest of the file into
// one field. Reading line by line also bounds memory per row.
type adminLines struct {
	br     *bufio.Reader
	line   int
	fields []string
}

func newAdminLines(r io.Reader) *adminLines {
	return &adminLines{br: bufio.NewReaderSize(r, adminMaxLine)}
}

// next returns the next line without its terminator (LF or CRLF) and
// without a leading UTF-8 BOM on the first line. tooLong reports a line
// longer than the buffer, whose content is dropped. err is io.EOF at the
// end.
func (l *adminLines) next() (line []byte, tooLong bool, err error) {
	line, err = l.br.ReadSlice('\n')
	for errors.Is(err, bufio.ErrBufferFull) {
		tooLong = true
		line, err = l.br.ReadSlice('\n')
	}
	if err != nil && (err != io.EOF || (len(line) == 0 && !tooLong)) {
		return nil, false, err
	}
	l.line++
	if tooLong {
		return nil, true, nil
	}
	if l.line == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	line = bytes.TrimSuffix(line, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	return line, false, nil
}

// split cuts s at ';' into a slice reused between calls.
func (l *adminLines) split(s string) []string {
	l.fields = l.fields[:0]
	for {
		i := strings.IndexByte(s, ';')
		if i < 0 {
			return append(l.fields, s)
		}
		l.fields = append(l.fields, s[:i])
		s = s[i+1:]
	}
}

// header reads the first line and checks it names exactly the columns
// want. A wrong header means a wrong file, so it is an error, not a
// problem.
func (l *adminLines) header(file string, want []string) error {
	line, _, err := l.next()
	if err == io.EOF {
		return &agora.Error{Kind: agora.Invalid, Key: "import.empty", Args: map[string]any{"file": file}}
	}
	if err != nil {
		return fmt.Errorf("importer: read %s header: %w", file, err)
	}
	got := l.split(string(line))
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = strings.TrimSpace(got[i]) == want[i]
	}
	if !ok {
		return &agora.Error{Kind: agora.Invalid, Key: "import.header", Args: map[string]any{
			"file": file, "want": strings.Join(want, ";"), "got": adminTruncate(string(line), 200),
		}}
	}
	return nil
}

// rows calls fn for each non-blank data line, reporting undecodable
// lines itself. fn gets the fields (valid only during the call) and the
// line number. codeOf picks the unit's code out of a row's fields, which
// may be too few, so a broken row's problem still says which unit it is.
func (l *adminLines) rows(file string, nfields int, codeOf func([]string) string, rep *Report, fn func(f []string, line int)) error {
	for {
		raw, tooLong, err := l.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("importer: read %s line %d: %w", file, l.line+1, err)
		}
		if !tooLong && len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		rep.Read++
		switch {
		case tooLong:
			rep.reject(l.line, "", ReasonLineTooLong, "")
		case !utf8.Valid(raw):
			rep.reject(l.line, adminRowCode(codeOf, l.split(string(raw))), ReasonInvalidUTF8, "")
		default:
			f := l.split(string(raw))
			if len(f) != nfields {
				rep.reject(l.line, adminRowCode(codeOf, f), ReasonFieldCount, fmt.Sprint(len(f)))
				continue
			}
			fn(f, l.line)
		}
	}
}

// adminRowCode returns codeOf(f) when it is a plausible code (ASCII
// digits, not too long), else "".
func adminRowCode(codeOf func([]string) string, f []string) string {
	c := codeOf(f)
	if len(c) > 12 || !adminDigits(c) {
		return ""
	}
	return c
}

// adminField returns f[i], trimmed, or "" when the row is too short.
func adminField(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

func adminTruncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func adminDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// adminDigitsN reports whether s is exactly n ASCII digits.
func adminDigitsN(s string, n int) bool { return len(s) == n && adminDigits(s) }

// adminCleanName trims, collapses runs of white space, composes
// combining marks (NFC: "s" + U+0326 is "ș") and turns cedilla ş ţ into
// comma-below ș ț. ok is false for an empty name or one with control or
// invisible format characters (bidi overrides, zero-width spaces), which
// have no place in a place name and could disguise one. Clean names,
// nearly all of them, are returned without copying.
func adminCleanName(s string) (name string, ok bool) {
	clean := s != ""
	prevSpace := true // a leading space is not clean
	for _, r := range s {
		switch {
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r):
			return "", false
		case r == ' ':
			if prevSpace {
				clean = false
			}
			prevSpace = true
		case unicode.IsSpace(r), unicode.Is(unicode.Mn, r), r == 'ş', r == 'Ş', r == 'ţ', r == 'Ţ':
			clean = false
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	if clean && !prevSpace {
		return s, true
	}
	s = adminCedilla.Replace(norm.NFC.String(strings.Join(strings.Fields(s), " ")))
	return s, s != ""
}

var adminCedilla = strings.NewReplacer("ş", "ș", "Ş", "Ș", "ţ", "ț", "Ţ", "Ț")

// OpenMaybeGzip opens path for reading and transparently decompresses it
// when it starts with the gzip magic bytes, whatever its name. Closing the
// result closes the file.
func OpenMaybeGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(f)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		f.Close()
		return nil, fmt.Errorf("importer: read %s: %w", path, err)
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("importer: gunzip %s: %w", path, err)
		}
		return &gzipReadCloser{Reader: zr, f: f}, nil
	}
	return &plainReadCloser{Reader: br, f: f}, nil
}

type gzipReadCloser struct {
	*gzip.Reader
	f *os.File
}

func (g *gzipReadCloser) Close() error { return errors.Join(g.Reader.Close(), g.f.Close()) }

type plainReadCloser struct {
	*bufio.Reader
	f *os.File
}

func (b *plainReadCloser) Close() error { return b.f.Close() }

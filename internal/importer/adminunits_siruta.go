package importer

import (
	"io"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

var sirutaHeader = []string{"SIRUTA", "DENLOC", "CODP", "JUD", "SIRSUP", "TIP", "NIV", "MED", "REGIUNE", "FSJ", "FSL", "NUTS"}

// sirutaKinds maps the SIRUTA TIP column, per level (NIV), to a kind.
// TIP 9 is the Bucharest municipality at level 2 and a municipality's
// seat locality at level 3.
var sirutaKinds = [4]map[int]string{
	1: {40: agora.KindJudet},
	2: {1: agora.KindMunicipiu, 4: agora.KindMunicipiu, 9: agora.KindMunicipiu, 2: agora.KindOras, 5: agora.KindOras, 3: agora.KindComuna},
	3: {6: agora.KindSector, 9: agora.KindLocalitate, 10: agora.KindLocalitate, 11: agora.KindLocalitate,
		17: agora.KindLocalitate, 18: agora.KindLocalitate, 19: agora.KindLocalitate, 22: agora.KindLocalitate, 23: agora.KindLocalitate},
}

// sirutaPrefixes are the words DENLOC puts before a name that the kind
// already says. Sectors keep "Sectorul N", which is their name, and only
// lose the "BUCUREȘTI " in front.
var sirutaPrefixes = map[string][]string{
	agora.KindJudet:     {"JUDEȚUL "},
	agora.KindMunicipiu: {"MUNICIPIUL "},
	agora.KindOras:      {"ORAȘUL ", "ORAȘ "},
	agora.KindComuna:    {"COMUNA "},
	agora.KindSector:    {"BUCUREȘTI "},
}

// ParseSIRUTA reads the INS SIRUTA export (siruta.csv: ';'-separated,
// header SIRUTA;DENLOC;CODP;JUD;SIRSUP;TIP;NIV;MED;REGIUNE;FSJ;FSL;NUTS)
// and returns the Romanian units whose parent chain is complete, in file
// order, with a report of every row rejected or kept with a caveat.
//
// Kept with a warning: a code failing the INS check digit (the official
// file has 77; localities hang under some of them), an empty or
// inconsistent NUTS code (blanked; see checkSIRUTANUTS), a bad postal
// code (blanked), a JUD column disagreeing with the county. Rejected:
// wrong field count, invalid UTF-8, malformed codes, unknown TIP/NIV,
// duplicate codes, and rows whose parent is missing or rejected.
//
// The error is an Invalid *agora.Error ("import.empty", "import.header")
// when the input is not a SIRUTA file, or a read error.
func ParseSIRUTA(r io.Reader) ([]agora.AdminUnit, Report, error) {
	var rep Report
	l := newAdminLines(r)
	if err := l.header("siruta", sirutaHeader); err != nil {
		return nil, rep, err
	}
	var rows adminRows
	err := l.rows("siruta", len(sirutaHeader), sirutaRowCode, &rep, func(f []string, line int) {
		if u, m, ok := parseSIRUTARow(f, line, &rep); ok {
			rows.add(u, m)
		}
	})
	if err != nil {
		return nil, rep, err
	}
	linkAdminRows(&rows, &rep, nil)
	checkSIRUTACounties(&rows, &rep)
	checkSIRUTANUTS(&rows, &rep)
	units := acceptedUnits(&rows, &rep)
	rep.sortProblems()
	return units, rep, nil
}

func parseSIRUTARow(f []string, line int, rep *Report) (agora.AdminUnit, adminMeta, bool) {
	raw := strings.TrimSpace(f[0])
	n, ok := sirutaCode(raw)
	if !ok {
		rep.reject(line, adminTruncate(raw, 20), ReasonBadCode, adminTruncate(raw, 20))
		return agora.AdminUnit{}, adminMeta{}, false
	}
	code := strconv.Itoa(n)
	name, ok := adminCleanName(f[1])
	if !ok {
		rep.reject(line, code, ReasonBadName, adminTruncate(f[1], 40))
		return agora.AdminUnit{}, adminMeta{}, false
	}
	niv := strings.TrimSpace(f[6])
	level := 0
	if len(niv) == 1 && niv[0] >= '1' && niv[0] <= '3' {
		level = int(niv[0] - '0')
	} else {
		rep.reject(line, code, ReasonBadLevel, adminTruncate(niv, 20))
		return agora.AdminUnit{}, adminMeta{}, false
	}
	tip, err := strconv.Atoi(strings.TrimSpace(f[5]))
	kind := sirutaKinds[level][tip]
	if err != nil || kind == "" {
		rep.reject(line, code, ReasonUnknownKind, "TIP="+adminTruncate(f[5], 20)+" NIV="+niv)
		return agora.AdminUnit{}, adminMeta{}, false
	}
	sirsup, ok := sirutaCode(strings.TrimSpace(f[4]))
	if !ok {
		rep.reject(line, code, ReasonBadField, "SIRSUP="+adminTruncate(f[4], 20))
		return agora.AdminUnit{}, adminMeta{}, false
	}
	jud := strings.TrimSpace(f[3])
	if !adminDigits(jud) || len(jud) > 3 {
		rep.reject(line, code, ReasonBadField, "JUD="+adminTruncate(jud, 20))
		return agora.AdminUnit{}, adminMeta{}, false
	}
	if !agora.ValidateSIRUTA(n) {
		rep.warn(line, code, ReasonCheckDigit, code)
	}
	u := agora.AdminUnit{Country: agora.RO, Code: code, Level: level, Kind: kind}
	if level > 1 {
		u.ParentCode = strconv.Itoa(sirsup)
	}
	// Bucharest is a municipality, not a county, though SIRUTA files it
	// with TIP 40 at level 1.
	if level == 1 {
		if _, ok := placeTrimPrefix(name, "MUNICIPIUL "); ok {
			u.Kind = agora.KindMunicipiu
		}
	}
	u.Name = sirutaName(name, u.Kind)
	u.Postal = sirutaPostal(strings.TrimSpace(f[2]), line, code, rep)
	u.NUTS = strings.TrimSpace(f[11])
	switch {
	case u.NUTS == "":
		rep.warn(line, code, ReasonNUTSMissing, "")
	case !validNUTS3RO(u.NUTS):
		rep.warn(line, code, ReasonNUTSFormat, adminTruncate(u.NUTS, 20))
		u.NUTS = ""
	}
	return u, adminMeta{line: line, jud: strings.TrimLeft(jud, "0"), regiune: strings.TrimSpace(f[8])}, true
}

func sirutaRowCode(f []string) string { return adminField(f, 0) }

// sirutaCode parses a SIRUTA code: up to six significant digits, not
// zero. Leading zeros are tolerated; the file does not pad.
func sirutaCode(s string) (int, bool) {
	if !adminDigits(s) {
		return 0, false
	}
	s = strings.TrimLeft(s, "0")
	if s == "" || len(s) > 6 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func sirutaName(name, kind string) string {
	for _, p := range sirutaPrefixes[kind] {
		if rest, ok := placeTrimPrefix(name, p); ok {
			name = rest
			break
		}
	}
	if placeHasLower(name) {
		return name
	}
	return titleCaseRO(name)
}

// sirutaPostal returns the postal code padded to six digits: the file
// writes Bucharest's 010013 as 10013, and 0 for "none".
func sirutaPostal(s string, line int, code string, rep *Report) string {
	if !adminDigits(s) || len(s) > 6 {
		rep.warn(line, code, ReasonPostal, adminTruncate(s, 20))
		return ""
	}
	if strings.Trim(s, "0") == "" {
		return ""
	}
	return strings.Repeat("0", 6-len(s)) + s
}

func validNUTS3RO(s string) bool {
	return len(s) == 5 && s[:2] == "RO" && adminDigits(s[2:])
}

// checkSIRUTACounties warns when a row's JUD differs from the JUD of the
// county its parent chain leads to; the chain wins (it gave Region).
func checkSIRUTACounties(rs *adminRows, rep *Report) {
	countyJUD := map[string]string{}
	for i, u := range rs.units {
		if rs.ok(i) && u.Level == 1 {
			countyJUD[u.Code] = rs.meta[i].jud
		}
	}
	for i, u := range rs.units {
		if m := &rs.meta[i]; rs.ok(i) && u.Level > 1 && m.jud != countyJUD[u.Region] {
			rep.warn(m.line, u.Code, ReasonCountyMismatch, "JUD="+m.jud)
		}
	}
}

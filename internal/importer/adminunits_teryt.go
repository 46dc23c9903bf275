package importer

import (
	"io"
	"strings"

	"github.com/agora-civic/agora"
)

var (
	tercHeader = []string{"WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"}
	simcHeader = []string{"WOJ", "POW", "GMI", "RODZ_GMI", "RM", "MZ", "NAZWA", "SYM", "SYMPOD", "STAN_NA"}
)

// tercGminaKinds maps the TERC RODZ digit to the kind and to the
// NAZWA_DOD text GUS writes for it (checked as a prefix: the capital is
// "gmina miejska, miasto stołeczne").
var tercGminaKinds = map[string]struct{ kind, dod string }{
	"1": {agora.KindGminaMiejska, "gmina miejska"},
	"2": {agora.KindGminaWiejska, "gmina wiejska"},
	"3": {agora.KindGminaMiejskoWiejska, "gmina miejsko-wiejska"},
	"4": {agora.KindMiasto, "miasto"},
	"5": {agora.KindObszarWiejski, "obszar wiejski"},
	"8": {agora.KindDzielnica, "dzielnica"},
	"9": {agora.KindDelegatura, "delegatura"},
}

// simcKinds maps the SIMC RM (type of locality) to a kind. Villages,
// colonies, hamlets, settlements, forest settlements, estates and
// mountain shelters (01-07) are all KindMiejscowosc; parts of a
// locality or of a town (00, 99) are kept apart because they are not
// places one lives "in" on a form.
var simcKinds = map[string]string{
	"00": agora.KindCzescMiejscowosci, "99": agora.KindCzescMiejscowosci,
	"01": agora.KindMiejscowosc, "02": agora.KindMiejscowosc, "03": agora.KindMiejscowosc,
	"04": agora.KindMiejscowosc, "05": agora.KindMiejscowosc, "06": agora.KindMiejscowosc,
	"07": agora.KindMiejscowosc,
	"95": agora.KindDzielnica, "96": agora.KindMiasto, "98": agora.KindDelegatura,
}

// ParseTERC reads the GUS TERC register ("urzędowy" CSV: UTF-8 with BOM,
// CRLF, ';'-separated, header WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA)
// and returns voivodeships (level 1, code WOJ), powiats (level 2,
// WOJ+POW) and gminas and their parts (level 3, WOJ+POW+GMI+RODZ), in
// file order. Which columns are empty gives the level.
//
// Kept with a warning: NAZWA_DOD disagreeing with RODZ (RODZ, part of the
// code, wins). Rejected: wrong field count, invalid UTF-8, malformed
// codes, unknown RODZ or powiat type, duplicates, missing parents.
//
// The error is an Invalid *agora.Error ("import.empty", "import.header")
// when the input is not a TERC file, or a read error.
func ParseTERC(r io.Reader) ([]agora.AdminUnit, Report, error) {
	var rep Report
	l := newAdminLines(r)
	if err := l.header("terc", tercHeader); err != nil {
		return nil, rep, err
	}
	var rows adminRows
	err := l.rows("terc", len(tercHeader), tercRowCode, &rep, func(f []string, line int) {
		if u, ok := parseTERCRow(f, line, &rep); ok {
			rows.add(u, adminMeta{line: line})
		}
	})
	if err != nil {
		return nil, rep, err
	}
	linkAdminRows(&rows, &rep, nil)
	units := acceptedUnits(&rows, &rep)
	rep.sortProblems()
	return units, rep, nil
}

func tercRowCode(f []string) string {
	return adminField(f, 0) + adminField(f, 1) + adminField(f, 2) + adminField(f, 3)
}

func parseTERCRow(f []string, line int, rep *Report) (agora.AdminUnit, bool) {
	woj, pow, gmi, rodz := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), strings.TrimSpace(f[3])
	code := woj + pow + gmi + rodz
	u := agora.AdminUnit{Country: agora.PL, Code: code, Region: woj}
	switch {
	case !adminDigitsN(woj, 2):
	case pow == "" && gmi == "" && rodz == "":
		u.Level = 1
	case adminDigitsN(pow, 2) && gmi == "" && rodz == "":
		u.Level, u.ParentCode = 2, woj
	case adminDigitsN(pow, 2) && adminDigitsN(gmi, 2) && adminDigitsN(rodz, 1):
		u.Level, u.ParentCode = 3, woj+pow
	}
	if u.Level == 0 {
		c := adminTruncate(code, 20)
		rep.reject(line, c, ReasonBadCode, c)
		return agora.AdminUnit{}, false
	}
	name, ok := adminCleanName(f[4])
	if !ok {
		rep.reject(line, code, ReasonBadName, adminTruncate(f[4], 40))
		return agora.AdminUnit{}, false
	}
	dod := strings.TrimSpace(f[5])
	switch u.Level {
	case 1:
		u.Kind = agora.KindWojewodztwo
		if dod != "województwo" {
			rep.warn(line, code, ReasonKindMismatch, adminTruncate(dod, 40))
		}
		// Voivodeships are published in capitals, the rest as written.
		if !placeHasLower(name) {
			name = placeTitleCase(name, nil)
		}
	case 2:
		switch {
		case dod == "powiat":
			u.Kind = agora.KindPowiat
		case strings.HasSuffix(dod, "na prawach powiatu"):
			u.Kind = agora.KindMiastoNaPrawachPowiatu
		default:
			rep.reject(line, code, ReasonUnknownKind, adminTruncate(dod, 40))
			return agora.AdminUnit{}, false
		}
	case 3:
		k, ok := tercGminaKinds[rodz]
		if !ok {
			rep.reject(line, code, ReasonUnknownKind, "RODZ="+rodz)
			return agora.AdminUnit{}, false
		}
		u.Kind = k.kind
		if !strings.HasPrefix(dod, k.dod) {
			rep.warn(line, code, ReasonKindMismatch, adminTruncate(dod, 40))
		}
	}
	u.Name = name
	return u, true
}

// ParseSIMC reads the GUS SIMC register of localities ("urzędowy" CSV,
// header WOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA; pass the
// decompressed stream, see OpenMaybeGzip) and returns level-4 units:
// Code is SYM, ParentCode the TERC code of the gmina
// (WOJ+POW+GMI+RODZ_GMI), PartOf the SYMPOD of a part of a locality.
//
// ParseSIMC alone cannot see TERC, so it checks only the SYMPOD links;
// ParseAdminUnitsDir also checks the gminas. Rejected: wrong field count,
// invalid UTF-8, malformed codes, unknown RM, duplicate SYM, SYMPOD
// missing, rejected or looping.
//
// The error is an Invalid *agora.Error ("import.empty", "import.header")
// when the input is not a SIMC file, or a read error.
func ParseSIMC(r io.Reader) ([]agora.AdminUnit, Report, error) {
	return parseSIMC(r, nil)
}

func parseSIMC(r io.Reader, gminas map[string]bool) ([]agora.AdminUnit, Report, error) {
	var rep Report
	l := newAdminLines(r)
	if err := l.header("simc", simcHeader); err != nil {
		return nil, rep, err
	}
	var rows adminRows
	err := l.rows("simc", len(simcHeader), simcRowCode, &rep, func(f []string, line int) {
		if u, ok := parseSIMCRow(f, line, &rep); ok {
			rows.add(u, adminMeta{line: line, extParent: true})
		}
	})
	if err != nil {
		return nil, rep, err
	}
	linkAdminRows(&rows, &rep, gminas)
	units := acceptedUnits(&rows, &rep)
	rep.sortProblems()
	return units, rep, nil
}

func simcRowCode(f []string) string { return adminField(f, 7) }

func parseSIMCRow(f []string, line int, rep *Report) (agora.AdminUnit, bool) {
	sym := strings.TrimSpace(f[7])
	if !adminDigitsN(sym, 7) {
		c := adminTruncate(sym, 20)
		rep.reject(line, c, ReasonBadCode, c)
		return agora.AdminUnit{}, false
	}
	woj, pow, gmi, rodz := strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), strings.TrimSpace(f[3])
	if !adminDigitsN(woj, 2) || !adminDigitsN(pow, 2) || !adminDigitsN(gmi, 2) || !adminDigitsN(rodz, 1) {
		rep.reject(line, sym, ReasonBadField, "TERC="+adminTruncate(woj+";"+pow+";"+gmi+";"+rodz, 30))
		return agora.AdminUnit{}, false
	}
	sympod := strings.TrimSpace(f[8])
	if !adminDigitsN(sympod, 7) {
		rep.reject(line, sym, ReasonBadField, "SYMPOD="+adminTruncate(sympod, 20))
		return agora.AdminUnit{}, false
	}
	rm := strings.TrimSpace(f[4])
	kind, ok := simcKinds[rm]
	if !ok {
		rep.reject(line, sym, ReasonUnknownKind, "RM="+adminTruncate(rm, 20))
		return agora.AdminUnit{}, false
	}
	name, ok := adminCleanName(f[6])
	if !ok {
		rep.reject(line, sym, ReasonBadName, adminTruncate(f[6], 40))
		return agora.AdminUnit{}, false
	}
	u := agora.AdminUnit{
		Country: agora.PL, Code: sym, ParentCode: woj + pow + gmi + rodz,
		Level: 4, Kind: kind, Name: name, Region: woj,
	}
	if sympod != sym {
		u.PartOf = sympod
	}
	return u, true
}

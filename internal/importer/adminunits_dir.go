package importer

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/agora-civic/agora"
)

// ParseAdminUnitsDir imports every administrative-unit file it finds
// under dir, laid out as in shared/data/admin-units:
//
//	siruta/siruta.csv                     ParseSIRUTA
//	teryt/TERC*.csv                       ParseTERC
//	teryt/SIMC*.csv or teryt/SIMC*.csv.gz ParseSIMC (gzip detected by content)
//
// When a pattern matches several files the last by name is taken (GUS
// puts the date in the name). SIMC localities are also checked against
// the TERC gminas when TERC is there. Units come in the order above; the
// report adds the three up, each problem naming its file relative to dir.
// At least one file must be found, else the error wraps fs.ErrNotExist;
// other errors are those of the parsers.
func ParseAdminUnitsDir(dir string) ([]agora.AdminUnit, Report, error) {
	var (
		all   []agora.AdminUnit
		total Report
		found bool
	)
	parse := func(rel string, p func(io.Reader) ([]agora.AdminUnit, Report, error)) ([]agora.AdminUnit, error) {
		found = true
		rc, err := OpenMaybeGzip(filepath.Join(dir, rel))
		if err != nil {
			return nil, err
		}
		defer rc.Close()
		units, rep, err := p(rc)
		if err != nil {
			return nil, fmt.Errorf("importer: %s: %w", rel, err)
		}
		all = append(all, units...)
		total.add(rep, filepath.ToSlash(rel))
		return units, nil
	}

	siruta := filepath.Join("siruta", "siruta.csv")
	if _, err := os.Stat(filepath.Join(dir, siruta)); err == nil {
		if _, err := parse(siruta, ParseSIRUTA); err != nil {
			return nil, total, err
		}
	}
	var gminas map[string]bool
	terc, err := adminLastMatch(dir, "teryt", "TERC*.csv")
	if err != nil {
		return nil, total, err
	}
	if terc != "" {
		units, err := parse(terc, ParseTERC)
		if err != nil {
			return nil, total, err
		}
		gminas = make(map[string]bool, len(units))
		for _, u := range units {
			if u.Level == 3 {
				gminas[u.Code] = true
			}
		}
	}
	simc, err := adminLastMatch(dir, "teryt", "SIMC*.csv", "SIMC*.csv.gz")
	if err != nil {
		return nil, total, err
	}
	if simc != "" {
		_, err := parse(simc, func(r io.Reader) ([]agora.AdminUnit, Report, error) { return parseSIMC(r, gminas) })
		if err != nil {
			return nil, total, err
		}
	}
	if !found {
		return nil, total, fmt.Errorf("importer: no SIRUTA or TERYT file under %s: %w", dir, fs.ErrNotExist)
	}
	total.sortProblems()
	return all, total, nil
}

// adminLastMatch returns the path, relative to dir, of the last file by
// name in dir/sub matching any of the patterns, or "" when there is none.
// It lists the directory rather than globbing so that metacharacters in
// dir are harmless.
func adminLastMatch(dir, sub string, patterns ...string) (string, error) {
	entries, err := os.ReadDir(filepath.Join(dir, sub))
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	last := ""
	for _, e := range entries {
		for _, p := range patterns {
			if ok, _ := path.Match(p, e.Name()); ok && !e.IsDir() && e.Name() > last {
				last = e.Name()
			}
		}
	}
	if last == "" {
		return "", nil
	}
	return filepath.Join(sub, last), nil
}

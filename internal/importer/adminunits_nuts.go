package importer

import "sort"

// checkSIRUTANUTS blanks NUTS-3 codes that contradict the rest of the
// file, with a warning per row. The rules come from the data itself, not
// from a hard-coded table, so a corrected file passes untouched:
//
//  1. The eight development regions (REGIUNE) are the NUTS-2 regions, so
//     all rows of a region share a NUTS-2 prefix ("RO31" for region 3,
//     Sud-Muntenia). The majority prefix of each region is taken as right
//     and rows disagreeing lose their code (ReasonNUTSRegion). This is
//     what catches Giurgiu (region 3) carrying Galați's RO224.
//  2. A county is one NUTS-3 region, so the rows of a county share one
//     code; rows differing from the county's majority lose it
//     (ReasonNUTSCounty).
//  3. Two counties cannot share a NUTS-3 code; when they still do, there
//     is no telling which is right, and both lose it
//     (ReasonNUTSDuplicate).
//
// Ties leave a group unchecked rather than guessing.
func checkSIRUTANUTS(rs *adminRows, rep *Report) {
	units, meta := rs.units, rs.meta
	blank := func(i int, reason string) {
		rep.warn(meta[i].line, units[i].Code, reason, units[i].NUTS)
		units[i].NUTS = ""
	}
	byRegion := map[string]map[string]int{}
	for i, u := range units {
		if rs.ok(i) && u.NUTS != "" {
			nutsCountInto(byRegion, meta[i].regiune, u.NUTS[:4])
		}
	}
	regionPrefix := nutsMajorities(byRegion)
	for i, u := range units {
		if p, ok := regionPrefix[meta[i].regiune]; ok && rs.ok(i) && u.NUTS != "" && u.NUTS[:4] != p {
			blank(i, ReasonNUTSRegion)
		}
	}

	byCounty := map[string]map[string]int{}
	for i, u := range units {
		if rs.ok(i) && u.NUTS != "" {
			nutsCountInto(byCounty, u.Region, u.NUTS)
		}
	}
	countyNUTS := nutsMajorities(byCounty)
	for i, u := range units {
		if n, ok := countyNUTS[u.Region]; ok && rs.ok(i) && u.NUTS != "" && u.NUTS != n {
			blank(i, ReasonNUTSCounty)
		}
	}

	owners := map[string]int{}
	for _, n := range countyNUTS {
		owners[n]++
	}
	for i, u := range units {
		if rs.ok(i) && u.NUTS != "" && owners[u.NUTS] > 1 {
			blank(i, ReasonNUTSDuplicate)
		}
	}
}

func nutsCountInto(m map[string]map[string]int, group, value string) {
	c := m[group]
	if c == nil {
		c = map[string]int{}
		m[group] = c
	}
	c[value]++
}

// nutsMajorities returns, per group, the value with strictly the most votes;
// groups with a tie at the top are left out.
func nutsMajorities(m map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(m))
	for g, c := range m {
		values := make([]string, 0, len(c))
		for v := range c {
			values = append(values, v)
		}
		sort.Slice(values, func(i, j int) bool { return c[values[i]] > c[values[j]] })
		if len(values) == 1 || c[values[0]] > c[values[1]] {
			out[g] = values[0]
		}
	}
	return out
}

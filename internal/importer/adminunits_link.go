package importer

import (
	"slices"

	"github.com/agora-civic/agora"
)

// adminRows holds parsed rows waiting for their parent links to be
// checked: the units themselves and, beside them, what only the checks
// need. Keeping the two apart lets acceptedUnits return the units slice
// compacted in place instead of copying 100,000 units.
type adminRows struct {
	units []agora.AdminUnit
	meta  []adminMeta
}

type adminMeta struct {
	line int
	// extParent says ParentCode names a unit of another file (a SIMC
	// locality's gmina is in TERC), checked against the external set.
	extParent bool
	state     linkState
	// jud and regiune are the SIRUTA county and development-region
	// columns, kept for the consistency checks after linking.
	jud, regiune string
}

func (rs *adminRows) add(u agora.AdminUnit, m adminMeta) {
	// Doubling, rather than append's gentler growth for large slices,
	// halves the copying for SIMC's 100,000 rows of 170 bytes.
	if len(rs.units) == cap(rs.units) {
		rs.units = slices.Grow(rs.units, max(len(rs.units), 512))
		rs.meta = slices.Grow(rs.meta, max(len(rs.meta), 512))
	}
	rs.units = append(rs.units, u)
	rs.meta = append(rs.meta, m)
}

// ok reports whether row i is linked and accepted.
func (rs *adminRows) ok(i int) bool { return rs.meta[i].state == linkOK }

type linkState uint8

const (
	linkPending linkState = iota
	linkVisiting
	linkOK
	linkRejected
)

type adminKey struct {
	level int
	code  string
}

// linkAdminRows accepts the rows whose parent chain is complete and
// rejects the others, so every accepted unit's ParentCode (level-1) and
// PartOf (same level) name accepted units. A rejected parent takes its
// whole subtree with it, each row reported. external, when not nil, holds
// the codes extParent rows may point to. Rows with an empty Region get
// their level-1 ancestor's code.
func linkAdminRows(rs *adminRows, rep *Report, external map[string]bool) {
	units, meta := rs.units, rs.meta
	index := make(map[adminKey]int, len(units))
	for i := range units {
		k := adminKey{units[i].Level, units[i].Code}
		if _, dup := index[k]; dup {
			meta[i].state = linkRejected
			rep.reject(meta[i].line, units[i].Code, ReasonDuplicateCode, units[i].Code)
			continue
		}
		index[k] = i
	}
	// parent returns the in-file parent of row i: -1 for none, -2 when
	// it names a unit that is not there.
	parent := func(i int) (int, string) {
		u := &units[i]
		var k adminKey
		switch {
		case u.PartOf != "":
			k = adminKey{u.Level, u.PartOf}
		case u.ParentCode != "" && !meta[i].extParent:
			k = adminKey{u.Level - 1, u.ParentCode}
		default:
			return -1, ""
		}
		if j, ok := index[k]; ok {
			return j, k.code
		}
		return -2, k.code
	}
	accept := func(i, p int) {
		u := &units[i]
		if meta[i].extParent && external != nil && !external[u.ParentCode] {
			meta[i].state = linkRejected
			rep.reject(meta[i].line, u.Code, ReasonMissingParent, u.ParentCode)
			return
		}
		meta[i].state = linkOK
		if u.Region == "" {
			if p >= 0 {
				u.Region = units[p].Region
			} else {
				u.Region = u.Code
			}
		}
	}
	reject := func(i int, reason, parent string) {
		meta[i].state = linkRejected
		rep.reject(meta[i].line, units[i].Code, reason, parent)
	}
	var stack []int
	for start := range units {
		if meta[start].state != linkPending {
			continue
		}
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			meta[i].state = linkVisiting
			p, pcode := parent(i)
			switch {
			case p == -1:
				accept(i, p)
			case p == -2:
				reject(i, ReasonMissingParent, pcode)
			case meta[p].state == linkOK:
				accept(i, p)
			case meta[p].state == linkRejected:
				reject(i, ReasonParentRejected, pcode)
			case meta[p].state == linkVisiting:
				// p is below i on the stack: the links loop. Breaking
				// the loop here rejects the rest of it as it unwinds.
				reject(i, ReasonParentCycle, pcode)
			default:
				stack = append(stack, p)
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// acceptedUnits returns the accepted units in file order, compacting
// rs.units in place; rs is spent afterwards.
func acceptedUnits(rs *adminRows, rep *Report) []agora.AdminUnit {
	out := rs.units[:0]
	for i := range rs.units {
		if rs.ok(i) {
			out = append(out, rs.units[i])
		}
	}
	clear(rs.units[len(out):]) // let the rejected rows' strings go
	rep.Accepted = len(out)
	if len(out) == 0 {
		return []agora.AdminUnit{}
	}
	return out
}

// Package redline shows how a text changed between two versions and carries
// the units of a draft act from one version to the next.
//
// Diff works on words, not characters: a reader of a draft compares
// wording, and a character diff of "autoritate" → "autorităţile" is noise.
// It is our own Myers diff (the linear-space middle-snake variant) over
// interned word tokens rather than github.com/sergi/go-diff, for three
// reasons: go-diff turns invalid UTF-8 into U+FFFD, so its output no longer
// reproduces the input byte for byte (sergi/go-diff#21, #157); its trick of
// mapping lines or words to runes has panicked with index out of range on
// large inputs (#89); and it bounds its work with a wall-clock timeout, so
// the same two texts can give a different redline on a busy server. Here the
// work is bounded by an edit-cost cap instead: past it the remaining region
// is shown as one deletion and one insertion, which is also what a reader
// wants for text that has nothing in common. Speed is the same order as
// go-diff on paragraphs (interned tokens make comparisons integer compares).
//
// A minimal word diff of a rewritten sentence still matches its "de", "the"
// and spaces, which reads as confetti. The semantic cleanup of
// diff-match-patch (Neil Fraser) removes every equality that is no longer
// than the changes on both sides of it, so a rewritten sentence becomes one
// deletion and one insertion while a single replaced word stays a single
// replacement.
package redline

// Op says what a segment of a redline is.
type Op int8

// The three kinds of segment.
const (
	Equal Op = iota
	Delete
	Insert
)

// String returns "equal", "delete" or "insert".
func (o Op) String() string {
	switch o {
	case Delete:
		return "delete"
	case Insert:
		return "insert"
	}
	return "equal"
}

// Segment is a run of text that is in both versions (Equal), only in the
// old one (Delete) or only in the new one (Insert).
type Segment struct {
	Op   Op
	Text string
}

// maxCost bounds the edit cost the diff searches per region, which bounds
// its time at about maxCost² steps plus the length of the texts.
const maxCost = 2000

// Diff compares two texts word by word. Concatenating the Equal and Delete
// segments in order gives old exactly, the Equal and Insert segments give
// new; adjacent segments never have the same Op, a Delete comes before the
// Insert it pairs with, and no segment is empty. ş (cedilla) and ș
// (comma below) are different letters here: the redline shows what was
// typed.
func Diff(old, new string) []Segment {
	if old == new {
		if old == "" {
			return nil
		}
		return []Segment{{Equal, old}}
	}
	ab, bb := tokenBounds(old), tokenBounds(new)
	ids := make(map[string]int32, len(ab)+len(bb))
	d := differ{a: intern(ids, old, ab), b: intern(ids, new, bb)}
	d.diff(0, len(d.a), 0, len(d.b))

	segs := make([]Segment, 0, len(d.runs))
	i, j := 0, 0
	for _, r := range d.runs {
		switch r.op {
		case Equal:
			segs = append(segs, Segment{Equal, old[ab[i]:ab[i+r.n]]})
			i += r.n
			j += r.n
		case Delete:
			segs = append(segs, Segment{Delete, old[ab[i]:ab[i+r.n]]})
			i += r.n
		case Insert:
			segs = append(segs, Segment{Insert, new[bb[j]:bb[j+r.n]]})
			j += r.n
		}
	}
	return cleanupSemantic(cleanupMerge(segs))
}

// intern numbers the tokens so that the diff compares integers.
func intern(ids map[string]int32, s string, bounds []int) []int32 {
	out := make([]int32, len(bounds)-1)
	for i := range out {
		tok := s[bounds[i]:bounds[i+1]]
		id, ok := ids[tok]
		if !ok {
			id = int32(len(ids))
			ids[tok] = id
		}
		out[i] = id
	}
	return out
}

type run struct {
	op Op
	n  int
}

type differ struct {
	a, b   []int32
	vf, vb []int // scratch for middleSnake, reused across calls
	runs   []run
}

func (d *differ) emit(op Op, n int) {
	if n == 0 {
		return
	}
	if k := len(d.runs); k > 0 && d.runs[k-1].op == op {
		d.runs[k-1].n += n
		return
	}
	d.runs = append(d.runs, run{op, n})
}

// diff appends the runs turning a[aLo:aHi] into b[bLo:bHi].
func (d *differ) diff(aLo, aHi, bLo, bHi int) {
	p := 0
	for aLo+p < aHi && bLo+p < bHi && d.a[aLo+p] == d.b[bLo+p] {
		p++
	}
	d.emit(Equal, p)
	aLo, bLo = aLo+p, bLo+p
	s := 0
	for aLo < aHi-s && bLo < bHi-s && d.a[aHi-1-s] == d.b[bHi-1-s] {
		s++
	}
	aHi, bHi = aHi-s, bHi-s

	switch {
	case aLo == aHi:
		d.emit(Insert, bHi-bLo)
	case bLo == bHi:
		d.emit(Delete, aHi-aLo)
	default:
		x, y, u, v, ok := d.middleSnake(aLo, aHi, bLo, bHi)
		if !ok {
			d.emit(Delete, aHi-aLo)
			d.emit(Insert, bHi-bLo)
			break
		}
		// After trimming, the first and last tokens differ, so the cost is
		// at least 2 and both halves are strictly smaller problems.
		d.diff(aLo, x, bLo, y)
		d.emit(Equal, u-x)
		d.diff(u, aHi, v, bHi)
	}
	d.emit(Equal, s)
}

// middleSnake finds the middle snake of an optimal edit path (Myers 1986,
// section 4b): the diagonal run (x,y)→(u,v), in absolute indexes, where the
// forward and backward searches meet. ok is false when the cost exceeds
// maxCost.
func (d *differ) middleSnake(aLo, aHi, bLo, bHi int) (x, y, u, v int, ok bool) {
	a, b := d.a[aLo:aHi], d.b[bLo:bHi]
	n, m := len(a), len(b)
	delta := n - m
	odd := delta&1 != 0
	limit := min((n+m+1)/2, maxCost)
	off := limit + 1
	size := 2*limit + 3
	if cap(d.vf) < size {
		d.vf, d.vb = make([]int, size), make([]int, size)
	}
	vf, vb := d.vf[:size], d.vb[:size]
	vf[off+1], vb[off+1] = 0, 0

	for D := 0; D <= limit; D++ {
		for k := -D; k <= D; k += 2 {
			var x int
			if k == -D || (k != D && vf[off+k-1] < vf[off+k+1]) {
				x = vf[off+k+1]
			} else {
				x = vf[off+k-1] + 1
			}
			y := x - k
			x0, y0 := x, y
			for x < n && y < m && a[x] == b[y] {
				x++
				y++
			}
			vf[off+k] = x
			if kr := delta - k; odd && kr >= -(D-1) && kr <= D-1 && x+vb[off+kr] >= n {
				return aLo + x0, bLo + y0, aLo + x, bLo + y, true
			}
		}
		// Backward, in reversed coordinates: xr tokens consumed from the end.
		for kr := -D; kr <= D; kr += 2 {
			var xr int
			if kr == -D || (kr != D && vb[off+kr-1] < vb[off+kr+1]) {
				xr = vb[off+kr+1]
			} else {
				xr = vb[off+kr-1] + 1
			}
			yr := xr - kr
			xr0, yr0 := xr, yr
			for xr < n && yr < m && a[n-1-xr] == b[m-1-yr] {
				xr++
				yr++
			}
			vb[off+kr] = xr
			if k := delta - kr; !odd && k >= -D && k <= D && vf[off+k]+xr >= n {
				return aLo + n - xr, bLo + m - yr, aLo + n - xr0, bLo + m - yr0, true
			}
		}
	}
	return 0, 0, 0, 0, false
}

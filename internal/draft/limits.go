package draft

// Limits bound what a parser accepts, so an upload cannot exhaust memory or
// time. A zero field takes its default.
type Limits struct {
	MaxBytes    int // size of the input
	MaxDepth    int // nesting of units (and, for XML, of elements ×8)
	MaxUnits    int // units produced
	MaxElements int // XML elements read
}

// Defaults. A 300-article draft has a few thousand units and a few hundred
// kilobytes of text; the largest Akoma Ntoso sample (a constitution) is
// 1.1 MB with about 30,000 elements.
const (
	DefaultTextMaxBytes = 5 << 20
	DefaultAKNMaxBytes  = 20 << 20
	DefaultMaxDepth     = 24
	DefaultMaxUnits     = 50_000
	DefaultMaxElements  = 1_000_000
)

func (l Limits) withDefaults(maxBytes int) Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = maxBytes
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultMaxDepth
	}
	if l.MaxUnits <= 0 {
		l.MaxUnits = DefaultMaxUnits
	}
	if l.MaxElements <= 0 {
		l.MaxElements = DefaultMaxElements
	}
	return l
}

package draft

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// checkUnits verifies what every parse result promises: unique keys, each
// parent opened before its children, depths that follow the parents,
// valid kinds, no line breaks in headings.
func checkUnits(units []agora.Unit) error {
	seen := map[string]agora.Unit{}
	for i, u := range units {
		if u.Key == "" || strings.ContainsAny(u.Key, " \n") {
			return fmt.Errorf("unit %d: bad key %q", i, u.Key)
		}
		if _, dup := seen[u.Key]; dup {
			return fmt.Errorf("unit %d: duplicate key %q", i, u.Key)
		}
		if !u.Kind.Valid() {
			return fmt.Errorf("unit %d: bad kind %q", i, u.Kind)
		}
		if u.ParentKey == "" {
			if u.Depth != 0 {
				return fmt.Errorf("unit %d (%s): depth %d without parent", i, u.Key, u.Depth)
			}
		} else {
			p, ok := seen[u.ParentKey]
			if !ok {
				return fmt.Errorf("unit %d (%s): parent %q not before it", i, u.Key, u.ParentKey)
			}
			if u.Depth != p.Depth+1 {
				return fmt.Errorf("unit %d (%s): depth %d under parent depth %d", i, u.Key, u.Depth, p.Depth)
			}
		}
		if strings.Contains(u.Heading, "\n") {
			return fmt.Errorf("unit %d (%s): heading with a line break", i, u.Key)
		}
		seen[u.Key] = u
	}
	return nil
}

// errorKey returns the key of an *agora.Error of kind Invalid, or fails.
func errorKey(t testing.TB, err error) (string, map[string]any) {
	t.Helper()
	var e *agora.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *agora.Error", err)
	}
	if e.Kind != agora.Invalid {
		t.Fatalf("error %v: kind %v, want invalid", err, e.Kind)
	}
	return e.Key, e.Args
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func byKey(units []agora.Unit) map[string]agora.Unit {
	m := map[string]agora.Unit{}
	for _, u := range units {
		m[u.Key] = u
	}
	return m
}

func countKinds(units []agora.Unit) map[agora.UnitKind]int {
	m := map[agora.UnitKind]int{}
	for _, u := range units {
		m[u.Kind]++
	}
	return m
}

// dump renders units one per line, for failure messages.
func dump(units []agora.Unit) string {
	var b strings.Builder
	for _, u := range units {
		fmt.Fprintf(&b, "%s%s %s %q H=%q T=%q\n", strings.Repeat("  ", u.Depth), u.Key, u.Kind, u.Number, u.Heading, u.Text)
	}
	return b.String()
}

// sameUnits compares what the round trip keeps.
func sameUnits(a, b []agora.Unit) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d units, then %d", len(a), len(b))
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Key != y.Key || x.ParentKey != y.ParentKey || x.Kind != y.Kind || x.Number != y.Number ||
			x.Heading != y.Heading || x.Text != y.Text || x.Depth != y.Depth {
			return fmt.Errorf("unit %d: %+v, then %+v", i, x, y)
		}
	}
	return nil
}

package agora

import "testing"

func TestFold(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Iași", "iasi"},
		{"IAŞI", "iasi"}, // cedilla form from old data
		{"Timișoara", "timisoara"},
		{"Łódź", "lodz"},
		{"Zażółć gęślą jaźń", "zazolc gesla jazn"},
		{"Bistrița-Năsăud", "bistrita-nasaud"},
		{"Câmpulung", "campulung"},
		{"", ""},
	} {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Iași", "Łódź", "\xff\xfe", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Fold(s)
		if Fold(once) != once {
			t.Errorf("Fold not idempotent on %q", s)
		}
	})
}

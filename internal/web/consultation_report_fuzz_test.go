package web

import (
	"strings"
	"testing"
)

func TestFileSlug(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Proiect de hotărâre privind transparența", "proiect-de-hotarare-privind-transparenta"},
		{"Uchwała w sprawie „Programu współpracy” 2026", "uchwala-w-sprawie-programu-wspolpracy-2026"},
		{"  --  ", "report"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{"Ştiu ţara", "stiu-tara"},
	} {
		if got := fileSlug(tt.in, "report"); got != tt.want {
			t.Errorf("fileSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzFileSlug holds file names to what a Content-Disposition header can
// carry unquoted: lower-case ASCII letters, digits and single inner
// hyphens, at most 80 characters.
func FuzzFileSlug(f *testing.F) {
	for _, s := range []string{"Proiect de hotărâre", "Łódź – uchwała", "\"; filename=evil.exe", "a\r\nb", strings.Repeat("ă", 300), ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		got := fileSlug(title, "report")
		if got == "" || len(got) > 80 || strings.HasPrefix(got, "-") || strings.HasSuffix(got, "-") || strings.Contains(got, "--") {
			t.Fatalf("fileSlug(%q) = %q", title, got)
		}
		for _, r := range got {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("fileSlug(%q) = %q has %q", title, got, r)
			}
		}
	})
}

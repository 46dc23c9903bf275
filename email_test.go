package agora

import (
	"strings"
	"testing"
)

func TestNormalizeEmail(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"  Ana.Pop@Example.RO \n", "Ana.Pop@example.ro"},
		{"Jan@ŁÓDŹ.PL", "Jan@łódź.pl"},
		{"a@b@C.ro", "a@b@c.ro"},
		{"no-at-sign", "no-at-sign"},
		{"", ""},
	} {
		if got := NormalizeEmail(tt.in); got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidateEmail(t *testing.T) {
	const bad = "field.invalid_email"
	local64 := strings.Repeat("a", 64)
	label63 := strings.Repeat("b", 63)
	runIDCases(t, idValidator{"ValidateEmail", ValidateEmail}, []idCase{
		{"ana.pop@example.ro", ""},
		{" Ana.Pop@Example.RO ", ""},
		{"jan.kowalski+konsultacje@gov.pl", ""},
		{"o'brien@example.ie", ""},
		{"a!#$%&'*+/=?^_`{|}~-z@example.com", ""},
		{"x@sub.domain.example.ro", ""},
		{"x@xn--d-0ia.pl", ""}, // punycode form
		{"biuro@łódź.pl", ""},  // IDN
		{"contact@primăria-iași.ro", ""},
		{"user@пример.рф", ""},
		{local64 + "@example.ro", ""},
		{"x@" + label63 + ".ro", ""},
		{"x@example.co", ""},
		{"", bad},
		{"@example.ro", bad},
		{"ana@", bad},
		{"ana", bad},
		{"ana@@example.ro", bad},
		{"ana@b@example.ro", bad},
		{"ana@localhost", bad},
		{"ana@example", bad},
		{"ana@example.", bad},
		{"ana@.example.ro", bad},
		{"ana@example..ro", bad},
		{"ana@-example.ro", bad},
		{"ana@example-.ro", bad},
		{"ana@example.r", bad},
		{"ana@127.0.0.1", bad},
		{"ana@[127.0.0.1]", bad},
		{"ana@exa_mple.ro", bad},
		{"ana@ex ample.ro", bad},
		{"an a@example.ro", bad},
		{".ana@example.ro", bad},
		{"ana.@example.ro", bad},
		{"an..a@example.ro", bad},
		{`"ana pop"@example.ro`, bad},
		{`"ana"@example.ro`, bad},
		{"ana(comment)@example.ro", bad},
		{"ana@example.ro\r\nBcc: x@evil.invalid", bad},
		{"ana\x00@example.ro", bad},
		{"ana@exam\u200bple.ro", bad}, // zero-width space
		{"ana@exam\u202eple.ro", bad}, // bidi override
		{"ana@example.ro\u00a0x", bad},
		{"ioana-ș@example.ro", bad}, // non-ASCII local part
		{"ana@exa\xffmple.ro", bad},
		{local64 + "a@example.ro", bad},
		{"x@" + label63 + "b.ro", bad},
		{"x@" + strings.Repeat("abcdefghi.", 25) + "rox", bad}, // 255 bytes
		{"<script>document.body.remove()</script>@example.ro", bad},
	})
}

func TestValidateEmailLength(t *testing.T) {
	// 64 + 1 + 189 = 254 bytes is the limit.
	domain := strings.Repeat("a", 60) + "." + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + ".abcdef"
	ok := strings.Repeat("x", 64) + "@" + domain
	if len(ok) != 254 {
		t.Fatalf("test address has %d bytes, want 254", len(ok))
	}
	if err := ValidateEmail("f", ok); err != nil {
		t.Errorf("ValidateEmail(254 bytes) = %v, want nil", err)
	}
	if err := ValidateEmail("f", ok+"h"); err == nil {
		t.Errorf("ValidateEmail(255 bytes) = nil, want an error")
	}
}

func FuzzEmail(f *testing.F) {
	seedID(f, "ana.pop@example.ro", "Jan@ŁÓDŹ.PL", "biuro@łódź.pl", "x@xn--d-0ia.pl")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeEmail, ValidateEmail, func(n string) bool {
			local, domain, ok := strings.Cut(n, "@")
			return ok && local != "" && domain == strings.ToLower(domain) && strings.TrimSpace(n) == n
		})
	})
}

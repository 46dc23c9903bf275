package i18n

import (
	"slices"
	"strings"
	"testing"
)

func TestNegotiate(t *testing.T) {
	for _, tt := range []struct {
		name                string
		user, query, accept string
		want                string
	}{
		{"nothing", "", "", "", "ro"},
		{"user setting wins", "pl", "en", "en-GB,en;q=0.9", "pl"},
		{"query next", "", "en", "pl-PL", "en"},
		{"query with region and case", "", "EN-gb", "", "en"},
		{"query underscore", "", "pl_PL", "", "pl"},
		{"unsupported user setting falls through", "de", "", "pl", "pl"},
		{"unsupported query falls through", "", "hu", "en-US,en;q=0.9", "en"},
		{"garbage query", "", "../../etc/passwd", "pl", "pl"},
		{"header region matches", "", "", "ro-RO", "ro"},
		{"Firefox Polish", "", "", "pl,en-US;q=0.7,en;q=0.3", "pl"},
		{"Chrome Romanian", "", "", "ro-RO,ro;q=0.9,en-US;q=0.8,en;q=0.7", "ro"},
		{"Chrome English first", "", "", "en-GB,en-US;q=0.9,en;q=0.8,pl;q=0.7", "en"},
		{"q-values reorder", "", "", "ro;q=0.5, pl;q=0.9, en;q=0.1", "pl"},
		{"q without value is 1", "", "", "en;q=0.8, pl", "pl"},
		{"equal q keeps order", "", "", "en;q=0.5, pl;q=0.5", "en"},
		{"q=0 excludes", "", "", "pl;q=0, en;q=0.1", "en"},
		{"only q=0", "", "", "pl;q=0", "ro"},
		{"unsupported then supported", "", "", "de-DE,de;q=0.9,en;q=0.5", "en"},
		{"none supported", "", "", "de-DE,fr;q=0.9", "ro"},
		{"wildcard", "", "", "de, *;q=0.5", "ro"},
		{"wildcard skips excluded", "", "", "ro;q=0, *", "pl"},
		{"wildcard after named", "", "", "en;q=0.2, *;q=0.5", "ro"},
		{"upper case Q", "", "", "pl;Q=0.2, en;Q=0.9", "en"},
		{"spaces", "", "", "  pl ; q = 0.4 ,  en ; q = 0.6 ", "en"},
		{"other params", "", "", "pl;level=1;q=0.9, en;q=0.5", "pl"},
		{"q above 1 skipped", "", "", "en;q=2, pl;q=0.1", "pl"},
		{"negative q skipped", "", "", "en;q=-1, pl;q=0.1", "pl"},
		{"NaN q skipped", "", "", "en;q=NaN, pl;q=0.1", "pl"},
		{"exponent q skipped", "", "", "en;q=1e-1, pl;q=0.05", "pl"},
		{"too many decimals skipped", "", "", "en;q=0.12345, pl;q=0.05", "pl"},
		{"empty entries", "", "", ",,,;q=1,, pl", "pl"},
		{"long primary subtag", "", "", "enx, polski, pl", "pl"},
		{"garbage", "", "", "\x00\xff;;==,,q", "ro"},
		{"XSS", "<script>", "\"><svg onload=x>", "<img src=x>", "ro"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := Negotiate(tt.user, tt.query, tt.accept); got != tt.want {
				t.Errorf("Negotiate(%q, %q, %q) = %q, want %q", tt.user, tt.query, tt.accept, got, tt.want)
			}
		})
	}
}

func TestNegotiateEntryLimit(t *testing.T) {
	// Entries past maxAcceptEntries are not read.
	h := strings.Repeat("de,", maxAcceptEntries) + "pl"
	if got := Negotiate("", "", h); got != "ro" {
		t.Errorf("Negotiate with pl as entry %d = %q, want ro", maxAcceptEntries+1, got)
	}
	h = strings.Repeat("de,", maxAcceptEntries-1) + "pl"
	if got := Negotiate("", "", h); got != "pl" {
		t.Errorf("Negotiate with pl as entry %d = %q, want pl", maxAcceptEntries, got)
	}
}

func TestSupportedIsFresh(t *testing.T) {
	s := Supported()
	if want := []string{"ro", "pl", "en"}; !slices.Equal(s, want) {
		t.Fatalf("Supported() = %q, want %q", s, want)
	}
	s[0] = "xx"
	if got := Supported()[0]; got != "ro" {
		t.Errorf("Supported()[0] after modifying an earlier result = %q, want ro", got)
	}
}

func FuzzNegotiate(f *testing.F) {
	for _, h := range []string{
		"ro-RO,ro;q=0.9,en-US;q=0.8,en;q=0.7",
		"pl,en-US;q=0.7,en;q=0.3",
		"pl-PL,pl;q=0.9,en-US;q=0.8,en;q=0.7,ro;q=0.6",
		"en-GB,en;q=0.9,*;q=0.1",
		"*",
		"ro;q=0, *",
	} {
		f.Add("", "", h)
		f.Add("pl", "en", h)
	}
	for _, s := range badInputs(f) {
		f.Add(s, s, s)
	}
	f.Fuzz(func(t *testing.T, user, query, accept string) {
		got := Negotiate(user, query, accept)
		if !isSupported(got) {
			t.Fatalf("Negotiate(%q, %q, %q) = %q, not supported", user, query, accept, got)
		}
		if isSupported(user) && got != user {
			t.Errorf("Negotiate(%q, %q, %q) = %q, want the user setting", user, query, accept, got)
		}
		if !isSupported(user) && isSupported(query) {
			if _, ok := matchTag(user); !ok && got != query {
				t.Errorf("Negotiate(%q, %q, %q) = %q, want the query", user, query, accept, got)
			}
		}
	})
}

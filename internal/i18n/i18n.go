// Package i18n translates agora's user-visible text into Romanian, Polish
// and English and formats dates, numbers and money for each of them.
//
// Messages live in embedded JSON catalogues (locales/<area>.<lang>.json),
// are addressed by dotted snake-case keys such as "field.required" and may
// contain {name} placeholders. Plural messages are chosen by CLDR plural
// category, never by index, because Romanian and Polish have three and four
// forms where English has two.
//
// Adding a message means adding it to every language's file of its area
// with the same placeholders; a plural message has exactly the CLDR
// categories of its language (en one/other, ro one/few/other, pl
// one/few/many/other). The package tests enforce this, reject Romanian
// cedilla letters (ş ţ, use ș ț), and fail for a key quoted in Go or in a
// template but missing from the catalogue, or kept in the catalogue but
// used nowhere. Keys built at run time must have their literal prefix
// wrapped in Prefix.
//
// The package is a leaf: it imports only the standard library, so any layer
// may use it.
package i18n

import "strings"

// DefaultLang is the language used when nothing better is known: agora's
// first audience is Romanian.
const DefaultLang = "ro"

// supported lists the languages in preference order for tie-breaking.
var supported = [...]string{"ro", "pl", "en"}

// Supported returns the supported language codes, ["ro", "pl", "en"], as a
// fresh slice the caller may modify.
func Supported() []string {
	return append([]string(nil), supported[:]...)
}

// isSupported reports whether lang is exactly one of the supported codes.
func isSupported(lang string) bool {
	for _, s := range supported {
		if s == lang {
			return true
		}
	}
	return false
}

// normLang maps an unsupported language to DefaultLang so a bad value from
// a caller degrades to readable text instead of raw keys.
func normLang(lang string) string {
	if isSupported(lang) {
		return lang
	}
	return DefaultLang
}

// Prefix marks a literal key prefix, such as "org.kind.", under which keys
// are built at run time. It returns p unchanged; its only purpose is to let
// the catalogue usage test see that every key under p counts as used:
//
//	c.T(lang, i18n.Prefix("org.kind.")+string(kind), nil)
func Prefix(p string) string { return p }

// keyValid reports whether key is dotted snake case with at least two
// segments: ^[a-z0-9_]+(\.[a-z0-9_]+)+$.
func keyValid(key string) bool {
	if !strings.Contains(key, ".") {
		return false
	}
	for seg := range strings.SplitSeq(key, ".") {
		if seg == "" {
			return false
		}
		for i := 0; i < len(seg); i++ {
			c := seg[i]
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

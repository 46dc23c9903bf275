// Package draft turns the text of a draft normative act into the shared
// structure of agora: a slice of agora.Unit in reading order, each with its
// kind, number, heading, own text, depth and a key unique in the document.
//
// Two sources are read:
//
//   - Plain text or Markdown (ParseText) with Romanian or Polish numbering.
//     The parser is line oriented: each line is classified as a structural
//     marker (TITLUL I, CAPITOLUL I, Secțiunea 1, Art. 1, (1), 1., a), –;
//     DZIAŁ I, Rozdział 1, Oddział 1, Art. 1., § 1., 1., 1), a), –) or as
//     text that continues the unit above it. Books, titles, chapters,
//     sections, articles and paragraphs have a fixed rank; points, letters
//     and indents nest in the order they first appear under a paragraph,
//     the way lists nest, because Romanian acts put points under letters as
//     often as letters under points. The country only changes what "1."
//     means (a point in Romania, a paragraph — ustęp — after a Polish
//     article) and is detected from keywords and letters unless forced.
//   - Akoma Ntoso 2.0 and 3.0 XML (ParseAKN), read into a small tree with
//     limits on size, depth and element count, with id uniqueness checked
//     per document while reading, then mapped element by element.
//
// Format writes units back as text in a country's numbering so an officer
// can correct the structure as text and parse it again; for units produced
// by ParseText the round trip keeps kinds, numbers, headings, texts and
// keys (a fuzz test holds it to that).
//
// The text is kept as written: cedilla and comma-below letters, case and
// punctuation are never changed; only line ends, a byte order mark and the
// spaces around lines go. Every failure is an *agora.Error of kind Invalid
// whose key names the problem ("draft.error.invalid_utf8") and whose Args
// say where (line, column) and what (limit, id, element).
package draft

// Package legal computes the legal time of public consultations: civil
// dates, the public holidays and working days of Romania and Poland, the
// end of a day in each country's zone, and the rule sets that say how
// long a draft must stay open for comments and how soon it may be
// adopted. It is pure: no store, no web, no clock of its own.
//
// # Legal basis
//
// Romania: Law 52/2003 on decisional transparency (republished, MO
// 749/03.12.2013), for central and local authorities alike: a draft is
// announced at least 30 working days before it goes for review or
// adoption (art. 7(2)); written recommendations have at least 10 calendar
// days (art. 7(4)); a public debate is mandatory when a legally
// constituted association or another authority asks for it in writing,
// and public meetings are announced at least 3 days ahead (art. 8); the
// authority justifies in writing the recommendations it rejects (art.
// 12). The Administrative Code (OUG 57/2019, art. 197(5) and Annex 1)
// adds a public register of the proposals received. Holidays: Labour Code
// art. 139(1).
//
// Poland: the Act of 24 April 2003 on public benefit activity and
// volunteerism, art. 5, leaves the consultation procedure and its periods
// to each council's own resolution (art. 5 ust. 5), so the built-in local
// rule set holds configurable defaults and a field for the resolution;
// government drafts follow the Council of Ministers' rules of procedure
// (uchwała nr 190 of 29.10.2013, M.P. 2024 poz. 806). Holidays: Act of
// 18 January 1951 on days free from work, art. 1.
//
// # Confidence
//
// Every rule carries its Source and a Confidence from
// ../shared/LEGAL-NOTES.md: H (primary or several sources), M (one
// secondary or partial text), L (unverified). Numbers of confidence M or L
// are defaults an authority can change in its own rule set, never
// constants: the 10-day limit for holding a Romanian debate is M, the
// Polish government's 10-day minimum is M and its 21-day default L.
//
// # Counting
//
// Periods run from the civil day of publication in the country's zone,
// which is not counted (dies a quo non computatur): ten calendar days
// from 1 March end on 11 March, at 23:59:59.999999999 in Europe/Bucharest
// or Europe/Warsaw, whatever the daylight-saving time. Working days skip
// weekends and public holidays, Orthodox Easter and Pentecost in Romania,
// Catholic Easter and Corpus Christi in Poland, computed for any year.
package legal

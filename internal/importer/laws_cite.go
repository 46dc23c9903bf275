package importer

import (
	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
)

// CiteRelations is the CiteFunc of `agora import laws`: every act another
// act's unit cites by number and year or by journal position becomes a
// "cites" relation to that act's key, with the cited provision as ToUnit.
// Provisions of the act itself and Polish acts cited only by date and
// title are left out: the first are not relations between acts, the
// second need the database to find their journal position (the store's
// ResolveCitations does that when the act page is shown).
func CiteRelations(act agora.Act, u agora.Unit) []agora.ActRelation {
	var out []agora.ActRelation
	for _, c := range cite.Find(u.Text) {
		if c.ActKey == "" || c.ActKey == act.Key {
			continue
		}
		if _, err := agora.ParseActKey(c.ActKey); err != nil {
			continue
		}
		out = append(out, agora.ActRelation{ToActKey: c.ActKey, ToUnit: c.UnitKey(), Kind: agora.RelationCites,
			Raw: u.Text[c.Start:c.End]})
	}
	return out
}

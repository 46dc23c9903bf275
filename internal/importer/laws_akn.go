package importer

import (
	"errors"

	"github.com/agora-civic/agora"
)

// DecodeAKNLaw reads an Akoma Ntoso act.
func DecodeAKNLaw(data []byte, sourceID string, cite CiteFunc) (LawDoc, error) {
	_, _, _ = data, sourceID, cite
	return LawDoc{Act: agora.Act{}}, &LawSyntaxError{Reason: ReasonLawAKN, Err: errors.New("akn: not yet")}
}

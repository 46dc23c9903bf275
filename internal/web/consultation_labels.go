package web

import (
	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// Labels of the consultation vocabulary, shared by every consultation
// page, feed, export and email so that one word is translated once.

func (s *Server) actKindLabel(lang, kind string) string {
	return s.cat.T(lang, i18n.Prefix("consultation.act_kind.")+kind, nil)
}

func (s *Server) phaseLabel(lang string, p agora.Phase) string {
	return s.cat.T(lang, i18n.Prefix("consultation.phase.")+string(p), nil)
}

func (s *Server) sourceLabel(lang string, src agora.CommentSource) string {
	return s.cat.T(lang, i18n.Prefix("consultation.source.")+string(src), nil)
}

// answerLabel names a decision; "" is a recommendation still unanswered.
func (s *Server) answerLabel(lang string, st agora.AnswerStatus) string {
	if st == "" {
		return s.cat.T(lang, "consultation.answer.unanswered", nil)
	}
	return s.cat.T(lang, i18n.Prefix("consultation.answer.")+string(st), nil)
}

// unitLabel names a unit as the country's lawyers cite it: "Art. 7",
// "alin. (2)", "lit. a)".
func (s *Server) unitLabel(lang string, u agora.Unit) string {
	word := s.cat.T(lang, i18n.Prefix("consultation.unit.")+string(u.Kind), nil)
	if u.Number == "" {
		return word
	}
	return word + " " + u.Number
}

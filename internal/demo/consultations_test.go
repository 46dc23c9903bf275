package demo

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// TestSeedConsultations checks the demo tells the whole story in both
// countries: an open consultation with comments and a debate request, and
// one answered, in its second version, with its report published.
func TestSeedConsultations(t *testing.T) {
	ctx := context.Background()
	st, _ := seed(t)
	for _, country := range []agora.Country{agora.RO, agora.PL} {
		open, err := st.ListConsultations(ctx, store.ConsultationFilter{Country: country, Phase: agora.PhaseOpen})
		if err != nil {
			t.Fatal(err)
		}
		if len(open.Items) != 1 || open.Items[0].CommentCount != 3 || open.Items[0].DebateRequests != 1 {
			t.Fatalf("%s open consultations: %+v", country, open.Items)
		}
		done, err := st.ListConsultations(ctx, store.ConsultationFilter{Country: country, Phase: agora.PhaseReported})
		if err != nil {
			t.Fatal(err)
		}
		if len(done.Items) != 1 || done.Items[0].Version != 2 || done.Items[0].AnsweredAt == nil {
			t.Fatalf("%s reported consultations: %+v", country, done.Items)
		}
		answers, err := st.AnswersFor(ctx, done.Items[0].ID)
		if err != nil || len(answers) < 3 {
			t.Fatalf("%s answers: %v %d", country, err, len(answers))
		}
	}
}

package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// A citation of an act in the database becomes a link in a comment and
// in the draft text of the unit page; an act not in the database stays
// plain text.
func TestConsultationCitationsLink(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	act, err := e.st.ImportLaw(ctx, agora.ActDocument{
		Act: agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO, Kind: "lege", Number: "52", Year: 2003,
			Title: "Legea nr. 52/2003 privind transparența decizională", Status: agora.ActInForce},
		Units: []agora.Unit{{Key: "art-7", Kind: agora.UnitArticle, Number: "7", Text: "Anunțul se publică."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.NewAuthority(t, e.st, agora.RO, "cit")
	c := storetest.OpenConsultation(t, e.st, a, e.st.Now(), 10*24*time.Hour)
	p := e.user("citer@x.test", agora.RoleParticipant)
	body := "Contrar art. 7 din Legea nr. 52/2003 și Legii nr. 999/2099."
	if _, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: p.ID,
		Input: agora.CommentInput{UnitKey: "art-1.par-1", Body: body}}); err != nil {
		t.Fatal(err)
	}
	status, page := e.get(e.client(), "/consultations/"+c.ID+"/units/art-1.par-1")
	if status != 200 {
		t.Fatalf("unit page: %d", status)
	}
	if !strings.Contains(page, `/laws/`+act.ActID+`#art-7"`) {
		t.Errorf("the comment's citation is not a link to the act's article:\n%s", page)
	}
	if strings.Contains(page, "999/2099</a>") {
		t.Error("a citation of an unknown act became a link")
	}
	// The consultation's own text cites no act; the unit text still renders.
	if !strings.Contains(page, "Consultarea se face public.") {
		t.Error("unit text missing")
	}
}

package store_test

import (
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// FuzzTransparencyInput checks that validation never panics, that what
// it accepts stays within bounds, and that accepted input validates
// again unchanged.
func FuzzTransparencyInput(f *testing.F) {
	f.Add(1, 2, 3, 1, 30, 1, "Colaborare bună.", "Date personale.")
	f.Add(-1, 0, 0, 5, 0, 0, "\x00", "<script>")
	f.Add(1<<40, 0, 0, 0, 0, 0, "", "")
	f.Fuzz(func(t *testing.T, court, closed, received, included, participants, debates int, assessment, reasons string) {
		in := store.TransparencyInput{CourtCases: court, ClosedMeetings: closed, ExtraReceived: received, ExtraIncluded: included,
			ExtraParticipants: participants, ExtraDebates: debates, Assessment: assessment, ClosedReasons: reasons}
		out, err := in.Validate()
		if err != nil {
			if len(agora.FieldErrors(err)) == 0 {
				t.Fatalf("error without fields: %v", err)
			}
			return
		}
		for _, n := range []int{out.CourtCases, out.ClosedMeetings, out.ExtraReceived, out.ExtraIncluded, out.ExtraParticipants, out.ExtraDebates} {
			if n < 0 || n > 1_000_000 {
				t.Fatalf("accepted count %d", n)
			}
		}
		if out.ExtraIncluded > out.ExtraReceived {
			t.Fatalf("accepted included %d > received %d", out.ExtraIncluded, out.ExtraReceived)
		}
		again, err := out.Validate()
		if err != nil || again != out {
			t.Fatalf("validated input changed on a second pass: %v %+v %+v", err, out, again)
		}
	})
}

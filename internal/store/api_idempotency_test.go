package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func TestIdempotentResponseFirstWinsAndExpires(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := &debateFixture{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	st := storetest.OpenWith(t, storetest.Options{Now: f.clock})
	u, err := st.CreateUser(ctx, store.NewUser{Email: "api@x.test", DisplayName: "API", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, found, err := st.IdempotentResponse(ctx, u.ID, "k1"); err != nil || found {
		t.Fatalf("empty: found %v, %v", found, err)
	}
	first := store.IdempotentResponse{RequestHash: "h1", Status: 201, Body: `{"id":"a"}`, Location: "/x/a"}
	kept, err := st.SaveIdempotentResponse(ctx, u.ID, "k1", first)
	if err != nil || kept.Body != first.Body || kept.Status != 201 || kept.Location != "/x/a" {
		t.Fatalf("save = %+v, %v", kept, err)
	}
	// A later response to the same key does not replace the first.
	kept, err = st.SaveIdempotentResponse(ctx, u.ID, "k1", store.IdempotentResponse{RequestHash: "h2", Status: 201, Body: `{"id":"b"}`})
	if err != nil || kept.RequestHash != "h1" || kept.Body != first.Body {
		t.Errorf("second save kept %+v, %v", kept, err)
	}
	got, found, err := st.IdempotentResponse(ctx, u.ID, "k1")
	if err != nil || !found || got.RequestHash != "h1" {
		t.Errorf("lookup = %+v %v %v", got, found, err)
	}
	// After a day the key is forgotten, and the next write clears it.
	f.advance(store.IdempotencyTTL + time.Minute)
	if _, found, _ := st.IdempotentResponse(ctx, u.ID, "k1"); found {
		t.Error("expired key still found")
	}
	kept, err = st.SaveIdempotentResponse(ctx, u.ID, "k1", store.IdempotentResponse{RequestHash: "h3", Status: 201, Body: "{}"})
	if err != nil || kept.RequestHash != "h3" {
		t.Errorf("after expiry kept %+v, %v", kept, err)
	}
}

package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header):
// a client that retries a POST after a lost response sends the same key
// and gets the first response again instead of a second comment.

const (
	idempotencyHeader = "Idempotency-Key"
	// replayedHeader marks a response that was stored for an earlier
	// request with the same key.
	replayedHeader    = "Idempotent-Replayed"
	maxIdempotencyKey = 255
)

// idempotent is a request's key and the hash of what it asks: method,
// path and body, so the same key on another consultation conflicts too.
type idempotent struct {
	key  string
	hash string
}

// readIdempotent reads the key and the whole body (put back for the
// decoder). A missing or malformed key is a 400 problem: without it a
// retry could not be recognised.
func readIdempotent(r *http.Request) (idempotent, error) {
	vals := r.Header.Values(idempotencyHeader)
	if len(vals) == 0 || vals[0] == "" {
		return idempotent{}, apiStatus(http.StatusBadRequest, "consultation_debate.api.idempotency_missing", nil)
	}
	key := vals[0]
	if len(vals) > 1 || !validIdempotencyKey(key) {
		return idempotent{}, apiStatus(http.StatusBadRequest, "consultation_debate.api.idempotency_invalid", map[string]any{"max": maxIdempotencyKey})
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return idempotent{}, apiStatus(http.StatusRequestEntityTooLarge, "error.body_too_large", nil)
		}
		return idempotent{}, apiStatus(http.StatusBadRequest, "error.invalid", nil)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	h := sha256.New()
	h.Write([]byte(r.Method + " " + r.URL.Path + "\n"))
	h.Write(body)
	return idempotent{key: key, hash: hex.EncodeToString(h.Sum(nil))}, nil
}

// validIdempotencyKey accepts 1 to 255 visible ASCII characters (a UUID,
// a counter, a hash): the key becomes part of the comment's client key.
func validIdempotencyKey(k string) bool {
	if k == "" || len(k) > maxIdempotencyKey {
		return false
	}
	for i := range len(k) {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// replayIdempotent answers from the stored response when the key was
// used already: the same response for the same request, a 422 problem
// for another request. done is false when the key is new.
func (s *Server) replayIdempotent(w http.ResponseWriter, r *http.Request, userID string, idem idempotent) (bool, error) {
	stored, found, err := s.store.IdempotentResponse(r.Context(), userID, idem.key)
	if err != nil || !found {
		return false, err
	}
	if stored.RequestHash != idem.hash {
		s.idempotencyConflict(w, r)
		return true, nil
	}
	writeStored(w, stored, true)
	return true, nil
}

// finishIdempotent keeps the response to a new key and sends the one
// kept: when a concurrent request with the same key was stored first,
// that one (or its conflict) wins, so every retry sees one answer.
func (s *Server) finishIdempotent(w http.ResponseWriter, r *http.Request, userID string, idem idempotent, status int, location string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	mine := store.IdempotentResponse{RequestHash: idem.hash, Status: status, Body: string(append(b, '\n')), Location: location}
	kept, err := s.store.SaveIdempotentResponse(r.Context(), userID, idem.key, mine)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if kept.RequestHash != idem.hash {
		s.idempotencyConflict(w, r)
		return
	}
	writeStored(w, kept, kept.Body != mine.Body)
}

// writeStored sends a kept response.
func writeStored(w http.ResponseWriter, resp store.IdempotentResponse, replayed bool) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if resp.Location != "" {
		h.Set("Location", resp.Location)
	}
	if replayed {
		h.Set(replayedHeader, "true")
	}
	w.WriteHeader(resp.Status)
	_, _ = io.WriteString(w, resp.Body)
}

// idempotencyConflict refuses a key reused for a different request,
// naming the header as the field at fault.
func (s *Server) idempotencyConflict(w http.ResponseWriter, r *http.Request) {
	lang := localeFrom(r.Context()).Lang
	e := agora.FieldError(idempotencyHeader, "consultation_debate.api.idempotency_conflict", nil)
	s.writeProblem(w, r, http.StatusUnprocessableEntity, e, s.cat.T(lang, e.Key, nil), []*agora.Error{e})
}

// problemOf builds the problem document writeProblem would, for answers
// that add members of their own.
func (s *Server) problemOf(r *http.Request, status int, e *agora.Error, msg string) problem {
	return problem{Type: "https://agora.example/problems/" + e.Kind.String(), Title: http.StatusText(status), Status: status,
		Detail: msg, Code: e.Key, RequestID: requestIDFrom(r.Context())}
}

// writeJSONProblem writes a problem document with extension members.
func (s *Server) writeJSONProblem(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", localeFrom(r.Context()).Lang)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Package agora holds the domain of the agora civic-dialogue platform: the
// types, identifiers, error kinds and the small pure rules (validation,
// deadlines) every other package builds on. It imports only the standard
// library.
package agora

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the web layer, which alone maps it to a
// status code. New situations get a new i18n key, not a new kind.
type Kind uint8

const (
	// Internal is a bug or an outage: logged with the request id, never shown.
	Internal Kind = iota
	// Invalid is bad input; Field names the form field.
	Invalid
	// NotFound says the resource does not exist or is hidden from the caller.
	NotFound
	// Conflict is a duplicate, a stale version or a wrong state.
	Conflict
	// Forbidden says the caller is known but may not do this.
	Forbidden
	// Unauthenticated says the caller must sign in first.
	Unauthenticated
	// TooMany says a rate limit was hit.
	TooMany
)

var kindNames = [...]string{"internal", "invalid", "not_found", "conflict", "forbidden", "unauthenticated", "too_many_requests"}

// String returns the stable machine name of the kind, used in API errors.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "internal"
}

// Error is an application error. Key is an i18n message key that the web
// layer translates for the reader; Args fill its placeholders.
type Error struct {
	Kind  Kind
	Key   string
	Args  map[string]any
	Field string
	Err   error
}

func (e *Error) Error() string {
	s := e.Kind.String() + ": " + e.Key
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an application error of kind k with message key.
func Errorf(k Kind, key string) *Error { return &Error{Kind: k, Key: key} }

// FieldError builds an Invalid error for one form or API field.
func FieldError(field, key string, args map[string]any) *Error {
	return &Error{Kind: Invalid, Key: key, Field: field, Args: args}
}

// Wrap attaches a cause to an application error for the logs.
func (e *Error) Wrap(err error) *Error { c := *e; c.Err = err; return &c }

// KindOf returns the kind of the first application error in err's chain,
// or Internal when there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// AsError returns the first application error in err's chain, or an
// Internal one wrapping err.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: Internal, Key: "error.internal", Err: err}
}

// Errs collects field errors from a validation pass so a form can show
// all of them at once.
type Errs []*Error

// Add appends a field error.
func (es *Errs) Add(field, key string, args map[string]any) {
	*es = append(*es, FieldError(field, key, args))
}

// Err returns nil when no error was collected, else a ValidationError.
func (es Errs) Err() error {
	if len(es) == 0 {
		return nil
	}
	return &ValidationError{Fields: es}
}

// ValidationError carries every field error of one input; it unwraps to
// the first so KindOf reports Invalid.
type ValidationError struct{ Fields []*Error }

func (v *ValidationError) Error() string {
	return fmt.Sprintf("invalid input: %d field(s), first %s", len(v.Fields), v.Fields[0].Error())
}

func (v *ValidationError) Unwrap() error { return v.Fields[0] }

// FieldErrors returns the field errors of err: all of a ValidationError,
// or the single Invalid error, or nil.
func FieldErrors(err error) []*Error {
	var v *ValidationError
	if errors.As(err, &v) {
		return v.Fields
	}
	var e *Error
	if errors.As(err, &e) && e.Kind == Invalid {
		return []*Error{e}
	}
	return nil
}

package web

import (
	"errors"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Form carries a submitted form back into its template: the values the
// person typed (so nothing is lost on an error) and the translated error
// of each field.
type Form struct {
	Values map[string]string
	Errors map[string]string
	// Summary lists the errors in field order for the error summary box
	// at the top of the form, which screen readers reach first.
	Summary []FieldMessage
}

// FieldMessage is one field's error.
type FieldMessage struct{ Field, Message string }

// Get returns the submitted value of a field.
func (f *Form) Get(name string) string {
	if f == nil {
		return ""
	}
	return f.Values[name]
}

// Err returns the error message of a field, or "".
func (f *Form) Err(name string) string {
	if f == nil {
		return ""
	}
	return f.Errors[name]
}

// parseForm reads a urlencoded or multipart body. Too large a body and
// bytes that are not UTF-8 are refused with their own messages.
func (s *Server) parseForm(r *http.Request) (*Form, error) {
	var err error
	if isMultipart(r) {
		// The middleware lets multipart bodies up to the upload ceiling
		// through; only upload handlers (parseUploadForm) may use it.
		if _, upload := r.Body.(uploadBody); !upload {
			r.Body = http.MaxBytesReader(nil, r.Body, s.cfg.MaxBodyBytes)
		}
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, agora.Errorf(agora.Invalid, "error.body_too_large")
		}
		return nil, agora.Errorf(agora.Invalid, "error.invalid").Wrap(err)
	}
	f := &Form{Values: map[string]string{}, Errors: map[string]string{}}
	for k, vs := range r.PostForm {
		if !utf8.ValidString(k) {
			return nil, agora.Errorf(agora.Invalid, "error.invalid_utf8")
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return nil, agora.FieldError(k, "error.invalid_utf8", nil)
			}
		}
		if len(vs) > 0 {
			f.Values[k] = vs[0]
		}
	}
	return f, nil
}

// setErrors translates the field errors of err into the form. It reports
// false when err carries no field errors (then the caller should fail).
func (s *Server) setErrors(r *http.Request, f *Form, err error) bool {
	fields := agora.FieldErrors(err)
	if len(fields) == 0 {
		return false
	}
	lang := localeFrom(r.Context()).Lang
	for _, fe := range fields {
		msg := s.cat.T(lang, fe.Key, fe.Args)
		if _, dup := f.Errors[fe.Field]; !dup {
			f.Errors[fe.Field] = msg
			f.Summary = append(f.Summary, FieldMessage{Field: fe.Field, Message: msg})
		}
	}
	return true
}

// renderForm re-renders a form page after a failed submission: 422 with
// each field's error, or the generic error page when err is not about
// fields.
func (s *Server) renderForm(w http.ResponseWriter, r *http.Request, name string, f *Form, err error, data any) {
	if f == nil || !s.setErrors(r, f, err) {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, data)
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, name, p)
}

func isMultipart(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return len(ct) >= 19 && ct[:19] == "multipart/form-data"
}

// uploadBody marks a request body an upload handler has limited itself.
type uploadBody struct{ io.ReadCloser }

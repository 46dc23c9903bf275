package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// Form fields of a watchlist item. "type" is the item kind (act, article,
// domain, authority, search); a saved search comes either whole in
// "search" (the law search page's query string, as its "watch this
// search" link sends it) or as the fields of the form on the list page.
const (
	fieldWatchType = "type"
	maxWatchField  = 2048
)

// savedSearchFields are the law search filters the list page's form
// offers, by their query-string names.
var savedSearchFields = []string{"q", "jurisdiction", "status", "year_from", "year_to"}

// decodeWatchItem reads an item from form or query values. The kind is
// "type", or guessed from the fields given (?act=…&unit=… is an
// article). Invalid for bytes that are not UTF-8 or values too long; the
// store checks that what it names exists.
func decodeWatchItem(v url.Values) (store.WatchItemInput, error) {
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	for k, vs := range v {
		for _, x := range vs {
			if !utf8.ValidString(k) || !utf8.ValidString(x) {
				return store.WatchItemInput{}, agora.FieldError(fieldWatchType, "error.invalid_utf8", nil)
			}
			if len(x) > maxWatchField {
				return store.WatchItemInput{}, agora.FieldError(k, "field.too_long", map[string]any{"max": maxWatchField})
			}
		}
	}
	in := store.WatchItemInput{Kind: store.WatchKind(get(fieldWatchType))}
	if in.Kind == "" {
		switch {
		case get("act") != "" && get("unit") != "":
			in.Kind = store.WatchArticle
		case get("act") != "":
			in.Kind = store.WatchAct
		case get("domain") != "":
			in.Kind = store.WatchDomain
		case get("authority") != "":
			in.Kind = store.WatchAuthority
		case get("search") != "" || get("q") != "":
			in.Kind = store.WatchSearch
		default:
			return in, nil
		}
	}
	switch in.Kind {
	case store.WatchAct:
		in.Act = get("act")
	case store.WatchArticle:
		in.Act, in.Unit = get("act"), get("unit")
	case store.WatchDomain:
		in.Target = get("domain")
	case store.WatchAuthority:
		in.Target = get("authority")
	case store.WatchSearch:
		in.Target = get("search")
		if in.Target == "" {
			q := url.Values{}
			for _, k := range savedSearchFields {
				if x := get(k); x != "" {
					q.Set(k, x)
				}
			}
			in.Target = q.Encode()
		}
	default:
		return in, agora.FieldError(fieldWatchType, "field.invalid_choice", nil)
	}
	return in, nil
}

// encodeWatchItem is the inverse of decodeWatchItem, for hidden fields.
func encodeWatchItem(in store.WatchItemInput) url.Values {
	v := url.Values{fieldWatchType: {string(in.Kind)}}
	switch in.Kind {
	case store.WatchAct:
		v.Set("act", in.Act)
	case store.WatchArticle:
		v.Set("act", in.Act)
		v.Set("unit", in.Unit)
	case store.WatchDomain:
		v.Set("domain", in.Target)
	case store.WatchAuthority:
		v.Set("authority", in.Target)
	case store.WatchSearch:
		v.Set("search", in.Target)
	}
	return v
}

func (s *Server) addWatchItem(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in, err := decodeWatchItem(r.PostForm)
	if err == nil && in.Kind == "" {
		err = agora.FieldError(fieldWatchType, "field.required", nil)
	}
	if err == nil {
		_, err = s.store.AddWatchItem(r.Context(), l.ID, in)
	}
	if err != nil {
		d, derr := s.watchShow(r, l)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		if agora.KindOf(err) == agora.Conflict {
			// Already watched, or the list is full: say so on the page.
			err = agora.FieldError(fieldWatchType, agora.AsError(err).Key, nil)
		}
		s.formFail(w, r, "watch/show", f, err, d)
		return
	}
	s.redirect(w, r, "/watch/"+l.ID, "watch.flash.item_added")
}

func (s *Server) removeWatchItem(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.RemoveWatchItem(r.Context(), l.ID, r.PathValue("itemID")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/watch/"+l.ID, "watch.flash.item_removed")
}

package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// Job kinds of the watchlists besides store.JobLawChanged (enqueued by
// every import) and store.JobWatchConsultations (the periodic scan).
const (
	// JobWatchDigest is the daily digest of watchlist alerts.
	JobWatchDigest = "watch_digest"
)

// WatchScanEvery is how often new consultations are matched against
// watchlists.
const WatchScanEvery = 5 * time.Minute

// Watcher raises watchlist alerts and mails them.
type Watcher struct {
	st      *store.Store
	cat     *i18n.Catalog
	baseURL string
}

// NewWatcher makes a Watcher; baseURL is the site's public address for
// the links in its emails.
func NewWatcher(st *store.Store, cat *i18n.Catalog, baseURL string) *Watcher {
	return &Watcher{st: st, cat: cat, baseURL: strings.TrimRight(baseURL, "/")}
}

// Register adds the handlers of store.JobLawChanged,
// store.JobWatchConsultations and JobWatchDigest to wk.
func (w *Watcher) Register(wk *Worker) {
	wk.Handle(store.JobLawChanged, w.HandleLawChanged)
	wk.Handle(store.JobWatchConsultations, w.HandleConsultations)
	wk.Handle(JobWatchDigest, w.HandleDigest)
}

// RegisterWatch wires the watchlists into a server's worker: the
// handlers, the next consultation scan and the next digest.
func RegisterWatch(ctx context.Context, wk *Worker, st *store.Store, cat *i18n.Catalog, baseURL string) error {
	NewWatcher(st, cat, baseURL).Register(wk)
	now := st.Now()
	if err := ScheduleWatchScan(ctx, st, now); err != nil {
		return err
	}
	return ScheduleWatchDigest(ctx, st, now)
}

// ScheduleWatchScan enqueues the consultation scan of the next
// WatchScanEvery slot after now, unless it is queued already.
func ScheduleWatchScan(ctx context.Context, st *store.Store, now time.Time) error {
	at := now.UTC().Truncate(WatchScanEvery).Add(WatchScanEvery)
	return st.Enqueue(ctx, store.JobWatchConsultations, struct{}{}, store.EnqueueOptions{RunAt: at,
		DedupKey: "watch-consultations:" + at.Format(time.RFC3339), MaxAttempts: 3})
}

// ScheduleWatchDigest enqueues the next daily watchlist digest, at the
// hour of the consultation digest (DigestHour), unless it is queued.
func ScheduleWatchDigest(ctx context.Context, st *store.Store, now time.Time) error {
	at := NextDigestAt(now)
	day := at.Format(time.DateOnly)
	return st.Enqueue(ctx, JobWatchDigest, digestPayload{Day: day}, store.EnqueueOptions{RunAt: at, DedupKey: "watch-digest:" + day})
}

// HandleLawChanged is the handler of store.JobLawChanged.
func (w *Watcher) HandleLawChanged(ctx context.Context, payload json.RawMessage) error {
	var ch store.LawChange
	if err := json.Unmarshal(payload, &ch); err != nil || ch.ActID == "" {
		return PermanentError{fmt.Errorf("law change payload %q: %v", payload, err)}
	}
	compose, err := w.composer(ctx)
	if err != nil {
		return err
	}
	_, err = w.st.RecordLawAlerts(ctx, ch, compose)
	return err
}

// HandleConsultations is the handler of store.JobWatchConsultations: one
// scan, then the next one is scheduled.
func (w *Watcher) HandleConsultations(ctx context.Context, _ json.RawMessage) error {
	compose, err := w.composer(ctx)
	if err != nil {
		return err
	}
	if _, err := w.st.WatchConsultations(ctx, compose); err != nil {
		return err
	}
	return ScheduleWatchScan(ctx, w.st, w.st.Now())
}

// HandleDigest is the handler of JobWatchDigest.
func (w *Watcher) HandleDigest(ctx context.Context, _ json.RawMessage) error {
	names, err := w.domainNames(ctx)
	if err != nil {
		return err
	}
	compose := func(r store.Recipient, lists []store.WatchDigestList) agora.Email {
		return w.digestMail(names, r, lists)
	}
	if _, err := w.st.SendWatchDigests(ctx, digestBatch, compose); err != nil {
		return err
	}
	return ScheduleWatchDigest(ctx, w.st, w.st.Now())
}

// domainNames maps language → slug → name, read before a transaction
// because composing runs inside it.
func (w *Watcher) domainNames(ctx context.Context) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, lang := range i18n.Supported() {
		ds, err := w.st.Domains(ctx, lang)
		if err != nil {
			return nil, err
		}
		out[lang] = map[string]string{}
		for _, d := range ds {
			out[lang][d.Slug] = d.Name(lang)
		}
	}
	return out, nil
}

func (w *Watcher) composer(ctx context.Context) (store.WatchCompose, error) {
	names, err := w.domainNames(ctx)
	if err != nil {
		return nil, err
	}
	return func(r store.Recipient, l store.Watchlist, as []store.WatchAlert) agora.Email {
		return w.alertMail(names, r, l, as)
	}, nil
}

// alertMail is the immediate email of new alerts of one list.
func (w *Watcher) alertMail(names map[string]map[string]string, r store.Recipient, l store.Watchlist, as []store.WatchAlert) agora.Email {
	lang := r.Lang
	e := agora.Email{To: r.Email, Lang: lang,
		Subject:     w.cat.TN(lang, "watch.mail.subject", len(as), map[string]any{"list": l.Name}),
		Paragraphs:  []string{w.cat.TN(lang, "watch.mail.intro", len(as), map[string]any{"list": l.Name})},
		ActionLabel: w.cat.T(lang, "watch.mail.open", nil),
		ActionURL:   w.baseURL + "/watch/" + l.ID,
		Footer:      w.cat.T(lang, "watch.mail.footer", map[string]any{"url": w.baseURL + "/watch/" + l.ID}),
	}
	for _, a := range as {
		e.Paragraphs = append(e.Paragraphs, w.alertLine(names[lang], lang, a))
	}
	return e
}

func (w *Watcher) digestMail(names map[string]map[string]string, r store.Recipient, lists []store.WatchDigestList) agora.Email {
	lang := r.Lang
	total := 0
	for _, l := range lists {
		total += len(l.Alerts) + l.More
	}
	e := agora.Email{To: r.Email, Lang: lang,
		Subject:     w.cat.TN(lang, "watch.mail.digest.subject", total, nil),
		ActionLabel: w.cat.T(lang, "watch.mail.digest.open", nil),
		ActionURL:   w.baseURL + "/watch",
		Footer:      w.cat.T(lang, "watch.mail.footer", map[string]any{"url": w.baseURL + "/watch"}),
	}
	for _, l := range lists {
		e.Paragraphs = append(e.Paragraphs, w.cat.TN(lang, "watch.mail.digest.list", len(l.Alerts)+l.More, map[string]any{"list": l.List.Name}))
		for _, a := range l.Alerts {
			e.Paragraphs = append(e.Paragraphs, w.alertLine(names[lang], lang, a))
		}
		if l.More > 0 {
			e.Paragraphs = append(e.Paragraphs, w.cat.TN(lang, "watch.mail.digest.more", l.More, nil))
		}
	}
	return e
}

// alertLine is one alert as a sentence with its link.
func (w *Watcher) alertLine(domains map[string]string, lang string, a store.WatchAlert) string {
	return AlertText(w.cat, lang, a, domains) + " " + w.baseURL + AlertPath(a)
}

// AlertText says what an alert is about in lang; domains maps slugs to
// names in lang (nil shows slugs). The feed and the watchlist page use it
// too.
func AlertText(cat *i18n.Catalog, lang string, a store.WatchAlert, domains map[string]string) string {
	item := a.ItemLabel
	if n := domains[item]; n != "" && (a.Kind == store.AlertDomainAct || a.Detail == store.ReasonDomain) {
		item = n
	}
	args := map[string]any{"title": a.Title, "item": item, "unit": UnitLabel(a.Detail), "version": a.SubjectVersion}
	key := i18n.Prefix("watch.alert.") + string(a.Kind)
	switch {
	case a.Kind == store.AlertConsultation:
		key += "." + a.Detail
	case a.Kind == store.AlertCited && a.Detail != "":
		key = "watch.alert.cited_unit"
	}
	return cat.T(lang, key, args)
}

// AlertPath is the site path an alert leads to: the act (at the cited
// article for a citation of one, on the citing act's page) or the
// consultation.
func AlertPath(a store.WatchAlert) string {
	if a.SubjectKind == store.SubjectConsultation {
		return "/consultations/" + a.SubjectID
	}
	return "/laws/" + a.SubjectID
}

// UnitLabel turns a unit key into a short reference ("art-7.par-2" →
// "art. 7 (2)"), good enough for an alert line in either language.
func UnitLabel(key string) string {
	if key == "" {
		return ""
	}
	var parts []string
	for _, p := range strings.Split(key, ".") {
		kind, num, ok := strings.Cut(p, "-")
		if !ok {
			parts = append(parts, p)
			continue
		}
		num = strings.ReplaceAll(num, "-", "^")
		switch kind {
		case "art":
			parts = append(parts, "art. "+num)
		case "par":
			parts = append(parts, "("+num+")")
		case "pct":
			parts = append(parts, "pct. "+num)
		case "let":
			parts = append(parts, num+")")
		default:
			parts = append(parts, kind+" "+num)
		}
	}
	return strings.Join(parts, " ")
}

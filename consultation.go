package agora

import (
	"time"
)

// ConsultationState is where a consultation stands in its life. The
// phase a visitor sees (upcoming, open, closed) follows from the state
// and the dates; the state records only what an officer did.
type ConsultationState string

const (
	// ConsultationDraft is being prepared; only the authority's officers see it.
	ConsultationDraft ConsultationState = "draft"
	// ConsultationPublished is announced: public, open for comments
	// between OpensAt and CommentsClose.
	ConsultationPublished ConsultationState = "published"
	// ConsultationAnswered has its answers to the recommendations published.
	ConsultationAnswered ConsultationState = "answered"
	// ConsultationReported has its final report published.
	ConsultationReported ConsultationState = "reported"
)

// Phase is what a visitor sees, derived from state and clock.
type Phase string

const (
	PhaseDraft    Phase = "draft"
	PhaseUpcoming Phase = "upcoming"
	PhaseOpen     Phase = "open"
	PhaseClosed   Phase = "closed"
	PhaseAnswered Phase = "answered"
	PhaseReported Phase = "reported"
)

// Phases lists the phases a public list can filter on.
var Phases = []Phase{PhaseUpcoming, PhaseOpen, PhaseClosed, PhaseAnswered, PhaseReported}

// ActKinds are the kinds of normative act a draft can be, per country.
// Keys are stable codes; labels come from the catalogue
// (consultation.act_kind.<code>).
var ActKinds = map[Country][]string{
	RO: {"lege", "ordonanta", "ordonanta_urgenta", "hotarare_guvern", "ordin", "hotarare_consiliu_local", "hotarare_consiliu_judetean", "dispozitie", "strategie"},
	PL: {"ustawa", "rozporzadzenie", "uchwala", "zarzadzenie", "program_wspolpracy", "strategia"},
}

// ValidActKind reports whether kind is one of the country's act kinds.
func ValidActKind(c Country, kind string) bool {
	for _, k := range ActKinds[c] {
		if k == kind {
			return true
		}
	}
	return false
}

// Consultation is a draft normative act put up for public comment by a
// public authority.
type Consultation struct {
	ID      string
	OrgID   string // the authority that owns it
	OrgName string
	Country Country
	Title   string
	ActKind string
	Summary string // Markdown
	// Substantiation is the nota de fundamentare / uzasadnienie (OSR), Markdown.
	Substantiation string
	RuleSetID      string
	ContactName    string
	ContactEmail   string
	ContactPhone   string
	Domains        []string // domain slugs
	Regions        []string // region codes of the country
	State          ConsultationState
	// OpensAt is when comments open; the announcement date for the law.
	OpensAt time.Time
	// CommentsClose is the last instant a comment is accepted (end of the
	// day in the country's zone).
	CommentsClose time.Time
	// EarliestAdoption is the first civil date (YYYY-MM-DD) the draft may
	// be submitted for review or adopted.
	EarliestAdoption string
	// Exception is the officer's public justification for dates that
	// break the rule set (emergency procedure); empty when none.
	Exception string
	// Version is the number of the current version of the draft text.
	Version int
	// Revision grows with every change that shows on the public page
	// (comments, answers, versions); page caches key on it.
	Revision         int64
	CommentCount     int
	ParticipantCount int
	DebateRequests   int
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	PublishedAt      *time.Time
	AnsweredAt       *time.Time
	ReportedAt       *time.Time
}

// PhaseAt is the phase a visitor sees at now.
func (c Consultation) PhaseAt(now time.Time) Phase {
	switch c.State {
	case ConsultationDraft:
		return PhaseDraft
	case ConsultationAnswered:
		return PhaseAnswered
	case ConsultationReported:
		return PhaseReported
	}
	switch {
	case now.Before(c.OpensAt):
		return PhaseUpcoming
	case now.After(c.CommentsClose):
		return PhaseClosed
	}
	return PhaseOpen
}

// AcceptsComments reports whether a participant may comment at now.
func (c Consultation) AcceptsComments(now time.Time) bool {
	return c.PhaseAt(now) == PhaseOpen
}

// ConsultationInput is what an officer fills in to create or edit a
// consultation. Dates are civil dates (YYYY-MM-DD) in the authority's
// country; the legal package turns them into instants.
type ConsultationInput struct {
	Title            string
	ActKind          string
	Summary          string
	Substantiation   string
	RuleSetID        string
	ContactName      string
	ContactEmail     string
	ContactPhone     string
	Domains          []string
	Regions          []string
	OpensOn          string
	CommentsCloseOn  string
	EarliestAdoption string
	Exception        string
}

// Validate checks the fields that need no database, for the authority's
// country, and returns the cleaned input or the field errors.
func (in ConsultationInput) Validate(c Country) (ConsultationInput, error) {
	var es Errs
	in.Title = ValidateText(&es, "title", in.Title, 5, 300, false)
	if !ValidActKind(c, in.ActKind) {
		es.Add("act_kind", "field.invalid_choice", nil)
	}
	in.Summary = ValidateText(&es, "summary", in.Summary, 0, 20000, true)
	in.Substantiation = ValidateText(&es, "substantiation", in.Substantiation, 0, 100000, true)
	in.ContactName = ValidateText(&es, "contact_name", in.ContactName, 0, 200, false)
	in.ContactEmail = ValidateText(&es, "contact_email", in.ContactEmail, 0, 254, false)
	if in.ContactEmail != "" {
		in.ContactEmail = NormalizeEmail(in.ContactEmail)
		if !validEmail(in.ContactEmail) {
			es.Add("contact_email", "field.invalid_email", nil)
		}
	}
	in.ContactPhone = ValidateText(&es, "contact_phone", in.ContactPhone, 0, 40, false)
	in.Exception = ValidateText(&es, "exception", in.Exception, 0, 5000, true)
	for field, d := range map[string]*string{"opens_on": &in.OpensOn, "comments_close_on": &in.CommentsCloseOn, "earliest_adoption": &in.EarliestAdoption} {
		if *d == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, *d)
		if err != nil || t.Year() < 2000 || t.Year() > 2200 {
			es.Add(field, "field.invalid_date", nil)
			continue
		}
		*d = t.Format(time.DateOnly)
	}
	if len(in.Domains) > 20 {
		es.Add("domains", "field.too_many", map[string]any{"max": 20})
	}
	if len(in.Regions) > 60 {
		es.Add("regions", "field.too_many", map[string]any{"max": 60})
	}
	return in, es.Err()
}

// CommentSource says how a recommendation reached the authority.
type CommentSource string

const (
	SourceOnline CommentSource = "online"
	SourceEmail  CommentSource = "email"
	SourcePost   CommentSource = "post"
	SourceDebate CommentSource = "debate"
	SourceOther  CommentSource = "other"
)

// CommentSources lists every source, online first.
var CommentSources = []CommentSource{SourceOnline, SourceEmail, SourcePost, SourceDebate, SourceOther}

// Comment is a recommendation on a draft: on one unit (UnitKey), on a
// span of its text (Quote), or on the whole draft (UnitKey "").
type Comment struct {
	ID             string
	ConsultationID string
	// Version is the draft version the comment was made on; UnitKey is
	// the unit in that version. CurrentKey is where it sits in the
	// current version after carrying over ("" when the unit vanished),
	// and Carry says how the unit changed on the way.
	Version    int
	UnitKey    string
	CurrentKey string
	Carry      string // "" or a redline.Status: same, changed, renumbered, moved, vanished
	Quote      string
	AuthorID   string
	AuthorName string
	// OrgID is the organisation the author speaks for; empty for one's own name.
	OrgID     string
	OrgName   string
	Body      string
	Amendment string // replacement text for the unit or the quoted span
	Source    CommentSource
	// SourceNote records where an officer-registered recommendation came
	// from ("letter no. 123/2026", the debate of 3 March).
	SourceNote  string
	DebateID    string
	Supports    int
	Hidden      bool
	HiddenNote  string
	SubmittedAt time.Time
	EditedAt    *time.Time
	AnswerID    string
}

// CommentInput is a participant's new or edited comment.
type CommentInput struct {
	UnitKey   string
	Quote     string
	OrgID     string
	Body      string
	Amendment string
	// Source and SourceNote are set only by officers registering
	// recommendations received outside the platform.
	Source      CommentSource
	SourceNote  string
	SubmittedOn string // YYYY-MM-DD, officers only: when it was received
	AuthorName  string // officers only: who sent it
}

// Validate checks a comment's fields.
func (in CommentInput) Validate() (CommentInput, error) {
	var es Errs
	in.Body = ValidateText(&es, "body", in.Body, 2, 20000, true)
	in.Amendment = ValidateText(&es, "amendment", in.Amendment, 0, 20000, true)
	in.Quote = ValidateText(&es, "quote", in.Quote, 0, 2000, true)
	in.UnitKey = ValidateText(&es, "unit", in.UnitKey, 0, 200, false)
	in.SourceNote = ValidateText(&es, "source_note", in.SourceNote, 0, 500, false)
	in.AuthorName = ValidateText(&es, "author_name", in.AuthorName, 0, 200, false)
	if in.Source == "" {
		in.Source = SourceOnline
	}
	valid := false
	for _, s := range CommentSources {
		valid = valid || s == in.Source
	}
	if !valid {
		es.Add("source", "field.invalid_choice", nil)
	}
	if in.SubmittedOn != "" {
		if _, err := time.Parse(time.DateOnly, in.SubmittedOn); err != nil {
			es.Add("submitted_on", "field.invalid_date", nil)
		}
	}
	return in, es.Err()
}

// AnswerStatus is the authority's decision on a recommendation.
type AnswerStatus string

const (
	AnswerAccepted      AnswerStatus = "accepted"
	AnswerPartly        AnswerStatus = "partly"
	AnswerRejected      AnswerStatus = "rejected"
	AnswerNotApplicable AnswerStatus = "not_applicable"
)

// AnswerStatuses lists the decisions in the order reports show them.
var AnswerStatuses = []AnswerStatus{AnswerAccepted, AnswerPartly, AnswerRejected, AnswerNotApplicable}

// Valid reports whether s is a known decision.
func (s AnswerStatus) Valid() bool {
	for _, x := range AnswerStatuses {
		if x == s {
			return true
		}
	}
	return false
}

// Answer is the authority's reply to one recommendation or to a group of
// similar ones.
type Answer struct {
	ID             string
	ConsultationID string
	Status         AnswerStatus
	Justification  string
	AnsweredBy     string
	AnsweredAt     time.Time
	CommentIDs     []string
}

// AnswerInput is an officer's answer.
type AnswerInput struct {
	Status        AnswerStatus
	Justification string
	CommentIDs    []string
}

// Validate checks the answer; a rejection or partial acceptance must be
// justified in writing (Law 52/2003 art. 12).
func (in AnswerInput) Validate() (AnswerInput, error) {
	var es Errs
	if !in.Status.Valid() {
		es.Add("status", "field.invalid_choice", nil)
	}
	min := 0
	if in.Status == AnswerRejected || in.Status == AnswerPartly {
		min = 5
	}
	in.Justification = ValidateText(&es, "justification", in.Justification, min, 20000, true)
	if len(in.CommentIDs) == 0 {
		es.Add("comments", "field.required", nil)
	}
	return in, es.Err()
}

// Debate is a public meeting on a draft.
type Debate struct {
	ID             string
	ConsultationID string
	StartsAt       time.Time
	Place          string
	OnlineURL      string
	Notice         string
	AnnouncedAt    time.Time
	MinutesFileID  string
	Minutes        string
	Registered     int
	Participants   int // counted at the meeting, for the yearly report
	Closed         bool
	ClosedReason   string
}

// DebateRequest is an organisation's written request for a public debate.
type DebateRequest struct {
	ID             string
	ConsultationID string
	OrgID          string
	OrgName        string
	RequestedBy    string
	Reason         string
	CreatedAt      time.Time
}

// FollowTarget is what a person can follow.
type FollowTarget string

const (
	FollowConsultation FollowTarget = "consultation"
	FollowOrg          FollowTarget = "org"
	FollowDomain       FollowTarget = "domain"
)

// NotifyMode is how a person wants to hear about what they follow.
type NotifyMode string

const (
	NotifyImmediate NotifyMode = "immediate"
	NotifyDigest    NotifyMode = "digest"
	NotifyOff       NotifyMode = "off"
)

package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// MaxCommentAttachment is the largest document a comment may carry.
const MaxCommentAttachment = 5 << 20

func validateAttachment(a *CommentAttachment) error {
	if a == nil {
		return nil
	}
	switch {
	case len(a.Data) == 0:
		return agora.FieldError("attachment", "consultation_comment.error.attachment_empty", nil)
	case len(a.Data) > MaxCommentAttachment:
		return agora.FieldError("attachment", "consultation_comment.error.attachment_too_large", map[string]any{"max": MaxCommentAttachment >> 20})
	case a.Name == "" || len(a.Name) > 200:
		return agora.FieldError("attachment", "consultation_comment.error.attachment_name", nil)
	}
	return nil
}

// commentWriter writes the comments of one batch transaction. It reads
// each consultation's dates once per batch and adds up the counters, so a
// batch of a hundred comments on one consultation updates its row once.
type commentWriter struct {
	tx     *Tx
	stmts  map[string]*sql.Stmt
	gates  map[string]commentGate
	counts map[string]*[2]int // consultation → comments, participants
	units  map[unitRef]int
	ids    []string
}

type commentGate struct {
	state         string
	version       int
	opens, closes sql.NullTime
}

type unitRef struct {
	consultation string
	version      int
	key          string
}

// prepared returns q prepared once per batch: parsing the SQL cost more
// than running it, and a batch runs each statement once per comment.
func (w *commentWriter) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	w.stmts[q] = st
	return st, nil
}

func (w *commentWriter) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := w.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	w.tx.counter.add()
	return st.ExecContext(ctx, args...)
}

// scan runs a one-row query and scans it; sql.ErrNoRows when empty.
func (w *commentWriter) scan(ctx context.Context, q string, args []any, dest ...any) error {
	st, err := w.prepared(ctx, q)
	if err != nil {
		return err
	}
	w.tx.counter.add()
	return st.QueryRowContext(ctx, args...).Scan(dest...)
}

// close releases the prepared statements.
func (w *commentWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

func newCommentWriter(tx *Tx) *commentWriter {
	return &commentWriter{tx: tx, stmts: map[string]*sql.Stmt{}, gates: map[string]commentGate{}, counts: map[string]*[2]int{}, units: map[unitRef]int{}}
}

// addSavepoint writes one comment inside its own savepoint. itemErr is
// this comment's failure (rolled back, the batch goes on); err is a
// failure of the transaction itself.
func (w *commentWriter) addSavepoint(ctx context.Context, n NewComment) (id string, created bool, itemErr, err error) {
	if _, err := w.exec(ctx, `SAVEPOINT comment_item`); err != nil {
		return "", false, nil, fmt.Errorf("store: comment savepoint: %w", err)
	}
	id, created, itemErr = w.add(ctx, n)
	if itemErr != nil {
		if _, err := w.exec(ctx, `ROLLBACK TO SAVEPOINT comment_item`); err != nil {
			return "", false, nil, fmt.Errorf("store: comment rollback: %w", errors.Join(err, itemErr))
		}
	}
	if _, err := w.exec(ctx, `RELEASE SAVEPOINT comment_item`); err != nil {
		return "", false, nil, fmt.Errorf("store: comment release: %w", err)
	}
	return id, created, itemErr, nil
}

func (w *commentWriter) gate(ctx context.Context, id string) (commentGate, error) {
	if g, ok := w.gates[id]; ok {
		return g, nil
	}
	var g commentGate
	err := w.scan(ctx, `SELECT state, version, opens_at, comments_close FROM consultations WHERE id = $1`, []any{id},
		&g.state, &g.version, &g.opens, &g.closes)
	if err != nil {
		return g, notFound(err, "consultation.error.not_found")
	}
	w.gates[id] = g
	return g, nil
}

// open checks that the consultation takes this comment now. Officers
// register letters and debate minutes after the online deadline, until
// the answers are published.
func (g commentGate) open(now time.Time, offline bool) error {
	switch {
	case g.state == string(agora.ConsultationDraft):
		return agora.Errorf(agora.Conflict, "consultation.error.not_open")
	case offline && g.state == string(agora.ConsultationPublished):
		return nil
	case g.state != string(agora.ConsultationPublished) || now.Before(g.opens.Time):
		return agora.Errorf(agora.Conflict, "consultation.error.not_open")
	case now.After(g.closes.Time):
		return &agora.Error{Kind: agora.Conflict, Key: "consultation.error.deadline_passed",
			Args: map[string]any{"closed": g.closes.Time.UTC()}}
	}
	return nil
}

func (w *commentWriter) add(ctx context.Context, n NewComment) (string, bool, error) {
	in := n.Input
	offline := n.Officer && in.Source != agora.SourceOnline
	g, err := w.gate(ctx, n.ConsultationID)
	if err != nil {
		return "", false, err
	}
	if err := g.open(w.tx.Now, offline); err != nil {
		// A retry of a comment that was stored before the deadline
		// still gets its comment back.
		if id, ok := w.earlier(ctx, n, offline); ok {
			w.ids = append(w.ids, id)
			return id, false, nil
		}
		return "", false, err
	}
	if offline {
		if id, ok := w.earlier(ctx, n, true); ok {
			w.ids = append(w.ids, id)
			return id, false, nil
		}
	} else {
		in.Source, in.SourceNote, in.AuthorName = agora.SourceOnline, "", ""
	}
	if in.UnitKey != "" {
		var one int
		err := w.scan(ctx, `SELECT 1 FROM consultation_units WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`,
			[]any{n.ConsultationID, g.version, in.UnitKey}, &one)
		if err != nil {
			return "", false, agora.FieldError("unit", "consultation.error.unknown_unit", nil).Wrap(err)
		}
	}
	var orgID any
	if in.OrgID != "" {
		var one int
		err := w.scan(ctx, `SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2`, []any{in.OrgID, n.AuthorID}, &one)
		if err != nil {
			return "", false, agora.FieldError("org", "consultation.error.not_member", nil).Wrap(err)
		}
		orgID = in.OrgID
	}
	submitted := w.tx.Now
	if offline && in.SubmittedOn != "" {
		if d, err := time.Parse(time.DateOnly, in.SubmittedOn); err == nil && d.Before(w.tx.Now) {
			submitted = d.UTC()
		}
	}
	var authorID, registeredBy, clientKey any = n.AuthorID, nil, nil
	if offline {
		authorID, registeredBy = nil, n.AuthorID
	}
	if n.ClientKey != "" {
		clientKey = n.ClientKey
	}
	// A participant counts once per consultation: the first comment of an
	// author (or each named sender registered by an officer) adds one.
	firstTime := offline
	if !offline {
		var one int
		err := w.scan(ctx, `SELECT 1 FROM comments WHERE consultation_id = $1 AND author_id = $2 LIMIT 1`,
			[]any{n.ConsultationID, n.AuthorID}, &one)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			firstTime = true
		case err != nil:
			return "", false, fmt.Errorf("store: comment author: %w", err)
		}
	}
	id := agora.NewID()
	// ON CONFLICT: a double-submitted form (same author and client key)
	// inserts nothing, and the first comment is returned below.
	res, err := w.exec(ctx, `INSERT INTO comments (id, consultation_id, version, unit_key, current_key, quote, author_id,
		author_name, registered_by, org_id, body, amendment, source, source_note, client_key, submitted_at)
		VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
		ON CONFLICT (author_id, client_key) DO NOTHING`,
		id, n.ConsultationID, g.version, in.UnitKey, in.Quote, authorID, in.AuthorName, registeredBy, orgID, in.Body,
		in.Amendment, string(in.Source), in.SourceNote, clientKey, submitted)
	if err != nil {
		return "", false, fmt.Errorf("store: create comment: %w", err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		if earlier, ok := w.earlier(ctx, n, offline); ok {
			w.ids = append(w.ids, earlier)
			return earlier, false, nil
		}
		return "", false, agora.Errorf(agora.Conflict, "error.conflict")
	}
	if a := n.Attachment; a != nil {
		sum := sha256.Sum256(a.Data)
		_, err := w.exec(ctx, `INSERT INTO consultation_files (id, consultation_id, comment_id, debate_id, purpose, name,
			content_type, size, sha256, data, uploaded_by, created_at) VALUES ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, $10, $11)`,
			agora.NewID(), n.ConsultationID, id, FileComment, a.Name, cmp.Or(a.ContentType, "application/octet-stream"),
			len(a.Data), hex.EncodeToString(sum[:]), a.Data, n.AuthorID, w.tx.Now)
		if err != nil {
			return "", false, fmt.Errorf("store: comment attachment: %w", err)
		}
	}
	cnt := w.counts[n.ConsultationID]
	if cnt == nil {
		cnt = new([2]int)
		w.counts[n.ConsultationID] = cnt
	}
	cnt[0]++
	if firstTime {
		cnt[1]++
	}
	if in.UnitKey != "" {
		w.units[unitRef{n.ConsultationID, g.version, in.UnitKey}]++
	}
	w.ids = append(w.ids, id)
	return id, true, nil
}

// earlier finds the comment a client key already created.
func (w *commentWriter) earlier(ctx context.Context, n NewComment, offline bool) (string, bool) {
	if n.ClientKey == "" {
		return "", false
	}
	col := "author_id"
	if offline {
		col = "registered_by"
	}
	var id string
	err := w.scan(ctx, `SELECT id FROM comments WHERE `+col+` = $1 AND client_key = $2 AND consultation_id = $3`,
		[]any{n.AuthorID, n.ClientKey, n.ConsultationID}, &id)
	return id, err == nil
}

// finish updates the counters of the batch in a fixed order (so two
// PostgreSQL processes cannot deadlock on them) and loads every comment
// the batch returns in one statement.
func (w *commentWriter) finish(ctx context.Context) (map[string]agora.Comment, error) {
	ids := make([]string, 0, len(w.counts))
	for id := range w.counts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		c := w.counts[id]
		_, err := w.tx.ExecContext(ctx, `UPDATE consultations SET comment_count = comment_count + $2,
			participant_count = participant_count + $3, revision = revision + 1 WHERE id = $1`, id, c[0], c[1])
		if err != nil {
			return nil, fmt.Errorf("store: comment counters: %w", err)
		}
	}
	refs := make([]unitRef, 0, len(w.units))
	for r := range w.units {
		refs = append(refs, r)
	}
	slices.SortFunc(refs, func(a, b unitRef) int {
		return cmp.Or(cmp.Compare(a.consultation, b.consultation), cmp.Compare(a.version, b.version), cmp.Compare(a.key, b.key))
	})
	for _, r := range refs {
		_, err := w.tx.ExecContext(ctx, `UPDATE consultation_units SET comment_count = comment_count + $4
			WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`, r.consultation, r.version, r.key, w.units[r])
		if err != nil {
			return nil, fmt.Errorf("store: unit counters: %w", err)
		}
	}
	return commentsByID(ctx, w.tx, w.ids)
}

// commentsByID loads comments by id in one statement.
func commentsByID(ctx context.Context, tx *Tx, ids []string) (map[string]agora.Comment, error) {
	out := make(map[string]agora.Comment, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	ph := make([]string, len(ids))
	args := make([]any, len(ids))
	for i, id := range ids {
		ph[i] = fmt.Sprintf("$%d", i+1)
		args[i] = id
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+commentColumns+commentFrom+` WHERE m.id IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: comments by id: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: comments by id: %w", err)
		}
		out[c.ID] = c
	}
	return out, rows.Err()
}

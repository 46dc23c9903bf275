package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Recipient is a follower a notification is for.
type Recipient struct {
	UserID string
	Email  string
	Name   string
	Lang   string
	Mode   agora.NotifyMode
	// Mailable is false for unverified or disabled accounts: they get the
	// in-app notification only.
	Mailable bool
}

// Notification is one in-app notice about a consultation.
type Notification struct {
	ID                string
	UserID            string
	Kind              string // a consultation event: EventOpened …
	ConsultationID    string
	ConsultationTitle string
	OrgName           string
	SubjectID         string
	CreatedAt         time.Time
	ReadAt            *time.Time
	EmailedAt         *time.Time
}

// NotifyRequest is one consultation event to turn into notifications.
type NotifyRequest struct {
	Event ConsultationEvent
	// Compose writes the email of one immediate-mode recipient; it runs
	// inside the transaction, so it must only translate and format.
	Compose func(r Recipient, c agora.Consultation) agora.Email
	// Then are jobs to enqueue in the same transaction (the reminder
	// before the deadline); their dedup keys keep retries from doubling them.
	Then []FollowUp
}

// FollowUp is a job enqueued with a notification batch.
type FollowUp struct {
	Kind    string
	Payload any
	Options EnqueueOptions
}

// NotifyResult says what NotifyFollowers did.
type NotifyResult struct {
	Consultation agora.Consultation
	// Created counts new notifications; Emailed those mailed at once.
	Created, Emailed int
}

// NotifyFollowers records an in-app notification of r.Event for each
// follower, and queues an email for each new one whose owner wants them
// at once. For "opened" the followers are those of the consultation, of
// its authority and of any of its domains; for the other events, those
// of the consultation. Notifications are unique per user, event,
// consultation and subject, so a retried job creates and mails nothing
// twice: all of it happens in one transaction. NotFound for an unknown
// consultation; drafts notify nobody.
func (s *Store) NotifyFollowers(ctx context.Context, r NotifyRequest) (NotifyResult, error) {
	var res NotifyResult
	err := s.write(ctx, func(tx *Tx) error {
		res = NotifyResult{}
		c, err := consultationTx(ctx, tx, r.Event.ConsultationID)
		if err != nil {
			return err
		}
		res.Consultation = c
		if c.State == agora.ConsultationDraft {
			return nil
		}
		recips, err := followersTx(ctx, tx, c, r.Event.Event == EventOpened)
		if err != nil {
			return err
		}
		for _, rc := range recips {
			id := agora.NewID()
			ins, err := tx.ExecContext(ctx, `INSERT INTO notifications (id, user_id, kind, consultation_id, subject_id, created_at)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (user_id, kind, consultation_id, subject_id) DO NOTHING`,
				id, rc.UserID, r.Event.Event, c.ID, r.Event.SubjectID, tx.Now)
			if err != nil {
				return fmt.Errorf("store: notification: %w", err)
			}
			if n, _ := ins.RowsAffected(); n == 0 {
				continue // made by an earlier attempt of this job
			}
			res.Created++
			if rc.Mode != agora.NotifyImmediate || !rc.Mailable || r.Compose == nil {
				continue
			}
			if err := enqueueEmail(ctx, tx, r.Compose(rc, c)); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE notifications SET emailed_at = $1 WHERE id = $2`, tx.Now, id); err != nil {
				return fmt.Errorf("store: notification emailed: %w", err)
			}
			res.Emailed++
		}
		for _, f := range r.Then {
			if err := enqueue(ctx, tx, f.Kind, f.Payload, f.Options); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// recipientColumns are read by scanRecipient over users u and
// notification_prefs np.
const recipientColumns = `u.id, u.email, u.display_name, u.lang, COALESCE(np.mode, 'immediate'),
	CASE WHEN u.email_verified_at IS NOT NULL AND u.disabled_at IS NULL THEN 1 ELSE 0 END`

func scanRecipient(r rowScanner) (Recipient, error) {
	var rc Recipient
	var mode string
	var mailable int
	err := r.Scan(&rc.UserID, &rc.Email, &rc.Name, &rc.Lang, &mode, &mailable)
	rc.Mode, rc.Mailable = agora.NotifyMode(mode), mailable == 1
	return rc, err
}

// followersTx returns each follower of c once; wide adds the followers
// of its authority and of its domains.
func followersTx(ctx context.Context, tx *Tx, c agora.Consultation, wide bool) ([]Recipient, error) {
	var a sqlArgs
	cond := `(f.target_kind = 'consultation' AND f.target_id = ` + a.add(c.ID) + `)`
	if wide {
		cond += ` OR (f.target_kind = 'org' AND f.target_id = ` + a.add(c.OrgID) + `)`
		if len(c.Domains) > 0 {
			cond += ` OR (f.target_kind = 'domain' AND f.target_id IN ` + a.in(c.Domains) + `)`
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+recipientColumns+` FROM users u
		LEFT JOIN notification_prefs np ON np.user_id = u.id
		WHERE u.id IN (SELECT f.user_id FROM follows f WHERE `+cond+`) ORDER BY u.id`, a.vals...)
	if err != nil {
		return nil, fmt.Errorf("store: followers: %w", err)
	}
	defer rows.Close()
	var out []Recipient
	for rows.Next() {
		rc, err := scanRecipient(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rc)
	}
	return out, rows.Err()
}

// notificationColumns are read by scanNotification over notifications n,
// consultations c and organisations o.
const notificationColumns = `n.id, n.user_id, n.kind, n.consultation_id, COALESCE(c.title, ''), COALESCE(o.name, ''),
	n.subject_id, n.created_at, n.read_at, n.emailed_at`

const notificationFrom = ` FROM notifications n LEFT JOIN consultations c ON c.id = n.consultation_id
	LEFT JOIN organisations o ON o.id = c.org_id`

func scanNotification(r rowScanner) (Notification, error) {
	var n Notification
	var read, emailed sql.NullTime
	err := r.Scan(&n.ID, &n.UserID, &n.Kind, &n.ConsultationID, &n.ConsultationTitle, &n.OrgName, &n.SubjectID,
		&n.CreatedAt, &read, &emailed)
	n.CreatedAt = n.CreatedAt.UTC()
	n.ReadAt, n.EmailedAt = optTime(read), optTime(emailed)
	return n, err
}

// NotificationPage is one page of a person's notifications, newest first.
type NotificationPage struct {
	Items  []Notification
	Unread int
	// Next is the cursor of the following (older) page, "" at the end.
	Next string
}

type notificationCursor struct {
	T  time.Time `json:"t"`
	ID string    `json:"i"`
}

// Notifications returns a page of userID's notifications, newest first,
// and how many are unread. Invalid ("cursor") for a malformed cursor.
func (s *Store) Notifications(ctx context.Context, userID, cursor string, limit int) (NotificationPage, error) {
	if limit <= 0 || limit > 100 {
		limit = 30
	}
	var cur notificationCursor
	if cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(cursor)
		if err == nil {
			err = json.Unmarshal(b, &cur)
		}
		if err != nil || cur.ID == "" || len(cursor) > 512 {
			return NotificationPage{}, agora.FieldError("cursor", "consultation_follow.error.cursor", nil)
		}
	}
	var p NotificationPage
	err := s.read(ctx, func(tx *Tx) error {
		p = NotificationPage{}
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
			userID).Scan(&p.Unread); err != nil {
			return fmt.Errorf("store: unread notifications: %w", err)
		}
		var a sqlArgs
		where := `n.user_id = ` + a.add(userID)
		if cursor != "" {
			t := a.add(cur.T)
			where += ` AND (n.created_at < ` + t + ` OR (n.created_at = ` + t + ` AND n.id < ` + a.add(cur.ID) + `))`
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+notificationFrom+` WHERE `+where+
			` ORDER BY n.created_at DESC, n.id DESC LIMIT `+a.add(limit+1), a.vals...)
		if err != nil {
			return fmt.Errorf("store: notifications: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			n, err := scanNotification(rows)
			if err != nil {
				return err
			}
			p.Items = append(p.Items, n)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(p.Items) > limit {
			p.Items = p.Items[:limit]
			last := p.Items[limit-1]
			b, _ := json.Marshal(notificationCursor{T: last.CreatedAt, ID: last.ID})
			p.Next = base64.RawURLEncoding.EncodeToString(b)
		}
		return nil
	})
	return p, err
}

// UnreadNotifications counts userID's unread notifications.
func (s *Store) UnreadNotifications(ctx context.Context, userID string) (int, error) {
	var n int
	err := s.read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL`, userID).Scan(&n)
	})
	return n, err
}

// MarkNotificationsRead marks the given notifications of userID read, or
// all of them when ids is empty. Others' notifications are left alone.
func (s *Store) MarkNotificationsRead(ctx context.Context, userID string, ids []string) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		var a sqlArgs
		q := `UPDATE notifications SET read_at = ` + a.add(tx.Now) + ` WHERE user_id = ` + a.add(userID) + ` AND read_at IS NULL`
		if len(ids) > 0 {
			q += ` AND id IN ` + a.in(ids)
		}
		if _, err := tx.ExecContext(ctx, q, a.vals...); err != nil {
			return fmt.Errorf("store: read notifications: %w", err)
		}
		return nil
	})
}

// DigestItems bounds how many notifications one digest lists; the rest
// are counted and wait for the reader on the site.
const DigestItems = 50

// DigestRecipient is one digest-mode person with their unmailed news.
type DigestRecipient struct {
	Recipient
	Items []Notification
	// More counts unmailed notifications beyond Items.
	More int
}

// SendDigests queues one email per digest-mode person who has
// notifications not yet mailed (made since they chose the digest), and
// marks those notifications mailed, in batches of batch people, each in
// its own transaction so a large run does not hold the writer for long.
// compose writes the email. It returns how many digests were queued.
func (s *Store) SendDigests(ctx context.Context, batch int, compose func(d DigestRecipient) agora.Email) (int, error) {
	if batch <= 0 {
		batch = 200
	}
	total := 0
	for {
		n := 0
		err := s.write(ctx, func(tx *Tx) error {
			n = 0
			rows, err := tx.QueryContext(ctx, `SELECT `+recipientColumns+` FROM users u
				JOIN notification_prefs np ON np.user_id = u.id
				WHERE np.mode = 'digest' AND u.email_verified_at IS NOT NULL AND u.disabled_at IS NULL
				AND EXISTS (SELECT 1 FROM notifications x WHERE x.user_id = u.id AND x.emailed_at IS NULL AND x.created_at >= np.updated_at)
				ORDER BY u.id LIMIT $1`, batch)
			if err != nil {
				return fmt.Errorf("store: digest recipients: %w", err)
			}
			var recips []Recipient
			for rows.Next() {
				rc, err := scanRecipient(rows)
				if err != nil {
					rows.Close()
					return err
				}
				recips = append(recips, rc)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, rc := range recips {
				d, err := digestItemsTx(ctx, tx, rc)
				if err != nil {
					return err
				}
				if err := enqueueEmail(ctx, tx, compose(d)); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE notifications SET emailed_at = $1 WHERE user_id = $2 AND emailed_at IS NULL`,
					tx.Now, rc.UserID); err != nil {
					return fmt.Errorf("store: digest mailed: %w", err)
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < batch {
			return total, nil
		}
	}
}

func digestItemsTx(ctx context.Context, tx *Tx, rc Recipient) (DigestRecipient, error) {
	d := DigestRecipient{Recipient: rc}
	rows, err := tx.QueryContext(ctx, `SELECT `+notificationColumns+notificationFrom+`
		JOIN notification_prefs np ON np.user_id = n.user_id
		WHERE n.user_id = $1 AND n.emailed_at IS NULL AND n.created_at >= np.updated_at
		ORDER BY n.created_at, n.id`, rc.UserID)
	if err != nil {
		return d, fmt.Errorf("store: digest items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return d, err
		}
		if len(d.Items) < DigestItems {
			d.Items = append(d.Items, n)
		} else {
			d.More++
		}
	}
	return d, rows.Err()
}

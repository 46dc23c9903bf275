package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Purposes of a consultation file.
const (
	// FileAttachment is a document the authority attaches to its
	// consultation (substantiation study, impact assessment, annexes).
	FileAttachment = "attachment"
	// FileComment is a document a participant attaches to a comment.
	FileComment = "comment"
	// FileMinutes is the minutes of a public debate.
	FileMinutes = "minutes"
)

// ConsultationFile describes a stored file; Data is filled only by
// ConsultationFileData.
type ConsultationFile struct {
	ID             string
	ConsultationID string
	CommentID      string
	DebateID       string
	Purpose        string
	Name           string
	ContentType    string
	Size           int64
	SHA256         string // hex
	UploadedBy     string
	CreatedAt      time.Time
	// CommentHidden is true when the file belongs to a comment that a
	// moderator hid: only moderators and officers may still fetch it.
	CommentHidden bool
	Data          []byte
}

// NewConsultationFile is a file to store. The caller has checked its
// name, type and size; the store computes the checksum.
type NewConsultationFile struct {
	ConsultationID string
	CommentID      string
	DebateID       string
	Purpose        string
	Name           string
	ContentType    string
	UploadedBy     string
	Data           []byte
}

// AddConsultationFile stores a file of a consultation. Authority
// attachments may be added to a draft or a published consultation; they
// change the public page, so its revision grows. NotFound when the
// consultation does not exist; Invalid (file) when the file is empty.
func (s *Store) AddConsultationFile(ctx context.Context, f NewConsultationFile) (ConsultationFile, error) {
	var out ConsultationFile
	err := s.write(ctx, func(tx *Tx) error {
		c, err := consultationTx(ctx, tx, f.ConsultationID)
		if err != nil {
			return err
		}
		if len(f.Data) == 0 {
			return agora.FieldError("file", "consultation_author.error.file_empty", nil)
		}
		sum := sha256.Sum256(f.Data)
		out = ConsultationFile{ID: agora.NewID(), ConsultationID: c.ID, CommentID: f.CommentID, DebateID: f.DebateID,
			Purpose: f.Purpose, Name: f.Name, ContentType: f.ContentType, Size: int64(len(f.Data)),
			SHA256: hex.EncodeToString(sum[:]), UploadedBy: f.UploadedBy, CreatedAt: tx.Now}
		_, err = tx.ExecContext(ctx, `INSERT INTO consultation_files (id, consultation_id, comment_id, debate_id, purpose, name,
			content_type, size, sha256, data, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			out.ID, out.ConsultationID, out.CommentID, out.DebateID, out.Purpose, out.Name, out.ContentType, out.Size,
			out.SHA256, f.Data, out.UploadedBy, out.CreatedAt)
		if err != nil {
			return fmt.Errorf("store: add consultation file: %w", err)
		}
		if f.Purpose == FileAttachment {
			if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: f.UploadedBy, OrgID: c.OrgID, Action: "consultation_author.audit.file_add",
				TargetKind: "consultation", TargetID: c.ID, Details: map[string]string{"file": out.ID, "sha256": out.SHA256}}); err != nil {
				return err
			}
		}
		return bumpRevision(ctx, tx, c.ID)
	})
	return out, err
}

const consultationFileColumns = `f.id, f.consultation_id, f.comment_id, f.debate_id, f.purpose, f.name, f.content_type, f.size,
	f.sha256, f.uploaded_by, f.created_at, COALESCE(cm.hidden, FALSE)`

const consultationFileFrom = ` FROM consultation_files f LEFT JOIN comments cm ON cm.id = f.comment_id AND f.comment_id <> ''`

func scanConsultationFile(r rowScanner, extra ...any) (ConsultationFile, error) {
	var f ConsultationFile
	err := r.Scan(append([]any{&f.ID, &f.ConsultationID, &f.CommentID, &f.DebateID, &f.Purpose, &f.Name, &f.ContentType, &f.Size,
		&f.SHA256, &f.UploadedBy, &f.CreatedAt, &f.CommentHidden}, extra...)...)
	f.CreatedAt = f.CreatedAt.UTC()
	return f, err
}

// ConsultationFiles lists the files of one purpose of a consultation
// (all purposes when purpose is ""), oldest first, without their bytes.
func (s *Store) ConsultationFiles(ctx context.Context, consultationID, purpose string) ([]ConsultationFile, error) {
	var out []ConsultationFile
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+consultationFileColumns+consultationFileFrom+`
			WHERE f.consultation_id = $1 AND ($2 = '' OR f.purpose = $2) ORDER BY f.created_at, f.id`, consultationID, purpose)
		if err != nil {
			return fmt.Errorf("store: consultation files: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			f, err := scanConsultationFile(rows)
			if err != nil {
				return fmt.Errorf("store: consultation files: %w", err)
			}
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// ConsultationFileData loads one file of a consultation with its bytes.
// NotFound when the file does not exist or belongs to another
// consultation.
func (s *Store) ConsultationFileData(ctx context.Context, consultationID, fileID string) (ConsultationFile, error) {
	var f ConsultationFile
	err := s.read(ctx, func(tx *Tx) error {
		var data []byte
		var err error
		f, err = scanConsultationFile(tx.QueryRowContext(ctx, `SELECT `+consultationFileColumns+`, f.data`+consultationFileFrom+`
			WHERE f.id = $1 AND f.consultation_id = $2`, fileID, consultationID), &data)
		f.Data = data
		return notFound(err, "consultation_author.error.file_not_found")
	})
	return f, err
}

// DeleteConsultationFile removes an attachment of the authority while
// the consultation is a draft. Conflict (consultation.error.not_draft)
// once published: what was announced stays on the record. NotFound when
// there is no such attachment.
func (s *Store) DeleteConsultationFile(ctx context.Context, actorID, consultationID, fileID string) error {
	return s.write(ctx, func(tx *Tx) error {
		c, err := consultationTx(ctx, tx, consultationID)
		if err != nil {
			return err
		}
		if c.State != agora.ConsultationDraft {
			return agora.Errorf(agora.Conflict, "consultation.error.not_draft")
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM consultation_files WHERE id = $1 AND consultation_id = $2 AND purpose = $3`,
			fileID, consultationID, FileAttachment)
		if err != nil {
			return fmt.Errorf("store: delete consultation file: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.NotFound, "consultation_author.error.file_not_found")
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: "consultation_author.audit.file_delete",
			TargetKind: "consultation", TargetID: c.ID, Details: map[string]string{"file": fileID}}); err != nil {
			return err
		}
		return bumpRevision(ctx, tx, c.ID)
	})
}

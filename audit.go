package agora

import "time"

// AuditEntry is one privileged action in the append-only audit log.
// Details never hold personal data beyond ids: the log outlives accounts.
type AuditEntry struct {
	ID         int64
	At         time.Time
	ActorID    string
	OrgID      string
	Action     string // "org.verify", "user.set_role", ...
	TargetKind string
	TargetID   string
	Details    map[string]string
}

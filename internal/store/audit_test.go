package store

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
)

// The audit log refuses updates and deletes at the database level, so not
// even a bug in agora can rewrite history.
func TestAuditLogIsAppendOnly(t *testing.T) {
	t.Parallel()
	st := openForInternalTest(t)
	ctx := context.Background()
	err := st.write(ctx, func(tx *Tx) error {
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: "u1", OrgID: "o1", Action: "org.verify", Details: map[string]string{"k": "v"}})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_log SET action = 'x'`, `DELETE FROM audit_log`} {
		err := st.write(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, q)
			return err
		})
		if err == nil {
			t.Errorf("%s succeeded on the audit log", q)
		}
	}
	entries, err := st.AuditLog(ctx, AuditFilter{OrgID: "o1"})
	if err != nil || len(entries) != 1 || entries[0].Action != "org.verify" || entries[0].Details["k"] != "v" {
		t.Errorf("AuditLog = %+v, %v", entries, err)
	}
	if other, _ := st.AuditLog(ctx, AuditFilter{OrgID: "o2"}); len(other) != 0 {
		t.Errorf("org filter leaked entries: %+v", other)
	}
}

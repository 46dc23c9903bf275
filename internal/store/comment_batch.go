package store

import (
	"context"
	"runtime"
	"sync"

	"github.com/agora-civic/agora"
)

// Group commit. With synchronous=FULL every SQLite commit waits for an
// fsync, so one transaction per comment caps posting at the disk's flush
// rate (a few hundred per second). CreateComment therefore queues its
// comment; whoever finds no transaction running becomes the leader and
// writes everything queued so far in one transaction, one savepoint per
// comment so a bad comment fails alone. Comments that arrive while that
// transaction commits wait for it and form the next batch, led by the
// first of them. No goroutine is started: callers take turns leading, and
// each caller returns only after the COMMIT that holds its comment, so an
// acknowledged comment is on disk.

// maxCommentBatch bounds one transaction, so a burst cannot hold the
// writer connection (and the first caller's answer) for long.
const maxCommentBatch = 256

type commentJob struct {
	n       NewComment
	done    chan struct{} // closed when c, created and err are final
	lead    chan struct{} // closed when this job must lead the next batch
	c       agora.Comment
	created bool
	err     error
}

type commentBatcher struct {
	mu    sync.Mutex
	queue []*commentJob
	busy  bool // a leader is writing a batch
	last  int  // size of the last batch
}

func (s *Store) comments() *commentBatcher { return s.batch }

// CreateComment stores a comment. It checks, inside the transaction and
// against its clock, the deadline, the unit, and the author's membership
// of the organisation they speak for, and keeps the counters the
// consultation page reads. created is false when ClientKey matched an
// earlier comment of the same author, which is returned instead.
// Concurrent calls share one transaction (see above); each returns only
// after its comment is committed. Errors: Invalid (fields), NotFound,
// Conflict (consultation.error.not_open, consultation.error.deadline_passed
// with Args["closed"]).
func (s *Store) CreateComment(ctx context.Context, n NewComment) (agora.Comment, bool, error) {
	in, err := n.Input.Validate()
	if err != nil {
		return agora.Comment{}, false, err
	}
	n.Input = in
	if err := validateAttachment(n.Attachment); err != nil {
		return agora.Comment{}, false, err
	}
	if err := ctx.Err(); err != nil {
		return agora.Comment{}, false, err
	}
	j := &commentJob{n: n, done: make(chan struct{}), lead: make(chan struct{})}
	s.comments().submit(ctx, s, j)
	return j.c, j.created, j.err
}

// submit queues j and either waits for a leader to write it or leads.
func (b *commentBatcher) submit(ctx context.Context, s *Store, j *commentJob) {
	b.mu.Lock()
	b.queue = append(b.queue, j)
	if b.busy {
		b.mu.Unlock()
		select {
		case <-j.done:
			return
		case <-j.lead:
		}
	} else {
		b.busy = true
		b.mu.Unlock()
	}
	// j is the first job of the queue: it leads the next batch. The
	// posters of the last batch were all answered together and are
	// likely about to post again; a few yields let them join this batch
	// instead of each paying for a commit of its own.
	for range 3 {
		b.mu.Lock()
		enough := len(b.queue) >= b.last
		b.mu.Unlock()
		if enough {
			break
		}
		runtime.Gosched()
	}
	b.mu.Lock()
	n := min(len(b.queue), maxCommentBatch)
	batch := b.queue[:n:n]
	b.last = n
	b.queue = append([]*commentJob(nil), b.queue[n:]...)
	b.mu.Unlock()
	// The batch carries other people's comments: the leader's request
	// ending must not abort them.
	s.commitComments(context.WithoutCancel(ctx), batch)
	b.mu.Lock()
	if len(b.queue) > 0 {
		close(b.queue[0].lead)
	} else {
		b.busy = false
	}
	b.mu.Unlock()
}

// commitComments writes a batch in one transaction and hands every job
// its result once the transaction committed (or failed as a whole).
func (s *Store) commitComments(ctx context.Context, batch []*commentJob) {
	type result struct {
		id      string
		created bool
		err     error
	}
	results := make([]result, len(batch))
	var loaded map[string]agora.Comment
	err := s.write(ctx, func(tx *Tx) error {
		w := newCommentWriter(tx)
		defer w.close()
		for i, j := range batch {
			id, created, itemErr, err := w.addSavepoint(ctx, j.n)
			if err != nil {
				return err
			}
			results[i] = result{id: id, created: created, err: itemErr}
		}
		var err error
		loaded, err = w.finish(ctx)
		return err
	})
	for i, j := range batch {
		switch {
		case err != nil:
			j.err = err
		case results[i].err != nil:
			j.err = translate(results[i].err)
		default:
			j.c, j.created = loaded[results[i].id], results[i].created
		}
		close(j.done)
	}
}

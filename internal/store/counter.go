package store

import "sync/atomic"

// QueryCounter counts SQL statements sent through the store, including
// BEGIN. Tests read it before and after a page render to hold the line on
// round trips per page.
type QueryCounter struct{ n atomic.Int64 }

func (c *QueryCounter) add() { c.n.Add(1) }

// Count returns the number of statements so far.
func (c *QueryCounter) Count() int64 { return c.n.Load() }

package store

// Dialect names the SQL database behind the store. Most SQL is portable;
// the few differences are answered by methods here so that callers never
// branch on the dialect themselves.
type Dialect uint8

const (
	// SQLite is the embedded default.
	SQLite Dialect = iota
	// Postgres is PostgreSQL through pgx.
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// ILike returns a case-insensitive LIKE operator. SQLite's LIKE already
// folds ASCII case; neither folds diacritics, which is why searchable
// text is also stored folded (see agora.Fold).
func (d Dialect) ILike() string {
	if d == Postgres {
		return "ILIKE"
	}
	return "LIKE"
}

// SkipLocked returns the row-locking suffix for a queue claim. SQLite has
// one writer, so a plain subquery already cannot race.
func (d Dialect) SkipLocked() string {
	if d == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// StringAgg returns an aggregate joining expr with commas, so a row and
// its short lists (domains, regions) come back in one statement.
func (d Dialect) StringAgg(expr string) string {
	if d == Postgres {
		return "COALESCE(string_agg(" + expr + ", ','), '')"
	}
	return "COALESCE(group_concat(" + expr + ", ','), '')"
}

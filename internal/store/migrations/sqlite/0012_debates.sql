-- Public debates (issue 4). exception is the officer's public
-- justification when a debate is announced with less notice than the rule
-- set requires (RO Law 52/2003 art. 8: at least 3 days); it is shown on
-- the notice, as a consultation's exception is on its page.
ALTER TABLE debates ADD COLUMN exception TEXT NOT NULL DEFAULT '';

-- The minutes page lists the recommendations raised at a debate.
CREATE INDEX comments_debate ON comments (debate_id, submitted_at);

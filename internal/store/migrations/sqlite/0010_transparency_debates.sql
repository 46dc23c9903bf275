-- Public debates an authority held outside the platform, for item (d) of
-- the yearly decisional-transparency report (RO Law 52/2003 art. 13);
-- received, included and participants already have their extra_ columns.
ALTER TABLE transparency_reports ADD COLUMN extra_debates INTEGER NOT NULL DEFAULT 0;

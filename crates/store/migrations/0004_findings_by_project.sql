-- jixiao schema, version 4: findings looked up by project (revision, project position), as the
-- 项目 page shows them and migration 0005 counts them; with only `findings_revision` such a
-- lookup read every finding of the revision, with this covering index just the project's.
CREATE INDEX findings_project ON findings(revision_id, project_position, severity);

-- jixiao schema, version 4: findings looked up by project. The dashboard's review summary and
-- the department page count each project's findings by severity (revision, project position);
-- with only `findings_revision` that read every finding of the revision, with this covering
-- index it reads just the project's (a cold dashboard over 1 M indicators: 106 → 37 ms).
CREATE INDEX findings_project ON findings(revision_id, project_position, severity);

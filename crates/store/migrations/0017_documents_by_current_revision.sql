-- jixiao schema, version 17: a document found by its current revision. `CURRENT` (sql.rs), in
-- almost every query on projects, asks whether a project's revision is some document's current
-- one (`p.revision_id IN (SELECT current_revision_id FROM documents)`): PostgreSQL estimates that
-- from both tables' statistics (the share of revisions that are current) where the subquery per
-- project it replaces was taken for an equality 0.5% of projects pass, and looks a revision up
-- here when it walks projects in id order (the work queue: 100 of a status's 13,497 projects in
-- 1 ms instead of sorting them all in 50–230 ms); SQLite checks the projects of a count against
-- this index instead of looking each project's document up (13,497: 15 → 3 ms). Numbers 15 and
-- 16 are left to the migrations being written alongside.
CREATE INDEX documents_current ON documents(current_revision_id);

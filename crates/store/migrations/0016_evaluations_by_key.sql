-- jixiao schema, version 15: the current self-evaluations near a project found in indexes of
-- self-evaluations only. After every import `evaluations_may_pair` asks whether a 自评表 could
-- pair with a project just written — one with the same 项目编码, or of the same department —,
-- and asked it through `projects_code` and `projects_department`, which hold every project: each
-- project of that code or department was looked up in the table for `evaluation IS NOT NULL`.
-- A code printed by every year's and every department's table (the bulk-import benchmark's
-- documents share theirs) made that one lookup per stored project of the code, per import: the
-- import's cost grew with the archive (20,000 projects: 7,050 lookups, 8–16 ms a document).
-- These partial indexes hold the self-evaluations alone (few beside the target tables), so the
-- question reads a few index entries whatever the archive's size. Both backends use a partial
-- index when the query states `evaluation IS NOT NULL` beside the indexed terms.
CREATE INDEX projects_evaluation_code ON projects(UPPER(REPLACE(code, ' ', ''))) WHERE evaluation IS NOT NULL;
CREATE INDEX projects_evaluation_department ON projects(department_id, year) WHERE evaluation IS NOT NULL;

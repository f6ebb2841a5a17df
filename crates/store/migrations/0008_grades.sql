-- jixiao schema, version 8: the review's grade kept with what it grades, and each finding's row.
-- The grade (财预〔2015〕88号 优/良/中/差, jixiao-rules `Grading`) is computed by the review from
-- every finding of a document — weights by rule, repeats, decisive rules, rows without a usable
-- target — so it cannot be summed from counts in SQL: the review's own result is stored, per
-- project and per revision, on import and again after every edit (the store's `Reviewer`), and
-- the pages and the API show it. `grade_reasons` is a JSON array of Chinese sentences. NULL:
-- not graded yet (rows of an older version, until the service grades them again).
-- `findings.row_position` is the indicator row a finding is about (its index in the project's
-- table, as `indicators.position` orders it; NULL: the project or the document as a whole), so a
-- one-row-per-project 公开表, whose indicators all share the project's line, shows each finding
-- on its own row.
ALTER TABLE projects ADD COLUMN grade_value BIGINT;
ALTER TABLE projects ADD COLUMN grade TEXT;
ALTER TABLE projects ADD COLUMN grade_reasons TEXT;
ALTER TABLE document_revisions ADD COLUMN grade_value BIGINT;
ALTER TABLE document_revisions ADD COLUMN grade TEXT;
ALTER TABLE document_revisions ADD COLUMN grade_reasons TEXT;
ALTER TABLE findings ADD COLUMN row_position BIGINT;

-- jixiao schema, version 11: a published self-evaluation (自评表, issue 15) kept beside its targets.
-- Per indicator row, as printed: `actual_printed` the 实际完成值 (typed again on reading back, as
-- `target_printed` is), `score` the 得分 (exact decimal text, its printed decimals kept: the
-- re-scoring judges a score to its last printed digit) and `deviation` the 偏差原因分析及改进措施.
-- Per project, `evaluation` is the project part of the table (jixiao_model `ProjectEvaluation` as
-- JSON: the funds block — 年初预算数, 全年预算数, 全年执行数 as exact decimal strings in 万元 —, 实际完成情况,
-- the printed total and grade, each with its line and cell); it is set on every project read from
-- a self-evaluation (an empty JSON object when only its rows print actuals or scores) and NULL on a target table's,
-- so `evaluation IS NOT NULL` tells the two kinds apart. `document_revisions.department_evaluation`
-- is the same for a 部门整体支出绩效自评表 (its rows are the revision's rows with no project).
-- `projects.self_score` is the printed total 得分 (自评总分, exact decimal text) out of that JSON, so
-- that the department comparison sums it in SQL.
-- NULL everywhere on rows stored before this version.
ALTER TABLE indicators ADD COLUMN actual_printed TEXT;
ALTER TABLE indicators ADD COLUMN score TEXT;
ALTER TABLE indicators ADD COLUMN deviation TEXT;
ALTER TABLE projects ADD COLUMN evaluation TEXT;
ALTER TABLE projects ADD COLUMN self_score TEXT;
ALTER TABLE document_revisions ADD COLUMN department_evaluation TEXT;
-- A project's code as `Store::paired_project` compares it (white space removed, upper case), so
-- that finding the other kind of the same project by code is an index lookup.
CREATE INDEX projects_code ON projects(UPPER(REPLACE(code, ' ', '')));

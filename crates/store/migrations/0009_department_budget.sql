-- jixiao schema, version 9: the department budget printed on a 部门整体绩效目标表 (部门预算总额,
-- 其中财政拨款, 其他资金; 万元 as exact decimal text, like the projects' budget columns), kept
-- with the revision whose table prints it (jixiao_model `Document::department_budget`). NULL:
-- not printed (every project table, and revisions stored before this version).
ALTER TABLE document_revisions ADD COLUMN budget_total TEXT;
ALTER TABLE document_revisions ADD COLUMN budget_fiscal TEXT;
ALTER TABLE document_revisions ADD COLUMN budget_other TEXT;

-- jixiao schema, version 7: findings of every rule set. An import now stores the findings of
-- the budget disclosure (部门预算公开, rules JX-D…) beside the review's; `rule_set` says which
-- checks made a finding: 'review' (绩效目标审核, JX-C/M/R/A/T), 'disclosure' (JX-D) or 'read'
-- (the reader's warnings, rule read.*). Disclosure findings belong to no project
-- (project_position NULL), so the project counts of migration 0005 leave them out and they are
-- visible as the document's own findings are.
ALTER TABLE findings ADD COLUMN rule_set TEXT NOT NULL DEFAULT 'review';
UPDATE findings SET rule_set = 'read' WHERE rule LIKE 'read.%';
UPDATE findings SET rule_set = 'disclosure' WHERE rule LIKE 'JX-D%';

-- jixiao schema, version 15: what a year-end (1–12 月) monitoring entry carries for the
-- self-evaluation besides its totals (issue 15, item 5; the year-end template's columns, jixiao_assess
-- `YearEnd`): the funds' sources — 其中 本年财政拨款, 上年结转资金, 其他资金, each its 全年预算数
-- (`*_budget`) and 执行数 (`*_spent`), 万元 as exact decimal text like `annual_budget` —, 实际完成情况
-- (`goal_actual`, the overall goal's achievement as written) and the reason a low execution rate
-- needs (`budget_explanation`). NULL: not entered (entries of other periods, and entries stored
-- before this version).
ALTER TABLE monitoring_entries ADD COLUMN fiscal_budget TEXT;
ALTER TABLE monitoring_entries ADD COLUMN fiscal_spent TEXT;
ALTER TABLE monitoring_entries ADD COLUMN carried_over_budget TEXT;
ALTER TABLE monitoring_entries ADD COLUMN carried_over_spent TEXT;
ALTER TABLE monitoring_entries ADD COLUMN other_budget TEXT;
ALTER TABLE monitoring_entries ADD COLUMN other_spent TEXT;
ALTER TABLE monitoring_entries ADD COLUMN goal_actual TEXT;
ALTER TABLE monitoring_entries ADD COLUMN budget_explanation TEXT;

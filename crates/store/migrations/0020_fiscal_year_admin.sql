-- jixiao schema, version 20: a fiscal year's 申报 (issue 17, administration of fiscal years).
-- `status` open 开放填报 / closed 已截止: once closed — by hand, or after `deadline` (YYYY-MM-DD,
-- Beijing time, the day itself still open) — the departments' fillers may no longer draft,
-- change or submit that year's 绩效目标; reviewers still return and approve, administrators
-- still change everything. A year stored by an import before this version is open with no
-- deadline, as it behaved. `version` is the optimistic lock of every editable row.
ALTER TABLE fiscal_years ADD COLUMN status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'));
ALTER TABLE fiscal_years ADD COLUMN deadline TEXT;
ALTER TABLE fiscal_years ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

-- jixiao schema, version 2: 运行监控填报 (issue 6). Same conventions as 0001: only BIGINT and
-- TEXT, decimals (万元) as TEXT holding the exact decimal, times as RFC 3339 TEXT, `version`
-- as the optimistic lock.

-- 运行监控填报：一个项目、一个监控期间（某年 first_month–last_month 月）一行。
-- indicators_json 是 jixiao_assess::IndicatorProgress 的 JSON 数组；其中 `indicator` 是该项目
-- 指标按 position 排序后的下标（与 GET /api/v1/projects/<项目id> 返回的指标顺序一致）。
CREATE TABLE monitoring_entries (
    id {id},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    year BIGINT,
    first_month BIGINT NOT NULL CHECK (first_month BETWEEN 1 AND 12),
    last_month BIGINT NOT NULL CHECK (last_month BETWEEN first_month AND 12),
    annual_budget TEXT,
    spent_to_date TEXT,
    expected_full_year_spend TEXT,
    indicators_json TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_by BIGINT REFERENCES users(id) ON DELETE SET NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (project_id, first_month, last_month)
);

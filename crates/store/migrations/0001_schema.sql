-- jixiao schema, version 1. One text for both backends: `{id}` and `{blob}` are replaced by
-- `schema.rs` (SQLite: INTEGER PRIMARY KEY / BLOB; PostgreSQL: identity BIGINT / BYTEA).
-- Only BIGINT, TEXT and blobs are used so that one code path (sqlx Any) reads both backends.
-- Decimals (万元, percentages, target numbers) are TEXT holding the exact decimal.
-- Times are TEXT, RFC 3339 in UTC (`2024-05-01T08:00:00Z`), so they sort as text.
-- `version` on every editable row is the optimistic lock: an update names the version it read.

-- 组织机构：财政局 → 部门 → 预算单位
CREATE TABLE organisations (
    id {id},
    parent_id BIGINT REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('bureau', 'department', 'unit')),
    name TEXT NOT NULL,
    code TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    UNIQUE (parent_id, kind, name)
);
CREATE INDEX organisations_parent ON organisations(parent_id);
INSERT INTO organisations (parent_id, kind, name, created_at) VALUES (NULL, 'bureau', '财政局', '1970-01-01T00:00:00Z');

-- 预算年度
CREATE TABLE fiscal_years (
    year BIGINT PRIMARY KEY,
    created_at TEXT NOT NULL
);

-- 用户与角色：admin 系统管理员 / reviewer 财政审核员 / filler 部门填报员（属于一个部门）
CREATE TABLE users (
    id {id},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'reviewer', 'filler')),
    department_id BIGINT REFERENCES organisations(id),
    active BIGINT NOT NULL DEFAULT 1,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    CHECK (role <> 'filler' OR department_id IS NOT NULL)
);

-- API 令牌（只存哈希）
CREATE TABLE api_tokens (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked BIGINT NOT NULL DEFAULT 0
);

-- 登录会话（只存哈希）
CREATE TABLE sessions (
    id {id},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

-- 逻辑文档：同一部门、同一年度、同一来源文件名的各次导入是它的修订版
CREATE TABLE documents (
    id {id},
    series_key TEXT NOT NULL UNIQUE,
    department_id BIGINT REFERENCES organisations(id),
    year BIGINT REFERENCES fiscal_years(year),
    source_name TEXT NOT NULL,
    current_revision_id BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX documents_department ON documents(department_id);
CREATE INDEX documents_year ON documents(year);

-- 文档修订版：原始字节、SHA-256、文档级内容
CREATE TABLE document_revisions (
    id {id},
    document_id BIGINT NOT NULL REFERENCES documents(id),
    revision BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content {blob} NOT NULL,
    encoding TEXT NOT NULL,
    department_printed TEXT,
    department_code TEXT,
    year BIGINT,
    framework TEXT NOT NULL,
    imported_by BIGINT REFERENCES users(id),
    imported_at TEXT NOT NULL,
    UNIQUE (document_id, revision)
);
CREATE INDEX document_revisions_sha ON document_revisions(sha256);

-- 项目支出绩效目标（属于某一修订版；工作流状态：draft 草稿 / submitted 已提交 / returned 已退回 / approved 已批准）
CREATE TABLE projects (
    id {id},
    revision_id BIGINT NOT NULL REFERENCES document_revisions(id),
    document_id BIGINT NOT NULL REFERENCES documents(id),
    department_id BIGINT REFERENCES organisations(id),
    unit_id BIGINT REFERENCES organisations(id),
    year BIGINT,
    position BIGINT NOT NULL,
    code TEXT,
    name TEXT NOT NULL,
    budget_total TEXT,
    budget_fiscal TEXT,
    budget_other TEXT,
    purpose TEXT,
    spending_plan TEXT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    line BIGINT NOT NULL,
    cell BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX projects_revision ON projects(revision_id, position);
CREATE INDEX projects_department ON projects(department_id, year);
CREATE INDEX projects_year ON projects(year);
CREATE INDEX projects_status ON projects(status);
CREATE INDEX projects_name ON projects(name);

-- 绩效目标：kind = overall 总体 / sub 分项 / safeguard 保障措施（文档级，project_id 为空）/ project 项目目标
CREATE TABLE goals (
    id {id},
    revision_id BIGINT NOT NULL REFERENCES document_revisions(id),
    project_id BIGINT REFERENCES projects(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('overall', 'sub', 'safeguard', 'project')),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    line BIGINT NOT NULL,
    cell BIGINT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX goals_revision ON goals(revision_id);
CREATE INDEX goals_project ON goals(project_id);

-- 绩效指标（project_id 为空时是部门整体绩效指标）
CREATE TABLE indicators (
    id {id},
    revision_id BIGINT NOT NULL REFERENCES document_revisions(id),
    project_id BIGINT REFERENCES projects(id) ON DELETE CASCADE,
    department_id BIGINT REFERENCES organisations(id),
    position BIGINT NOT NULL,
    level1 TEXT,
    level1_printed TEXT NOT NULL,
    level1_inherited BIGINT NOT NULL DEFAULT 0,
    level2 TEXT,
    level2_printed TEXT NOT NULL,
    level2_inherited BIGINT NOT NULL DEFAULT 0,
    level3 TEXT,
    description TEXT,
    target_printed TEXT,
    target_kind TEXT,
    target_op TEXT,
    target_value TEXT,
    target_upper TEXT,
    target_unit TEXT,
    target_json TEXT,
    target_line BIGINT,
    target_cell BIGINT,
    basis TEXT,
    weight TEXT,
    line BIGINT NOT NULL,
    cell BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX indicators_project ON indicators(project_id, position);
CREATE INDEX indicators_revision ON indicators(revision_id);
CREATE INDEX indicators_level3 ON indicators(level3);

-- 审核发现（随每次导入保存；rule = 规则编号，读取诊断为 read.*）
CREATE TABLE findings (
    id {id},
    revision_id BIGINT NOT NULL REFERENCES document_revisions(id),
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
    message TEXT NOT NULL,
    line BIGINT,
    cell BIGINT,
    project_position BIGINT,
    created_at TEXT NOT NULL
);
CREATE INDEX findings_revision ON findings(revision_id);

-- 审核意见（针对项目或其中一条指标）
CREATE TABLE comments (
    id {id},
    project_id BIGINT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    indicator_id BIGINT REFERENCES indicators(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_project ON comments(project_id);

-- 审计日志：谁、何时、对什么、做了什么、修改前 → 修改后（JSON）
CREATE TABLE audit_log (
    id {id},
    at TEXT NOT NULL,
    user_id BIGINT REFERENCES users(id) ON DELETE SET NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    action TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

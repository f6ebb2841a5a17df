-- jixiao schema, version 10: the review workflow of a 部门整体支出绩效目标表 (issue 17). The table is
-- stored with the revision that prints it (0009: its budget on `document_revisions`, its overall
-- goals and department-wide indicators as the revision's rows with no project), so its workflow
-- row is keyed by that revision: `department_tables.id` IS the revision's id. Status and version
-- work as a project's (draft 草稿 / submitted 已提交 / returned 已退回 / approved 已批准, the
-- optimistic lock); `document_id`, `department_id` and `year` are the revision's document's, kept
-- here so queues and visibility need no join. A new revision of the document is a new table, a
-- draft, as its projects are. Comments on a table (its reviewer's 退回 reasons) are
-- `department_table_comments`, as `comments` are a project's.
CREATE TABLE department_tables (
    id BIGINT PRIMARY KEY REFERENCES document_revisions(id),
    document_id BIGINT NOT NULL REFERENCES documents(id),
    department_id BIGINT REFERENCES organisations(id),
    year BIGINT,
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);
CREATE INDEX department_tables_document ON department_tables(document_id);
CREATE INDEX department_tables_department ON department_tables(department_id, year);
CREATE INDEX department_tables_status ON department_tables(status);

CREATE TABLE department_table_comments (
    id {id},
    table_id BIGINT NOT NULL REFERENCES department_tables(id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES users(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX department_table_comments_table ON department_table_comments(table_id);

-- Every revision stored before that prints a table (what `Store::department_tables` listed):
-- approved where it was public before — its revision has projects, all approved —, else a draft.
INSERT INTO department_tables (id, document_id, department_id, year, status, updated_at)
SELECT r.id, d.id, d.department_id, d.year,
       CASE WHEN EXISTS (SELECT 1 FROM projects p WHERE p.revision_id = r.id)
             AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.revision_id = r.id AND p.status <> 'approved')
            THEN 'approved' ELSE 'draft' END,
       r.imported_at
FROM document_revisions r JOIN documents d ON d.id = r.document_id
WHERE r.budget_total IS NOT NULL OR r.budget_fiscal IS NOT NULL OR r.budget_other IS NOT NULL
   OR EXISTS (SELECT 1 FROM goals g WHERE g.revision_id = r.id AND g.project_id IS NULL AND g.kind = 'overall')
   OR EXISTS (SELECT 1 FROM indicators i WHERE i.revision_id = r.id AND i.project_id IS NULL);

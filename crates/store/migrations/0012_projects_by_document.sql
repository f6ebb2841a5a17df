-- jixiao schema, version 12: a document's projects found by index. The indicator library's
-- update after a write (`Store::library_changes`) reads the current projects of a few
-- documents; with no index on `projects.document_id` SQLite scanned every approved project
-- through `projects_status` (85 ms of 1 M indicators). With `status` second, the public's
-- `document_id IN (…) AND status = 'approved'` matches two columns of this index and SQLite
-- prefers it to `projects_status`; the published-document test (`EXISTS … p.document_id =
-- d.id AND p.status = 'approved'`) and a document's deletion use it too. Number 11 is left to
-- the self-evaluation migration being written alongside.
CREATE INDEX projects_document ON projects(document_id, status);

-- jixiao schema, version 14: a status's current projects counted from an index. The work
-- queues (待办) and the home page's queue counts ask for `COUNT(*)` of the current projects
-- of a status (and year); `projects_status` holds the status only, so SQLite looked every
-- such project up in the table for `CURRENT`'s document and revision (13,497 submitted of
-- 1 M indicators: 20 ms a count, several counts a page, 86 ms CPU for `/queue`). This index
-- covers those counts (status, year, then the document and revision `CURRENT` compares) and
-- matches two columns for a status and a year. Lists in id order still use `projects_status`
-- (its rows are in id order within a status).
CREATE INDEX projects_status_year ON projects(status, year, document_id, revision_id);

-- jixiao schema, version 3: 搜索 (issue 5). Substring search (LIKE '%词%') on 项目名称 and
-- 三级指标 without reading every row. The two backends need different SQL here: a line that
-- starts with `-- sqlite: ` or `-- postgres: ` is kept, without that prefix, only for that
-- backend (schema::render); for the other one it stays a comment.

-- Both: every distinct text ever stored as 项目名称 or 三级指标 (it never shrinks: a text no
-- longer used only costs a row). Trigrams cannot find words of 1–2 characters, the commonest
-- Chinese search words; for those the search first asks whether any distinct text contains
-- them, so a word found nowhere is answered without reading every row. Real tables repeat
-- their texts (the same 三级指标 in every department), so this is far smaller than the rows.
CREATE TABLE search_texts (text TEXT PRIMARY KEY);
INSERT INTO search_texts (text)
    SELECT name FROM projects WHERE name IS NOT NULL
    UNION SELECT level3 FROM indicators WHERE level3 IS NOT NULL;
-- PostgreSQL searches the distinct texts (a trigram GIN index serves LIKE '%x%' there when x
-- has ≥ 3 characters) and reaches the rows through the B-tree indexes on name and level3.
-- postgres: CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- postgres: CREATE INDEX search_texts_trgm ON search_texts USING gin (text gin_trgm_ops);
-- postgres: CREATE FUNCTION search_texts_add() RETURNS trigger LANGUAGE plpgsql AS $$
-- postgres: DECLARE t text := to_jsonb(NEW) ->> TG_ARGV[0];
-- postgres: BEGIN
-- postgres:     IF t IS NOT NULL THEN INSERT INTO search_texts (text) VALUES (t) ON CONFLICT DO NOTHING; END IF;
-- postgres:     RETURN NULL;
-- postgres: END $$;
-- postgres: CREATE TRIGGER projects_search_texts AFTER INSERT OR UPDATE OF name ON projects
-- postgres:     FOR EACH ROW EXECUTE FUNCTION search_texts_add('name');
-- postgres: CREATE TRIGGER indicators_search_texts AFTER INSERT OR UPDATE OF level3 ON indicators
-- postgres:     FOR EACH ROW EXECUTE FUNCTION search_texts_add('level3');

-- SQLite: FTS5 trigram indexes over the same columns (external content: the text stays in the
-- base tables), kept in step by triggers. The search asks them with MATCH for words of
-- ≥ 3 characters and still applies the LIKE, so the hits are exactly those of LIKE alone.
-- sqlite: CREATE VIRTUAL TABLE projects_search USING fts5(name, content='projects', content_rowid='id', tokenize='trigram');
-- sqlite: INSERT INTO projects_search(projects_search) VALUES ('rebuild');
-- sqlite: CREATE TRIGGER projects_search_insert AFTER INSERT ON projects BEGIN
-- sqlite:     INSERT INTO projects_search(rowid, name) VALUES (new.id, new.name);
-- sqlite:     INSERT OR IGNORE INTO search_texts(text) SELECT new.name WHERE new.name IS NOT NULL;
-- sqlite: END;
-- sqlite: CREATE TRIGGER projects_search_delete AFTER DELETE ON projects BEGIN
-- sqlite:     INSERT INTO projects_search(projects_search, rowid, name) VALUES ('delete', old.id, old.name);
-- sqlite: END;
-- sqlite: CREATE TRIGGER projects_search_update AFTER UPDATE OF name ON projects BEGIN
-- sqlite:     INSERT INTO projects_search(projects_search, rowid, name) VALUES ('delete', old.id, old.name);
-- sqlite:     INSERT INTO projects_search(rowid, name) VALUES (new.id, new.name);
-- sqlite:     INSERT OR IGNORE INTO search_texts(text) SELECT new.name WHERE new.name IS NOT NULL;
-- sqlite: END;
-- sqlite: CREATE VIRTUAL TABLE indicators_search USING fts5(level3, content='indicators', content_rowid='id', tokenize='trigram');
-- sqlite: INSERT INTO indicators_search(indicators_search) VALUES ('rebuild');
-- sqlite: CREATE TRIGGER indicators_search_insert AFTER INSERT ON indicators BEGIN
-- sqlite:     INSERT INTO indicators_search(rowid, level3) VALUES (new.id, new.level3);
-- sqlite:     INSERT OR IGNORE INTO search_texts(text) SELECT new.level3 WHERE new.level3 IS NOT NULL;
-- sqlite: END;
-- sqlite: CREATE TRIGGER indicators_search_delete AFTER DELETE ON indicators BEGIN
-- sqlite:     INSERT INTO indicators_search(indicators_search, rowid, level3) VALUES ('delete', old.id, old.level3);
-- sqlite: END;
-- sqlite: CREATE TRIGGER indicators_search_update AFTER UPDATE OF level3 ON indicators BEGIN
-- sqlite:     INSERT INTO indicators_search(indicators_search, rowid, level3) VALUES ('delete', old.id, old.level3);
-- sqlite:     INSERT INTO indicators_search(rowid, level3) VALUES (new.id, new.level3);
-- sqlite:     INSERT OR IGNORE INTO search_texts(text) SELECT new.level3 WHERE new.level3 IS NOT NULL;
-- sqlite: END;

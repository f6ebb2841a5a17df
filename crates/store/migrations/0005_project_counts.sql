-- jixiao schema, version 5: each project's indicator and finding counts, kept on the project.
-- The dashboard and the department pages sum them over a year's projects instead of counting
-- a million indicators and their findings on every visit; triggers keep them in step with
-- every insert, delete and move, whoever writes (import, the API, a tool of the user's own).
ALTER TABLE projects ADD COLUMN indicator_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN findings_error BIGINT NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN findings_warning BIGINT NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN findings_info BIGINT NOT NULL DEFAULT 0;
UPDATE projects SET
    indicator_count = (SELECT COUNT(*) FROM indicators i WHERE i.project_id = projects.id),
    findings_error = (SELECT COUNT(*) FROM findings x WHERE x.revision_id = projects.revision_id
                      AND x.project_position = projects.position AND x.severity = 'error'),
    findings_warning = (SELECT COUNT(*) FROM findings x WHERE x.revision_id = projects.revision_id
                        AND x.project_position = projects.position AND x.severity = 'warning'),
    findings_info = (SELECT COUNT(*) FROM findings x WHERE x.revision_id = projects.revision_id
                     AND x.project_position = projects.position AND x.severity = 'info');

-- sqlite: CREATE TRIGGER indicators_count_insert AFTER INSERT ON indicators WHEN new.project_id IS NOT NULL BEGIN
-- sqlite:     UPDATE projects SET indicator_count = indicator_count + 1 WHERE id = new.project_id;
-- sqlite: END;
-- sqlite: CREATE TRIGGER indicators_count_delete AFTER DELETE ON indicators WHEN old.project_id IS NOT NULL BEGIN
-- sqlite:     UPDATE projects SET indicator_count = indicator_count - 1 WHERE id = old.project_id;
-- sqlite: END;
-- sqlite: CREATE TRIGGER indicators_count_move AFTER UPDATE OF project_id ON indicators BEGIN
-- sqlite:     UPDATE projects SET indicator_count = indicator_count - 1 WHERE id = old.project_id;
-- sqlite:     UPDATE projects SET indicator_count = indicator_count + 1 WHERE id = new.project_id;
-- sqlite: END;
-- sqlite: CREATE TRIGGER findings_count_insert AFTER INSERT ON findings BEGIN
-- sqlite:     UPDATE projects SET findings_error = findings_error + (new.severity = 'error'),
-- sqlite:         findings_warning = findings_warning + (new.severity = 'warning'),
-- sqlite:         findings_info = findings_info + (new.severity = 'info')
-- sqlite:     WHERE revision_id = new.revision_id AND position = new.project_position;
-- sqlite: END;
-- sqlite: CREATE TRIGGER findings_count_delete AFTER DELETE ON findings BEGIN
-- sqlite:     UPDATE projects SET findings_error = findings_error - (old.severity = 'error'),
-- sqlite:         findings_warning = findings_warning - (old.severity = 'warning'),
-- sqlite:         findings_info = findings_info - (old.severity = 'info')
-- sqlite:     WHERE revision_id = old.revision_id AND position = old.project_position;
-- sqlite: END;

-- postgres: CREATE FUNCTION project_counts_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
-- postgres: BEGIN
-- postgres:     IF TG_OP IN ('DELETE', 'UPDATE') AND OLD.project_id IS NOT NULL THEN
-- postgres:         UPDATE projects SET indicator_count = indicator_count - 1 WHERE id = OLD.project_id;
-- postgres:     END IF;
-- postgres:     IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.project_id IS NOT NULL THEN
-- postgres:         UPDATE projects SET indicator_count = indicator_count + 1 WHERE id = NEW.project_id;
-- postgres:     END IF;
-- postgres:     RETURN NULL;
-- postgres: END $$;
-- postgres: CREATE TRIGGER indicators_project_count AFTER INSERT OR DELETE OR UPDATE OF project_id ON indicators
-- postgres:     FOR EACH ROW EXECUTE FUNCTION project_counts_indicator();
-- postgres: CREATE FUNCTION project_counts_finding() RETURNS trigger LANGUAGE plpgsql AS $$
-- postgres: BEGIN
-- postgres:     IF TG_OP = 'DELETE' THEN
-- postgres:         UPDATE projects SET findings_error = findings_error - (OLD.severity = 'error')::int,
-- postgres:             findings_warning = findings_warning - (OLD.severity = 'warning')::int,
-- postgres:             findings_info = findings_info - (OLD.severity = 'info')::int
-- postgres:         WHERE revision_id = OLD.revision_id AND position = OLD.project_position;
-- postgres:     ELSE
-- postgres:         UPDATE projects SET findings_error = findings_error + (NEW.severity = 'error')::int,
-- postgres:             findings_warning = findings_warning + (NEW.severity = 'warning')::int,
-- postgres:             findings_info = findings_info + (NEW.severity = 'info')::int
-- postgres:         WHERE revision_id = NEW.revision_id AND position = NEW.project_position;
-- postgres:     END IF;
-- postgres:     RETURN NULL;
-- postgres: END $$;
-- postgres: CREATE TRIGGER findings_project_count AFTER INSERT OR DELETE ON findings
-- postgres:     FOR EACH ROW EXECUTE FUNCTION project_counts_finding();

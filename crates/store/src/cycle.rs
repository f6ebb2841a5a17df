//! One cycle per project (issue 15): a stored project's partner of the other kind — the
//! self-evaluation (自评表) of a target table's project, or the target table of a
//! self-evaluation's — found by `jixiao_model::pairing` (项目编码, else 部门 + normalised
//! name + 年度) among the current projects the reader may see, whichever was imported first.

use jixiao_model::pairing::{pair, PairedBy, ProjectKey};
use serde::Serialize;

use crate::error::StoreError;
use crate::model::Visibility;
use crate::sql::{bind_all, current_on, numbered, Arg, Col, Filter};
use crate::Store;

/// The project of the other kind paired with a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairedProject {
    pub id: i64,
    pub name: String,
    /// True when the partner is the self-evaluation (the project asked about is the target
    /// table's), false when it is the target table.
    pub self_evaluation: bool,
    pub year: Option<i64>,
    pub by: PairedBy,
}

/// A project's code as compared, in SQL (indexed by migration 0011 as `projects_code`).
const CODE: &str = "UPPER(REPLACE(p.code, ' ', ''))";

struct Candidate {
    id: i64,
    name: String,
    year: Option<i64>,
    self_evaluation: bool,
    key: ProjectKey,
}

fn key(code: Option<&str>, department: Option<&str>, name: &str, year: Option<i64>) -> ProjectKey {
    ProjectKey::new(code, department, name, year.and_then(|y| i32::try_from(y).ok()))
}

impl Store {
    /// The current project of the other kind that is the same project as `project_id` (a
    /// target table's project ↔ its self-evaluation), among the current projects `seen` may
    /// see; `None` when there is none, or when two fit equally well (pairing is one to one
    /// and never guessed). A project `seen` may not see is [`StoreError::NotFound`].
    pub async fn paired_project(&self, seen: Visibility, project_id: i64) -> Result<Option<PairedProject>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        paired_in(&mut conn, seen, project_id).await
    }
}

/// [`Store::paired_project`] on one connection (a write transaction's, so that a project it
/// has just stored counts).
pub(crate) async fn paired_in(conn: &mut sqlx::AnyConnection, seen: Visibility, project_id: i64) -> Result<Option<PairedProject>, StoreError> {
    paired_without(conn, seen, project_id, None).await
}

/// [`paired_in`] as if the project `without` were not stored (what the pairing was before a
/// transaction created it).
pub(crate) async fn paired_without(
    conn: &mut sqlx::AnyConnection,
    seen: Visibility,
    project_id: i64,
    without: Option<i64>,
) -> Result<Option<PairedProject>, StoreError> {
    let (mut targets, mut evaluations) = near(conn, seen, project_id).await?;
    if let Some(w) = without.filter(|w| *w != project_id) {
        targets.retain(|c| c.id != w);
        evaluations.retain(|c| c.id != w);
    }
    let keys = |cs: &[Candidate]| cs.iter().map(|c| c.key.clone()).collect::<Vec<_>>();
    let pairs = pair(&keys(&targets), &keys(&evaluations));
    let found = pairs.iter().find_map(|p| {
        let (t, e) = (&targets[p.target], &evaluations[p.evaluation]);
        match (t.id == project_id, e.id == project_id) {
            (true, _) => Some((e, p.by)),
            (_, true) => Some((t, p.by)),
            _ => None,
        }
    });
    Ok(found.map(|(c, by)| PairedProject { id: c.id, name: c.name.clone(), self_evaluation: c.self_evaluation, year: c.year, by }))
}

/// Whether any of `projects` could have a partner of the other kind among the current
/// projects (what [`paired_in`] would find is then worth asking): one of them is a
/// self-evaluation, or a current self-evaluation is in the scope [`near`] searches of one of
/// them — a few queries for all of them (their documents' departments and years, their
/// codes), so storing target tables with no 自评表 near them costs no pairing per project.
pub(crate) async fn evaluations_may_pair(conn: &mut sqlx::AnyConnection, projects: &[i64]) -> Result<bool, StoreError> {
    if projects.is_empty() {
        return Ok(false);
    }
    let marks = vec!["?"; projects.len()].join(", ");
    let own = numbered(&format!(
        "SELECT CASE WHEN p.evaluation IS NULL THEN 0 ELSE 1 END AS self_evaluation, p.department_id, p.year, p.code \
         FROM projects p WHERE p.id IN ({marks})"
    ));
    let ids: Vec<Arg> = projects.iter().map(|&id| Arg::Int(id)).collect();
    let rows = bind_all(sqlx::query(&own), &ids).fetch_all(&mut *conn).await?;
    let mut keys = Vec::with_capacity(rows.len());
    for r in &rows {
        keys.push(PairKey {
            self_evaluation: r.int("self_evaluation")? != 0,
            department: r.opt_int("department_id")?,
            year: r.opt_int("year")?,
            code: r.opt_text("code")?,
        });
    }
    evaluations_may_pair_keys(conn, &keys).await
}

/// What [`evaluations_may_pair`] weighs of a project: whether it is a self-evaluation
/// (`evaluation IS NOT NULL`), its department and year, its code as stored. An import knows
/// them of the projects it has just written and need not read them back.
pub(crate) struct PairKey {
    pub self_evaluation: bool,
    pub department: Option<i64>,
    pub year: Option<i64>,
    pub code: Option<String>,
}

/// [`evaluations_may_pair`] of projects given by their [`PairKey`]s.
pub(crate) async fn evaluations_may_pair_keys(conn: &mut sqlx::AnyConnection, keys: &[PairKey]) -> Result<bool, StoreError> {
    let mut scopes: Vec<(Option<i64>, Option<i64>)> = Vec::new();
    let mut codes: Vec<String> = Vec::new();
    for k in keys {
        if k.self_evaluation {
            return Ok(true);
        }
        let scope = (k.department, k.year);
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
        // Compared as `CODE` makes it, in SQL (below); an empty one is no code.
        if let Some(code) = k.code.as_ref().filter(|c| !c.replace(' ', "").is_empty() && !codes.contains(c)) {
            codes.push(code.clone());
        }
    }
    for (department, year) in scopes {
        let (year_sql, year_args) = match year {
            Some(y) => (" AND (p.year = ? OR p.year IS NULL)", vec![Arg::Int(y)]),
            None => ("", Vec::new()),
        };
        let mut f = Filter::new();
        f.and("p.evaluation IS NOT NULL", []);
        f.and(current_on(conn), []);
        match department {
            // `evaluation IS NOT NULL` in each alternative too, so that each reads the partial
            // index of self-evaluations (migration 0015) rather than every project of the
            // department.
            Some(d) => {
                let mut args = vec![Arg::Int(d)];
                args.extend(year_args.iter().cloned());
                args.extend(year_args);
                f.and(
                    &format!(
                        "(p.evaluation IS NOT NULL AND p.department_id = ?{year_sql}) \
                         OR (p.evaluation IS NOT NULL AND p.department_id IS NULL{year_sql})"
                    ),
                    args,
                );
            }
            // No department to seek: the partial index of self-evaluations is read whole
            // (`+p.year`: SQLite would otherwise walk `projects_year`, every project of the
            // year, looking each up in the table).
            None => {
                let year_sql = year_sql.replace("p.year", "+p.year");
                f.and(&format!("1 = 1{year_sql}"), year_args);
            }
        }
        let sql = numbered(&format!("SELECT p.id FROM projects p{} LIMIT 1", f.where_sql()));
        if bind_all(sqlx::query(&sql), f.args()).fetch_optional(&mut *conn).await?.is_some() {
            return Ok(true);
        }
    }
    for chunk in codes.chunks(500) {
        let mut f = Filter::new();
        f.and("p.evaluation IS NOT NULL", []);
        f.and(current_on(conn), []);
        let marks = vec!["UPPER(REPLACE(?, ' ', ''))"; chunk.len()].join(", ");
        f.and(&format!("{CODE} IN ({marks})"), chunk.iter().map(|c| Arg::Text(c.clone())));
        let sql = numbered(&format!("SELECT p.id FROM projects p{} LIMIT 1", f.where_sql()));
        if bind_all(sqlx::query(&sql), f.args()).fetch_optional(&mut *conn).await?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The current self-evaluations `seen` may see that could be the same project as
/// `project_id` (those [`paired_in`] weighs; the project itself when it is one): whose
/// pairing a change of its 编码 or name, its creation or its deletion may change.
pub(crate) async fn evaluations_near(conn: &mut sqlx::AnyConnection, seen: Visibility, project_id: i64) -> Result<Vec<i64>, StoreError> {
    Ok(near(conn, seen, project_id).await?.1.into_iter().map(|c| c.id).collect())
}

/// The current projects `seen` may see that could be the same project as `project_id`,
/// target tables' and self-evaluations' apart; a project `seen` may not see is
/// [`StoreError::NotFound`].
async fn near(conn: &mut sqlx::AnyConnection, seen: Visibility, project_id: i64) -> Result<(Vec<Candidate>, Vec<Candidate>), StoreError> {
    const COLS: &str = "p.id, p.code, p.name, p.year, p.department_id, p.status, o.name AS department_name, \
         CASE WHEN p.evaluation IS NULL THEN 0 ELSE 1 END AS self_evaluation";
    const FROM: &str = "projects p LEFT JOIN organisations o ON o.id = p.department_id";
    let candidate = |r: &sqlx::any::AnyRow| -> Result<Candidate, StoreError> {
        let (code, name, year) = (r.opt_text("code")?, r.text("name")?, r.opt_int("year")?);
        let department = r.opt_text("department_name")?;
        Ok(Candidate {
            id: r.int("id")?,
            key: key(code.as_deref(), department.as_deref(), &name, year),
            name,
            year,
            self_evaluation: r.int("self_evaluation")? != 0,
        })
    };
    let mut own = Filter::new();
    own.and("p.id = ?", [Arg::Int(project_id)]);
    own.visible_projects(seen);
    let row = bind_all(sqlx::query(&numbered(&format!("SELECT {COLS} FROM {FROM}{}", own.where_sql()))), own.args())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("项目 {project_id} 不存在。")))?;
    let this = candidate(&row)?;
    let department = row.opt_int("department_id")?;

    // The projects that could be the same: the department's of the year (by name; a
    // department or year missing on one side does not part them) and those of the same
    // code. Both kinds, so that a partner two projects fit equally well stays unpaired.
    // Each alternative is one index's (department and year, the code's expression).
    let (year_sql, year_args) = match this.year {
        Some(y) => (" AND (p.year = ? OR p.year IS NULL)", vec![Arg::Int(y)]),
        None => ("", Vec::new()),
    };
    let mut scope = Vec::new();
    let mut args = Vec::new();
    match department {
        Some(d) => {
            scope.push(format!("(p.department_id = ?{year_sql})"));
            args.push(Arg::Int(d));
            args.extend(year_args.iter().cloned());
            scope.push(format!("(p.department_id IS NULL{year_sql})"));
            args.extend(year_args);
        }
        None => {
            scope.push(format!("(1 = 1{year_sql})"));
            args.extend(year_args);
        }
    }
    if let Some(code) = &this.key.code {
        scope.push(format!("{CODE} = ?"));
        args.push(Arg::Text(code.clone()));
    }
    // What `seen` may see is picked here, not in SQL: with `p.status = 'approved'` beside
    // the alternatives SQLite (no statistics) walks every approved project through
    // `projects_status` instead of the alternatives' indexes (40 ms a page with 10⁵
    // projects, for the public).
    let mut f = Filter::new();
    f.and(current_on(conn), []);
    f.and(&scope.join(" OR "), args);
    let rows = bind_all(sqlx::query(&numbered(&format!("SELECT {COLS} FROM {FROM}{} ORDER BY p.id", f.where_sql()))), f.args())
        .fetch_all(&mut *conn)
        .await?;
    let sees = |r: &sqlx::any::AnyRow| -> Result<bool, StoreError> {
        Ok(seen.sees_project(r.text("status")? == "approved", r.opt_int("department_id")?))
    };
    let mut targets = Vec::new();
    let mut evaluations = Vec::new();
    for r in &rows {
        if !sees(r)? {
            continue;
        }
        let c = candidate(r)?;
        if c.self_evaluation {
            evaluations.push(c);
        } else {
            targets.push(c);
        }
    }
    Ok((targets, evaluations))
}

#[cfg(test)]
mod tests {
    use jixiao_model::pairing::normalise_code;

    /// The code as `paired_project` compares it in SQL (`UPPER(REPLACE(code, ' ', ''))`)
    /// agrees with `normalise_code` for the ASCII codes budget systems print.
    #[test]
    fn ascii_codes_normalise_as_the_query_does() {
        let sql_like = |c: &str| c.replace(' ', "").to_uppercase();
        for code in ["51110121T000003583105", "51 1101 21t0000", "z2023-001"] {
            assert_eq!(normalise_code(code), sql_like(code), "{code}");
        }
    }
}

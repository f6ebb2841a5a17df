//! Helpers for the store's own SQL: a tiny WHERE-clause builder (clauses use `?`, renumbered
//! to `$1, $2…` so one text runs on both backends; arguments are bound in order), the
//! visibility rules as SQL, paging, and typed column access.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::db::Backend;
use crate::error::StoreError;
use crate::model::{Listed, Slice, Visibility};
use crate::Store;

/// A project row (aliased `p`) of its document's current revision: older revisions are
/// history, reached through the document. [`current`] gives it for a backend.
///
/// Written as "its revision is a current one": a revision belongs to one document, the
/// project's own (`save_revision` and `create_project` store both ids of the same document),
/// so this is `p.revision_id = (SELECT current_revision_id FROM documents d WHERE d.id =
/// p.document_id)`, the form used before. PostgreSQL took that comparison with a subquery's
/// value for an equality 0.5% of projects pass, and so sorted all 13,497 projects of a status
/// for the 100 of a page of the work queue (50–230 ms) and every hit of a common word for a
/// search (100–300 ms). This semi-join it estimates from both tables' statistics (the share of
/// revisions that are current), and it looks the revision up in `documents_current` (migration
/// 0017) when it walks projects in id order: 1 ms and 2–25 ms. `EXISTS` on both columns, or a
/// join, would be misestimated the other way (the document is unique, so PostgreSQL makes it a
/// join and multiplies the two conditions as if independent: 1 project of 13,497).
const CURRENT_POSTGRES: &str = "p.revision_id IN (SELECT current_revision_id FROM documents)";

/// [`CURRENT_POSTGRES`] for SQLite: the unary `+` keeps SQLite from starting a query at the
/// current revisions (`projects_revision` for each one, then sorting: the administrator's search
/// and project list 0.4–1.6 → 28–96 ms); it checks each project against `documents_current`
/// instead, as it looked the project's document up before (a status's count from
/// `projects_status_year` alone: 5–57 → 3 ms). PostgreSQL would have no statistics for `+x`.
const CURRENT_SQLITE: &str = "+p.revision_id IN (SELECT current_revision_id FROM documents)";

/// [`CURRENT_POSTGRES`] or [`CURRENT_SQLITE`].
pub(crate) fn current(backend: Backend) -> &'static str {
    match backend {
        Backend::Postgres => CURRENT_POSTGRES,
        Backend::Sqlite => CURRENT_SQLITE,
    }
}

/// [`current`] for the backend of a connection.
pub(crate) fn current_on(conn: &sqlx::AnyConnection) -> &'static str {
    current(if conn.backend_name() == <sqlx::Postgres as sqlx::Database>::NAME {
        Backend::Postgres
    } else {
        Backend::Sqlite
    })
}

/// A bound argument.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    Int(i64),
    Text(String),
    /// NULL for a text column.
    Null,
    /// NULL for an integer column (PostgreSQL refuses a text NULL there).
    NullInt,
}

impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        v.map_or(Arg::Null, Arg::Text)
    }
}

/// Conditions joined with AND, with their arguments.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filter {
    clauses: Vec<String>,
    args: Vec<Arg>,
}

impl Filter {
    pub fn new() -> Filter {
        Filter::default()
    }

    /// Adds `clause` (with one `?` per argument).
    pub fn and(&mut self, clause: &str, args: impl IntoIterator<Item = Arg>) -> &mut Filter {
        self.clauses.push(format!("({clause})"));
        self.args.extend(args);
        self
    }

    /// `column LIKE %text%`, with `%` and `_` in the text taken literally.
    pub fn contains(&mut self, column: &str, text: &str) -> &mut Filter {
        let escaped = text
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        self.and(
            &format!("{column} LIKE ? ESCAPE '\\'"),
            [Arg::Text(format!("%{escaped}%"))],
        )
    }

    /// What the reader may see of rows belonging to a project aliased `p`: everything,
    /// own department plus approved, or approved only (for rows already fetched:
    /// [`Visibility::sees_project`]).
    pub fn visible_projects(&mut self, seen: Visibility) -> &mut Filter {
        self.visible_projects_by(seen, "p.status")
    }

    /// [`Filter::visible_projects`] with the status written as `status` (`+p.status` on
    /// SQLite, where a query has a better index than one by status; PostgreSQL has no unary
    /// `+` for text).
    pub fn visible_projects_by(&mut self, seen: Visibility, status: &str) -> &mut Filter {
        match seen {
            Visibility::Everything => self,
            Visibility::Department(d) => self.and(
                &format!("{status} = 'approved' OR p.department_id = ?"),
                [Arg::Int(d)],
            ),
            Visibility::Published => self.and(&format!("{status} = 'approved'"), []),
        }
    }

    /// ` WHERE …` (empty when there are no conditions).
    pub fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    pub fn args(&self) -> &[Arg] {
        &self.args
    }
}

/// Replaces each `?` with `$1`, `$2`, … in order.
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// Binds `args` onto a query.
pub(crate) fn bind_all<'q>(
    mut q: Query<'q, Any, AnyArguments<'q>>,
    args: &[Arg],
) -> Query<'q, Any, AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(*i),
            Arg::Text(s) => q.bind(s.clone()),
            Arg::Null => q.bind(None::<String>),
            Arg::NullInt => q.bind(None::<i64>),
        };
    }
    q
}

/// Runs the page query and, only when the page is full or empty, `SELECT COUNT(*)` for the
/// total (a short page already tells the total); maps rows with `map`.
pub(crate) async fn listed<T>(
    store: &Store,
    cols: &str,
    from: &str,
    filter: &Filter,
    order: &str,
    slice: Slice,
    map: impl Fn(&AnyRow) -> Result<T, StoreError>,
) -> Result<Listed<T>, StoreError> {
    let where_sql = filter.where_sql();
    let page_sql = numbered(&format!(
        "SELECT {cols} FROM {from}{where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    ));
    let mut args = filter.args().to_vec();
    args.extend([Arg::Int(slice.limit), Arg::Int(slice.offset)]);
    let rows = bind_all(sqlx::query(&page_sql), &args)
        .fetch_all(store.pool())
        .await?;
    let items = rows.iter().map(map).collect::<Result<Vec<T>, StoreError>>()?;
    let short_page = !items.is_empty() && (items.len() as i64) < slice.limit;
    if short_page || (items.is_empty() && slice.offset == 0) {
        let total = items.len() as i64 + slice.offset;
        return Ok(Listed { items, total });
    }
    let count_sql = numbered(&format!("SELECT COUNT(*) FROM {from}{where_sql}"));
    let row = bind_all(sqlx::query(&count_sql), filter.args())
        .fetch_one(store.pool())
        .await?;
    let total: i64 = row.try_get(0)?;
    Ok(Listed { items, total })
}

/// Typed column access.
pub(crate) trait Col {
    fn int(&self, name: &str) -> Result<i64, StoreError>;
    fn opt_int(&self, name: &str) -> Result<Option<i64>, StoreError>;
    fn text(&self, name: &str) -> Result<String, StoreError>;
    fn opt_text(&self, name: &str) -> Result<Option<String>, StoreError>;
}

impl Col for AnyRow {
    fn int(&self, name: &str) -> Result<i64, StoreError> {
        Ok(self.try_get::<i64, _>(name)?)
    }
    fn opt_int(&self, name: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get::<Option<i64>, _>(name)?)
    }
    fn text(&self, name: &str) -> Result<String, StoreError> {
        Ok(self.try_get::<String, _>(name)?)
    }
    fn opt_text(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get::<Option<String>, _>(name)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_number_their_placeholders() {
        let mut f = Filter::new();
        f.and("p.year = ?", [Arg::Int(2023)])
            .contains("p.name", "50%_达标")
            .visible_projects(Visibility::Department(9));
        assert_eq!(
            numbered(&f.where_sql()),
            " WHERE (p.year = $1) AND (p.name LIKE $2 ESCAPE '\\') AND (p.status = 'approved' OR p.department_id = $3)"
        );
        assert_eq!(
            f.args(),
            &[
                Arg::Int(2023),
                Arg::Text("%50\\%\\_达标%".into()),
                Arg::Int(9)
            ]
        );
        assert_eq!(
            Filter::new().visible_projects(Visibility::Published).where_sql(),
            " WHERE (p.status = 'approved')"
        );
        assert_eq!(Filter::new().visible_projects(Visibility::Everything).where_sql(), "");
    }
}

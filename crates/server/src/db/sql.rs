//! A tiny WHERE-clause builder: clauses use `?`, renumbered to `$1, $2…` so one text runs on
//! both backends; arguments are bound in order.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::auth::policy::Actor;
use crate::problem::Problem;

/// A project row (aliased `p`) of its document's current revision: older revisions are
/// history, reached through the document.
pub const CURRENT: &str =
    "p.revision_id = (SELECT current_revision_id FROM documents d WHERE d.id = p.document_id)";

/// A bound argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Int(i64),
    Text(String),
    Null,
}

/// Conditions joined with AND, with their arguments.
#[derive(Debug, Default, Clone)]
pub struct Filter {
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

    /// What the caller may see of rows belonging to a project aliased `p`: everything for
    /// admins and reviewers, own department plus approved for fillers, approved for the public.
    pub fn visible_projects(&mut self, actor: Actor) -> &mut Filter {
        if actor.reads_everything() {
            return self;
        }
        match actor.own_department() {
            Some(d) => self.and(
                "p.status = 'approved' OR p.department_id = ?",
                [Arg::Int(d)],
            ),
            None => self.and("p.status = 'approved'", []),
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
pub fn numbered(sql: &str) -> String {
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
pub fn bind_all<'q>(
    mut q: Query<'q, Any, AnyArguments<'q>>,
    args: &[Arg],
) -> Query<'q, Any, AnyArguments<'q>> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(*i),
            Arg::Text(s) => q.bind(s.clone()),
            Arg::Null => q.bind(None::<String>),
        };
    }
    q
}

/// Typed column access with a useful error.
pub trait Col {
    fn int(&self, name: &str) -> Result<i64, Problem>;
    fn opt_int(&self, name: &str) -> Result<Option<i64>, Problem>;
    fn text(&self, name: &str) -> Result<String, Problem>;
    fn opt_text(&self, name: &str) -> Result<Option<String>, Problem>;
}

impl Col for AnyRow {
    fn int(&self, name: &str) -> Result<i64, Problem> {
        Ok(self.try_get::<i64, _>(name)?)
    }
    fn opt_int(&self, name: &str) -> Result<Option<i64>, Problem> {
        Ok(self.try_get::<Option<i64>, _>(name)?)
    }
    fn text(&self, name: &str) -> Result<String, Problem> {
        Ok(self.try_get::<String, _>(name)?)
    }
    fn opt_text(&self, name: &str) -> Result<Option<String>, Problem> {
        Ok(self.try_get::<Option<String>, _>(name)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::policy::Role;

    #[test]
    fn filters_number_their_placeholders() {
        let mut f = Filter::new();
        f.and("p.year = ?", [Arg::Int(2023)])
            .contains("p.name", "50%_达标")
            .visible_projects(Actor::User {
                id: 1,
                role: Role::Filler,
                department: Some(9),
            });
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
            Filter::new().visible_projects(Actor::Public).where_sql(),
            " WHERE (p.status = 'approved')"
        );
        let admin = Actor::User {
            id: 1,
            role: Role::Admin,
            department: None,
        };
        assert_eq!(Filter::new().visible_projects(admin).where_sql(), "");
    }
}

//! Many rows per INSERT, for saving a document: one statement carries up to [`MAX_ROWS`]
//! rows, so a document of a hundred indicators costs a few round trips instead of a hundred.
//! The rows of one table are cut into pieces of 64, then 32, 16, 8, 4, 2 and 1 for the rest:
//! each table needs at most seven statement texts, and sqlx prepares each once per connection
//! and reuses it (its statement cache is keyed by the text). SQLite gets positional `?`
//! parameters: sqlx looks up the name of every `$n` parameter, which SQLite finds by walking
//! the statement's list of names, so `$n` cost time growing with the square of the
//! parameters (a third of an import's time, measured); `?` parameters have no name.
//! PostgreSQL gets every row of a table in one statement instead (`Insert::json_sql`).

use sqlx::any::AnyRow;

use crate::db::{Backend, WriteTx};
use crate::error::StoreError;

/// The most rows one INSERT carries (64 × 26 indicator columns = 1,664 parameters, far
/// below SQLite's 32,766 and PostgreSQL's 65,535).
pub(crate) const MAX_ROWS: usize = 64;

/// A value to bind. Each column always gets the same variant, NULL or not, so that a
/// prepared statement is always given the same parameter types (PostgreSQL checks them).
#[derive(Debug, Clone)]
pub(crate) enum V {
    Int(Option<i64>),
    Text(Option<String>),
}

impl From<i64> for V {
    fn from(v: i64) -> V {
        V::Int(Some(v))
    }
}

impl From<Option<i64>> for V {
    fn from(v: Option<i64>) -> V {
        V::Int(v)
    }
}

impl From<String> for V {
    fn from(v: String) -> V {
        V::Text(Some(v))
    }
}

impl From<&str> for V {
    fn from(v: &str) -> V {
        V::Text(Some(v.to_string()))
    }
}

impl From<Option<String>> for V {
    fn from(v: Option<String>) -> V {
        V::Text(v)
    }
}

/// The sizes `n` rows are cut into: as many [`MAX_ROWS`] as fit, then the binary digits of
/// the rest (100 → 64, 32, 4).
#[allow(clippy::manual_repeat_n)] // `repeat_n` is newer than the workspace's Rust 1.80
fn pieces(n: usize) -> impl Iterator<Item = usize> {
    let full = std::iter::repeat(MAX_ROWS).take(n / MAX_ROWS);
    let rest = n % MAX_ROWS;
    let tail = (0..MAX_ROWS.trailing_zeros()).rev().map(|b| 1usize << b).filter(move |p| rest & p != 0);
    full.chain(tail)
}

/// An INSERT of many rows into one table.
pub(crate) struct Insert {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    /// ` RETURNING …`, or empty.
    pub returning: &'static str,
}

impl Insert {
    fn sql(&self, rows: usize, backend: Backend) -> String {
        let width = self.columns.len();
        let mut sql = format!("INSERT INTO {} ({}) VALUES ", self.table, self.columns.join(", "));
        for r in 0..rows {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..width {
                if c > 0 {
                    sql.push_str(", ");
                }
                match backend {
                    Backend::Sqlite => sql.push('?'),
                    Backend::Postgres => {
                        sql.push('$');
                        sql.push_str(&(r * width + c + 1).to_string());
                    }
                }
            }
            sql.push(')');
        }
        sql.push_str(self.returning);
        sql
    }

    /// PostgreSQL: every row in one statement, the rows as one JSON array of objects keyed by
    /// column (`json_populate_recordset` gives each value its column's type). One round trip
    /// per table and document instead of one per piece of 64, 32, … rows: on a shared machine
    /// every round trip to the server process waits to be scheduled, and a document's rows
    /// took about a dozen of them. (The same through SQLite's `json_each` cost more than it
    /// saved: SQLite turns each element back into JSON text before `->>` reads a column of it,
    /// a quarter of the import's CPU, measured.)
    fn json_sql(&self) -> String {
        let columns = self.columns.join(", ");
        format!(
            "INSERT INTO {table} ({columns}) SELECT {columns} FROM json_populate_recordset(NULL::{table}, $1::json){returning}",
            table = self.table,
            returning = self.returning,
        )
    }

    /// The rows as a JSON array of objects keyed by column, written straight into one string
    /// (a `serde_json::Map` per row cloned every column's name for every row).
    fn json_rows(&self, values: Vec<V>) -> String {
        use std::fmt::Write;
        let width = self.columns.len();
        let mut out = String::with_capacity(values.len() * 24 + 2);
        out.push('[');
        for (i, v) in values.into_iter().enumerate() {
            let c = i % width;
            out.push_str(match (c, i) {
                (0, 0) => "{\"",
                (0, _) => "},{\"",
                _ => ",\"",
            });
            out.push_str(self.columns[c]);
            out.push_str("\":");
            match v {
                V::Int(Some(n)) => {
                    let _ = write!(out, "{n}");
                }
                V::Text(Some(t)) => out.push_str(&serde_json::Value::String(t).to_string()),
                V::Int(None) | V::Text(None) => out.push_str("null"),
            }
        }
        if out.len() > 1 {
            out.push('}');
        }
        out.push(']');
        out
    }

    /// Inserts `values` (row after row, `columns.len()` values each); returns what
    /// `returning` names, one row per inserted row, in no particular order.
    pub(crate) async fn run(&self, tx: &mut WriteTx, backend: Backend, values: Vec<V>) -> Result<Vec<AnyRow>, StoreError> {
        let width = self.columns.len();
        debug_assert_eq!(values.len() % width, 0, "{}: whole rows", self.table);
        if values.is_empty() {
            return Ok(Vec::new());
        }
        if backend == Backend::Postgres {
            let sql = self.json_sql();
            let q = sqlx::query(&sql).bind(self.json_rows(values));
            return Ok(if self.returning.is_empty() {
                q.execute(&mut **tx).await?;
                Vec::new()
            } else {
                q.fetch_all(&mut **tx).await?
            });
        }
        let mut out = Vec::new();
        let mut values = values.into_iter();
        for rows in pieces(values.len() / width) {
            let sql = self.sql(rows, backend);
            let mut q = sqlx::query(&sql);
            for v in values.by_ref().take(rows * width) {
                q = match v {
                    V::Int(i) => q.bind(i),
                    V::Text(t) => q.bind(t),
                };
            }
            if self.returning.is_empty() {
                q.execute(&mut **tx).await?;
            } else {
                out.extend(q.fetch_all(&mut **tx).await?);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_cut_into_few_sizes() {
        let cut = |n| pieces(n).collect::<Vec<_>>();
        assert_eq!(cut(0), Vec::<usize>::new());
        assert_eq!(cut(1), vec![1]);
        assert_eq!(cut(100), vec![64, 32, 4]);
        assert_eq!(cut(200), vec![64, 64, 64, 8]);
        assert_eq!(cut(63), vec![32, 16, 8, 4, 2, 1]);
        for n in 0..300 {
            assert_eq!(pieces(n).sum::<usize>(), n);
        }
    }

    #[test]
    fn postgres_gets_every_row_in_one_json_array() {
        let insert = Insert { table: "t", columns: &["a", "b"], returning: " RETURNING id" };
        assert_eq!(
            insert.json_sql(),
            "INSERT INTO t (a, b) SELECT a, b FROM json_populate_recordset(NULL::t, $1::json) RETURNING id"
        );
        let rows = vec![V::from(1), V::from("x\"y"), V::from(None::<i64>), V::from(None::<String>)];
        assert_eq!(insert.json_rows(rows), r#"[{"a":1,"b":"x\"y"},{"a":null,"b":null}]"#);
    }

    #[test]
    fn statements_number_their_parameters_row_by_row() {
        let insert = Insert { table: "t", columns: &["a", "b"], returning: " RETURNING id" };
        assert_eq!(insert.sql(2, Backend::Postgres), "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id");
        assert_eq!(insert.sql(2, Backend::Sqlite), "INSERT INTO t (a, b) VALUES (?, ?), (?, ?) RETURNING id");
    }
}

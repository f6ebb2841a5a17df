//! Many rows per INSERT, for saving a document: one statement carries a table's rows, so a
//! document of a hundred indicators costs one round trip instead of a hundred.
//!
//! SQLite: one statement text per table, `INSERT … SELECT * FROM (VALUES (?, …), … [`SQLITE_ROWS`]
//! rows) WHERE column1 IS NOT NULL`. Only the rows there are get values; SQLite binds every
//! parameter left over as NULL, and those rows are left out by their first column (always a
//! revision id, never NULL). So sqlx prepares each table's statement once per connection and
//! reuses it, and a document's rows of one table are one statement however many there are
//! (up to [`SQLITE_ROWS`]): one round trip to the connection's thread, one statement
//! journal, one flush of the FTS5 index's pending terms (FTS5 writes them out at every
//! statement's savepoint; the rows cut into pieces of 64, 32, 16, … took four or five
//! statements per table and document before, each with its own flush, and as many new
//! segments to merge). Positional `?` parameters: sqlx looks up the name of every `$n`
//! parameter, which SQLite finds by walking the statement's list of names, so `$n` cost
//! time growing with the square of the parameters; `?` parameters have no name.
//! PostgreSQL gets every row of a table in one statement too (`Insert::json_sql`).

use sqlx::any::AnyRow;

use crate::db::{Backend, WriteTx};
use crate::error::StoreError;

/// The rows of one SQLite INSERT (256 × 31 indicator columns = 7,936 parameters, below
/// SQLite's 32,766); a table's rows past it take another statement of the same text.
pub(crate) const SQLITE_ROWS: usize = 256;

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

/// An INSERT of many rows into one table.
pub(crate) struct Insert {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    /// ` RETURNING …`, or empty.
    pub returning: &'static str,
}

impl Insert {
    /// SQLite: `rows` rows of parameters, of which those bound (the rest are NULL) are
    /// inserted; the first column must never be NULL.
    fn sqlite_sql(&self, rows: usize) -> String {
        let width = self.columns.len();
        let row = format!("({})", vec!["?"; width].join(", "));
        format!(
            "INSERT INTO {table} ({columns}) SELECT * FROM (VALUES {rows}) WHERE column1 IS NOT NULL{returning}",
            table = self.table,
            columns = self.columns.join(", "),
            rows = vec![row; rows].join(", "),
            returning = self.returning,
        )
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
        // Every row's first column is its revision: never NULL (the rows not bound are).
        debug_assert!(
            values.iter().step_by(width).all(|v| matches!(v, V::Int(Some(_)) | V::Text(Some(_)))),
            "{}: first column NULL",
            self.table
        );
        let sql = self.sqlite_sql(SQLITE_ROWS);
        let mut out = Vec::new();
        let mut values = values.into_iter().peekable();
        while values.peek().is_some() {
            let mut q = sqlx::query(&sql);
            for v in values.by_ref().take(SQLITE_ROWS * width) {
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
    fn sqlite_gets_one_statement_text_of_positional_parameters() {
        let insert = Insert { table: "t", columns: &["a", "b"], returning: " RETURNING id" };
        assert_eq!(
            insert.sqlite_sql(2),
            "INSERT INTO t (a, b) SELECT * FROM (VALUES (?, ?), (?, ?)) WHERE column1 IS NOT NULL RETURNING id"
        );
    }
}

//! 搜索: projects and indicators whose names contain every word (Chinese text matched as
//! typed), across departments and years, as far as the reader may see. The two backends use
//! different indexes (migration 0003): FTS5 trigram tables on SQLite, a trigram index on the
//! distinct texts (`search_texts`) on PostgreSQL; the hits are those of LIKE on the rows.

use sqlx::any::AnyRow;

use crate::db::Backend;
use crate::error::StoreError;
use crate::model::{SearchHit, SearchHits, Status, Visibility};
use crate::sql::{bind_all, current, numbered, Arg, Col, Filter};
use crate::Store;

/// SQLite: an FTS5 query for the trigram indexes of migration 0003 (`*_search`) asking for every
/// word of ≥ 3 characters as a quoted phrase (a substring there), `None` when no word is that
/// long (trigrams cannot find shorter ones). It only narrows the rows: the LIKE filters still
/// decide, so the hits are the same as without it.
fn trigram_match(words: &[String]) -> Option<String> {
    let phrases: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" AND "))
}

/// SQLite: below this many indicator rows of a year holding the words, a search in that year
/// fetches them by year and text and sorts them; from it on, it walks from the newest row
/// ([`Store::few_in_year`]).
const FEW_IN_YEAR: i64 = 1000;

fn hit(r: &AnyRow) -> Result<SearchHit, StoreError> {
    Ok(SearchHit {
        project_id: r.int("project_id")?,
        project: r.text("project")?,
        department: r.opt_text("department")?,
        year: r.opt_int("year")?,
        status: Status::parse(&r.text("status")?)?,
        level3: r.opt_text("level3")?,
        target: r.opt_text("target")?,
    })
}

impl Store {
    /// SQLite: whether any text ever stored as 项目名称 or 三级指标 contains every word (migration
    /// 0003's `search_texts`: one row per distinct text, far fewer than the rows). Asked only when
    /// a word is shorter than 3 characters, where the trigram indexes cannot help: a word found
    /// nowhere then costs a scan of the distinct texts instead of a scan of every indicator.
    /// (PostgreSQL's search goes through `search_texts` anyway.)
    async fn found_in_some_text(&self, words: &[String]) -> Result<bool, StoreError> {
        if self.backend() == Backend::Postgres || words.iter().all(|w| w.chars().count() >= 3) {
            return Ok(true);
        }
        let mut f = Filter::new();
        for w in words {
            f.contains("text", w);
        }
        let sql = numbered(&format!("SELECT 1 AS found FROM search_texts{} LIMIT 1", f.where_sql()));
        let rows = bind_all(sqlx::query(&sql), f.args()).fetch_all(self.pool()).await?;
        Ok(!rows.is_empty())
    }

    /// SQLite: the condition narrowing a search's indicators in `year` to those fetched by
    /// their year and text (migration 0019's `indicators_year`), when the year has fewer than
    /// [`FEW_IN_YEAR`] indicator rows whose text holds every word; `None` when it has more.
    ///
    /// Walking the indicators from the newest stops at the `limit`th hit, which is quick where
    /// hits are many (2023's "安全 检查": 8 ms) and reads all 1 M rows where the year has none.
    /// The rows of the year with a matching text are counted first, without the visibility:
    /// the matching distinct texts (`search_texts`, every text ever stored) are each looked up
    /// with the year in `indicators_year`, and the count stops at [`FEW_IN_YEAR`]. Below it the
    /// year's rows with those texts are fetched by that index and sorted (those the reader may
    /// not see are still dropped by the other conditions); at it, hits are dense enough for the
    /// walk. Either way the hits are those of the LIKEs, every level3 being in `search_texts`.
    async fn few_in_year(&self, words: &[String], year: i64) -> Result<Option<(String, Vec<Arg>)>, StoreError> {
        let mut texts = Filter::new();
        for w in words {
            texts.contains("text", w);
        }
        let matching = format!("SELECT text FROM search_texts{}", texts.where_sql());
        let narrow = format!("i.year = ? AND i.level3 IN ({matching})");
        let mut args = vec![Arg::Int(year)];
        args.extend(texts.args().iter().cloned());
        let sql = numbered(&format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 FROM indicators i WHERE {narrow} LIMIT {FEW_IN_YEAR})"
        ));
        let row = bind_all(sqlx::query(&sql), &args).fetch_one(self.pool()).await?;
        Ok((row.int("n")? < FEW_IN_YEAR).then_some((narrow, args)))
    }

    fn search_base(&self, seen: Visibility, year: Option<i64>) -> Filter {
        let mut f = Filter::new();
        f.and(current(self.backend()), []);
        if let Some(y) = year {
            f.and("p.year = ?", [Arg::Int(y)]);
        }
        // SQLite, a filler's "approved or their own department": with both columns indexed it
        // joins the two indexes and sorts every approved project for the newest few (120 ms
        // at 135 k projects, for a word found everywhere); with the status unindexed it walks
        // from the newest project and stops at the limit (1 ms), as the public's search does
        // along its index by status.
        match (self.backend(), seen) {
            (Backend::Sqlite, Visibility::Department(_)) => f.visible_projects_by(seen, "+p.status"),
            _ => f.visible_projects(seen),
        };
        f
    }

    /// Current projects whose 项目名称, and indicators whose 三级指标, contain every one of
    /// `words` (taken literally), in `year` if given, that the reader may see: newest first,
    /// at most `limit` of each.
    pub async fn search(
        &self,
        seen: Visibility,
        words: &[String],
        year: Option<i64>,
        limit: i64,
    ) -> Result<SearchHits, StoreError> {
        if words.is_empty() || !self.found_in_some_text(words).await? {
            return Ok(SearchHits::default());
        }
        let backend = self.backend();
        let mut fp = self.search_base(seen, year);
        // Newest first, walking indicators in id order: a common word stops after `limit`
        // hits instead of matching and sorting every row (CROSS JOIN keeps SQLite's order).
        let mut fi = self.search_base(seen, year);
        fi.and("p.id = i.project_id", []);
        // SQLite, in a year, when the year's indicators holding the words are few: fetched by
        // their year and text and sorted, instead of walked from the newest (`+ 0` below).
        let mut by_year_text = false;
        match backend {
            // SQLite: the FTS5 trigram indexes narrow the rows, the LIKEs decide.
            Backend::Sqlite => {
                let trigrams = trigram_match(words);
                if let Some(m) = &trigrams {
                    fp.and("p.id IN (SELECT rowid FROM projects_search WHERE projects_search MATCH ?)", [Arg::Text(m.clone())]);
                    fi.and("i.id IN (SELECT rowid FROM indicators_search WHERE indicators_search MATCH ?)", [Arg::Text(m.clone())]);
                }
                for w in words {
                    fp.contains("p.name", w);
                    fi.contains("i.level3", w);
                }
                if let (Some(y), None) = (year, &trigrams) {
                    if let Some(narrow) = self.few_in_year(words, y).await? {
                        fi.and(&narrow.0, narrow.1);
                        by_year_text = true;
                    }
                }
            }
            // PostgreSQL: the texts containing every word, found among the distinct texts
            // (trigram-indexed), then the rows with those texts (B-tree). The same hits as the
            // LIKEs on the rows, since every stored text is in `search_texts`; and the planner,
            // which knows both tables' statistics, walks the newest rows for a common word and
            // looks a rare one up: 1–85 ms where LIKEs on the rows took 200 ms–1 s.
            Backend::Postgres => {
                let mut texts = Filter::new();
                for w in words {
                    texts.contains("text", w);
                }
                let matching = format!("SELECT text FROM search_texts{}", texts.where_sql());
                fp.and(&format!("p.name IN ({matching})"), texts.args().to_vec());
                fi.and(&format!("i.level3 IN ({matching})"), texts.args().to_vec());
            }
        }
        // The department's name by a subquery, not a join: the planner, expecting a handful of
        // hits, would otherwise scan every organisation once per hit (1.9 s on PostgreSQL).
        let cols = "p.id AS project_id, p.name AS project, \
                    (SELECT o.name FROM organisations o WHERE o.id = p.department_id) AS department, p.year, p.status";
        // PostgreSQL, in a year: the hits sorted, never found by walking the newest rows. The
        // planner counts on a year's share of a word's hits among the newest rows, but a word's
        // hits may all be in other years, and the walk then goes through every row (1–3 s for
        // two words in a year with none there; 100 ms sorting). `+ 0` leaves no index giving the
        // order, the same order. (It used to be on the year, keeping the year's index out, when
        // `sql::current`'s former misestimate made every plan expect few hits; SQLite's plans
        // want that index.)
        let newest = match (backend, year) {
            (Backend::Postgres, Some(_)) => " + 0 DESC",
            _ => " DESC",
        };
        let newest_i = if by_year_text { " + 0 DESC" } else { newest };
        let sql_p = numbered(&format!(
            "SELECT {cols}, NULL AS level3, NULL AS target FROM projects p{} ORDER BY p.id{newest} LIMIT {limit}",
            fp.where_sql()
        ));
        let sql_i = numbered(&format!(
            "SELECT {cols}, i.level3, i.target_printed AS target FROM indicators i CROSS JOIN projects p{} \
             ORDER BY i.id{newest_i} LIMIT {limit}",
            fi.where_sql()
        ));
        // Not kept as prepared statements: PostgreSQL would soon plan them once for any
        // word (a generic plan), and the right plan depends on the word — walk the newest
        // rows for a common one, ask the trigram index for a rare one (1 s against 30 ms).
        let (rp, ri) = tokio::try_join!(
            bind_all(sqlx::query(&sql_p).persistent(false), fp.args()).fetch_all(self.pool()),
            bind_all(sqlx::query(&sql_i).persistent(false), fi.args()).fetch_all(self.pool()),
        )?;
        Ok(SearchHits {
            projects: rp.iter().map(hit).collect::<Result<_, _>>()?,
            indicators: ri.iter().map(hit).collect::<Result<_, _>>()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::trigram_match;

    #[test]
    fn trigram_match_quotes_words_of_three_or_more_characters() {
        let w = |q: &str| trigram_match(&q.split_whitespace().map(str::to_string).collect::<Vec<_>>());
        assert_eq!(w("应急 培训率"), Some("\"培训率\"".to_string()));
        assert_eq!(w("满意度 a\"b NOT"), Some("\"满意度\" AND \"a\"\"b\" AND \"NOT\"".to_string()));
        assert_eq!(w("应急 ab"), None);
    }
}

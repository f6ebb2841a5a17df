//! The plan and time of queries on an SQLite database, with the SQLite the store is built with
//! (the system's `sqlite3` may be older and plan differently).
//!
//! `sqlite_plan DB_FILE [RUNS] < queries.sql` — queries separated by lines holding only `;`;
//! prints each query's `EXPLAIN QUERY PLAN`, its first row and the median time of RUNS runs
//! (default 5, after one unmeasured run).

use std::io::Read;
use std::time::Instant;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use sqlx::Row;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let file = args.next().ok_or("用法：sqlite_plan 数据库文件 [次数] < 查询.sql")?;
    let runs: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(5);
    let pool = SqlitePool::connect_with(SqliteConnectOptions::new().filename(&file).read_only(true)).await?;
    let version: String = sqlx::query_scalar("SELECT sqlite_version()").fetch_one(&pool).await?;
    println!("SQLite {version}");
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input)?;
    for sql in input.split("\n;\n").map(str::trim).filter(|s| !s.is_empty()) {
        println!("\n{sql}");
        for r in sqlx::query(&format!("EXPLAIN QUERY PLAN {sql}")).fetch_all(&pool).await? {
            let (id, parent): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            let detail: String = r.try_get(3)?;
            println!("  {id:>3} {parent:>3}  {detail}");
        }
        let rows = sqlx::query(sql).fetch_all(&pool).await?;
        let first = rows.first().map(|r| {
            (0..r.len())
                .map(|i| {
                    r.try_get::<i64, _>(i)
                        .map(|v| v.to_string())
                        .or_else(|_| r.try_get::<String, _>(i))
                        .unwrap_or_else(|_| "?".into())
                })
                .collect::<Vec<_>>()
                .join(", ")
        });
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            sqlx::query(sql).fetch_all(&pool).await?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        println!(
            "  rows {}, first ({}), median {:.2} ms (min {:.2}, max {:.2})",
            rows.len(),
            first.unwrap_or_default(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
    Ok(())
}

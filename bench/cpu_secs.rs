//! CPU seconds for the benchmark programs (`bulk_import`, `compare_times`,
//! `library_update_times` include this file with `#[path]`): on a shared machine the wall time
//! depends on what else runs, the CPU time much less.

/// CPU seconds this process has used so far (user and system, every thread; Linux's
/// /proc/self/stat, in clock ticks of 1/100 s).
pub fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (in parentheses, which may hold spaces): utime and stime
    // are the 14th and 15th fields of the line.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

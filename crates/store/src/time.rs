//! Timestamps as RFC 3339 UTC text (`2024-05-01T08:00:00Z`): the same on both backends and
//! sortable as text, without a date-time dependency.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Now, as stored.
pub fn now() -> String {
    format_unix(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO)
            .as_secs() as i64,
    )
}

/// Today's date in Beijing time (UTC+8), `YYYY-MM-DD`: the day a fiscal year's deadline
/// is compared with.
pub fn today_in_china() -> String {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs() as i64;
    format_unix(secs + 8 * 3600)[..10].to_string()
}

/// `secs` from now, as stored (session expiry).
pub fn in_secs(secs: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    format_unix(now.saturating_add(secs) as i64)
}

/// Formats seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian calendar).
pub fn format_unix(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = jixiao_model::date::civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        let cases = [
            (0, "1970-01-01T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_714_521_600 + 8 * 3600 + 61, "2024-05-01T08:01:01Z"),
            (-1, "1969-12-31T23:59:59Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(format_unix(secs), want);
        }
    }
}

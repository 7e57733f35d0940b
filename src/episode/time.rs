//! Wall-clock times and days as the county writes them (`YYYY-MM-DD HH:MM`, seconds allowed).
//!
//! Local time without a zone: a warning's 20:00 is 20:00 where the county is, and the store
//! keeps the text as written so that the 台账 reads the same on any machine.

use chrono::{NaiveDate, NaiveDateTime};

/// A local wall-clock time.
pub type Time = NaiveDateTime;
/// A calendar day.
pub type Day = NaiveDate;

/// Reads `YYYY-MM-DD HH:MM` or `YYYY-MM-DD HH:MM:SS` (also with `T` or `/`).
///
/// # Errors
/// A Chinese message naming the text and the expected form.
pub fn parse_time(text: &str) -> Result<Time, String> {
    let t = text.trim().replace('/', "-").replace('T', " ");
    for form in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(v) = NaiveDateTime::parse_from_str(&t, form) {
            return Ok(v);
        }
    }
    Err(format!(
        "时间“{}”无法识别，请写成 YYYY-MM-DD HH:MM（如 2026-12-05 20:00）",
        text.trim()
    ))
}

/// Reads `YYYY-MM-DD` (also with `/`).
///
/// # Errors
/// A Chinese message naming the text and the expected form.
pub fn parse_day(text: &str) -> Result<Day, String> {
    let t = text.trim().replace('/', "-");
    NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|_| {
        format!(
            "日期“{}”无法识别，请写成 YYYY-MM-DD（如 2026-12-05）",
            text.trim()
        )
    })
}

/// The stored and shown form: `YYYY-MM-DD HH:MM`, with `:SS` only when the seconds are not 0.
pub fn show_time(t: Time) -> String {
    use chrono::Timelike;
    if t.second() == 0 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_shows_times() {
        let t = parse_time("2026-12-05 20:00").unwrap();
        assert_eq!(show_time(t), "2026-12-05 20:00");
        let t = parse_time("2026/12/05 20:00:30").unwrap();
        assert_eq!(show_time(t), "2026-12-05 20:00:30");
        assert!(parse_time("12月5日").unwrap_err().contains("12月5日"));
        assert_eq!(
            parse_day("2026-12-05").unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()
        );
        assert!(parse_day("昨天").is_err());
    }
}

//! The film-night time model: an injectable clock, film nights and the late-night window.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime,
};

use crate::error::{Error, Result};

/// When a night ends, which hours count as late, and an optional bedtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NightRules {
    /// A watch before this local time belongs to the previous evening's film night.
    pub day_boundary: NaiveTime,
    /// Start of the late-night window (inclusive).
    pub late_start: NaiveTime,
    /// End of the late-night window (exclusive); may be before the start (wraps midnight).
    pub late_end: NaiveTime,
    /// Films that would end after this time are marked.
    pub bedtime: Option<NaiveTime>,
}

impl Default for NightRules {
    fn default() -> Self {
        NightRules {
            day_boundary: hm(5, 0),
            late_start: hm(22, 0),
            late_end: hm(5, 0),
            bedtime: None,
        }
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl NightRules {
    /// The film night a moment belongs to: the local date of (time − day boundary).
    pub fn film_night(&self, at: &DateTime<FixedOffset>) -> NaiveDate {
        let shift = self.day_boundary - NaiveTime::MIN;
        (at.naive_local() - shift).date()
    }

    /// Whether a local time of day falls inside the late-night window.
    pub fn is_late_time(&self, t: NaiveTime) -> bool {
        if self.late_start <= self.late_end {
            t >= self.late_start && t < self.late_end
        } else {
            t >= self.late_start || t < self.late_end
        }
    }

    /// Whether a moment falls inside the late-night window (by its own local time).
    pub fn is_late(&self, at: &DateTime<FixedOffset>) -> bool {
        self.is_late_time(at.time())
    }

    /// Whether a film of `runtime` minutes started at `start` ends after bedtime.
    pub fn ends_after_bedtime(&self, start: &DateTime<FixedOffset>, runtime: u32) -> bool {
        let Some(bed) = self.bedtime else {
            return false;
        };
        let night = self.film_night(start);
        // Bedtime as a moment on this film night (a bedtime before the boundary is after midnight).
        let bed_day = if bed < self.day_boundary {
            night + Duration::days(1)
        } else {
            night
        };
        let bed_at = bed_day.and_time(bed);
        let end = start.naive_local() + Duration::minutes(i64::from(runtime));
        end > bed_at
    }
}

/// The source of "now": the real clock, or a fixed moment for tests and scripts.
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<FixedOffset>),
}

impl Clock {
    /// Builds the clock from `--now` / `NIGHTREEL_NOW`, or the system clock when absent.
    pub fn from_option(now: Option<&str>) -> Result<Clock> {
        match now {
            None => Ok(Clock::System),
            Some(s) if s.trim().is_empty() => Ok(Clock::System),
            Some(s) => DateTime::parse_from_rfc3339(s.trim())
                .map(Clock::Fixed)
                .map_err(|e| {
                    Error::Invalid(format!(
                        "--now \"{}\" is not an RFC 3339 time like 2026-11-25T01:30:00+08:00 ({e})",
                        crate::text::truncate(s, 40)
                    ))
                }),
        }
    }

    /// The current local time with its UTC offset, to the second.
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::Fixed(t) => *t,
            Clock::System => {
                let now = Local::now().fixed_offset();
                now - Duration::nanoseconds(i64::from(now.timestamp_subsec_nanos()))
            }
        }
    }
}

/// When a viewing happened: a full moment, or only a date (imports without a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WatchedAt {
    At(DateTime<FixedOffset>),
    Date(NaiveDate),
}

impl WatchedAt {
    /// The stored text: RFC 3339 with offset, or `YYYY-MM-DD` for a date alone.
    pub fn to_stored(&self) -> String {
        match self {
            WatchedAt::At(t) => t.to_rfc3339(),
            WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// Parses the stored text back.
    pub fn from_stored(s: &str) -> Option<WatchedAt> {
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(WatchedAt::At(t));
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .ok()
            .map(WatchedAt::Date)
    }

    /// The film night: for a date alone, the date itself.
    pub fn film_night(&self, rules: &NightRules) -> NaiveDate {
        match self {
            WatchedAt::At(t) => rules.film_night(t),
            WatchedAt::Date(d) => *d,
        }
    }

    /// Late-night or not; `None` when the time is unknown.
    pub fn late_night(&self, rules: &NightRules) -> Option<bool> {
        match self {
            WatchedAt::At(t) => Some(rules.is_late(t)),
            WatchedAt::Date(_) => None,
        }
    }

    /// A UTC key that orders viewings; a date alone sorts at its local noon.
    pub fn sort_key(&self) -> String {
        match self {
            WatchedAt::At(t) => t.to_utc().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            WatchedAt::Date(d) => format!("{}T12:00:00Z", d.format("%Y-%m-%d")),
        }
    }

    /// The moment, when known.
    pub fn moment(&self) -> Option<DateTime<FixedOffset>> {
        match self {
            WatchedAt::At(t) => Some(*t),
            WatchedAt::Date(_) => None,
        }
    }
}

/// Parses a user-typed watch time. Accepts RFC 3339 (`2026-11-25T01:30:00+08:00`), a local
/// `YYYY-MM-DD HH:MM` or `YYYY-MM-DDTHH:MM` (in `now`'s offset), `HH:MM` (the most recent such
/// moment not after `now`), or `YYYY-MM-DD` alone (time unknown).
pub fn parse_watch_time(input: &str, now: &DateTime<FixedOffset>) -> Result<WatchedAt> {
    let at = parse_any_time(input, now)?;
    // chrono also reads years like +10000 and -0001, which RFC 3339 cannot write: such a time
    // would be stored in a form that cannot be read back, and the diary would no longer load.
    let year = match at {
        WatchedAt::At(t) => t.year().min(t.to_utc().year()),
        WatchedAt::Date(d) => d.year(),
    };
    let max = match at {
        WatchedAt::At(t) => t.year().max(t.to_utc().year()),
        WatchedAt::Date(d) => d.year(),
    };
    if year < 1 || max > 9999 || WatchedAt::from_stored(&at.to_stored()) != Some(at) {
        return Err(Error::Invalid(format!(
            "\"{}\" is outside the years 0001 to 9999",
            crate::text::truncate(input.trim(), 40)
        )));
    }
    Ok(at)
}

/// A time of day typed alone (`HH:MM`) on the film night `night`: that evening, or the next
/// day for a time before the day boundary. How an edited viewing keeps its night when only its
/// time is changed ("01:30" on the night of 20 November is 21 November 01:30, not last night).
/// `None` when `input` is not a time of day alone.
pub fn time_on_night(
    input: &str,
    night: NaiveDate,
    day_boundary: NaiveTime,
    now: &DateTime<FixedOffset>,
) -> Option<Result<WatchedAt>> {
    let t = NaiveTime::parse_from_str(input.trim(), "%H:%M").ok()?;
    let day = if t < day_boundary {
        night.succ_opt()?
    } else {
        night
    };
    Some(local(day.and_time(t), now).map(WatchedAt::At))
}

/// Refuses a viewing later than `now` (with a minute's grace; a date alone may be today): a
/// diary holds what was watched, and a year typed wrong would sit at its top.
pub fn refuse_future(at: WatchedAt, now: &DateTime<FixedOffset>) -> Result<WatchedAt> {
    let future = match at {
        WatchedAt::At(t) => t > *now + Duration::minutes(1),
        WatchedAt::Date(d) => d > now.date_naive(),
    };
    if future {
        return Err(Error::Invalid(format!(
            "\"{}\" is in the future (it is now {})",
            at.to_stored(),
            now.format("%Y-%m-%d %H:%M")
        )));
    }
    Ok(at)
}

fn parse_any_time(input: &str, now: &DateTime<FixedOffset>) -> Result<WatchedAt> {
    let s = input.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(WatchedAt::At(t));
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return local(naive, now).map(WatchedAt::At);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(WatchedAt::Date(d));
    }
    if let Ok(t) = NaiveTime::parse_from_str(s, "%H:%M") {
        let today = now.naive_local().date().and_time(t);
        let naive = if today > now.naive_local() {
            today - Duration::days(1)
        } else {
            today
        };
        return local(naive, now).map(WatchedAt::At);
    }
    Err(Error::Invalid(format!(
        "\"{}\" is not a time: use RFC 3339 (2026-11-25T01:30:00+08:00), \"YYYY-MM-DD HH:MM\", \"HH:MM\" or \"YYYY-MM-DD\"",
        crate::text::truncate(s, 40)
    )))
}

/// A local time typed without an offset. When `now` is this machine's local time, the
/// machine's time zone decides the offset, so a summer evening typed in winter gets the
/// summer offset (in the hour clocks repeat, the first; in the hour they skip, an error).
/// A `now` from elsewhere (an injected clock in another zone) lends its own offset.
fn local(naive: NaiveDateTime, now: &DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    use chrono::offset::{LocalResult, TimeZone};
    let here = Local.offset_from_utc_datetime(&now.naive_utc());
    if here == *now.offset() {
        return match Local.from_local_datetime(&naive) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.fixed_offset()),
            LocalResult::None => Err(Error::Invalid(format!(
                "{naive} does not exist here (the clocks skipped that hour)"
            ))),
        };
    }
    naive
        .and_local_timezone(*now.offset())
        .single()
        .ok_or_else(|| Error::Invalid(format!("{naive} is not a valid local time")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn film_night_before_boundary_is_previous_evening() {
        let r = NightRules::default();
        let d = r.film_night(&at("2026-11-25T01:30:00+08:00"));
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
        let d = r.film_night(&at("2026-11-25T05:00:00+08:00"));
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        let d = r.film_night(&at("2026-11-24T21:00:00-05:00"));
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    }

    #[test]
    fn late_window_wraps_midnight() {
        let r = NightRules::default();
        assert!(r.is_late(&at("2026-11-25T01:30:00+08:00")));
        assert!(r.is_late(&at("2026-11-25T22:00:00+08:00")));
        assert!(!r.is_late(&at("2026-11-25T05:00:00+08:00")));
        assert!(!r.is_late(&at("2026-11-25T21:59:00+08:00")));
    }

    #[test]
    fn late_window_without_wrap() {
        let r = NightRules {
            late_start: hm(1, 0),
            late_end: hm(4, 0),
            ..NightRules::default()
        };
        assert!(r.is_late_time(hm(2, 0)));
        assert!(!r.is_late_time(hm(23, 0)));
    }

    #[test]
    fn parse_forms() {
        let now = at("2026-11-25T01:30:00+08:00");
        assert_eq!(
            parse_watch_time("2026-11-24 23:10", &now).unwrap(),
            WatchedAt::At(at("2026-11-24T23:10:00+08:00"))
        );
        assert_eq!(
            parse_watch_time("23:10", &now).unwrap(),
            WatchedAt::At(at("2026-11-24T23:10:00+08:00"))
        );
        assert_eq!(
            parse_watch_time("00:40", &now).unwrap(),
            WatchedAt::At(at("2026-11-25T00:40:00+08:00"))
        );
        assert!(matches!(
            parse_watch_time("2026-11-20", &now).unwrap(),
            WatchedAt::Date(_)
        ));
        // ISO 8601 local times, as other tools write them: the offset is now's.
        for iso in [
            "2026-11-24T23:10",
            "2026-11-24T23:10:00",
            "2026-11-24 23:10:00",
        ] {
            assert_eq!(
                parse_watch_time(iso, &now).unwrap(),
                WatchedAt::At(at("2026-11-24T23:10:00+08:00")),
                "{iso}"
            );
        }
        let err = parse_watch_time("yesterday-ish", &now).unwrap_err();
        assert!(err.to_string().contains("yesterday-ish"));
        assert!(parse_watch_time("2026-13-45T99:00:00Z", &now).is_err());
        // Found by the property tests: years RFC 3339 cannot write back.
        for far in [
            "+10000-1-1T0:0",
            "+10000-01-01",
            "-0001-12-31",
            "0000-01-01T00:30:00+01:00",
        ] {
            let err = parse_watch_time(far, &now).unwrap_err();
            assert!(err.to_string().contains("0001 to 9999"), "{far}: {err}");
        }
    }

    #[test]
    fn stored_roundtrip_keeps_offset() {
        let w = WatchedAt::At(at("2026-11-25T02:14:00+09:00"));
        let s = w.to_stored();
        assert_eq!(s, "2026-11-25T02:14:00+09:00");
        assert_eq!(WatchedAt::from_stored(&s), Some(w));
        assert_eq!(w.sort_key(), "2026-11-24T17:14:00Z");
    }

    #[test]
    fn bedtime() {
        let r = NightRules {
            bedtime: Some(hm(1, 0)),
            ..NightRules::default()
        };
        assert!(r.ends_after_bedtime(&at("2026-11-24T23:30:00+00:00"), 120));
        assert!(!r.ends_after_bedtime(&at("2026-11-24T22:00:00+00:00"), 100));
    }

    #[test]
    fn clock_parses_now() {
        let c = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
        assert_eq!(c.now(), at("2026-11-25T01:30:00+08:00"));
        assert!(Clock::from_option(Some("tonight")).is_err());
    }
}

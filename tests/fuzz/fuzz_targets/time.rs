//! The time parser: `--now`, typed watch times, stored times, and the film-night rules on them.
//!
//! Input lines: 1 the clock (`--now`, RFC 3339), 2 the typed time, 3 up to four `HH:MM` (day
//! boundary, late-night start and end, bedtime), 4 a runtime in minutes.
#![no_main]

use chrono::{FixedOffset, NaiveTime, TimeZone};
use libfuzzer_sys::fuzz_target;
use nightreel::time::{Clock, NightRules, WatchedAt, parse_watch_time};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let (now_line, input) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    let rules_line = lines.next().unwrap_or("");
    let runtime: u32 = lines
        .next()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(120);

    let now = match Clock::from_option(Some(now_line)) {
        Ok(Clock::Fixed(t)) => t,
        Ok(Clock::System) | Err(_) => FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 25, 1, 30, 0)
            .unwrap(),
    };
    let mut rules = NightRules::default();
    let times: Vec<NaiveTime> = rules_line
        .split_whitespace()
        .filter_map(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
        .collect();
    if let [b, s, e, rest @ ..] = times.as_slice() {
        rules.day_boundary = *b;
        rules.late_start = *s;
        rules.late_end = *e;
        rules.bedtime = rest.first().copied();
    }

    let check = |at: WatchedAt| {
        let stored = at.to_stored();
        assert_eq!(
            WatchedAt::from_stored(&stored),
            Some(at),
            "{stored} does not read back"
        );
        let _ = at.film_night(&rules);
        let _ = at.late_night(&rules);
        let _ = at.sort_key();
        if let Some(m) = at.moment() {
            let _ = rules.ends_after_bedtime(&m, runtime);
        }
    };
    if let Ok(at) = parse_watch_time(input, &now) {
        check(at);
    }
    // Whatever a database may hold: stored text is read back, never trusted.
    if let Some(at) = WatchedAt::from_stored(input) {
        let _ = at.film_night(&rules);
        let _ = at.late_night(&rules);
        let _ = at.sort_key();
        if let Some(m) = at.moment() {
            let _ = rules.ends_after_bedtime(&m, runtime);
        }
    }
    let _ = rules.film_night(&now);
    let _ = rules.ends_after_bedtime(&now, runtime);
});

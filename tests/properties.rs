//! Property tests (proptest) for the parsers that read what people type or write: the config
//! file, watch times and `--now`, and moods with their critiques. None may panic, whatever the
//! input; config errors name the file and a line that exists. The case count is proptest's
//! default (256 per property); raise it with PROPTEST_CASES for a long run. Failing inputs are
//! kept in tests/properties.proptest-regressions and replayed first.

use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveTime, TimeZone};
use nightreel::config::Config;
use nightreel::mood::MoodResolver;
use nightreel::time::{Clock, NightRules, WatchedAt, parse_watch_time};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Config

fn config_line() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "day_boundary",
        "late_night_start",
        "late_night_end",
        "bedtime",
        "dir",
        "late",
        "time",
        "model",
        "time.bedtime",
        "\"day_boundary\"",
    ]);
    let value = prop_oneof![
        "\"[0-9]{1,3}:[0-9]{1,3}\"",
        "\"[ 0-9:]{0,8}\"",
        "\"\\PC{0,12}\"",
        "'\\PC{0,12}'",
        "\"\"\"(?s).{0,20}\"\"\"",
        any::<i64>().prop_map(|n| n.to_string()),
        Just("true".to_string()),
        Just("[\"05:00\", 1]".to_string()),
        Just("{ h = 5 }".to_string()),
        Just("1979-05-25T01:30:00Z".to_string()),
        "\\PC{0,10}",
    ];
    prop_oneof![
        4 => (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        2 => prop::sample::select(vec!["[time]", "[model]", "[[time]]", "[time", "[]", "[ti\u{301}me]"])
            .prop_map(str::to_string),
        1 => "#\\PC{0,20}",
        1 => "(?s).{0,30}",
    ]
}

fn config_text() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(vec!["\n", "\r\n", "\n\n", " \n"]);
    prop_oneof![
        3 => prop::collection::vec((config_line(), sep), 0..10)
            .prop_map(|ls| ls.into_iter().map(|(l, s)| l + s).collect()),
        1 => "(?s).{0,200}",
        1 => prop::collection::vec(any::<u8>(), 0..200)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

proptest! {
    #[test]
    fn config_parse_never_panics_and_errors_point_at_a_line(text in config_text()) {
        match Config::parse(&text, "fuzz.toml") {
            Ok(c) => {
                // The rules it produced work at any moment.
                let t = DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap();
                let _ = c.night.film_night(&t);
                let _ = c.night.ends_after_bedtime(&t, 120);
            }
            Err(e) => {
                let msg = e.to_string();
                let rest = msg.strip_prefix("fuzz.toml:");
                prop_assert!(rest.is_some(), "no file name: {msg}");
                let line: usize = rest
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or(0);
                let lines = text.split('\n').count();
                prop_assert!(line >= 1 && line <= lines, "line {line} of {lines}: {msg}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Time

fn moment() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        0i32..=9999,
        1u32..=12,
        1u32..=31,
        0u32..24,
        0u32..60,
        0u32..60,
        // UTC offsets in whole minutes, as RFC 3339 writes them (and as `--now` gives them).
        -1439i32..=1439,
    )
        .prop_filter_map("a valid moment", |(y, mo, d, h, mi, s, off)| {
            FixedOffset::east_opt(off * 60)?
                .with_ymd_and_hms(y, mo, d, h, mi, s)
                .single()
        })
}

fn clock_time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap())
}

fn rules() -> impl Strategy<Value = NightRules> {
    (
        clock_time(),
        clock_time(),
        clock_time(),
        prop::option::of(clock_time()),
    )
        .prop_map(|(day_boundary, late_start, late_end, bedtime)| NightRules {
            day_boundary,
            late_start,
            late_end,
            bedtime,
        })
}

fn time_text() -> impl Strategy<Value = String> {
    let n = || prop_oneof![0i64..100, any::<i64>(), Just(9999), Just(24), Just(60)];
    prop_oneof![
        (n(), n(), n(), n(), n()).prop_map(|(y, m, d, h, mi)| format!("{y}-{m}-{d} {h}:{mi}")),
        (n(), n(), n(), n(), n())
            .prop_map(|(y, m, d, h, mi)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}")),
        (n(), n(), n(), n(), n(), n(), n()).prop_map(|(y, m, d, h, mi, s, o)| {
            format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}+{o:02}:00")
        }),
        (n(), n()).prop_map(|(h, m)| format!("{h}:{m}")),
        (n(), n(), n()).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        "[+-]?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?)?(Z|[+-][0-9]{2}:[0-9]{2})?",
        "\\s*\\PC{0,30}\\s*",
        "(?s).{0,40}",
    ]
}

proptest! {
    #[test]
    fn watch_times_parse_without_panicking_and_round_trip(
        text in time_text(),
        now in moment(),
        rules in rules(),
        runtime in any::<u32>(),
    ) {
        match parse_watch_time(&text, &now) {
            Ok(at) => {
                let stored = at.to_stored();
                prop_assert_eq!(WatchedAt::from_stored(&stored), Some(at), "{}", stored);
                let _ = at.sort_key();
                let _ = at.film_night(&rules);
                let _ = at.late_night(&rules);
                if let Some(m) = at.moment() {
                    let _ = rules.ends_after_bedtime(&m, runtime);
                }
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        let _ = rules.film_night(&now);
        let _ = rules.is_late(&now);
        let _ = rules.ends_after_bedtime(&now, runtime);
    }

    #[test]
    fn now_option_never_panics(text in time_text()) {
        if let Ok(c) = Clock::from_option(Some(&text)) {
            let _ = c.now();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Moods

fn resolver() -> &'static MoodResolver {
    static R: OnceLock<MoodResolver> = OnceLock::new();
    R.get_or_init(|| MoodResolver::builtin().expect("built-in mood data"))
}

/// Words the resolver knows (tags, preset names, lexicon entries in both languages) and some
/// it cannot know, to be glued together in odd ways.
fn known_words() -> Vec<String> {
    let r = resolver();
    let mut v: Vec<String> = r.vocab.tags.iter().map(|t| t.name.clone()).collect();
    for p in &r.presets.list {
        v.extend([p.id.clone(), p.en.clone(), p.zh.clone(), p.label()]);
    }
    v.extend(r.lexicon.en.keys().cloned());
    v.extend(r.lexicon.zh.keys().cloned());
    v.extend(r.lexicon.stop_en.iter().cloned());
    v.extend(r.lexicon.stop_zh.iter().cloned());
    v.sort();
    v
}

fn mood_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(known_words()),
        1 => "\\PC{0,6}",
        1 => prop::sample::select(vec![
            " ", "-", "'", ",", "、", "　", "\u{301}", "İ", "ß", "\u{202E}", "\x1b[31m", "\0", "--",
        ]).prop_map(str::to_string),
    ];
    prop_oneof![
        4 => prop::collection::vec(piece, 0..10).prop_map(|p| p.concat()),
        1 => "(?s).{0,60}",
    ]
}

proptest! {
    #[test]
    fn moods_and_critiques_resolve_without_panicking(
        text in mood_text(),
        more in prop::collection::vec(mood_text(), 0..3),
        less in prop::collection::vec(mood_text(), 0..3),
    ) {
        let r = resolver();
        let q = r.resolve(&text);
        prop_assert_eq!(&q.text, &text);
        for (tag, w) in &q.tags {
            prop_assert!(w.is_finite() && *w > 0.0, "{tag}: {w}");
            prop_assert!(r.vocab.contains(tag), "{tag} is not a tag");
        }
        let q = r.critique(q, &more, &less);
        prop_assert_eq!(q.nudges.len(), more.len() + less.len());
        for (tag, w) in &q.tags {
            prop_assert!(w.is_finite(), "{tag}: {w}");
            prop_assert!(r.vocab.contains(tag), "{tag} is not a tag");
        }
        let _ = q.is_empty();
    }
}

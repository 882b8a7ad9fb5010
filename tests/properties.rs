//! Property tests (proptest) for the parsers that read what people type or write: the config
//! file, watch times and `--now`, moods with their critiques, and every importer. None may
//! panic, whatever the input; config and import errors name the file and a line that exists.
//! (The long runs are the cargo-fuzz targets in tests/fuzz.) The case count is proptest's
//! default (256 per property; raise it with PROPTEST_CASES for a long run), and a fixed
//! `IMPORT_CASES` for the importers, since each case builds a database. Failing inputs are
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
        // A tag is "less of it" only when the mood denies something ("no violence").
        let denies = q.nudges.iter().any(|n| n.sign < 0.0);
        for (tag, w) in &q.tags {
            prop_assert!(w.is_finite() && (*w > 0.0 || (denies && *w < 0.0)), "{tag}: {w}");
            prop_assert!(r.vocab.contains(tag), "{tag} is not a tag");
        }
        // The mood's own denials ("no violence") are critiques already.
        let own = q.nudges.len();
        let q = r.critique(q, &more, &less);
        prop_assert_eq!(q.nudges.len(), own + more.len() + less.len());
        for (tag, w) in &q.tags {
            prop_assert!(w.is_finite(), "{tag}: {w}");
            prop_assert!(r.vocab.contains(tag), "{tag} is not a tag");
        }
        let _ = q.is_empty();
    }
}

// ---------------------------------------------------------------------------------------------
// Importers: every format, fed tables made of plausible and hostile cells (quotes, delimiters,
// escapes, bidi controls, NUL, bytes that are not UTF-8, BOM, CRLF). The import (rolled back)
// never panics; it gives a summary whose rows add up and whose errors name the file and a
// line, or refuses the file naming it. Fewer cases than above: each one builds a database.

use nightreel::Error;
use nightreel::import::{self, Format};
use nightreel::store::Store;

fn cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "", "Stalker", "\"Mirror, The\"", "Mirror, The (Zerkalo) (1975)", "孤独的夜晚",
            "1979", "2024-01-01", "2024-02-30", "4.5", "7", "0", "\\N", "tt0000001", "nm0000001",
            "movie", "Yes", "[]", "\"[{\"\"name\"\": \"\"Drama\"\"}]\"", "https://boxd.it/a1",
            "https://letterboxd.com/u/film/stalker/", "Drama|Comedy", "1e308", "-1", "9",
            "\"", "\"\"", "\x1b]0;x\x07\x1b[31m", "\u{202E}gpj.exe\u{2066}", "\t", ";", ",",
        ])
        .prop_map(|s| s.as_bytes().to_vec()),
        1 => "\\PC{0,8}".prop_map(String::into_bytes),
        1 => prop::sample::select(vec![&b"Caf\xe9"[..], b"\0", b"\xff\xfe", b"\r", b"\n"])
            .prop_map(<[u8]>::to_vec),
    ]
}

/// A table: a header of this format's column names (shuffled, some missing or doubled), then
/// rows of cells, with the delimiter, line ends and BOM varied.
fn table(columns: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::subsequence(columns.to_vec(), 0..=columns.len()).prop_shuffle();
    let rows = prop::collection::vec(prop::collection::vec(cell(), 0..columns.len() + 2), 0..6);
    let delim = prop::sample::select(vec![&b","[..], b";", b"\t"]);
    let eol = prop::sample::select(vec![&b"\n"[..], b"\r\n"]);
    (header, rows, delim, eol, any::<bool>()).prop_map(|(header, rows, delim, eol, bom)| {
        let mut out = if bom {
            b"\xEF\xBB\xBF".to_vec()
        } else {
            Vec::new()
        };
        out.extend(header.join(std::str::from_utf8(delim).unwrap()).as_bytes());
        for row in rows {
            out.extend_from_slice(eol);
            out.extend(row.join(delim));
        }
        out.extend_from_slice(eol);
        out
    })
}

const LETTERBOXD: &[&str] = &[
    "Date",
    "Name",
    "Year",
    "Letterboxd URI",
    "Rating",
    "Rewatch",
    "Tags",
    "Watched Date",
    "Review",
];
const TMDB: &[&str] = &[
    "id",
    "title",
    "original_title",
    "release_date",
    "genres",
    "keywords",
    "runtime",
    "production_countries",
    "spoken_languages",
    "original_language",
    "vote_average",
    "vote_count",
];
const TMDB_CREDITS: &[&str] = &["movie_id", "title", "crew"];
const ML_MOVIES: &[&str] = &["movieId", "title", "genres"];
const ML_LINKS: &[&str] = &["movieId", "imdbId", "tmdbId"];
const IMDB_BASICS: &[&str] = &[
    "tconst",
    "titleType",
    "primaryTitle",
    "originalTitle",
    "isAdult",
    "startYear",
    "runtimeMinutes",
    "genres",
];
const IMDB_CREW: &[&str] = &["tconst", "directors"];

fn store() -> Store {
    Store::open_in_memory().expect("in-memory database")
}

/// The injected now of every import here.
fn fixed_now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").expect("a fixed moment")
}

/// Imports `files` (written to a new folder) with `format`, rolled back, and checks the result.
fn check_import(
    format: Format,
    files: &[(&str, &[u8])],
    target: &str,
) -> std::result::Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    let path = dir.path().join(target);
    match import::dry_run(&mut store(), format, &path, fixed_now(), &mut |_, _| {}) {
        Ok(s) => {
            prop_assert_eq!(s.read, s.imported + s.updated + s.skipped, "{:?}", s);
            prop_assert!(s.errors.len() <= s.skipped);
            for e in &s.errors {
                prop_assert!(names.iter().any(|n| e.file.ends_with(n)), "{:?}", e);
                // A JSON file not laid out one element a line has no line per element: its
                // errors name the element instead.
                let named = ["films[", "watches[", "watchlist[", "marks[", "viewing "]
                    .iter()
                    .any(|p| e.reason.starts_with(p));
                prop_assert!(e.line >= 1 || (format == Format::Json && named), "{:?}", e);
                prop_assert!(!e.reason.is_empty());
            }
        }
        Err(Error::Parse {
            file,
            line,
            message,
        }) => {
            prop_assert!(
                names.iter().any(|n| file.ends_with(n)),
                "{file}:{line}: {message}"
            );
            prop_assert!(line >= 1, "{file}:{line}: {message}");
        }
        Err(e @ Error::Io { .. }) => prop_assert!(!e.to_string().is_empty()),
        Err(e) => prop_assert!(false, "unexpected error: {e:?}"),
    }
    Ok(())
}

/// Cases per importer property (each builds an in-memory database and writes files).
const IMPORT_CASES: u32 = 48;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(IMPORT_CASES))]

    #[test]
    fn letterboxd_files_import_or_are_refused_cleanly(
        diary in table(LETTERBOXD),
        other in table(LETTERBOXD),
        which in prop::sample::select(vec!["ratings.csv", "watched.csv", "watchlist.csv", "reviews.csv", "likes/films.csv"]),
    ) {
        check_import(Format::Letterboxd, &[("diary.csv", &diary), (which, &other)], "")?;
    }

    #[test]
    fn tmdb_files_import_or_are_refused_cleanly(
        movies in table(TMDB),
        credits in table(TMDB_CREDITS),
    ) {
        check_import(
            Format::Tmdb,
            &[("tmdb_5000_movies.csv", &movies), ("tmdb_5000_credits.csv", &credits)],
            "",
        )?;
    }

    #[test]
    fn movielens_files_import_or_are_refused_cleanly(
        movies in table(ML_MOVIES),
        links in table(ML_LINKS),
    ) {
        check_import(Format::Movielens, &[("movies.csv", &movies), ("links.csv", &links)], "")?;
    }

    #[test]
    fn imdb_files_import_or_are_refused_cleanly(
        basics in table(IMDB_BASICS),
        crew in table(IMDB_CREW),
    ) {
        check_import(
            Format::Imdb,
            &[("title.basics.tsv", &basics), ("title.crew.tsv", &crew)],
            "",
        )?;
    }

    #[test]
    fn json_diaries_import_or_are_refused_cleanly(
        pieces in prop::collection::vec(prop_oneof![
            3 => prop::sample::select(vec![
                "{\"format\":\"nightreel-diary\",\"version\":1,", "\"films\":[", "\"watches\":[",
                "\"watchlist\":[", "\"marks\":[", "]", "],", "}", ",", "\n",
                "{\"id\":1,\"title\":\"Stalker\",\"year\":1979}",
                "{\"id\":1,\"film_id\":1,\"watched_at\":\"2026-11-25T01:30:00+08:00\",\"rating\":4.5}",
                "{\"id\":2,\"film_id\":1,\"watched_at\":\"+10000-01-01\",\"rating\":7}",
                "{\"film_id\":1,\"added_at\":\"2026-11-20T00:00:00Z\"}",
                "{\"film_id\":1,\"rating\":0.5,\"liked\":true}",
            ]).prop_map(|s| s.as_bytes().to_vec()),
            1 => cell(),
        ], 0..16),
    ) {
        let doc = pieces.concat();
        check_import(Format::Json, &[("diary.json", &doc)], "diary.json")?;
    }
}

// ---------------------------------------------------------------------------------------------
// Very long input: 100 KB of hostile text in every parser, answered at once and without a panic.

#[test]
fn hundred_kilobyte_inputs_are_parsed_or_refused() {
    let piece = "Evil\x1b]0;PWNED\x07\x1b[31m\u{202E}孤独 lonely slow-burn \0";
    let long = piece.repeat(100_000 / piece.len() + 1);
    let q = resolver().resolve(&long);
    assert!(q.weight("lonely") > 0.0, "{:?}", q.tags);
    // Errors quote the start of the value, not all of it.
    let short = |e: nightreel::Error| {
        let msg = e.to_string();
        assert!(msg.len() < 300, "a {}-byte message", msg.len());
        msg
    };
    let now = DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap();
    short(parse_watch_time(&long, &now).unwrap_err());
    short(parse_watch_time(&format!("+{}-01-01", "9".repeat(100_000)), &now).unwrap_err());
    short(Clock::from_option(Some(&long)).unwrap_err());
    let msg =
        short(Config::parse(&format!("[time]\nbedtime = \"{long}\"\n"), "c.toml").unwrap_err());
    assert!(msg.starts_with("c.toml:2:"), "{msg}");
    let msg = short(
        Config::parse(&format!("[time]\nafter_bedtime = \"{long}\"\n"), "c.toml").unwrap_err(),
    );
    assert!(msg.starts_with("c.toml:2:"), "{msg}");
}

thread_local! {
    /// A seeded library (its directory lives as long as the test process).
    static LIBRARY: nightreel::library::Library = {
        let dir = Box::leak(Box::new(tempfile::tempdir().expect("temp dir")));
        let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).expect("clock");
        nightreel::library::Library::open(&dir.path().join("p.db"), Config::default(), clock)
            .expect("library")
            .0
    };
}

fn fact_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => prop::sample::select(vec![
            "under", "over", "not", "no", "longer", "than", "90", "1.5", "1h30", "2h", "an",
            "hour", "hours", "minutes", "min", "or", "less", "more", "max", "+", "<", "for",
            "kids", "family", "movie", "night", "like", "by", "kubrick's", "lynchian", "wong",
            "kar-wai", "vibes", "Stone", "hong", "kong", "lonley", "scray", "两小时以内", "不超过",
            "一个半小时", "90分钟以上", "合家欢", "不", "分钟",
        ]).prop_map(str::to_string),
        1 => mood_text(),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn moods_with_lengths_audiences_names_and_typos_resolve_and_rank(text in fact_text()) {
        LIBRARY.with(|lib| {
            let q = lib.mood(&text);
            if let Some(r) = q.runtime {
                prop_assert!(r.min.is_some() || r.max.is_some());
            }
            for (typed, read) in &q.corrections {
                prop_assert!(typed != read);
            }
            let recs = lib.recommend(&q, 5).expect("ranking");
            for r in &recs {
                let f = lib.film(r.film_id).expect("a film of the library");
                // What the mood asks is kept when any film fits it.
                if lib.films().iter().any(|g| q.fits_facts(g)) {
                    prop_assert!(q.fits_facts(f), "{}: {:?}", f.title, q);
                }
            }
            Ok(())
        })?;
    }
}

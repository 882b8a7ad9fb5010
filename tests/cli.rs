//! End-to-end tests of the command-line contract (DESIGN.md, "CLI contract"): they run the
//! built binary against a database in a temporary directory, with the clock fixed by `--now`
//! and every user directory (config, data, state) pointed into the temporary directory.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

/// The fixed "now" of every test: 01:30 on a Wednesday night in UTC+8.
const NOW: &str = "2026-11-25T01:30:00+08:00";

/// A private world for one test: a temporary home, a database path that does not exist yet
/// and a config path that never exists.
struct World {
    dir: TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("data").join("nightreel.db");
        World { dir, db }
    }

    /// A command with a clean environment: no real config, data or state directory is used.
    fn base(&self) -> Command {
        let home = self.dir.path().join("home");
        let mut c = Command::new(env!("CARGO_BIN_EXE_nightreel"));
        c.env_remove("NIGHTREEL_DB")
            .env_remove("NIGHTREEL_NOW")
            .env_remove("NIGHTREEL_LOG")
            .env(
                "NIGHTREEL_CONFIG",
                self.dir.path().join("no-such-config.toml"),
            )
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("NO_COLOR", "1")
            // Times typed without an offset take the machine's zone when `now` is local
            // there: UTC here, so the tests' +08:00 clock lends its own offset.
            .env("TZ", "UTC");
        c
    }

    /// `nightreel --db DB --now NOW ARGS...`
    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        let mut c = self.base();
        c.arg("--db").arg(db).arg("--now").arg(NOW).args(args);
        c.output().expect("run nightreel")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db, args)
    }

    /// Runs and asserts exit 0.
    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_success(&out, args);
        out
    }

    /// Runs, asserts exit 0 and parses stdout as JSON.
    fn json(&self, args: &[&str]) -> Value {
        let out = self.ok(args);
        parse_json(&out, args)
    }

    fn json_on(&self, db: &Path, args: &[&str]) -> Value {
        let out = self.run_on(db, args);
        assert_success(&out, args);
        parse_json(&out, args)
    }

    fn diary(&self) -> Vec<Value> {
        as_array(self.json(&["diary", "--json"]))
    }

    /// Logs a film at a time and returns the `log --json` object.
    fn log(&self, title: &str, extra: &[&str]) -> Value {
        let mut args = vec!["log", title, "--json"];
        args.extend_from_slice(extra);
        self.json(&args)
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_success(out: &Output, args: &[&str]) {
    assert!(
        out.status.success(),
        "nightreel {args:?} failed ({:?})\nstdout:\n{}\nstderr:\n{}",
        out.status.code(),
        stdout(out),
        stderr(out)
    );
}

fn assert_exit(out: &Output, code: i32, args: &[&str]) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "nightreel {args:?}: expected exit {code}\nstdout:\n{}\nstderr:\n{}",
        stdout(out),
        stderr(out)
    );
}

fn parse_json(out: &Output, args: &[&str]) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "nightreel {args:?}: stdout is not JSON ({e}):\n{}",
            stdout(out)
        )
    })
}

fn as_array(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        other => panic!("expected a JSON array, got {other}"),
    }
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("expected a JSON object, got {v}"))
        .keys()
        .cloned()
        .collect()
}

fn key_set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn title_of(v: &Value) -> &str {
    v["title"].as_str().unwrap_or_default()
}

fn id_of(v: &Value) -> i64 {
    v["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no integer id in {v}"))
}

fn number_of_films(catalog_len: usize) -> i64 {
    i64::try_from(catalog_len).expect("count fits")
}

// ---------------------------------------------------------------------------------------------
// First run, moods, search
// ---------------------------------------------------------------------------------------------

#[test]
fn first_run_creates_the_database_and_says_where() {
    let w = World::new();
    assert!(!w.db.exists());
    let out = w.ok(&["diary", "--json"]);
    assert!(
        w.db.exists(),
        "the first run should create {}",
        w.db.display()
    );
    let err = stderr(&out);
    assert!(
        err.contains(&w.db.display().to_string()),
        "stderr should name the new database:\n{err}"
    );
    assert!(err.contains("created"), "stderr: {err}");
    assert_eq!(as_array(parse_json(&out, &["diary"])).len(), 0);
    // stdout stays clean JSON; the second run is silent on stderr about creating.
    let again = w.ok(&["diary", "--json"]);
    assert!(
        !stderr(&again).contains("created"),
        "second run: {}",
        stderr(&again)
    );
}

#[test]
fn moods_json_lists_bilingual_presets() {
    let w = World::new();
    let moods = as_array(w.json(&["moods", "--json"]));
    assert!(moods.len() >= 16, "{} presets", moods.len());
    let mut zh = BTreeSet::new();
    let mut en = BTreeSet::new();
    for m in &moods {
        for field in ["en", "zh"] {
            let s = m[field].as_str().unwrap_or_default();
            assert!(!s.trim().is_empty(), "preset without {field}: {m}");
        }
        let tags = m["tags"].as_array().unwrap_or_else(|| panic!("tags: {m}"));
        assert!(!tags.is_empty(), "preset without tags: {m}");
        assert!(
            tags.iter()
                .all(|t| t.as_str().is_some_and(|s| !s.is_empty()))
        );
        zh.insert(m["zh"].as_str().unwrap_or_default().to_string());
        en.insert(m["en"].as_str().unwrap_or_default().to_lowercase());
    }
    for want in ["压抑", "悸动", "疏离", "恍然", "潮湿", "焦灼", "空转"] {
        assert!(zh.contains(want), "no preset named {want}; have {zh:?}");
    }
    for want in ["slow-burn loneliness", "explosive catharsis", "quiet awe"] {
        assert!(en.contains(want), "no preset named {want}; have {en:?}");
    }
}

#[test]
fn search_is_accent_insensitive_with_the_documented_shape() {
    let w = World::new();
    for query in ["amelie", "AMELIE", "Amélie"] {
        let hits = as_array(w.json(&["search", query, "--json"]));
        let amelie = hits
            .iter()
            .find(|h| title_of(h) == "Amélie" && h["year"] == 2001)
            .unwrap_or_else(|| panic!("search {query:?} should find Amélie (2001): {hits:?}"));
        assert_eq!(
            keys(amelie),
            key_set(&["id", "title", "year", "directors", "score"])
        );
        assert!(amelie["id"].is_i64());
        assert!(amelie["score"].is_number());
        let dirs = amelie["directors"].as_array().expect("directors array");
        assert!(
            dirs.iter()
                .any(|d| d.as_str().is_some_and(|s| s.contains("Jeunet"))),
            "{amelie}"
        );
    }
    let limited = as_array(w.json(&["search", "the", "--limit", "3", "--json"]));
    assert!(limited.len() <= 3, "--limit 3 gave {}", limited.len());
}

// ---------------------------------------------------------------------------------------------
// log
// ---------------------------------------------------------------------------------------------

#[test]
fn log_json_has_the_film_night_and_keeps_the_offset() {
    let w = World::new();
    let logged = w.log(
        "In the Mood for Love",
        &["--at", "2026-11-25T01:30:00+08:00"],
    );
    assert_eq!(
        keys(&logged),
        key_set(&[
            "watch_id",
            "film_id",
            "title",
            "year",
            "watched_at",
            "film_night",
            "late_night"
        ])
    );
    assert_eq!(logged["title"], "In the Mood for Love");
    assert_eq!(logged["year"], 2000);
    assert!(logged["watch_id"].is_i64() && logged["film_id"].is_i64());
    assert_eq!(logged["film_night"], "2026-11-24");
    assert_eq!(logged["late_night"], true);
    let at = logged["watched_at"].as_str().expect("watched_at string");
    assert!(at.starts_with("2026-11-25T01:30:00"), "{at}");
    assert!(at.ends_with("+08:00"), "the offset must be kept: {at}");

    // Without --at the injected clock is used, never the real one.
    let now = w.log("Chungking Express", &[]);
    assert_eq!(now["watched_at"], NOW);
    assert_eq!(now["film_night"], "2026-11-24");
    assert_eq!(now["late_night"], true);

    // An evening watch in another offset: same local date, not late.
    let evening = w.log("Stalker", &["--at", "2026-11-20T19:15:00-05:00"]);
    assert_eq!(evening["film_night"], "2026-11-20");
    assert_eq!(evening["late_night"], false);
    assert!(
        evening["watched_at"]
            .as_str()
            .is_some_and(|s| s.ends_with("-05:00")),
        "{evening}"
    );
}

#[test]
fn log_with_a_malformed_time_is_refused_and_changes_nothing() {
    let w = World::new();
    w.log("Her", &["--at", "2026-11-24T23:00:00+08:00"]);
    let before = w.diary();
    for bad in [
        "25/11/2026 1:30",
        "2026-13-45T99:00:00+08:00",
        "yesterday-ish",
        // Later than now (01:30 on the 25th, UTC+8), as the log dialog refuses too: a year
        // typed wrong would sit at the top of the diary.
        "2062-11-24T23:00:00+08:00",
        "2026-11-25T03:00:00+08:00",
        "2026-11-25T01:00:00-05:00",
        "2026-11-26",
    ] {
        let args = ["log", "Drive", "--at", bad, "--json"];
        let out = w.run(&args);
        assert_exit(&out, 2, &args);
        assert!(
            stderr(&out).contains(bad),
            "the message should name {bad:?}:\n{}",
            stderr(&out)
        );
        assert!(stdout(&out).trim().is_empty(), "stdout: {}", stdout(&out));
    }
    assert_eq!(w.diary(), before);
}

#[test]
fn unknown_film_exits_2_with_candidates() {
    let w = World::new();
    w.ok(&["diary"]);
    let args = ["log", "Chungking Expres", "--json"];
    let out = w.run(&args);
    assert_exit(&out, 2, &args);
    let err = stderr(&out);
    assert!(err.contains("Chungking Expres"), "{err}");
    assert!(
        err.contains("Chungking Express (1994)"),
        "the candidates should be listed:\n{err}"
    );
    let args = ["log", "Qxzv Wjkq Plmbrt", "--json"];
    let out = w.run(&args);
    assert_exit(&out, 2, &args);
    assert!(
        stderr(&out).contains("Qxzv Wjkq Plmbrt"),
        "{}",
        stderr(&out)
    );
    assert!(w.diary().is_empty());
}

#[test]
fn ambiguous_title_exits_2_and_year_chooses() {
    // Only if the seed catalog has two films sharing one title; none is constructed.
    let catalog = nightreel::catalog::SeedCatalog::builtin().expect("seed catalog");
    let mut by_title: HashMap<String, Vec<(String, i32)>> = HashMap::new();
    for (_, f) in &catalog.films {
        by_title
            .entry(nightreel::text::title_key(&f.title))
            .or_default()
            .push((f.title.to_string(), f.year.unwrap_or(0)));
    }
    let mut shared: Vec<&Vec<(String, i32)>> = by_title.values().filter(|v| v.len() > 1).collect();
    shared.sort();
    let Some(films) = shared.first() else {
        println!("no two seed films share a title; ambiguity is not exercised");
        eprintln!("no two seed films share a title; ambiguity is not exercised");
        return;
    };
    let w = World::new();
    let title = films[0].0.clone();
    let args = ["log", title.as_str(), "--json"];
    let out = w.run(&args);
    assert_exit(&out, 2, &args);
    let err = stderr(&out);
    for (_, year) in films.iter() {
        assert!(
            err.contains(&year.to_string()),
            "candidate years listed:\n{err}"
        );
    }
    assert!(w.diary().is_empty());
    let year = films[0].1.to_string();
    let logged = w.log(&title, &["--year", &year]);
    assert_eq!(logged["year"], films[0].1);
}

#[test]
fn ratings_must_be_half_stars() {
    let w = World::new();
    w.ok(&["diary"]);
    for bad in ["3.3", "0", "5.5", "4.25", "four"] {
        let args = ["log", "Perfect Days", "--rating", bad, "--json"];
        let out = w.run(&args);
        assert_exit(&out, 2, &args);
        assert!(stderr(&out).contains(bad), "{}", stderr(&out));
    }
    assert!(w.diary().is_empty());
    w.log("Perfect Days", &["--rating", "3.5", "--liked"]);
    let diary = w.diary();
    assert_eq!(diary.len(), 1);
    assert_eq!(diary[0]["rating"], 3.5);
    assert_eq!(diary[0]["liked"], true);
}

// ---------------------------------------------------------------------------------------------
// diary
// ---------------------------------------------------------------------------------------------

#[test]
fn diary_json_is_newest_first_with_the_logged_rows() {
    let w = World::new();
    // Logged out of order; one in another offset. By the instant:
    // Casablanca 2026-11-20T22:00Z > Blade Runner 2026-11-20T21:30Z > Solaris 2026-11-18T12:00Z.
    let a = w.log(
        "Solaris",
        &["--year", "1972", "--at", "2026-11-18T20:00:00+08:00"],
    );
    let b = w.log("Casablanca", &["--at", "2026-11-20T23:00:00+01:00"]);
    let c = w.log(
        "Blade Runner",
        &["--year", "1982", "--at", "2026-11-21T05:30:00+08:00"],
    );
    let diary = w.diary();
    assert_eq!(diary.len(), 3);
    let ids: Vec<i64> = diary
        .iter()
        .map(|v| v["watch_id"].as_i64().unwrap())
        .collect();
    let want: Vec<i64> = [&b, &c, &a]
        .iter()
        .map(|v| v["watch_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, want, "newest first: {diary:#?}");
    for (row, logged) in diary.iter().zip([&b, &c, &a]) {
        for k in [
            "watch_id",
            "film_id",
            "title",
            "year",
            "watched_at",
            "film_night",
            "late_night",
        ] {
            assert_eq!(row[k], logged[k], "{k} differs between log and diary");
        }
    }
    assert_eq!(diary[1]["film_night"], "2026-11-21");
    assert_eq!(diary[1]["late_night"], false);
}

#[test]
fn diary_since_filters_by_film_night() {
    let w = World::new();
    w.log("Before Sunrise", &["--at", "2026-11-10T21:00:00+08:00"]);
    w.log("Before Sunset", &["--at", "2026-11-20T22:30:00+08:00"]);
    w.log("Before Midnight", &["--at", "2026-11-25T01:30:00+08:00"]);
    let titles = |since: &str| -> Vec<String> {
        as_array(w.json(&["diary", "--since", since, "--json"]))
            .iter()
            .map(|v| title_of(v).to_string())
            .collect()
    };
    assert_eq!(titles("2026-11-01").len(), 3);
    assert_eq!(titles("2026-11-20"), ["Before Midnight", "Before Sunset"]);
    // The 01:30 viewing belongs to the film night of the 24th.
    assert_eq!(titles("2026-11-24"), ["Before Midnight"]);
    assert!(titles("2026-11-25").is_empty());
    let args = ["diary", "--since", "last tuesday", "--json"];
    let out = w.run(&args);
    assert_exit(&out, 2, &args);
    assert!(stderr(&out).contains("last tuesday"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// recommend
// ---------------------------------------------------------------------------------------------

fn recommend(w: &World, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["recommend"];
    all.extend_from_slice(args);
    all.push("--json");
    as_array(w.json(&all))
}

#[test]
fn recommend_preset_json_shape() {
    let w = World::new();
    let recs = recommend(&w, &["--preset", "quiet-awe"]);
    assert!(!recs.is_empty(), "quiet-awe gave nothing");
    assert!(recs.len() <= 10, "the default limit is 10: {}", recs.len());
    let want = key_set(&[
        "id",
        "title",
        "year",
        "directors",
        "score",
        "mood_fit",
        "taste_fit",
        "why",
        "ends_by",
        "after_bedtime",
    ]);
    let mut last = f64::INFINITY;
    for r in &recs {
        assert_eq!(keys(r), want);
        assert!(r["id"].is_i64() && r["directors"].is_array() && r["why"].is_string());
        let score = r["score"].as_f64().expect("score");
        assert!(r["mood_fit"].as_f64().expect("mood_fit") > 0.0, "{r}");
        assert!(r["taste_fit"].is_number());
        assert!(score <= last + 1e-6, "sorted by score: {recs:#?}");
        last = score;
    }
    let ids: BTreeSet<i64> = recs.iter().map(id_of).collect();
    assert_eq!(ids.len(), recs.len(), "no film twice");
    // The English name works as well as the id.
    let by_name = recommend(&w, &["--preset", "Quiet awe"]);
    assert_eq!(by_name, recs);
    assert!(recommend(&w, &["--preset", "quiet-awe", "--limit", "3"]).len() <= 3);
    let args = ["recommend", "--preset", "no-such-preset", "--json"];
    assert_exit(&w.run(&args), 2, &args);
}

#[test]
fn recommend_says_what_it_understood_once_with_the_critiques() {
    let w = World::new();
    let out = w.ok(&[
        "recommend",
        "--mood",
        "samurai 武士 revenge",
        "--less",
        "潜艇",
        "--limit",
        "1",
    ]);
    let first = stdout(&out).lines().next().unwrap_or_default().to_string();
    assert_eq!(
        first,
        "mood: revenge, samurai, less submarine",
        "{}",
        stdout(&out)
    );
}

#[test]
fn recommend_understands_a_chinese_mood() {
    let w = World::new();
    let recs = recommend(&w, &["--mood", "孤独的夜晚"]);
    assert!(!recs.is_empty(), "孤独的夜晚 gave no films");
    assert!(recs.iter().all(|r| r["mood_fit"].as_f64() > Some(0.0)));
}

#[test]
fn recommendations_change_after_logging() {
    let w = World::new();
    let mood = ["--preset", "slow-burn-loneliness", "--limit", "10"];
    let before = recommend(&w, &mood);
    assert!(before.len() >= 3, "too few results: {before:#?}");
    assert!(
        before
            .iter()
            .all(|r| !r["why"].as_str().unwrap_or("").contains("because")),
        "an empty diary pulls nothing up: {before:#?}"
    );
    // Watch the top two tonight, liked.
    let mut logged = Vec::new();
    for (r, at) in before
        .iter()
        .take(2)
        .zip(["2026-11-24T23:40:00+08:00", "2026-11-25T01:05:00+08:00"])
    {
        let year = r["year"].to_string();
        let l = w.log(title_of(r), &["--year", &year, "--at", at, "--liked"]);
        assert_eq!(l["film_id"], r["id"]);
        logged.push((id_of(r), title_of(r).to_string(), at[11..16].to_string()));
    }
    let after = recommend(&w, &mood);
    assert!(!after.is_empty());
    assert_ne!(before, after, "the list should change after logging");
    for (id, title, _) in &logged {
        assert!(
            after.iter().all(|r| id_of(r) != *id),
            "{title}, just watched, should drop out: {after:#?}"
        );
    }
    let becauses: Vec<&str> = after
        .iter()
        .filter_map(|r| r["why"].as_str())
        .filter(|s| s.contains("because you watched"))
        .collect();
    assert!(
        becauses.iter().any(|why| logged
            .iter()
            .any(|(_, t, hm)| why.contains(&format!("because you watched {t} at {hm}")))),
        "some result should say which viewing pulled it up: {after:#?}"
    );
}

/// At least two Toy Story sequels are among `recs`, and each one's "why" passes `why`.
fn toy_story_sequels_say(recs: &[Value], why: impl Fn(&str) -> bool) {
    let sequels: Vec<&Value> = recs
        .iter()
        .filter(|r| title_of(r).starts_with("Toy Story "))
        .collect();
    assert!(
        sequels.len() >= 2,
        "the Toy Story sequels should be among the first 20: {recs:#?}"
    );
    for r in sequels {
        assert!(r["why"].as_str().is_some_and(&why), "{r:#?}");
    }
}

#[test]
fn the_rest_of_a_series_comes_up_with_its_reason() {
    // People watch in runs: after Toy Story, the sequels, and the reason names the film.
    let w = World::new();
    w.log(
        "Toy Story",
        &[
            "--year",
            "1995",
            "--at",
            "2026-11-23T23:10:00+01:00",
            "--rating",
            "4.5",
        ],
    );
    let args = ["recommend", "--limit", "20", "--json"];
    let recs = as_array(w.json(&args));
    toy_story_sequels_say(&recs, |why| {
        why.contains("because you watched Toy Story at 23:10")
    });
    assert!(
        recs.iter().all(|r| title_of(r) != "Toy Story"),
        "the film just watched is not recommended again: {recs:#?}"
    );
}

#[test]
fn films_of_a_series_already_seen_are_not_its_rest() {
    // Toy Story and Toy Story 2 seen months ago: the rest of the series comes up, not them.
    let w = World::new();
    for (year, at) in [
        ("1995", "2026-08-01T21:00:00+08:00"),
        ("1999", "2026-08-08T21:00:00+08:00"),
    ] {
        let title = if year == "1995" {
            "Toy Story"
        } else {
            "Toy Story 2"
        };
        w.log(title, &["--year", year, "--at", at, "--rating", "4.5"]);
    }
    let recs = recommend(&w, &["--limit", "20"]);
    let titles: Vec<&str> = recs.iter().map(title_of).collect();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("Toy Story ") && *t != "Toy Story 2"),
        "{titles:?}"
    );
    assert!(
        !titles.contains(&"Toy Story") && !titles.contains(&"Toy Story 2"),
        "{titles:?}"
    );
}

#[test]
fn films_rated_on_letterboxd_without_a_diary_entry_shape_the_list() {
    // Many Letterboxd users rate far more films than they log: ratings.csv and watched.csv
    // without a diary. Those films are taste, they are not offered again, and the reason
    // given names the film without a made-up time.
    let w = World::new();
    let export = w.dir.path().join("letterboxd");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\n2026-03-02,Toy Story,1995,https://boxd.it/1,5\n",
    )
    .unwrap();
    std::fs::write(
        export.join("watched.csv"),
        "Date,Name,Year,Letterboxd URI\n2026-03-02,Toy Story,1995,https://boxd.it/1\n",
    )
    .unwrap();
    let summary = w.json(&["import", "letterboxd", export.to_str().unwrap(), "--json"]);
    assert_eq!(summary["errors"], serde_json::json!([]), "{summary:#}");
    assert!(w.diary().is_empty(), "no viewing was made up");
    let recs = recommend(&w, &["--limit", "20"]);
    // The rated film pulls up its sequels with no mood and no diary.
    toy_story_sequels_say(&recs, |why| why == "because you watched Toy Story");
    assert!(
        recs.iter().all(|r| title_of(r) != "Toy Story"),
        "a film already seen is not offered: {recs:#?}"
    );
}

#[test]
fn without_a_mood_a_film_no_viewing_pulls_up_is_there_because_it_is_widely_seen() {
    let w = World::new();
    let header = "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count\n";
    let row = |id: u32, genre: &str, title: &str, votes: u32| {
        format!(
            "0,\"[{{\"\"id\"\": 1, \"\"name\"\": \"\"{genre}\"\"}}]\",,{id},[],en,{title},x,1.0,[],[],1999-01-01,0,100.0,[],Released,,{title},7.0,{votes}\n"
        )
    };
    let csv = w.dir.path().join("tmdb_5000_movies.csv");
    std::fs::write(
        &csv,
        format!(
            "{header}{}{}",
            row(900001, "Action", "Loud Blockbuster", 20000),
            row(900002, "Action", "Quiet Obscurity", 3)
        ),
    )
    .unwrap();
    let summary = w.json(&["import", "tmdb", csv.to_str().unwrap(), "--json"]);
    assert_eq!(summary["errors"], serde_json::json!([]), "{summary:#}");
    w.log(
        "Tokyo Story",
        &["--at", "2026-11-24T22:10:00+08:00", "--rating", "5"],
    );
    let recs = recommend(&w, &["--limit", "50"]);
    let why = |title: &str| {
        recs.iter()
            .find(|r| title_of(r) == title)
            .map(|r| r["why"].as_str().unwrap_or_default().to_string())
    };
    assert_eq!(
        why("Loud Blockbuster").as_deref(),
        Some("widely seen"),
        "{recs:#?}"
    );
    assert!(
        why("Quiet Obscurity").is_none_or(|w| !w.contains("widely seen")),
        "{recs:#?}"
    );
    // With a mood, the mood words are the reason.
    let recs = recommend(&w, &["--mood", "thrilling", "--limit", "200"]);
    assert!(
        recs.iter().all(|r| !r["why"]
            .as_str()
            .unwrap_or_default()
            .contains("widely seen")),
        "{recs:#?}"
    );
}

// ---------------------------------------------------------------------------------------------
// db
// ---------------------------------------------------------------------------------------------

#[test]
fn db_path_prints_the_path_without_creating() {
    let w = World::new();
    let out = w.ok(&["db", "path"]);
    assert_eq!(stdout(&out).trim(), w.db.display().to_string());
    assert!(!w.db.exists(), "db path should not create the database");
}

#[test]
fn db_check_json_is_ok_and_counts_the_seed() {
    let w = World::new();
    w.log("2046", &["--at", "2026-11-24T22:10:00+08:00"]);
    let check = w.json(&["db", "check", "--json"]);
    assert_eq!(check["ok"], true, "{check}");
    let catalog = nightreel::catalog::SeedCatalog::builtin().expect("seed catalog");
    assert_eq!(check["films"], number_of_films(catalog.films.len()));
    assert_eq!(check["watches"], 1);
    assert!(check["schema_version"].as_i64() > Some(0));
    // Human output too.
    let out = w.ok(&["db", "check"]);
    assert!(stdout(&out).contains("ok"), "{}", stdout(&out));
}

#[test]
fn db_init_empty_creates_a_database_without_films() {
    let w = World::new();
    w.ok(&["db", "init", "--empty"]);
    assert!(w.db.exists());
    let check = w.json(&["db", "check", "--json"]);
    assert_eq!(check["ok"], true);
    assert_eq!(check["films"], 0);
    // Other commands do not seed it behind the user's back.
    assert!(as_array(w.json(&["search", "amelie", "--json"])).is_empty());
    assert_eq!(w.json(&["db", "check", "--json"])["films"], 0);
}

#[test]
fn db_init_refuses_an_existing_file() {
    let w = World::new();
    let out = w.ok(&["db", "init"]);
    assert!(w.db.exists(), "{}", stderr(&out));
    let films = w.json(&["db", "check", "--json"])["films"].clone();
    assert!(films.as_i64() > Some(0));
    let before = std::fs::read(&w.db).unwrap();
    for args in [&["db", "init"][..], &["db", "init", "--empty"][..]] {
        let out = w.run(args);
        assert_exit(&out, 1, args);
        assert!(!stderr(&out).trim().is_empty());
    }
    assert_eq!(std::fs::read(&w.db).unwrap(), before);
    assert_eq!(w.json(&["db", "check", "--json"])["films"], films);
}

#[test]
fn a_file_that_is_not_sqlite_is_left_alone() {
    let w = World::new();
    let dir = w.db.parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    let notes = b"my precious notes\nline two\n".to_vec();
    std::fs::write(&w.db, &notes).unwrap();
    for args in [
        &["diary", "--json"][..],
        &["search", "amelie", "--json"][..],
        &["log", "Her", "--json"][..],
        &["recommend", "--preset", "quiet-awe", "--json"][..],
        &["db", "check", "--json"][..],
        &["db", "backup", "/nonexistent-dir/x.db"][..],
    ] {
        let out = w.run(args);
        assert_exit(&out, 1, args);
        assert!(
            stderr(&out).contains("not a nightreel database"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&w.db).unwrap(), notes, "{args:?} changed it");
    }
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 1, "nothing is created beside it: {files:?}");
}

#[test]
fn a_database_from_a_newer_version_is_left_alone() {
    let w = World::new();
    std::fs::create_dir_all(w.db.parent().unwrap()).unwrap();
    {
        let c = rusqlite::Connection::open(&w.db).unwrap();
        c.execute_batch(&format!(
            "PRAGMA application_id = {}; PRAGMA user_version = 99;
             CREATE TABLE future(x); INSERT INTO future VALUES ('keep me');",
            0x4E52_656C_i64
        ))
        .unwrap();
        let id: i64 = c
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap();
        assert_eq!(id, 0x4E52_656C);
    }
    let before = std::fs::read(&w.db).unwrap();
    for args in [
        &["diary", "--json"][..],
        &["log", "Her", "--json"][..],
        &["db", "check", "--json"][..],
    ] {
        let out = w.run(args);
        assert_exit(&out, 1, args);
        assert!(stderr(&out).contains("newer"), "{args:?}: {}", stderr(&out));
        assert_eq!(std::fs::read(&w.db).unwrap(), before, "{args:?} changed it");
    }
}

#[test]
fn nightreel_db_env_works_like_the_flag() {
    let w = World::new();
    let env_db = w.dir.path().join("elsewhere").join("env.db");
    let run = |args: &[&str]| -> Output {
        let mut c = w.base();
        c.env("NIGHTREEL_DB", &env_db)
            .env("NIGHTREEL_NOW", NOW)
            .args(args);
        c.output().expect("run nightreel")
    };
    let out = run(&["db", "path"]);
    assert_success(&out, &["db", "path"]);
    assert_eq!(stdout(&out).trim(), env_db.display().to_string());
    let out = run(&["log", "Paris, Texas", "--json"]);
    assert_success(&out, &["log"]);
    assert!(env_db.exists());
    let logged = parse_json(&out, &["log"]);
    assert_eq!(logged["watched_at"], NOW, "NIGHTREEL_NOW is the clock");
    // The same database through --db.
    let diary = as_array(w.json_on(&env_db, &["diary", "--json"]));
    assert_eq!(diary.len(), 1);
    assert_eq!(diary[0]["title"], "Paris, Texas");
    // --db wins over the environment.
    let mut c = w.base();
    c.env("NIGHTREEL_DB", &env_db)
        .arg("--db")
        .arg(&w.db)
        .arg("--now")
        .arg(NOW)
        .args(["diary", "--json"]);
    let out = c.output().unwrap();
    assert_success(&out, &["diary"]);
    assert!(as_array(parse_json(&out, &["diary"])).is_empty());
    assert!(w.db.exists());
}

#[test]
fn db_backup_writes_a_database_that_checks_ok() {
    let w = World::new();
    w.log("Taxi Driver", &["--at", "2026-11-24T23:55:00+08:00"]);
    w.log("Spirited Away", &["--at", "2026-11-24T20:00:00+08:00"]);
    let backup = w.dir.path().join("backup.db");
    let arg = backup.display().to_string();
    w.ok(&["db", "backup", &arg]);
    assert!(backup.exists());
    let check = w.json_on(&backup, &["db", "check", "--json"]);
    assert_eq!(check["ok"], true, "{check}");
    assert_eq!(check["watches"], 2);
    assert_eq!(
        check["films"],
        w.json(&["db", "check", "--json"])["films"],
        "the backup holds the whole catalog"
    );
    let diary = as_array(w.json_on(&backup, &["diary", "--json"]));
    assert_eq!(diary.len(), 2);
    assert_eq!(diary[0]["title"], "Taxi Driver");
    // A second backup to the same path does not overwrite it.
    let before = std::fs::read(&backup).unwrap();
    let args = ["db", "backup", arg.as_str()];
    let out = w.run(&args);
    assert!(!out.status.success(), "backup over an existing file");
    assert_eq!(std::fs::read(&backup).unwrap(), before);
}

#[test]
fn a_malformed_now_is_bad_usage() {
    let w = World::new();
    let mut c = w.base();
    c.arg("--db")
        .arg(&w.db)
        .args(["--now", "tonight", "diary", "--json"]);
    let out = c.output().unwrap();
    assert_exit(&out, 2, &["--now", "tonight"]);
    assert!(stderr(&out).contains("tonight"), "{}", stderr(&out));
    assert!(!w.db.exists());
}

#[test]
fn export_catalog_writes_every_film_as_json_lines() {
    let w = World::new();
    let out_path = w.dir.path().join("catalog.jsonl");
    w.ok(&["export", "catalog", out_path.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out_path).unwrap();
    let check = w.json(&["db", "check", "--json"]);
    let films = check["films"].as_i64().expect("db check --json has films");
    assert_eq!(text.lines().count() as i64, films);
    let want = key_set(&[
        "id",
        "title",
        "original_title",
        "year",
        "directors",
        "countries",
        "languages",
        "runtime",
        "genres",
        "tags",
        "keywords",
        "tmdb_id",
        "imdb_id",
    ]);
    let mut seen = BTreeSet::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(keys(&v), want);
        seen.insert(id_of(&v));
    }
    assert_eq!(seen.len() as i64, films, "ids are unique");
    let chungking = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| title_of(v) == "Chungking Express")
        .unwrap();
    assert_eq!(chungking["original_title"], "重慶森林");
    assert_eq!(chungking["countries"][0], "HK");
    // A directory is refused with exit 1 and nothing is written.
    let out = w.run(&["export", "catalog", w.dir.path().to_str().unwrap()]);
    assert_exit(&out, 1, &["export", "catalog", "DIR"]);
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
}

#[test]
fn bedtime_marks_or_hides_films_that_would_end_too_late() {
    let w = World::new();
    let cfg = w.dir.path().join("bed.toml");
    let run = |extra: &str| {
        std::fs::write(&cfg, format!("[time]\nbedtime = \"02:30\"\n{extra}")).unwrap();
        let mut c = w.base();
        c.env("NIGHTREEL_CONFIG", &cfg)
            .arg("--db")
            .arg(&w.db)
            .arg("--now")
            .arg(NOW)
            .args(["recommend", "--mood", "quiet awe", "--limit", "8", "--json"]);
        let out = c.output().unwrap();
        assert_success(&out, &["recommend (bedtime)"]);
        as_array(parse_json(&out, &["recommend"]))
    };
    let marked = run("");
    assert!(marked.iter().all(|r| r["ends_by"].is_string()));
    assert!(
        marked.iter().any(|r| r["after_bedtime"] == true),
        "at 01:30 with bedtime 02:30 most films end too late: {marked:#?}"
    );
    let hidden = run("after_bedtime = \"hide\"\n");
    assert!(!hidden.is_empty(), "short films remain");
    assert!(
        hidden.iter().all(|r| r["after_bedtime"] == false),
        "{hidden:#?}"
    );
    let bad = {
        std::fs::write(
            &cfg,
            "[time]\nbedtime = \"02:30\"\nafter_bedtime = \"sometimes\"\n",
        )
        .unwrap();
        let mut c = w.base();
        c.env("NIGHTREEL_CONFIG", &cfg)
            .arg("--db")
            .arg(&w.db)
            .args(["recommend", "--mood", "x"]);
        c.output().unwrap()
    };
    assert_exit(&bad, 1, &["recommend with a bad config"]);
    assert!(stderr(&bad).contains(":3:"), "{}", stderr(&bad));
}

/// An export aimed at the database itself (or its write-ahead log) is refused with exit 1,
/// and the diary is still there afterwards.
#[test]
fn export_never_writes_over_the_database() {
    let w = World::new();
    w.log("Chungking Express", &["--at", "2026-11-25T01:00:00+08:00"]);
    let db = w.db.to_str().unwrap().to_string();
    let wal = format!("{db}-wal");
    for format in ["json", "letterboxd", "catalog"] {
        for target in [&db, &wal] {
            let out = w.run(&["export", format, target]);
            assert_exit(&out, 1, &["export", format, target]);
            assert!(stderr(&out).contains("database"), "{}", stderr(&out));
        }
    }
    assert_eq!(w.diary().len(), 1);
}

/// A mood of nothing but emoji, punctuation or filler words is refused with exit 2, and the
/// message does not promise a list of unknown words it cannot give.
#[test]
fn a_mood_without_words_is_refused_plainly() {
    let w = World::new();
    for mood in ["🧲🪑", "!!!", "very", "的"] {
        let out = w.run(&["recommend", "--mood", mood]);
        assert_exit(&out, 2, &["recommend", "--mood", mood]);
        let err = stderr(&out);
        assert!(err.contains("could not understand"), "{err}");
        assert!(!err.contains("unknown words: )"), "{mood}: {err}");
    }
    let out = w.run(&["recommend", "--mood", "xyzzy"]);
    assert!(
        stderr(&out).contains("unknown words: xyzzy"),
        "{}",
        stderr(&out)
    );
}

/// A very long value typed by mistake (a pasted file, say) is quoted by its start in the
/// error, not echoed whole, like the time and config errors (and a mood's repeated words
/// are named once).
#[test]
fn long_bad_values_are_quoted_short() {
    let w = World::new();
    let long = "Evil\u{202E}孤独 ".repeat(1000);
    for args in [
        &["log", &long][..],
        &["log", "Stalker", "--rating", &long],
        &["recommend", "--mood", &long, "--limit", "1"],
        &["recommend", "--preset", &long],
        &["search", &long],
        &["diary", "--since", &long],
    ] {
        let out = w.run(args);
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert!(
            said.len() < 600,
            "{} …: a {}-byte message:\n{said}",
            args[0],
            said.len()
        );
        assert!(
            said.to_lowercase().contains("evil"),
            "{} …: {said}",
            args[0]
        );
    }
}

#[test]
fn a_summer_evening_typed_in_winter_gets_the_summer_offset() {
    let w = World::new();
    // Central European time, written as a POSIX rule (no time zone database needed), with a
    // winter "now" in that zone: the machine's zone decides offsets of typed local times.
    let log = |at: &str| {
        let mut c = w.base();
        c.env("TZ", "CET-1CEST,M3.5.0,M10.5.0/3")
            .arg("--db")
            .arg(&w.db)
            .args([
                "--now",
                "2026-12-02T23:30:00+01:00",
                "log",
                "Stalker",
                "--rewatch",
            ])
            .args(["--json", "--at", at]);
        c.output().expect("run nightreel")
    };
    let summer = log("2026-07-01 23:10");
    assert_success(&summer, &["log", "--at", "2026-07-01 23:10"]);
    let v = parse_json(&summer, &["log"]);
    assert_eq!(v["watched_at"], "2026-07-01T23:10:00+02:00", "{v}");
    let winter = parse_json(&log("2026-11-30 23:10"), &["log"]);
    assert_eq!(winter["watched_at"], "2026-11-30T23:10:00+01:00");
    // The hour the clocks skip does not exist there.
    let skipped = log("2026-03-29 02:30");
    assert_exit(&skipped, 2, &["log", "--at", "2026-03-29 02:30"]);
    assert!(stderr(&skipped).contains("skipped"), "{}", stderr(&skipped));
}

/// Every example `moods` gives of what a typed mood can say is understood in full.
#[test]
fn the_typed_mood_examples_of_moods_are_understood() {
    let w = World::new();
    let out = w.ok(&["moods"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let examples: Vec<String> = text
        .lines()
        .skip_while(|l| !l.starts_with("It can also say"))
        .skip(1)
        .flat_map(|l| {
            let cut = l.char_indices().nth(18).map_or(l.len(), |(i, _)| i);
            l[cut..]
                .split(" · ")
                .map(|e| e.trim().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(examples.len() >= 15, "{examples:?}");
    for mood in &examples {
        let out = w.ok(&["recommend", "--mood", mood, "--limit", "1"]);
        let shown = String::from_utf8(out.stdout).unwrap();
        assert!(!shown.contains("not understood"), "{mood}: {shown}");
        assert!(
            shown.lines().any(|l| l.starts_with(" 1. ")),
            "{mood}: {shown}"
        );
    }
}

/// A note with a Letterboxd review's HTML reads as text in the diary, and is kept as written
/// in JSON (an export gives it back to Letterboxd as it came).
#[test]
fn a_note_with_html_reads_as_text_in_the_diary() {
    let w = World::new();
    let note = "<p>So <i>good</i> &amp; sad.</p><p>2&nbsp;a.m.</p>";
    w.ok(&[
        "log",
        "Chungking Express",
        "--at",
        "2026-11-25T01:10:00+08:00",
        "--note",
        note,
    ]);
    let text = stdout(&w.ok(&["diary"]));
    assert!(text.contains("— So good & sad. 2 a.m."), "{text}");
    let json = as_array(w.json(&["diary", "--json"]));
    assert_eq!(json[0]["note"], note);
}

/// An account imported with ratings but no diary entries: `stats` and `diary` say the films are
/// marked seen, not that nothing is there.
#[test]
fn a_diary_of_ratings_only_says_what_it_holds() {
    let w = World::new();
    let export = w.dir.path().join("lb");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::write(
        export.join("ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\n2024-01-02,Chungking Express,1994,https://boxd.it/x1,4.5\n",
    )
    .unwrap();
    w.ok(&["import", "letterboxd", export.to_str().unwrap()]);
    for cmd in ["stats", "diary"] {
        let text = stdout(&w.ok(&[cmd]));
        assert!(
            text.contains("no viewing yet (1 film marked seen without a date"),
            "{cmd}: {text}"
        );
    }
}

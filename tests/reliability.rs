//! Reliability end to end ("never lose a night"): SIGKILL at random moments, concurrent
//! writers, damaged and foreign files, a read-only directory, a full disk, the oldest schema
//! migrated with real rows, hostile text, and private file permissions. Every test runs the
//! built binary on databases in a temporary directory, with the clock fixed.

use std::collections::{BTreeMap, HashSet};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde_json::Value;
use tempfile::TempDir;

const NOW: &str = "2026-11-25T01:30:00+08:00";
const APPLICATION_ID: i64 = 0x4E52_656C;

/// A private world: a temporary home and a database path inside it.
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

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// `nightreel --db DB --now NOW` with every user directory inside the world.
    fn cmd_on(&self, db: &Path) -> Command {
        let home = self.home();
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
            .arg("--db")
            .arg(db)
            .arg("--now")
            .arg(NOW);
        c
    }

    fn cmd(&self) -> Command {
        self.cmd_on(&self.db)
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        self.cmd_on(db).args(args).output().expect("run nightreel")
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db, args)
    }

    fn ok_on(&self, db: &Path, args: &[&str]) -> Output {
        let out = self.run_on(db, args);
        assert_success(&out, args);
        out
    }

    fn ok(&self, args: &[&str]) -> Output {
        self.ok_on(&self.db, args)
    }

    fn json_on(&self, db: &Path, args: &[&str]) -> Value {
        let out = self.ok_on(db, args);
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout(&out)))
    }

    /// `db check --json` must say the database is whole.
    fn assert_healthy_on(&self, db: &Path) -> Value {
        let check = self.json_on(db, &["db", "check", "--json"]);
        assert_eq!(check["ok"], true, "{check}");
        assert_eq!(check["integrity"], serde_json::json!(["ok"]), "{check}");
        check
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
        out.status,
        stdout(out),
        stderr(out)
    );
}

/// Exit 1, a message on stderr that contains `needle`, and no panic.
fn assert_refused(out: &Output, needle: &str, what: &str) {
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: expected exit 1\nstdout:\n{}\nstderr:\n{err}",
        stdout(out)
    );
    assert!(
        err.contains(needle),
        "{what}: expected {needle:?} in:\n{err}"
    );
    assert!(!err.contains("panicked"), "{what}: panic:\n{err}");
}

/// A small deterministic generator; the seed is printed so a failure can be replayed with
/// NIGHTREEL_TEST_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("NIGHTREEL_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.as_nanos() as u64)
            });
        eprintln!("random seed: {seed} (NIGHTREEL_TEST_SEED replays it)");
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// Runs `cmd`, sends SIGKILL after `delay` unless it ended first, and returns its output and
/// how long it ran when it ended on its own.
fn run_and_kill(cmd: &mut Command, delay: Duration) -> (Output, Option<Duration>) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nightreel");
    let mut ran = None;
    loop {
        if child.try_wait().expect("try_wait").is_some() {
            ran = Some(start.elapsed());
            break;
        }
        if start.elapsed() >= delay {
            break;
        }
        std::thread::sleep(Duration::from_micros(500));
    }
    if ran.is_none() {
        // SIGKILL; a child that ended in the meantime is reaped normally below.
        let _ = child.kill();
    }
    (child.wait_with_output().expect("wait"), ran)
}

fn was_killed(out: &Output) -> bool {
    out.status.signal() == Some(libc::SIGKILL)
}

/// Notes of every viewing in the database, by watch id.
fn notes_by_id(db: &Path) -> BTreeMap<i64, String> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT id, coalesce(note, '') FROM watches")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// 1. Crash safety

#[test]
fn sigkill_while_logging_loses_no_confirmed_watch() {
    let w = World::new();
    w.ok(&["db", "init"]);
    let mut rng = Rng::new();
    // The delays follow how long a `log` takes on this machine (never asserted on): half are
    // spread over the whole run, half aimed at its end, where the write happens.
    let mut typical_us: u64 = 60_000;
    let mut confirmed: Vec<(i64, String)> = Vec::new();
    let (mut runs, mut kills) = (0u32, 0u32);
    while kills < 220 {
        assert!(runs < 3000, "only {kills} kills in {runs} runs");
        let note = format!("run-{runs}");
        let delay_us = if rng.below(2) == 0 {
            rng.below(typical_us * 6 / 5)
        } else {
            typical_us * 7 / 10 + rng.below(typical_us * 2 / 5)
        };
        let mut cmd = w.cmd();
        cmd.args([
            "log",
            "Chungking Express",
            "--year",
            "1994",
            "--note",
            &note,
            "--json",
        ]);
        let (out, ran) = run_and_kill(&mut cmd, Duration::from_micros(delay_us));
        runs += 1;
        if was_killed(&out) {
            kills += 1;
            // Lengthen the delays a little while runs keep being cut short (a loaded machine).
            typical_us += typical_us / 25;
            continue;
        }
        // Every run that was not killed succeeds, whatever the previous kill interrupted.
        assert_success(&out, &["log", &note]);
        let v: Value = serde_json::from_slice(&out.stdout).expect("log --json");
        confirmed.push((v["watch_id"].as_i64().expect("watch_id"), note));
        if let Some(d) = ran {
            typical_us = (typical_us * 3 + d.as_micros() as u64) / 4;
        }
    }
    eprintln!(
        "{runs} runs: {kills} killed, {} confirmed (typical run {typical_us} µs)",
        confirmed.len()
    );
    assert!(confirmed.len() >= 10, "too few runs finished to check");
    w.assert_healthy_on(&w.db);
    let rows = notes_by_id(&w.db);
    for (id, note) in &confirmed {
        assert_eq!(
            rows.get(id),
            Some(note),
            "confirmed watch {id} ({note}) is missing"
        );
    }
    let distinct: HashSet<&String> = rows.values().collect();
    assert_eq!(distinct.len(), rows.len(), "a run was logged twice");
    assert!(rows.len() <= runs as usize);
}

#[test]
fn sigkill_while_creating_leaves_a_usable_database() {
    let w = World::new();
    // The seed catalog size, from one complete first run.
    let full = w.dir.path().join("full.db");
    w.ok_on(&full, &["db", "init"]);
    let films = w.assert_healthy_on(&full)["films"].clone();
    let mut rng = Rng::new();
    let mut typical_us: u64 = 400_000;
    let mut kills = 0;
    for i in 0..24 {
        let db = w.dir.path().join(format!("new-{i}")).join("nightreel.db");
        let mut cmd = w.cmd_on(&db);
        cmd.args(["log", "Stalker", "--json"]);
        let (out, ran) = run_and_kill(&mut cmd, Duration::from_micros(rng.below(typical_us)));
        if was_killed(&out) {
            kills += 1;
        } else {
            assert_success(&out, &["log", "Stalker"]);
            if let Some(d) = ran {
                typical_us = (typical_us + d.as_micros() as u64) / 2;
            }
        }
        // The next run finishes what was cut short.
        let logged = w.json_on(&db, &["log", "Stalker", "--json"]);
        assert_eq!(logged["title"], "Stalker");
        let check = w.assert_healthy_on(&db);
        assert_eq!(check["films"], films, "run {i}: the seed catalog is whole");
    }
    eprintln!("24 first runs, {kills} killed");
}

// ---------------------------------------------------------------------------------------------
// 2. Concurrency

#[test]
fn two_cli_writers_of_500_watches_give_1000_rows() {
    let w = World::new();
    w.ok(&["db", "init"]);
    let writers: Vec<_> = (0..2)
        .map(|k| {
            let db = w.db.clone();
            let world = &w;
            let mut cmds: Vec<Command> = (0..500)
                .map(|i| {
                    let mut c = world.cmd_on(&db);
                    c.args([
                        "log",
                        "In the Mood for Love",
                        "--note",
                        &format!("w{k}-{i}"),
                    ]);
                    c
                })
                .collect();
            std::thread::spawn(move || {
                for (i, c) in cmds.iter_mut().enumerate() {
                    let out = c.output().expect("run nightreel");
                    let err = stderr(&out);
                    assert!(out.status.success(), "writer {k}, watch {i} failed: {err}");
                    assert!(!err.contains("locked") && !err.contains("busy"), "{err}");
                }
            })
        })
        .collect();
    for h in writers {
        h.join().expect("writer");
    }
    let rows = notes_by_id(&w.db);
    assert_eq!(rows.len(), 1000);
    let notes: HashSet<&str> = rows.values().map(String::as_str).collect();
    for k in 0..2 {
        for i in 0..500 {
            assert!(notes.contains(format!("w{k}-{i}").as_str()), "w{k}-{i}");
        }
    }
    w.assert_healthy_on(&w.db);
}

/// Two libraries on one file (two connections, as two processes have), each logging 500
/// viewings as fast as it can, while a third opens and backs up the database.
#[test]
fn two_library_writers_in_a_tight_loop_give_1000_rows() {
    use nightreel::config::Config;
    use nightreel::library::Library;
    use nightreel::model::NewWatch;
    use nightreel::time::{Clock, WatchedAt};

    let w = World::new();
    w.ok(&["db", "init"]);
    let clock = Clock::from_option(Some(NOW)).unwrap();
    let writers: Vec<_> = (0..2)
        .map(|k| {
            let db = w.db.clone();
            std::thread::spawn(move || {
                let (mut lib, _) = Library::open(&db, Config::default(), clock).unwrap();
                let film = lib.resolve_title("Taxi Driver", None).unwrap().id;
                for i in 0..500 {
                    lib.log(NewWatch {
                        film_id: film,
                        watched_at: WatchedAt::At(clock.now()),
                        rating: None,
                        rewatch: false,
                        liked: false,
                        mood: None,
                        mood_after: None,
                        note: Some(format!("t{k}-{i}")),
                        source: "test".into(),
                    })
                    .unwrap_or_else(|e| panic!("writer {k}, watch {i}: {e}"));
                }
            })
        })
        .collect();
    let backups = w.dir.path().join("backups");
    std::fs::create_dir_all(&backups).unwrap();
    for b in 0..3 {
        let dest = backups.join(format!("b{b}.db"));
        w.ok(&["db", "backup", dest.to_str().unwrap()]);
        w.assert_healthy_on(&dest);
    }
    for h in writers {
        h.join().expect("writer");
    }
    assert_eq!(notes_by_id(&w.db).len(), 1000);
    w.assert_healthy_on(&w.db);
}

#[test]
fn two_processes_creating_one_database_at_once_both_succeed() {
    let w = World::new();
    for round in 0..4 {
        let db = w.dir.path().join(format!("race-{round}")).join("n.db");
        let children: Vec<_> = (0..2)
            .map(|k| {
                w.cmd_on(&db)
                    .args(["log", "Stalker", "--note", &format!("p{k}")])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert_success(&out, &["log", "Stalker (racing)"]);
        }
        assert_eq!(notes_by_id(&db).len(), 2);
        w.assert_healthy_on(&db);
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Damaged or foreign files

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Runs the commands that open a database on `db` and checks each refuses it with `needle`
/// and leaves it byte for byte (and creates nothing beside it).
fn assert_left_alone(w: &World, db: &Path, needle: &str) {
    let before = std::fs::read(db).unwrap();
    let dir = db.parent().unwrap();
    let listing = files_in(dir);
    for args in [
        &["diary"][..],
        &["log", "Stalker", "--note", "x"][..],
        &["db", "check"][..],
        &["search", "stalker"][..],
    ] {
        let out = w.run_on(db, args);
        assert_refused(&out, needle, &format!("{} {args:?}", db.display()));
        assert!(
            stderr(&out).contains(&db.display().to_string()),
            "the message names the file: {}",
            stderr(&out)
        );
        assert!(std::fs::read(db).unwrap() == before, "{args:?} changed it");
        assert_eq!(files_in(dir), listing, "{args:?} left files beside it");
    }
}

#[test]
fn truncated_and_damaged_databases_are_refused_untouched() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "keep"]);
    let whole = std::fs::read(&w.db).unwrap();
    assert!(whole.len() > 64 * 1024);
    let dir = w.dir.path().join("broken");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, len) in [
        ("half", whole.len() / 2),
        ("one-page", 4096),
        ("header-cut", 60),
    ] {
        let db = dir.join(name).join("n.db");
        std::fs::create_dir_all(db.parent().unwrap()).unwrap();
        std::fs::write(&db, &whole[..len]).unwrap();
        assert_left_alone(&w, &db, "damaged");
    }
    // A whole-looking file whose pages are garbage after a valid header.
    let mut rng = Rng::new();
    let mut garbage = whole.clone();
    for b in garbage.iter_mut().skip(100) {
        *b = rng.next() as u8;
    }
    let db = dir.join("garbage").join("n.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, &garbage).unwrap();
    assert_left_alone(&w, &db, "damaged");
    // Random bytes are not SQLite at all.
    let noise: Vec<u8> = (0..10_000).map(|_| rng.next() as u8).collect();
    let db = dir.join("noise").join("n.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, &noise).unwrap();
    assert_left_alone(&w, &db, "not a nightreel database");
    // The original is still fine.
    assert_eq!(w.assert_healthy_on(&w.db)["watches"], 1);
}

#[test]
fn a_newer_database_in_wal_mode_is_refused_untouched() {
    let w = World::new();
    let db = w.dir.path().join("future").join("n.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    {
        let c = Connection::open(&db).unwrap();
        c.execute_batch(&format!(
            "PRAGMA journal_mode = WAL; PRAGMA application_id = {APPLICATION_ID};
             PRAGMA user_version = 7; CREATE TABLE films(id INTEGER PRIMARY KEY, title TEXT);
             INSERT INTO films(title) VALUES ('from the future');"
        ))
        .unwrap();
    }
    assert_left_alone(&w, &db, "newer nightreel");
}

/// Runs `cmd` as an unprivileged user when the tests run as root (root ignores permissions);
/// the world's files are handed to that user first.
fn unprivileged(cmd: &mut Command, world: &Path) {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return;
    }
    const NOBODY: u32 = 65534;
    fn chown_tree(p: &Path) {
        let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: lchown with a valid C string.
        assert_eq!(unsafe { libc::lchown(c.as_ptr(), NOBODY, NOBODY) }, 0);
        if p.is_dir() && !p.is_symlink() {
            for e in std::fs::read_dir(p).unwrap() {
                chown_tree(&e.unwrap().path());
            }
        }
    }
    chown_tree(world);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setgroups(0, std::ptr::null()) != 0
                || libc::setgid(NOBODY) != 0
                || libc::setuid(NOBODY) != 0
            {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[test]
fn a_read_only_directory_gives_a_clear_error_and_leaves_the_file() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "before"]);
    let before = std::fs::read(&w.db).unwrap();
    let data = w.db.parent().unwrap().to_path_buf();
    let fresh = data.join("sub").join("new.db");
    std::fs::create_dir_all(fresh.parent().unwrap()).unwrap();
    let listing = files_in(&data);
    for d in [&data, &fresh.parent().unwrap().to_path_buf()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let run = |db: &Path, args: &[&str]| -> Output {
        let mut c = w.cmd_on(db);
        c.args(args);
        unprivileged(&mut c, w.dir.path());
        c.output().unwrap()
    };
    let out = run(&w.db, &["log", "Stalker", "--note", "after"]);
    assert_refused(&out, "writable", "log in a read-only directory");
    assert!(stderr(&out).contains(&w.db.display().to_string()));
    assert_eq!(std::fs::read(&w.db).unwrap(), before);
    assert_eq!(files_in(&data), listing);
    let out = run(&fresh, &["diary"]);
    assert_refused(&out, &fresh.display().to_string(), "a new database");
    assert!(!fresh.exists());
    for d in [&data, &fresh.parent().unwrap().to_path_buf()] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let rows = notes_by_id(&w.db);
    assert_eq!(rows.values().collect::<Vec<_>>(), ["before"]);
}

#[test]
fn a_full_disk_is_reported_and_nothing_is_half_written() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "before"]);
    let before = std::fs::read(&w.db).unwrap();
    // A file-size limit stands in for a full disk: writes past 64 KiB fail with EFBIG.
    let big = "x".repeat(100_000);
    let mut c = w.cmd();
    c.args(["log", "Stalker", "--note", &big]);
    // SAFETY: setrlimit and signal are async-signal-safe.
    unsafe {
        c.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 64 * 1024,
                rlim_max: 64 * 1024,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
    let out = c.output().unwrap();
    assert_refused(&out, "disk", "log on a full disk");
    assert!(stderr(&out).contains(&w.db.display().to_string()));
    assert_eq!(std::fs::read(&w.db).unwrap(), before);
    let rows = notes_by_id(&w.db);
    assert_eq!(rows.values().collect::<Vec<_>>(), ["before"]);
    w.assert_healthy_on(&w.db);
    // With room again the same note is stored whole.
    w.ok(&["log", "Stalker", "--note", &big]);
    assert!(notes_by_id(&w.db).values().any(|n| *n == big));
}

// ---------------------------------------------------------------------------------------------
// 3. Migrations

/// Every row of a table, each as its columns rendered to text, ordered by rowid.
fn table_rows(c: &Connection, table: &str) -> Vec<Vec<String>> {
    let mut stmt = c
        .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
        .unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => "NULL".to_string(),
                    rusqlite::types::ValueRef::Integer(v) => format!("i{v}"),
                    rusqlite::types::ValueRef::Real(v) => format!("r{v}"),
                    rusqlite::types::ValueRef::Text(t) => {
                        format!("t{}", String::from_utf8_lossy(t))
                    }
                    rusqlite::types::ValueRef::Blob(b) => format!("b{b:?}"),
                })
            })
            .collect::<Result<Vec<_>, _>>()
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// A database as the first release wrote it: schema 1 with a diary of real viewings.
fn make_schema_1(db: &Path) {
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let c = Connection::open(db).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    c.execute_batch(include_str!("../src/store/migrations/0001_init.sql"))
        .unwrap();
    c.execute_batch(&format!(
        "PRAGMA user_version = 1; PRAGMA application_id = {APPLICATION_ID};"
    ))
    .unwrap();
    c.execute_batch(
        r#"
        INSERT INTO films (id, title, original_title, year, directors, countries, languages,
                           runtime, genres, tags, keywords, source, seed_key, tmdb_id, imdb_id,
                           movielens_id, letterboxd_uri)
        VALUES
          (1, 'Chungking Express', '重慶森林', 1994, '["Wong Kar-wai"]', '["HK"]', '["zh","cantonese"]',
           102, '["Drama","Romance"]', '["lonely","neon","tender"]', '["hong kong"]', 'letterboxd',
           NULL, 11104, 'tt0109424', 6187, 'https://letterboxd.com/film/chungking-express/'),
          (2, 'Stalker', 'Сталкер', 1979, '["Andrei Tarkovsky"]', '["SU"]', '["ru"]',
           162, '["Drama","Science Fiction"]', '["slow","metaphysical"]', '[]', 'letterboxd',
           NULL, 1398, 'tt0079944', NULL, 'https://letterboxd.com/film/stalker/'),
          (3, 'Cléo from 5 to 7', 'Cléo de 5 à 7', 1962, '["Agnès Varda"]', '["FR"]', '["fr"]',
           90, '["Drama"]', '[]', '[]', 'movielens', NULL, NULL, NULL, 4969, NULL),
          (4, 'A Home-Made Film', 'A Home-Made Film', NULL, '[]', '[]', '[]', NULL, '[]', '[]',
           '[]', 'manual', NULL, NULL, NULL, NULL, NULL);
        INSERT INTO watches (id, film_id, watched_at, sort_key, rating, rewatch, liked, mood,
                             mood_after, note, source, created_at)
        VALUES
          (1, 1, '2025-03-08T01:14:00+08:00', '2025-03-07T17:14:00Z', 9, 0, 1, 'lonely but warm',
           'lighter', 'California Dreamin'' on repeat', 'nightreel', '2025-03-07T17:20:00Z'),
          (2, 1, '2025-11-02T23:40:00+01:00', '2025-11-02T22:40:00Z', 10, 1, 1, NULL, NULL,
           NULL, 'nightreel', '2025-11-02T22:45:00Z'),
          (3, 2, '2024-12-31', '2024-12-31T12:00:00Z', NULL, 0, 0, NULL, NULL,
           '导演剪辑版 — the dog, the room', 'letterboxd', '2025-01-02T10:00:00Z'),
          (4, 3, '2026-01-15T02:05:00-05:00', '2026-01-15T07:05:00Z', 7, 0, 0, '孤独慢燃', NULL,
           NULL, 'nightreel', '2026-01-15T07:10:00Z'),
          (5, 4, '2026-02-01T21:00:00+00:00', '2026-02-01T21:00:00Z', 1, 0, 0, NULL, NULL,
           'half a star', 'nightreel', '2026-02-01T23:00:00Z');
        INSERT INTO watchlist (film_id, added_at) VALUES (2, '2025-01-01T00:00:00Z'),
                                                          (3, '2025-06-01T00:00:00Z');
        INSERT INTO meta (key, value) VALUES ('note', 'made by schema 1');
        "#,
    )
    .unwrap();
}

#[test]
fn the_oldest_schema_with_real_rows_migrates_after_a_backup() {
    let w = World::new();
    make_schema_1(&w.db);
    let old = Connection::open(&w.db).unwrap();
    let tables = ["films", "watches", "watchlist", "meta"];
    let before: Vec<_> = tables.iter().map(|t| table_rows(&old, t)).collect();
    drop(old);
    assert_eq!(before[1].len(), 5);

    let out = w.ok(&["diary", "--json"]);
    let diary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diary.as_array().unwrap().len(), 5, "{diary}");
    assert!(
        stderr(&out).contains("upgraded the database schema"),
        "{}",
        stderr(&out)
    );

    // The backup lies next to the database, is private, and holds schema 1 with every row.
    let dir = w.db.parent().unwrap();
    let backups: Vec<PathBuf> = files_in(dir)
        .into_iter()
        .filter(|n| n.starts_with("nightreel.db.schema1-") && n.ends_with(".bak"))
        .map(|n| dir.join(n))
        .collect();
    assert_eq!(backups.len(), 1, "{:?}", files_in(dir));
    assert!(
        !files_in(dir).iter().any(|n| n.ends_with(".partial")),
        "{:?}",
        files_in(dir)
    );
    let mode = std::fs::metadata(&backups[0]).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "backup mode {mode:o}");
    let b = Connection::open(&backups[0]).unwrap();
    let v: i64 = b
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    for (t, rows) in tables.iter().zip(&before) {
        assert_eq!(&table_rows(&b, t), rows, "backup table {t}");
    }
    drop(b);

    // The migrated database keeps every row, byte for byte (the seed catalog and its hash are
    // added beside them).
    let c = Connection::open(&w.db).unwrap();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, nightreel::store::LATEST_VERSION);
    let id: i64 = c
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
    for (t, rows) in tables.iter().zip(&before) {
        // Columns later schemas added (watches.import_origin in schema 5) come after the old
        // ones, and are NULL for the rows that were there: an old viewing is the user's.
        let width = rows.first().map_or(usize::MAX, Vec::len);
        let after: Vec<Vec<String>> = table_rows(&c, t)
            .into_iter()
            .map(|mut r| {
                if r.len() > width {
                    assert!(r[width..].iter().all(|v| v == "NULL"), "{t}: {r:?}");
                    r.truncate(width);
                }
                r
            })
            .collect();
        for row in rows {
            assert!(after.contains(row), "migrated table {t} lost {row:?}");
        }
        if ["watches", "watchlist"].contains(t) {
            assert_eq!(&after, rows, "migrated table {t}");
        }
    }
    let films: i64 = c
        .query_row("SELECT count(*) FROM films", [], |r| r.get(0))
        .unwrap();
    assert!(films > 1000, "the seed catalog was added: {films}");
    drop(c);
    w.assert_healthy_on(&w.db);

    // Opening again migrates nothing and writes no second backup.
    let out = w.ok(&["diary", "--json"]);
    assert!(!stderr(&out).contains("upgraded"), "{}", stderr(&out));
    assert_eq!(
        files_in(dir).iter().filter(|n| n.ends_with(".bak")).count(),
        1
    );
    // The CLI shows the old rows: the date-only viewing has an unknown time.
    let rows = diary.as_array().unwrap();
    let stalker = rows.iter().find(|r| r["title"] == "Stalker").unwrap();
    assert_eq!(stalker["late_night"], Value::Null, "{stalker}");
    assert_eq!(stalker["note"], "导演剪辑版 — the dog, the room");
}

#[test]
fn db_backup_while_another_process_writes_is_whole() {
    let w = World::new();
    w.ok(&["db", "init"]);
    let writer = {
        let mut cmds: Vec<Command> = (0..40)
            .map(|i| {
                let mut c = w.cmd();
                c.args(["log", "Stalker", "--note", &format!("n{i}")]);
                c
            })
            .collect();
        std::thread::spawn(move || {
            for c in &mut cmds {
                let out = c.output().unwrap();
                assert!(out.status.success(), "{}", stderr(&out));
            }
        })
    };
    let mut last = 0;
    for b in 0..8 {
        let dest = w.dir.path().join(format!("b{b}.db"));
        w.ok(&["db", "backup", dest.to_str().unwrap()]);
        let check = w.assert_healthy_on(&dest);
        let n = check["watches"].as_i64().unwrap();
        assert!(n >= last, "a later backup has fewer viewings");
        last = n;
    }
    writer.join().unwrap();
    assert_eq!(notes_by_id(&w.db).len(), 40);
}

// ---------------------------------------------------------------------------------------------
// 5. Hostile text

/// Escape sequences (CSI, OSC with BEL, a C1 CSI), bidi controls, a carriage return and SQL.
const HOSTILE: &str = "Evil\x1b]0;PWNED\x07\x1b[2J\x1b[31mRed\u{9b}31m \u{202E}txt.exe\u{2066}x\u{2069}\u{200F}\r\nInjected'); DROP TABLE watches; --";

/// No control character but newline, and no bidi control, reaches the terminal.
fn assert_harmless(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for c in text.chars() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}');
        assert!(!bad, "{what}: {c:?} reached the terminal in:\n{text:?}");
    }
}

#[test]
fn hostile_titles_and_notes_are_stored_whole_and_shown_harmlessly() {
    let w = World::new();
    w.ok(&["db", "init"]);
    let long_original = HOSTILE.repeat(100_000 / HOSTILE.len() + 1);
    {
        let c = Connection::open(&w.db).unwrap();
        c.execute(
            "INSERT INTO films (title, original_title, year, directors, countries, languages,
                                genres, tags, keywords, source)
             VALUES (?1, ?2, 2001, ?3, '[\"FR\"]', '[\"fr\"]', '[\"Drama\"]', '[\"lonely\"]',
                     '[]', 'manual')",
            rusqlite::params![
                HOSTILE,
                long_original,
                serde_json::to_string(&["Dir\0ector\x1b[5m\u{202E}"]).unwrap()
            ],
        )
        .unwrap();
    }
    let note = format!("{HOSTILE} {}", "n".repeat(100_000));
    let mood = format!("lonely \x1b]52;c;cGF5bG9hZA==\x07 {}", "\u{202E}");
    let out = w.ok(&[
        "log", HOSTILE, "--year", "2001", "--note", &note, "--mood", &mood, "--rating", "4",
    ]);
    assert_harmless(&out.stdout, "log");
    assert_harmless(&out.stderr, "log stderr");
    for args in [
        &["diary"][..],
        &["search", "evil"][..],
        &["search", HOSTILE][..],
        &["stats"][..],
        &["recommend", "--mood", &mood][..],
        &["recommend", "--mood", &note][..],
    ] {
        let out = w.run(args);
        let what = format!("{:?}", &args[..1]);
        assert!(out.status.success(), "{what}: {}", stderr(&out));
        assert_harmless(&out.stdout, &what);
        assert_harmless(&out.stderr, &what);
    }
    let diary = stdout(&w.ok(&["diary"]));
    assert!(diary.contains("Injected"), "{diary}");
    let found = stdout(&w.ok(&["search", "evil"]));
    assert!(found.contains("Evil") && found.contains("ector"), "{found}");
    // Errors that repeat what was typed are harmless too, even 100 KB of it.
    for args in [
        &["log", &note][..],
        &["log", HOSTILE, "--at", HOSTILE][..],
        &["log", HOSTILE, "--rating", HOSTILE][..],
    ] {
        let out = w.run(args);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_harmless(&out.stderr, "an error");
        assert!(!stderr(&out).contains("panicked"));
    }
    // JSON keeps the text exactly, with control characters escaped.
    let out = w.ok(&["diary", "--json"]);
    assert!(!out.stdout.contains(&0x1b), "raw ESC in JSON");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["note"].as_str(), Some(note.as_str()));
    assert_eq!(v[0]["title"].as_str(), Some(HOSTILE));
    assert_eq!(v[0]["mood"].as_str(), Some(mood.trim()));
    assert_eq!(
        notes_by_id(&w.db).len(),
        1,
        "the watches table is still there"
    );
    w.assert_healthy_on(&w.db);
}

#[test]
fn invalid_utf8_arguments_are_refused_without_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let w = World::new();
    for args in [
        vec![OsStr::new("log"), OsStr::from_bytes(b"Stalker\xff\xfe")],
        vec![
            OsStr::new("log"),
            OsStr::new("Stalker"),
            OsStr::new("--note"),
            OsStr::from_bytes(b"\xc3\x28"),
        ],
        vec![OsStr::new("search"), OsStr::from_bytes(b"\x80abc")],
    ] {
        let out = w.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("UTF-8"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"));
    }
    assert!(!w.db.exists(), "nothing was written");
}

// ---------------------------------------------------------------------------------------------
// 8. Private files

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p)
        .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        .permissions()
        .mode()
        & 0o777
}

/// A command with umask 0, so only modes nightreel asks for explicitly keep files private.
fn with_open_umask(mut c: Command) -> Command {
    // SAFETY: umask is async-signal-safe.
    unsafe {
        c.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    c
}

#[test]
fn files_and_directories_are_created_private() {
    let w = World::new();
    let db = w.dir.path().join("a").join("b").join("nightreel.db");
    let out = with_open_umask(w.cmd_on(&db))
        .args(["log", "Stalker"])
        .output()
        .unwrap();
    assert_success(&out, &["log"]);
    assert_eq!(mode(&db), 0o600, "database");
    assert_eq!(mode(db.parent().unwrap()), 0o700);
    assert_eq!(mode(&w.dir.path().join("a")), 0o700);
    let state = w.home().join("state").join("nightreel");
    assert_eq!(mode(&state.join("nightreel.log")), 0o600, "log file");
    assert_eq!(mode(&state), 0o700);
    // While another connection holds the database open, the WAL and shared-memory files stay:
    // they have the database's mode.
    let holder = Connection::open(&db).unwrap();
    holder
        .query_row("SELECT count(*) FROM watches", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let out = with_open_umask(w.cmd_on(&db))
        .args(["log", "Stalker", "--rewatch"])
        .output()
        .unwrap();
    assert_success(&out, &["log"]);
    for suffix in ["-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        assert_eq!(mode(Path::new(&p)), 0o600, "{suffix}");
    }
    drop(holder);
    let backup = w.dir.path().join("backup.db");
    let out = with_open_umask(w.cmd_on(&db))
        .args(["db", "backup", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert_success(&out, &["db", "backup"]);
    assert_eq!(mode(&backup), 0o600, "backup");
}

/// Found by the property tests: chrono reads `+10000-1-1T0:0`, which was stored in a form that
/// cannot be read back, after which no command could load the diary.
#[test]
fn a_time_that_cannot_be_stored_is_refused_and_the_diary_still_loads() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "fine"]);
    for at in ["+10000-1-1T0:0", "+10000-01-01", "-0001-12-31"] {
        let at_arg = format!("--at={at}");
        let out = w.run(&["log", "Stalker", &at_arg]);
        assert_eq!(out.status.code(), Some(2), "{at}: {}", stderr(&out));
        assert!(stderr(&out).contains("0001 to 9999"), "{}", stderr(&out));
    }
    let diary = w.json_on(&w.db, &["diary", "--json"]);
    assert_eq!(diary.as_array().map(Vec::len), Some(1), "{diary}");
}

/// A backup killed at any moment leaves either nothing under its name or a whole copy.
#[test]
fn sigkill_during_db_backup_never_leaves_a_half_backup() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "kept"]);
    let mut rng = Rng::new();
    let mut typical_us: u64 = 60_000;
    let (mut kills, mut whole) = (0, 0);
    for i in 0..40 {
        let dest = w.dir.path().join(format!("b{i}.db"));
        let mut cmd = w.cmd();
        cmd.args(["db", "backup", dest.to_str().unwrap()]);
        let (out, ran) = run_and_kill(&mut cmd, Duration::from_micros(rng.below(typical_us)));
        if was_killed(&out) {
            kills += 1;
            typical_us += typical_us / 20;
        } else {
            assert_success(&out, &["db", "backup"]);
            if let Some(d) = ran {
                typical_us = (typical_us + d.as_micros() as u64) / 2;
            }
        }
        if dest.exists() {
            whole += 1;
            assert_eq!(w.assert_healthy_on(&dest)["watches"], 1, "backup {i}");
        }
    }
    eprintln!("40 backups: {kills} killed, {whole} complete");
    assert!(kills > 0 && whole > 0, "{kills} killed, {whole} complete");
}

/// The read commands work on a database this user cannot write (the file 0444, then its
/// directory 0555 too) and leave nothing beside it: no `-wal`, no `-shm`, the file unchanged.
#[test]
fn read_commands_on_a_read_only_database_work_and_leave_nothing_behind() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "before"]);
    let data = w.db.parent().unwrap().to_path_buf();
    let listing = files_in(&data);
    assert_eq!(listing, ["nightreel.db"]);
    let before = std::fs::read(&w.db).unwrap();
    let out_dir = w.dir.path().join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    let json = out_dir.join("diary.json");
    let csv = out_dir.join("diary.csv");
    let commands: [Vec<&str>; 7] = [
        vec!["diary"],
        vec!["diary", "--json"],
        vec!["stats"],
        vec!["search", "stalker"],
        vec!["recommend", "--limit", "3"],
        vec!["export", "json", json.to_str().unwrap()],
        vec!["export", "letterboxd", csv.to_str().unwrap()],
    ];
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    for dir_mode in [0o755, 0o555] {
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(dir_mode)).unwrap();
        for args in &commands {
            let mut c = w.cmd();
            c.args(args);
            unprivileged(&mut c, w.dir.path());
            let out = c.output().unwrap();
            assert_success(&out, args);
            assert_eq!(
                files_in(&data),
                listing,
                "{args:?} (directory {dir_mode:o})"
            );
        }
        assert!(std::fs::read_to_string(&json).unwrap().contains("before"));
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(std::fs::read(&w.db).unwrap(), before);
}

/// A read-only database whose `-wal` still holds changes cannot be read truly without
/// writing: refused, naming the file and its -wal, and left as it was.
#[test]
fn a_read_only_database_with_changes_in_its_wal_is_refused_clearly() {
    let w = World::new();
    w.ok(&["log", "Stalker", "--note", "before"]);
    let copy = w.dir.path().join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    let db = copy.join("nightreel.db");
    {
        // A copy taken while a writer had changes only in the log.
        let c = Connection::open(&w.db).unwrap();
        c.execute_batch("PRAGMA wal_autocheckpoint = 0; UPDATE watches SET note = 'in the log';")
            .unwrap();
        for ext in ["", "-wal"] {
            std::fs::copy(
                format!("{}{ext}", w.db.display()),
                format!("{}{ext}", db.display()),
            )
            .unwrap();
        }
    }
    let listing = files_in(&copy);
    assert_eq!(listing, ["nightreel.db", "nightreel.db-wal"]);
    for f in &listing {
        std::fs::set_permissions(copy.join(f), std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut c = w.cmd_on(&db);
    c.arg("diary");
    unprivileged(&mut c, w.dir.path());
    let out = c.output().unwrap();
    assert_refused(
        &out,
        &format!("{}-wal", db.display()),
        "a read-only db with a hot wal",
    );
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(files_in(&copy), listing);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// A read-only database of an older schema cannot be migrated (a backup and writes): a read
/// command refuses it naming the file and what to do, and leaves it as it was.
#[test]
fn a_read_only_database_of_an_older_schema_is_refused_clearly() {
    let w = World::new();
    make_schema_1(&w.db);
    let data = w.db.parent().unwrap().to_path_buf();
    let listing = files_in(&data);
    let before = std::fs::read(&w.db).unwrap();
    std::fs::set_permissions(&w.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut c = w.cmd();
    c.arg("diary");
    unprivileged(&mut c, w.dir.path());
    let out = c.output().unwrap();
    assert_refused(&out, &w.db.display().to_string(), "an old read-only db");
    assert!(
        stderr(&out).contains("schema (1) is older"),
        "{}",
        stderr(&out)
    );
    assert_eq!(files_in(&data), listing);
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(std::fs::read(&w.db).unwrap(), before);
}

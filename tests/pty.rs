//! End-to-end in a real pseudo-terminal: the built binary, keys sent as bytes, the screen read
//! with a terminal parser. Pick a mood, search a film, log it, see it in the diary, quit, and
//! the terminal is restored.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote to the terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(db: &std::path::Path, rows: u16, cols: u16) -> Session {
        Session::start_with(db, rows, cols, &[])
    }

    fn start_with(db: &std::path::Path, rows: u16, cols: u16, env: &[(&str, &str)]) -> Session {
        Session::spawn(Some(db), db.parent().unwrap(), rows, cols, env)
    }

    /// Starts nightreel with `home` as HOME and XDG base, and `--db` only when given.
    fn spawn(
        db: Option<&std::path::Path>,
        home: &std::path::Path,
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
    ) -> Session {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nightreel"));
        if let Some(db) = db {
            cmd.arg("--db");
            cmd.arg(db);
        }
        cmd.env_remove("NIGHTREEL_DB");
        cmd.env("NIGHTREEL_NOW", "2026-11-25T01:30:00+08:00");
        cmd.env("NIGHTREEL_CONFIG", home.join("no-such-config.toml"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("HOME", home);
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn nightreel");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let p = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        let handle = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        p.lock().unwrap().process(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Session {
            parser,
            raw,
            master: pair.master,
            writer,
            child,
            reader: Some(handle),
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Polls the screen every 10 ms until `pred` holds; fails with the screen after 10 s.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the terminal's cursor shows with `text` just left of it on its row (a
    /// text field being typed in).
    fn wait_typing(&self, text: &str) {
        let start = Instant::now();
        loop {
            let (left, shown) = {
                let p = self.parser.lock().unwrap();
                let screen = p.screen();
                let (row, col) = screen.cursor_position();
                (
                    screen.contents_between(row, 0, row, col),
                    !screen.hide_cursor(),
                )
            };
            if shown && left.trim_end().ends_with(text.trim_end()) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!(
                    "timed out waiting for the cursor after {text:?} (left of it: {left:?}, shown: {shown}); screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn wait_text(&self, text: &str) {
        self.wait_for(text, |s| s.contains(text));
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        let mut p = self.parser.lock().unwrap();
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        p.screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
    }

    /// Waits for the child to exit successfully, then checks the terminal was put back.
    fn finish(self) {
        let status = self.finish_any();
        assert!(status.success(), "exit status {status:?}");
    }

    /// Waits for the child to exit, checks the terminal was put back, and returns the status.
    fn finish_any(mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let _ = self.child.kill();
                panic!("nightreel did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let fd = self.master.as_raw_fd().expect("master fd");
        // SAFETY: tcgetattr only reads into the zeroed struct we own.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        assert!(t.c_lflag & libc::ICANON != 0, "tty left in raw mode");
        assert!(t.c_lflag & libc::ECHO != 0, "tty left without echo");
        drop(self.writer);
        drop(self.master);
        if let Some(h) = self.reader.take() {
            h.join().unwrap();
        }
        let p = self.parser.lock().unwrap();
        assert!(!p.screen().alternate_screen(), "alternate screen not left");
        assert!(!p.screen().hide_cursor(), "cursor left hidden");
        assert_eq!(
            p.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
        assert!(!p.screen().bracketed_paste(), "bracketed paste left on");
        status
    }
}

#[test]
fn mood_search_log_diary_quit() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let mut s = Session::start(&db, 24, 80);
    s.wait_text("Moods");
    s.wait_text("new database at");
    // Pick a mood: the moods pane, down to "Explosive catharsis", then into the list.
    s.send("\t");
    s.send("\x1b[B");
    s.wait_text("nightreel · Explosive catharsis");
    s.send("\r");
    // Search a film.
    s.send("/");
    s.wait_typing("┌ /");
    s.send("chungking");
    s.wait_for("search hit", |sc| sc.contains("Chungking Express 1994"));
    s.send("\r");
    // Log it with a rating of 4½.
    s.send("l");
    s.wait_text("Log · Chungking Express");
    s.send("\t");
    s.send("4");
    s.send("\x1b[C");
    s.wait_text("★★★★½");
    s.send("\r");
    s.wait_text("logged Chungking Express (1994) at 01:30");
    // The diary shows it under the previous evening's film night, marked late.
    s.send("d");
    s.wait_text("Diary · 1 viewing ");
    s.wait_text("film night of Tue 24 Nov 2026");
    s.wait_for("late mark", |sc| {
        sc.contains("01:30 ☾ Chungking Express (1994) ★★★★½")
    });
    // Stats count it as a late-night viewing.
    s.send("s");
    s.wait_text("Stats");
    s.wait_text("1 viewing · 1 film");
    s.wait_text("late night 100%");
    s.send("q");
    s.finish();
    assert!(db.exists());
}

#[test]
fn resize_and_ctrl_c_restore_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let mut s = Session::start(&db, 24, 80);
    s.wait_text("Moods");
    s.resize(12, 40);
    s.wait_for("narrow layout", |sc| {
        sc.contains("Tonight") && !sc.contains("Moods")
    });
    s.resize(30, 120);
    s.wait_text("Moods · 心情");
    // A resize while the log dialog is open keeps it, and what was typed.
    s.wait_text("Tonight · 50 films");
    s.send("l");
    s.wait_text("Log · ");
    s.send("\t\t\t\t\t\tresized");
    s.wait_typing("resized");
    // Wait for what only a frame of the new size shows (the old frame stays on the parser's
    // screen until then): a line wrapped at 40 columns, the long header at 100.
    s.resize(12, 40);
    s.wait_for("the dialog at 40×12", |sc| {
        sc.contains("Log · ") && sc.contains("│  night ☾")
    });
    s.resize(24, 100);
    s.wait_for("the dialog at 100×24", |sc| {
        sc.contains("film night of Tue 24 Nov") && sc.contains("Note") && sc.contains("resized")
    });
    s.wait_typing("Note    resized");
    s.send("\x1b");
    s.wait_for("dialog closed", |sc| !sc.contains("Log · "));
    s.send("\x03");
    s.finish();
}

#[test]
fn sigterm_sighup_and_sigint_restore_terminal() {
    for sig in [libc::SIGTERM, libc::SIGHUP, libc::SIGINT] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("night.db");
        let s = Session::start(&db, 24, 80);
        s.wait_text("Moods");
        let pid = s.child.process_id().expect("child pid") as libc::pid_t;
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
        s.finish();
    }
}

/// When the terminal goes away under the TUI (the window closed, tmux killed, ssh dropped)
/// it ends instead of reading the dead terminal forever at full speed.
#[test]
fn a_vanished_terminal_ends_the_tui() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nightreel"));
    cmd.arg("--db");
    cmd.arg(&db);
    cmd.env("NIGHTREEL_NOW", "2026-11-25T01:30:00+08:00");
    cmd.env("NIGHTREEL_CONFIG", db.with_file_name("no-such-config.toml"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_STATE_HOME", dir.path());
    let mut child = pair.slave.spawn_command(cmd).expect("spawn nightreel");
    drop(pair.slave);
    // Read until the first frame is there, then stop reading: the reader's copy of the
    // master closes with it, so that every copy is closed once `master` is dropped.
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let seen = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 8192];
        while !String::from_utf8_lossy(&all).contains("Moods") {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => return false,
                Ok(n) => all.extend_from_slice(&buf[..n]),
            }
        }
        true
    });
    assert!(seen.join().unwrap(), "the TUI never drew its first frame");
    let writer = pair.master.take_writer().expect("writer");
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("nightreel kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// A panic inside the TUI (forced in debug builds by NIGHTREEL_TEST_PANIC) restores the
/// terminal before the message is printed, and the exit status says it failed.
#[cfg(debug_assertions)]
#[test]
fn a_panic_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let s = Session::start_with(&db, 24, 80, &[("NIGHTREEL_TEST_PANIC", "1")]);
    s.wait_text("panicking on purpose");
    let raw = Arc::clone(&s.raw);
    let status = s.finish_any();
    assert!(!status.success(), "a panic exits with failure");
    let raw = raw.lock().unwrap();
    let text = String::from_utf8_lossy(&raw);
    let entered = text
        .find("\x1b[?1049h")
        .expect("the TUI entered the alternate screen");
    let message = text.find("panicking on purpose").unwrap();
    let left = text[entered..]
        .find("\x1b[?1049l")
        .expect("left the alternate screen")
        + entered;
    assert!(
        left < message,
        "the terminal is restored before the message"
    );
}

/// Escape sequences, bidi controls and NUL in titles, directors, moods and notes reach the
/// screen as visible placeholders, never as control sequences.
#[test]
fn hostile_text_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let hostile =
        "Evil\x1b]0;PWNED\x07\x1b[2J\x1b[31mRed\u{9b}31m \u{202E}gpj.exe\u{2066}\u{200F}\rInjected";
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nightreel"))
            .arg("--db")
            .arg(&db)
            .args(["--now", "2026-11-25T01:30:00+08:00"])
            .env("NIGHTREEL_CONFIG", db.with_file_name("no-such-config.toml"))
            .env("XDG_STATE_HOME", dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    cli(&["db", "init"]);
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute(
            "INSERT INTO films (title, original_title, year, directors, countries, languages,
                                genres, tags, keywords, source)
             VALUES (?1, ?2, 2001, ?3, '[\"FR\"]', '[\"fr\"]', '[\"Drama\"]',
                     '[\"lonely\", \"neon\"]', '[]', 'manual')",
            rusqlite::params![
                hostile,
                hostile.repeat(2000),
                serde_json::to_string(&["Dir\0ector\x1b[5m\u{202E}"]).unwrap()
            ],
        )
        .unwrap();
    }
    let note = format!("{hostile} {}", "n".repeat(100_000));
    cli(&["log", hostile, "--note", &note, "--mood", hostile]);
    let mut s = Session::start(&db, 30, 120);
    s.wait_text("Moods");
    s.send("/");
    s.wait_typing("┌ /");
    s.send("evil");
    // vt100 drops the U+FFFD placeholders (real terminals draw them), so later partial
    // redraws can shift the text on its screen: look for the row, not the exact text.
    s.wait_for("the hostile film", |sc| {
        sc.lines()
            .any(|l| l.contains("Evil") && l.contains("PW") && l.contains("2001"))
    });
    s.send("\r");
    s.wait_text("ector");
    s.send("d");
    s.wait_text("Injected");
    s.send("q");
    let raw = Arc::clone(&s.raw);
    s.finish();
    let raw = raw.lock().unwrap();
    for (needle, what) in [
        (&b"\x1b]"[..], "an OSC sequence"),
        (&b"\x07"[..], "BEL"),
        (&b"\x00"[..], "NUL"),
        ("\u{9b}".as_bytes(), "a C1 CSI"),
        ("\u{202E}".as_bytes(), "a right-to-left override"),
        ("\u{2066}".as_bytes(), "a bidi isolate"),
        ("\u{200F}".as_bytes(), "a right-to-left mark"),
    ] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "{what} reached the terminal"
        );
    }
}

/// The TUI writing its vector cache and a viewing, while a CLI logs in a loop beside it:
/// nobody sees "database is locked".
#[test]
fn the_tui_and_a_cli_writer_share_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let run = {
        let db = db.clone();
        let state = dir.path().to_path_buf();
        move |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_nightreel"))
                .arg("--db")
                .arg(&db)
                .args(["--now", "2026-11-25T01:30:00+08:00"])
                .env("NIGHTREEL_CONFIG", db.with_file_name("no-such-config.toml"))
                .env("XDG_STATE_HOME", &state)
                .args(args)
                .output()
                .unwrap()
        }
    };
    assert!(run(&["db", "init"]).status.success());
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let run = run.clone();
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || n < 20 {
                let out = run(&["log", "Stalker", "--note", &format!("cli-{n}")]);
                let err = String::from_utf8_lossy(&out.stderr).into_owned();
                assert!(out.status.success(), "CLI log {n} failed: {err}");
                assert!(!err.contains("locked"), "{err}");
                n += 1;
            }
            n
        })
    };
    // The first start computes and caches every film vector while the CLI writes.
    let mut s = Session::start(&db, 24, 80);
    s.wait_text("Moods");
    s.send("/");
    s.wait_typing("┌ /");
    s.send("chungking");
    s.wait_for("search hit", |sc| sc.contains("Chungking Express 1994"));
    s.send("\r");
    s.send("l");
    s.wait_text("Log · Chungking Express");
    s.send("\r");
    s.wait_text("logged Chungking Express (1994)");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let logged = writer.join().expect("CLI writer");
    s.send("q");
    s.finish();
    let c = rusqlite::Connection::open(&db).unwrap();
    let rows: i64 = c
        .query_row("SELECT count(*) FROM watches", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, logged + 1);
    let cached: i64 = c
        .query_row("SELECT count(*) FROM film_vectors", [], |r| r.get(0))
        .unwrap();
    assert!(cached > 1000, "the TUI cached its vectors: {cached}");
}

fn write_config(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("config.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// Keys and colours from the config: a rebound action works and the help shows its key; a
/// theme colour reaches the terminal; NO_COLOR turns every colour off.
#[test]
fn keymap_and_theme_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let config = write_config(
        dir.path(),
        "[keys]\ntoggle_diary = [\"D\", \"f2\"]\n\n[theme]\ntitle = \"#ff8800\"\n",
    );
    let config = config.to_str().unwrap();
    let mut s = Session::start_with(
        &db,
        24,
        80,
        &[("NIGHTREEL_CONFIG", config), ("NO_COLOR", "")],
    );
    s.wait_text("Moods");
    s.send("d");
    s.send("?");
    s.wait_text("Keys");
    s.wait_text("D F2");
    assert!(
        !s.screen().contains("Diary ·"),
        "d no longer opens the diary"
    );
    s.send("\x1b");
    s.wait_for("help closed", |sc| !sc.contains("Keys ·"));
    s.send("D");
    s.wait_text("Diary · 0 viewings");
    s.send("q");
    let raw = Arc::clone(&s.raw);
    s.finish();
    let raw = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    assert!(
        raw.contains("38;2;255;136;0"),
        "the theme's title colour is used"
    );
    // The same config under NO_COLOR: no foreground colour at all.
    let mut s = Session::start_with(&db, 24, 80, &[("NIGHTREEL_CONFIG", config)]);
    s.wait_text("Moods");
    s.send("q");
    let raw = Arc::clone(&s.raw);
    s.finish();
    let raw = String::from_utf8_lossy(&raw.lock().unwrap()).into_owned();
    assert!(!raw.contains("[38;"), "NO_COLOR is respected");
}

/// A keymap or theme the config gets wrong stops the TUI before it takes the terminal, with
/// the file, the line and the entry named.
#[test]
fn a_bad_keymap_or_theme_names_file_line_and_entry() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    for (text, line, entry) in [
        (
            "[keys]\nquit = \"q\"\ntoggle_dairy = \"d\"\n",
            3,
            "keys.toggle_dairy",
        ),
        ("[keys]\nquit = \"hyper-q\"\n", 2, "keys.quit"),
        ("\n[theme]\naccent = \"sort of teal\"\n", 3, "theme.accent"),
    ] {
        let config = write_config(dir.path(), text);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nightreel"))
            .arg("--db")
            .arg(&db)
            .arg("--config")
            .arg(&config)
            .env("NIGHTREEL_NOW", "2026-11-25T01:30:00+08:00")
            .env("XDG_STATE_HOME", dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{text}");
        let err = String::from_utf8_lossy(&out.stderr);
        let place = format!("{}:{line}:", config.display());
        assert!(err.contains(&place), "{err} should name {place}");
        assert!(err.contains(entry), "{err} should name {entry}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("\x1b[?1049h"));
    }
}

/// The first run on an empty data directory: no database anywhere; nightreel creates one
/// (with the seed catalog) in the data directory, says where, and ranks tonight's list.
#[test]
fn first_run_on_an_empty_data_directory() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::spawn(None, home.path(), 24, 80, &[]);
    s.wait_text("new database at");
    s.wait_text("Tonight · 50 films");
    s.send("q");
    s.finish();
    let data = home.path().join("data");
    let created: Vec<_> = walk(&data)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(created.len(), 1, "one database under {}", data.display());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Logging from tonight's list re-ranks on the worker thread; its result wakes the UI, which
/// marks new and moved films and says how many.
#[test]
fn logging_reranks_and_marks_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let mut s = Session::start(&db, 30, 160);
    s.wait_text("Tonight · 50 films");
    s.send("l");
    s.wait_text("Log · ");
    s.send("\r");
    s.wait_text("tonight's list re-ranked:");
    s.wait_for("a new or risen film", |sc| {
        sc.lines()
            .any(|l| l.contains("│  new ") || l.contains("│  ↑"))
    });
    s.send("q");
    s.finish();
}

/// Below 80 columns (no mood pane) Tab keeps the keyboard on the list, and a terminal that
/// shrinks while the moods have it gives it to the list: `j` then moves the list's cursor
/// instead of changing the mood out of sight.
#[test]
fn keys_go_to_a_pane_that_is_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let mut s = Session::start(&db, 24, 100);
    s.wait_text("Tonight · 50 films");
    s.send("\t");
    s.wait_text("Tab films");
    s.resize(24, 60);
    s.wait_for("narrow layout", |sc| !sc.contains("Moods"));
    // `j`, then Tab and `j`: the list's cursor goes down two rows, the mood stays.
    let cursor_on = |row: usize| {
        move |sc: &str| {
            let rows: Vec<&str> = sc.lines().filter(|l| l.starts_with('│')).collect();
            rows.get(row).is_some_and(|l| l.contains('▸'))
        }
    };
    s.send("j");
    s.wait_for("the cursor on the second film", cursor_on(1));
    s.send("\tj");
    s.wait_for("the cursor on the third film", cursor_on(2));
    assert!(
        s.screen().contains("nightreel · Slow-burn loneliness"),
        "{}",
        s.screen()
    );
    s.send("q");
    s.finish();
}

/// Whether loading can be held: only debug builds of nightreel have the hold (a release
/// binary carries no test hook), and the binary is built in the tests' profile. Without it
/// the seed catalog loads too fast to see the loading screen, so these tests say they skip.
fn hold_available(test: &str) -> bool {
    if !cfg!(debug_assertions) {
        println!("SKIPPED {test}: loading can be held in debug builds only (run `cargo test`)");
    }
    cfg!(debug_assertions)
}

/// Starts nightreel with loading held (debug builds wait while the file exists), on a
/// database made beforehand so the seed catalog is in it.
fn start_held(dir: &std::path::Path, rows: u16, cols: u16) -> (Session, std::path::PathBuf) {
    let db = dir.join("night.db");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_nightreel"))
        .args(["--db", db.to_str().unwrap(), "db", "init"])
        .env("NIGHTREEL_CONFIG", dir.join("no-such-config.toml"))
        .env("XDG_STATE_HOME", dir.join("state"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let hold = dir.join("hold");
    std::fs::write(&hold, "").unwrap();
    let env = [("NIGHTREEL_TEST_HOLD_LOAD", hold.to_str().unwrap())];
    (Session::start_with(&db, rows, cols, &env), hold)
}

#[test]
fn the_loading_screen_shows_first_and_keys_typed_meanwhile_are_kept() {
    if !hold_available("the_loading_screen_shows_first_and_keys_typed_meanwhile_are_kept") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut s, hold) = start_held(dir.path(), 24, 80);
    s.wait_text("Loading your catalog");
    s.wait_text("opening the database…");
    // A search typed blind: the `q` in it is a letter, not quit.
    s.send("/");
    s.send("quiet");
    s.wait_text("6 keys kept for when it is ready");
    assert!(!s.screen().contains("Tonight"), "{}", s.screen());
    std::fs::remove_file(&hold).unwrap();
    // The app arrives with the search typed ahead applied, then tonight's list behind it.
    s.wait_for("the search typed ahead", |sc| {
        sc.contains("/ quiet") && !sc.contains("Loading your catalog")
    });
    s.send("\x1b");
    s.wait_for("tonight's list", |sc| {
        sc.contains("Tonight") && !sc.contains("Reading the embedding model")
    });
    s.send("q");
    s.finish();
}

#[test]
fn quitting_while_loading_restores_the_terminal() {
    if !hold_available("quitting_while_loading_restores_the_terminal") {
        return;
    }
    for key in ["q", "\x03"] {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, _hold) = start_held(dir.path(), 24, 80);
        s.wait_text("Loading your catalog");
        s.send(key);
        // The loader is still held: quitting does not wait for it.
        s.finish();
    }
}

#[test]
fn the_loading_screen_fits_a_small_terminal() {
    if !hold_available("the_loading_screen_fits_a_small_terminal") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (mut s, hold) = start_held(dir.path(), 12, 40);
    s.wait_text("Loading your catalog");
    s.wait_text("q quit");
    std::fs::remove_file(&hold).unwrap();
    s.wait_text("Tonight");
    s.send("q");
    s.finish();
}

/// A paste arrives bracketed (the TUI asks for it): its newline is text in the Note field,
/// not Enter, and the rest of it is not run as keys (`q` would quit).
#[test]
fn a_pasted_newline_is_text_not_enter() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("night.db");
    let mut s = Session::start(&db, 30, 120);
    s.wait_text("Tonight · 50 films");
    assert!(s.parser.lock().unwrap().screen().bracketed_paste());
    s.send("l");
    s.wait_text("Log · ");
    s.send(&"\t".repeat(6));
    s.send("\x1b[200~so good\nquiet q\x1b[201~");
    s.wait_text("so good quiet q");
    s.send("\x1b");
    s.wait_for("the dialog closed", |sc| !sc.contains("Log · "));
    s.send("d");
    s.wait_text("Diary · ");
    assert!(!s.screen().contains("1 viewing"), "{}", s.screen());
    s.send("q");
    s.finish();
}

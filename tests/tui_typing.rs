//! Text fields: typing more than a field shows keeps the cursor in view (the mood pane at 80
//! columns shows some twenty cells of "your own words"); the cursor moves by character
//! (← → Home End, Ctrl-A Ctrl-E), Backspace / Del / Ctrl-W / Ctrl-U delete at it, a paste goes
//! in at it, and the terminal's cursor stands in the right display column (CJK characters
//! take two).

mod common;

use common::{cursor, left_of_cursor, render};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Focus, Mode};
use nightreel::tui::event_action;

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    let film = nightreel::model::Film::from(nightreel::model::FilmData {
        title: "Chungking Express".into(),
        year: Some(1994),
        tags: vec!["lonely".into(), "neon".into()],
        source: "seed".into(),
        ..nightreel::model::FilmData::default()
    });
    store.insert_film(&film.data()).unwrap();
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn a_long_mood_being_typed_shows_its_end() {
    let mut app = app();
    app.update(Action::StartMood);
    type_text(
        &mut app,
        "rain on neon, lonely but warm, like a late train home",
    );
    for (w, h) in [(80, 24), (100, 30), (120, 32)] {
        let left = left_of_cursor(&app, w, h).unwrap_or_default();
        assert!(left.ends_with("train home"), "{w}×{h}: {left:?}");
    }
}

#[test]
fn a_long_note_being_typed_shows_its_end() {
    let mut app = app();
    app.update(Action::OpenLog);
    for _ in 0..6 {
        app.update(Action::FocusNext);
    }
    type_text(
        &mut app,
        "the neon sign outside made it feel like the film was about us, 雨夜",
    );
    for (w, h) in [(80, 24), (40, 12)] {
        let left = left_of_cursor(&app, w, h).unwrap_or_default();
        assert!(left.ends_with("雨夜"), "{w}×{h}: {left:?}");
    }
    // Once the focus moves on, the note shows its start again.
    app.update(Action::FocusNext);
    let s = render(&app, 80, 24);
    assert!(s.contains("the neon sign"), "{s}");
}

#[test]
fn a_long_import_path_being_typed_shows_its_end() {
    let mut app = app();
    app.update(Action::OpenImport);
    type_text(
        &mut app,
        "letterboxd ~/Downloads/letterboxd-someone-2026-11-25-01-30-utc/diary.csv",
    );
    let left = left_of_cursor(&app, 80, 24).unwrap_or_default();
    assert!(left.ends_with("diary.csv"), "{left:?}");
}

/// A time typed for a day that is not today says its day in the message: "01:10" typed at
/// 01:30 is tonight, "23:40" last evening's.
#[test]
fn the_message_after_a_log_names_the_day_when_it_is_not_today() {
    let mut app = app();
    for (typed, said) in [
        ("01:10", "logged Chungking Express (1994) at 01:10 ·"),
        (
            "23:40",
            "logged Chungking Express (1994) at 2026-11-24 23:40",
        ),
    ] {
        app.update(Action::OpenLog);
        for _ in 0..30 {
            app.update(Action::Backspace);
        }
        type_text(&mut app, typed);
        app.update(Action::Submit);
        assert!(app.status.starts_with(said), "{typed}: {}", app.status);
    }
}

/// A key pressed the way the TUI's loop feeds it (through the keymap).
fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(a) = event_action(app, &Event::Key(KeyEvent::new(code, mods))) {
        app.update(a);
    }
}

fn key(app: &mut App, code: KeyCode) {
    press(app, code, KeyModifiers::NONE);
}

fn ctrl(app: &mut App, c: char) {
    press(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn the_mood_box_edits_at_the_cursor_by_character() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    keys(&mut app, "孤独夜晚");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    keys(&mut app, "的");
    assert_eq!(app.custom_mood.as_str(), "孤独的夜晚");
    // The terminal's cursor after "孤独的": six cells into the text, which starts after the
    // border, "▸ " and "✎ " of the mood pane at 80 columns.
    assert_eq!(cursor(&app, 80, 24), Some((5 + 6, 2)));
    assert!(render(&app, 80, 24).contains("✎ 孤独的夜晚"));
    key(&mut app, KeyCode::Home);
    keys(&mut app, "🌧 ");
    ctrl(&mut app, 'e');
    keys(&mut app, "!");
    assert_eq!(app.custom_mood.as_str(), "🌧 孤独的夜晚!");
    ctrl(&mut app, 'a');
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.custom_mood.as_str(), "🌧孤独的夜晚!");
    assert_eq!(left_of_cursor(&app, 80, 24).as_deref(), Some("│▸ ✎ 🌧"));
    key(&mut app, KeyCode::End);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.custom_mood.as_str(), "🌧孤独的夜晚");
    // Below 80 columns the mood is typed in the header, the cursor there too.
    let left = left_of_cursor(&app, 60, 20).unwrap_or_default();
    assert_eq!(left, " nightreel · ✎ 🌧孤独的夜晚");
}

#[test]
fn ctrl_w_and_ctrl_u_delete_a_word_and_to_the_start() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    keys(&mut app, "rain on neon lonely");
    ctrl(&mut app, 'w');
    assert_eq!(app.custom_mood.as_str(), "rain on neon ");
    key(&mut app, KeyCode::Left);
    key(&mut app, KeyCode::Left);
    ctrl(&mut app, 'w');
    assert_eq!(app.custom_mood.as_str(), "rain on n ");
    ctrl(&mut app, 'u');
    assert_eq!(app.custom_mood.as_str(), "n ");
    assert_eq!(app.mode(), Mode::MoodInput);
}

#[test]
fn a_paste_goes_in_at_the_cursor() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    keys(&mut app, "rain warm");
    for _ in 0..5 {
        key(&mut app, KeyCode::Left);
    }
    if let Some(a) = event_action(&app, &Event::Paste(" on neon,\n".into())) {
        app.update(a);
    }
    assert_eq!(app.custom_mood.as_str(), "rain on neon, warm");
    keys(&mut app, " lonely but");
    assert_eq!(app.custom_mood.as_str(), "rain on neon, lonely but warm");
}

#[test]
fn left_and_right_in_the_search_box_move_its_cursor_not_the_list() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "chngking");
    let selected = (app.selected, app.focus);
    for _ in 0..6 {
        key(&mut app, KeyCode::Left);
    }
    keys(&mut app, "u");
    assert_eq!(app.search_text.as_str(), "chungking");
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Delete);
    assert_eq!(app.search_text.as_str(), "hungking");
    assert_eq!((app.selected, app.focus), selected);
    assert_eq!(app.focus, Focus::List);
    assert_eq!(app.mode(), Mode::Search);
    // The cursor in the list's title, after " / ": at the text's start.
    assert_eq!(
        left_of_cursor(&app, 80, 24).as_deref(),
        Some("┌ Moods · 心情 ────────┐┌ / ")
    );
    assert_eq!(left_of_cursor(&app, 40, 12).as_deref(), Some("┌ / "));
}

#[test]
fn the_log_dialog_moves_in_text_fields_and_steps_the_rating() {
    let mut app = app();
    key(&mut app, KeyCode::Char('l'));
    // When: "2026-11-25 01:30"; ← three times, and the hour's last digit retyped.
    for _ in 0..3 {
        key(&mut app, KeyCode::Left);
    }
    key(&mut app, KeyCode::Backspace);
    keys(&mut app, "0");
    let form = app.log_form.as_ref().unwrap();
    assert_eq!(form.when.as_str(), "2026-11-25 00:30");
    let left = left_of_cursor(&app, 80, 24).unwrap_or_default();
    assert!(left.ends_with("When    2026-11-25 00"), "{left:?}");
    // On the rating, → still raises it by half a star (and the cursor hides).
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Right);
    key(&mut app, KeyCode::Right);
    let form = app.log_form.as_ref().unwrap();
    assert_eq!(form.rating.map(|r| r.stars()), Some(1.0));
    assert_eq!(cursor(&app, 80, 24), None);
    // The note: typed, then a word put in before the last one.
    for _ in 0..5 {
        key(&mut app, KeyCode::Tab);
    }
    keys(&mut app, "neon rain");
    for _ in 0..4 {
        key(&mut app, KeyCode::Left);
    }
    keys(&mut app, "夜 ");
    assert_eq!(app.log_form.as_ref().unwrap().note.as_str(), "neon 夜 rain");
    let left = left_of_cursor(&app, 80, 24).unwrap_or_default();
    assert!(left.ends_with("Note    neon 夜 "), "{left:?}");
}

#[test]
fn the_nudge_and_import_prompts_edit_at_the_cursor() {
    let mut app = app();
    key(&mut app, KeyCode::Char('+'));
    keys(&mut app, "tendr");
    key(&mut app, KeyCode::Left);
    keys(&mut app, "e");
    assert_eq!(
        app.critique.as_ref().map(|(_, t)| t.as_str()),
        Some("tender")
    );
    let left = left_of_cursor(&app, 80, 24).unwrap_or_default();
    assert_eq!(left, " more of: tende");
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('i'));
    keys(&mut app, "letterboxd ~/x.zip");
    ctrl(&mut app, 'a');
    ctrl(&mut app, 'w');
    key(&mut app, KeyCode::Delete);
    keys(&mut app, "L");
    assert_eq!(app.import_form.as_deref(), Some("Letterboxd ~/x.zip"));
    let left = left_of_cursor(&app, 80, 24).unwrap_or_default();
    assert!(left.ends_with("│L"), "{left:?}");
}

#[test]
fn the_help_lists_the_text_field_keys() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    let s = render(&app, 250, 80);
    for k in [
        "Text fields",
        "move the cursor",
        "Ctrl-W",
        "Ctrl-U",
        "Ctrl-A / E",
    ] {
        assert!(s.contains(k), "{k}:\n{s}");
    }
}

#[test]
fn a_nudge_is_added_once_whatever_its_case_and_only_when_understood() {
    let mut app = app();
    for word in ["dark", "Dark", "DARK"] {
        key(&mut app, KeyCode::Char('-'));
        keys(&mut app, word);
        key(&mut app, KeyCode::Enter);
    }
    assert_eq!(app.less, ["dark"]);
    // "more Dark" takes the place of "less dark".
    key(&mut app, KeyCode::Char('+'));
    keys(&mut app, "Dark");
    key(&mut app, KeyCode::Enter);
    assert!(
        app.less.is_empty() && app.more == ["Dark"],
        "{:?} {:?}",
        app.more,
        app.less
    );
    key(&mut app, KeyCode::Char('+'));
    keys(&mut app, "qwzxv");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.more, ["Dark"]);
    assert!(
        app.status.contains("not understood: qwzxv"),
        "{}",
        app.status
    );
}

/// A log that meets another process's write (an import from the command line) gives up after
/// the TUI's short wait, says so in the dialog and keeps what was typed; Enter again saves it
/// once the other write is done.
#[test]
fn a_log_while_another_program_writes_says_so_and_keeps_the_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    let lib = Library::open(&db, Config::default(), clock).unwrap().0;
    lib.store()
        .set_write_wait(std::time::Duration::from_millis(100))
        .unwrap();
    let mut app = App::new(lib);
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    let form = app.log_form.as_ref().expect("the dialog stays open");
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("another program is writing"), "{error}");
    assert!(app.lib.history().is_empty());
    other.execute_batch("COMMIT").unwrap();
    app.update(Action::Submit);
    assert!(app.log_form.is_none());
    assert_eq!(app.lib.history().len(), 1);
}

/// The status line says what a typed mood denies as "less …" (it listed "gory"'s tags as if
/// they were asked for).
#[test]
fn the_status_says_a_denied_word_as_less() {
    let mut app = app();
    key(&mut app, KeyCode::Char('m'));
    keys(&mut app, "scary but not gory");
    assert!(app.status.contains("understood: dread"), "{}", app.status);
    assert!(app.status.contains("less brutal"), "{}", app.status);
    assert!(!app.status.contains(", brutal"), "{}", app.status);
}

/// A viewing logged by another program (`nightreel log` in another terminal) while the TUI is
/// open shows in it at the next tick; before, only after an import or a restart.
#[test]
fn a_viewing_logged_elsewhere_shows_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let clock = || Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    let mut app = App::new(Library::open(&db, Config::default(), clock()).unwrap().0);
    app.update(Action::Tick);
    assert!(app.lib.watches().is_empty());
    let before = app.status.clone();
    // Nothing changed: nothing is said.
    app.update(Action::Tick);
    assert_eq!(app.status, before);
    let mut other = Library::open(&db, Config::default(), clock()).unwrap().0;
    let film = other.resolve_title("Chungking Express", None).unwrap().id;
    other
        .log(nightreel::model::NewWatch {
            film_id: film,
            watched_at: nightreel::time::WatchedAt::At(
                chrono::DateTime::parse_from_rfc3339("2026-11-25T00:10:00+08:00").unwrap(),
            ),
            rating: None,
            rewatch: false,
            liked: true,
            mood: None,
            mood_after: None,
            note: None,
            source: "nightreel".into(),
        })
        .unwrap();
    app.update(Action::Tick);
    assert_eq!(app.lib.watches().len(), 1);
    assert_eq!(app.lib.watches()[0].film_id, film);
    assert!(app.status.contains("another program"), "{}", app.status);
}

//! Typing more than a field shows: the end of the text, where the cursor is, stays in view
//! (the mood pane at 80 columns shows some twenty cells of "your own words").

mod common;

use common::render;
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::App;

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
        let s = render(&app, w, h);
        assert!(s.contains("train home█"), "{w}×{h}:\n{s}");
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
        let s = render(&app, w, h);
        assert!(s.contains("雨夜█"), "{w}×{h}:\n{s}");
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
    let s = render(&app, 80, 24);
    assert!(s.contains("diary.csv█"), "{s}");
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

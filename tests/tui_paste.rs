//! Pasted text and the mood box's Esc: a bracketed paste is text for the focused field (one
//! line, never Enter or command keys), and Esc in the mood box puts back the mood before it.

use crossterm::event::Event;
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Mode};
use nightreel::tui::event_action;

fn film(title: &str, year: i32, tags: &[&str]) -> nightreel::model::FilmData {
    nightreel::model::FilmData {
        title: title.into(),
        year: Some(year),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        source: "seed".into(),
        ..nightreel::model::FilmData::default()
    }
}

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for f in [
        film("Chungking Express", 1994, &["lonely", "neon", "playful"]),
        film("Harakiri", 1962, &["samurai", "revenge", "tense"]),
        film("Baraka", 1992, &["awe", "meditative", "quiet"]),
        film("Amélie", 2001, &["whimsical", "warm", "playful"]),
    ] {
        store
            .insert_film(&nightreel::model::Film::from(f).data())
            .unwrap();
    }
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

/// Feeds an event the way the TUI's loop does.
fn feed(app: &mut App, event: Event) {
    if let Some(a) = event_action(app, &event) {
        app.update(a);
    }
}

fn paste(app: &mut App, text: &str) {
    feed(app, Event::Paste(text.into()));
}

fn ids(app: &App) -> Vec<i64> {
    app.rows.iter().map(|r| r.film_id()).collect()
}

#[test]
fn a_paste_with_newlines_goes_whole_into_the_note() {
    let mut app = app();
    app.update(Action::OpenLog);
    for _ in 0..6 {
        app.update(Action::FocusNext);
    }
    paste(&mut app, "so good\nquiet and sad\nq x\n");
    assert_eq!(app.mode(), Mode::Log, "the paste did not save the dialog");
    let form = app.log_form.as_ref().unwrap();
    assert_eq!(form.note, "so good quiet and sad q x");
    assert!(!app.quit);
    assert!(app.diary_rows().is_empty(), "nothing was saved");
    // The rating field takes no pasted text.
    app.update(Action::FocusPrev);
    for _ in 0..5 {
        app.update(Action::FocusPrev);
    }
    paste(&mut app, "5\n");
    assert_eq!(app.log_form.as_ref().unwrap().rating, None);
}

#[test]
fn a_paste_goes_whole_into_the_mood_box_search_and_import() {
    let mut app = app();
    app.update(Action::StartMood);
    paste(&mut app, "so good\nquiet and sad\n");
    assert_eq!(app.mode(), Mode::MoodInput);
    assert_eq!(app.custom_mood, "so good quiet and sad");
    assert!(!app.quit);
    app.update(Action::Select);

    let mut app = self::app();
    app.update(Action::StartSearch);
    paste(&mut app, "hara\r\nkiri");
    assert_eq!(
        (app.mode(), app.search_text.as_str()),
        (Mode::Search, "hara kiri")
    );

    let mut app = self::app();
    app.update(Action::OpenImport);
    paste(&mut app, "letterboxd\t/tmp/x.csv\nq");
    assert_eq!(app.mode(), Mode::Import);
    assert_eq!(app.import_form.as_deref(), Some("letterboxd /tmp/x.csv q"));
}

#[test]
fn a_paste_where_no_field_is_focused_is_not_keys() {
    let mut app = app();
    let before = ids(&app);
    paste(&mut app, "q\nd\nl\n/x");
    assert_eq!(app.mode(), Mode::Browse);
    assert!(!app.quit && app.log_form.is_none());
    assert_eq!(ids(&app), before);
    // Nor in the diary, where `x` deletes a viewing.
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    app.update(Action::ToggleDiary);
    assert_eq!(app.diary_rows().len(), 1);
    paste(&mut app, "x\nq");
    assert_eq!((app.mode(), app.diary_rows().len()), (Mode::Diary, 1));
    assert!(!app.quit);
}

#[test]
fn a_huge_paste_into_the_mood_box_ranks_once() {
    let mut app = app();
    app.reranker = Some(nightreel::tui::rerank::Reranker::start(Box::new(|| {})));
    app.update(Action::StartMood);
    let before = app.reranker.as_ref().unwrap().requested();
    paste(&mut app, &"quiet awe and samurai revenge\n".repeat(400));
    assert_eq!(app.reranker.as_ref().unwrap().requested(), before + 1);
    app.settle();
    assert!(
        app.custom_mood
            .starts_with("quiet awe and samurai revenge quiet")
    );
    assert!(!app.custom_mood.contains('\n'));
}

#[test]
fn esc_in_the_mood_box_puts_back_the_mood_before_it() {
    let mut app = app();
    let awe = 1 + app
        .lib
        .resolver
        .presets
        .list
        .iter()
        .position(|p| p.en == "Quiet awe")
        .expect("a Quiet awe preset");
    app.update(Action::ClickMood(awe));
    let label = app.mood_label();
    assert!(label.contains("Quiet awe"), "{label}");
    let rows = ids(&app);
    let query = app.query.clone();

    app.update(Action::StartMood);
    for c in "samurai revenge".chars() {
        app.update(Action::Input(c));
    }
    assert_ne!(app.query, query, "the typed mood is previewed");
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.mood_label(), label);
    assert_eq!(app.query, query);
    assert_eq!(ids(&app), rows);

    // Enter keeps the typed mood; Esc straight after `m` changes nothing.
    app.update(Action::StartMood);
    for c in "samurai revenge".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Select);
    assert_eq!(app.mood_label(), "“samurai revenge”");
    app.update(Action::StartMood);
    app.update(Action::Back);
    assert_eq!(app.mood_label(), "“samurai revenge”");
    assert_ne!(app.query, query);
}

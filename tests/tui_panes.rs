//! What the footer says and where the keyboard goes: `? help` and a few keys for the pane
//! with the keyboard show at 80 columns and wider (whatever the message), and focus only
//! moves among the panes that are drawn (below 80 columns there is no mood pane).

mod common;

use common::render;
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Focus, Mode};

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for (title, year) in [("Chungking Express", 1994), ("Fallen Angels", 1995)] {
        let film = nightreel::model::Film::from(nightreel::model::FilmData {
            title: title.into(),
            year: Some(year),
            tags: vec!["lonely".into(), "neon".into()],
            source: "seed".into(),
            ..nightreel::model::FilmData::default()
        });
        store.insert_film(&film.data()).unwrap();
    }
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

fn footer(app: &App, w: u16, h: u16) -> String {
    let screen = render(app, w, h);
    screen
        .lines()
        .nth(usize::from(h) - 1)
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_footer_always_says_how_to_get_help() {
    let mut app = app();
    for w in [80, 100, 120, 200] {
        let f = footer(&app, w, 24);
        assert!(f.ends_with("? help"), "{w}: {f:?}");
        // The films' most useful keys, short.
        for k in ["l log", "/ search", "m mood", "Tab moods"] {
            assert!(f.contains(k), "{w}: {f:?}");
        }
    }
    // A long message still leaves room for the keys.
    app.status = "logged A Film With An Extraordinarily Long Title at 01:30 — tonight's list \
                  re-ranked: 3 new, 2 moved"
        .into();
    app.status_seen = app.status.clone();
    let f = footer(&app, 80, 24);
    assert!(f.starts_with(" logged A Film"), "{f:?}");
    assert!(f.ends_with("? help"), "{f:?}");
    // The mood pane's own keys when it has the keyboard.
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Moods);
    let f = footer(&app, 80, 24);
    assert!(
        f.contains("↑ ↓ choose a mood") && f.contains("Tab films"),
        "{f:?}"
    );
    assert!(f.ends_with("? help"), "{f:?}");
    // Every screen.
    for (open, keys) in [
        (Action::ToggleDiary, "e edit"),
        (Action::ToggleStats, "Esc back"),
        (Action::ToggleWatchlistView, "w take off"),
    ] {
        let mut other = self::app();
        other.update(open);
        let f = footer(&other, 80, 24);
        assert!(
            f.ends_with("? help") && f.contains(keys),
            "{:?}: {f:?}",
            other.mode()
        );
    }
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn tab_moves_only_among_the_panes_that_are_drawn() {
    let mut app = app();
    // Below 80 columns there is no mood pane: Tab keeps the keyboard on the list.
    app.update(Action::Resize(60, 20));
    assert!(!app.moods_shown());
    for a in [Action::FocusNext, Action::FocusPrev, Action::FocusNext] {
        app.update(a);
        assert_eq!(app.focus, Focus::List);
    }
    assert!(!footer(&app, 60, 20).contains("Tab"));
    app.update(Action::Down);
    assert_eq!((app.selected, app.mood_idx), (1, 1));
    // Wide again: Tab reaches the moods.
    app.update(Action::Resize(100, 30));
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Focus::Moods);
    // The terminal shrinks while the moods have the keyboard: the list takes it, and the
    // keys go where they can be seen.
    app.update(Action::Resize(79, 24));
    assert_eq!(app.focus, Focus::List);
    app.update(Action::Up);
    assert_eq!((app.selected, app.mood_idx), (0, 1));
    let screen = render(&app, 79, 24);
    assert!(!screen.contains("Moods"), "{screen}");
}

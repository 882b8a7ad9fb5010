//! After a log (or a seen-mark, or its undo) tonight's list re-ranks: the cursor stays on
//! its film when the film is still listed, else on its row; and logging from search results
//! marks what moved on tonight's list just as logging from the list does.

mod common;

use common::render;
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Change, Mode, Row};

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for (title, year, tags) in [
        (
            "Chungking Express",
            1994,
            &["lonely", "neon", "city-night"][..],
        ),
        ("Fallen Angels", 1995, &["lonely", "neon", "frenetic"]),
        ("Taxi Driver", 1976, &["lonely", "alienated", "gritty"]),
        ("Stalker", 1979, &["contemplative", "slow-burn", "awe"]),
        (
            "In the Mood for Love",
            2000,
            &["melancholic", "longing", "slow-burn"],
        ),
        ("Amélie", 2001, &["whimsical", "warm", "playful"]),
        (
            "Lost in Translation",
            2003,
            &["lonely", "city-night", "melancholic"],
        ),
        ("Paterson", 2016, &["quiet", "warm", "slow-burn"]),
    ] {
        let film = nightreel::model::Film::from(nightreel::model::FilmData {
            title: title.into(),
            year: Some(year),
            directors: vec![format!("Director of {title}")],
            tags: tags.iter().map(|t| t.to_string()).collect(),
            source: "seed".into(),
            ..nightreel::model::FilmData::default()
        });
        store.insert_film(&film.data()).unwrap();
    }
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

fn ids(app: &App) -> Vec<i64> {
    app.rows.iter().map(Row::film_id).collect()
}

#[test]
fn the_cursor_stays_on_its_film_or_its_row_after_a_re_rank() {
    let mut app = app();
    app.update(Action::Down);
    app.update(Action::Down);
    let film = app.selected_film().unwrap();
    // Marked seen, the film moves down tonight's (short) list: the cursor goes with it.
    let before = ids(&app);
    app.update(Action::ToggleSeen);
    assert!(ids(&app).contains(&film));
    assert_ne!(ids(&app), before, "the list re-ranked");
    assert_eq!(app.selected_film(), Some(film), "{:?}", ids(&app));
    app.update(Action::Undo);
    assert_eq!(app.selected_film(), Some(film), "{:?}", ids(&app));
    // With only unwatched films listed, a logged film leaves: the cursor keeps its row.
    app.update(Action::OpenFilter);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    app.update(Action::Increase);
    app.update(Action::Select);
    assert!(app.filter.unwatched);
    app.update(Action::Down);
    app.update(Action::Down);
    let logged = app.selected_film().unwrap();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(!ids(&app).contains(&logged));
    assert_eq!(app.selected, 2, "{:?}", ids(&app));
    // On the last row, a film that leaves puts the cursor on the new last row.
    app.update(Action::Bottom);
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    assert_eq!(app.selected, app.rows.len() - 1);
}

/// Logs `title` (found by searching for it) from the search results, or from tonight's
/// list; returns the app after the log.
fn log_from(search: bool, title: &str) -> App {
    let mut app = app();
    let id = app
        .rows
        .iter()
        .map(Row::film_id)
        .find(|id| app.lib.film(*id).is_some_and(|f| f.title == title))
        .unwrap();
    if search {
        app.update(Action::StartSearch);
        for c in "a".chars() {
            app.update(Action::Input(c));
        }
        app.update(Action::Select);
    }
    let at = app.rows.iter().position(|r| r.film_id() == id).unwrap();
    for _ in 0..at {
        app.update(Action::Down);
    }
    assert_eq!(app.selected_film(), Some(id));
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    assert_eq!(app.mode(), Mode::Browse);
    // The cursor is still on the logged film when it is listed (search results keep it).
    if search {
        assert_eq!(app.selected_film(), Some(id), "{:?}", ids(&app));
    }
    app
}

#[test]
fn logging_from_search_marks_tonights_list_as_logging_from_it_does() {
    let title = "Taxi Driver";
    let from_list = log_from(false, title);
    let mut from_search = log_from(true, title);
    assert!(!from_list.changes.is_empty());
    assert_eq!(from_search.changes, from_list.changes);
    assert!(
        from_search.status.contains("re-ranked"),
        "{}",
        from_search.status
    );
    // The marks show on the search results (a film that moved up on tonight's list)...
    let up = from_search
        .changes
        .iter()
        .find(|(_, c)| matches!(c, Change::Up(_) | Change::New))
        .map(|(id, _)| from_search.lib.film(*id).unwrap().title.to_string());
    let shown = render(&from_search, 100, 30);
    assert!(
        shown.contains("│  ↑") || shown.contains("│  new"),
        "{up:?}\n{shown}"
    );
    // ...and on tonight's list when the search is left.
    from_search.update(Action::Back);
    assert!(from_search.search_text.is_empty());
    assert_eq!(ids(&from_search), ids(&from_list));
    assert_eq!(from_search.changes, from_list.changes);
}

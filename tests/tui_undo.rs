//! `u` undoes a seen-mark given or taken away with `v`, on tonight's list and on the
//! watchlist screen, keys read through the keymap as the terminal would send them.

use crossterm::event::{KeyCode, KeyEvent};
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::model::{Film, FilmData};
use nightreel::store::{Mark, Store};
use nightreel::time::Clock;
use nightreel::tui::app::{App, Mode, Row};
use nightreel::tui::keymap::action_for;

fn film(title: &str, year: i32, tags: &[&str]) -> Film {
    Film::from(FilmData {
        title: title.into(),
        original_title: title.into(),
        year: Some(year),
        directors: vec!["Somebody".into()],
        genres: vec!["Drama".into()],
        tags: tags.iter().map(|t| t.to_string()).collect(),
        source: "seed".into(),
        ..FilmData::default()
    })
}

/// Five films for a lonely night; the store's films get ids 1.. in this order.
fn app_with(prepare: impl FnOnce(&mut Store)) -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for f in [
        film("Chungking Express", 1994, &["lonely", "neon", "city-night"]),
        film("Fallen Angels", 1995, &["lonely", "neon", "late-night"]),
        film("Taxi Driver", 1976, &["lonely", "alienated", "city-night"]),
        film(
            "Lost in Translation",
            2003,
            &["lonely", "quiet", "city-night"],
        ),
        film("Stalker", 1979, &["contemplative", "slow-burn"]),
    ] {
        store.insert_film(&f.data()).unwrap();
    }
    prepare(&mut store);
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

/// Presses a key as the terminal sends it: the keymap picks the action for the screen.
fn press(app: &mut App, c: char) {
    let action = action_for(app, KeyEvent::from(KeyCode::Char(c)));
    assert!(action.is_some(), "`{c}` does nothing on {:?}", app.mode());
    app.update(action.unwrap());
}

fn ids(app: &App) -> Vec<i64> {
    app.rows.iter().map(Row::film_id).collect()
}

#[test]
fn u_takes_back_a_mark_given_on_tonights_list() {
    let mut app = app_with(|_| {});
    assert!(app.rows.len() >= 3, "{:?}", ids(&app));
    press(&mut app, 'j');
    press(&mut app, 'j');
    let id = app.rows[app.selected].film_id();
    let label = app.lib.film(id).unwrap().label();
    let before = ids(&app);
    press(&mut app, 'v');
    assert!(app.lib.seen_mark(id).is_some());
    assert_ne!(ids(&app), before, "marking re-ranks: {}", app.status);
    assert!(app.status.contains("u undoes"), "{}", app.status);
    press(&mut app, 'u');
    assert!(app.lib.seen_mark(id).is_none(), "{}", app.status);
    assert!(!app.lib.has_seen(id));
    assert_eq!(ids(&app), before, "the list is ranked as it was");
    assert!(
        app.status
            .starts_with(&format!("undone: {label} is no longer marked seen")),
        "{}",
        app.status
    );
    assert!(app.status.contains("re-ranked"), "{}", app.status);
    press(&mut app, 'u');
    assert_eq!(app.status, "nothing to undo");
}

#[test]
fn u_undoes_marks_on_the_watchlist_screen_one_step_at_a_time() {
    // Lost in Translation (id 4) on the watchlist, marked seen long ago, liked.
    let old = Mark {
        film_id: 4,
        rating: None,
        liked: true,
        marked_on: Some("2019-06-01".into()),
        source: "letterboxd".into(),
    };
    let mut app = app_with(|store| {
        store.toggle_watchlist(4).unwrap();
        store.put_mark(&old).unwrap();
    });
    let was = app.lib.seen_mark(4).cloned();
    assert_eq!(was.as_ref().unwrap().watched_at.to_stored(), "2019-06-01");
    press(&mut app, 'W');
    assert_eq!(app.mode(), Mode::Watchlist);
    assert_eq!(app.selected_film(), Some(4));
    // Unmark, undo: the old mark is back, its date and all.
    press(&mut app, 'v');
    assert!(app.lib.seen_mark(4).is_none(), "{}", app.status);
    press(&mut app, 'u');
    assert_eq!(app.lib.seen_mark(4).cloned(), was, "{}", app.status);
    assert!(
        app.status.contains("is marked seen again"),
        "{}",
        app.status
    );
    // Unmark, mark afresh (today), then undo both: first the new mark goes, then the old
    // one comes back.
    press(&mut app, 'v');
    press(&mut app, 'v');
    let today = app.lib.seen_mark(4).unwrap().watched_at.to_stored();
    assert_eq!(today, "2026-11-25");
    assert!(app.status.contains("u undoes"), "{}", app.status);
    press(&mut app, 'u');
    assert!(app.lib.seen_mark(4).is_none(), "{}", app.status);
    assert!(
        app.status
            .contains("Lost in Translation (2003) is no longer marked seen"),
        "{}",
        app.status
    );
    press(&mut app, 'u');
    assert_eq!(app.lib.seen_mark(4).cloned(), was, "{}", app.status);
    assert_eq!(app.mode(), Mode::Watchlist, "undo stays on the watchlist");
    press(&mut app, 'u');
    assert_eq!(app.status, "nothing to undo");
}

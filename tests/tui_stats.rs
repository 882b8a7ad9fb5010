//! The stats view over a diary that spans years: months are labelled with their year, as
//! many of the latest months as fit are shown (with how many earlier ones are not), and a
//! view taller than the screen scrolls with j / k / PgUp / PgDn.

mod common;

use common::render;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Mode};
use nightreel::tui::event_action;
use nightreel::tui::text_field::Edit;

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for (i, (title, year, country)) in [
        ("Chungking Express", 1994, "HK"),
        ("Stalker", 1979, "SU"),
        ("Amélie", 2001, "FR"),
        ("Taxi Driver", 1976, "US"),
        ("Paterson", 2016, "DE"),
    ]
    .into_iter()
    .enumerate()
    {
        let film = nightreel::model::Film::from(nightreel::model::FilmData {
            title: title.into(),
            year: Some(year),
            directors: vec![format!("Director {i}")],
            countries: vec![country.into()],
            runtime: Some(100),
            tags: vec!["lonely".into(), "neon".into()],
            source: "seed".into(),
            ..nightreel::model::FilmData::default()
        });
        store.insert_film(&film.data()).unwrap();
    }
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

/// Logs the film on row `row` of tonight's list at `when` ("YYYY-MM-DD HH:MM"), in `mood`.
fn log(app: &mut App, row: usize, when: &str, mood: &str) {
    app.update(Action::Top);
    for _ in 0..row {
        app.update(Action::Down);
    }
    app.update(Action::OpenLog);
    app.update(Action::Edit(Edit::End));
    app.update(Action::Edit(Edit::DeleteToStart));
    for c in when.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::FocusNext);
    app.update(Action::Input('4'));
    for _ in 0..3 {
        app.update(Action::FocusNext);
    }
    app.update(Action::Edit(Edit::End));
    app.update(Action::Edit(Edit::DeleteToStart));
    for c in mood.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Submit);
    assert_eq!(app.mode(), Mode::Browse, "{when}: {:?}", app.log_form);
}

/// A viewing in every month from `from` (year, month) for `n` months.
fn monthly(app: &mut App, from: (i32, u32), n: u32) {
    let (mut y, mut m) = from;
    for i in 0..n {
        log(
            app,
            (i % 5) as usize,
            &format!("{y}-{m:02}-10 22:00"),
            "lonely",
        );
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
}

fn press(app: &mut App, code: KeyCode) {
    let key = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(a) = event_action(app, &key) {
        app.update(a);
    }
}

#[test]
fn months_carry_their_year_and_the_latest_that_fit_show() {
    let mut app = app();
    // Twenty-three months, June 2024 to April 2026, over two new years.
    monthly(&mut app, (2024, 6), 23);
    app.update(Action::ToggleStats);
    let s = render(&app, 80, 24);
    let lines: Vec<&str> = s.lines().collect();
    let labels = lines
        .iter()
        .position(|l| l.contains("Nov Dec Jan Feb"))
        .unwrap_or_else(|| panic!("no month labels:\n{s}"));
    // The latest months that fit, up to April 2026, and how many earlier are not shown.
    let row = lines[labels];
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let shown = row
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| names.contains(w))
        .count();
    assert!(row.contains("Mar Apr"), "{s}");
    assert!(
        s.contains(&format!("{} earlier not shown", 23 - shown)),
        "{shown}:\n{s}"
    );
    // The year under the first month shown and under January.
    let years = lines[labels + 1];
    let first = row.find(|c: char| c.is_ascii_uppercase()).unwrap_or(0);
    assert_eq!(years.get(first..first + 4), Some("2025"), "{s}");
    let jan = row.find("Jan").unwrap_or(0);
    assert_eq!(years.get(jan..jan + 4), Some("2026"), "{s}");
}

#[test]
fn every_month_shows_when_the_months_fit() {
    // Ten months fit the chart at 80×24; a month without viewings is a bar of 0.
    let mut app = app();
    monthly(&mut app, (2026, 1), 7);
    log(&mut app, 0, "2026-10-10 22:00", "lonely");
    app.update(Action::ToggleStats);
    let s = render(&app, 80, 24);
    let row = s
        .lines()
        .find(|l| l.contains("Jan Feb"))
        .unwrap_or_default();
    assert!(
        row.contains("Jan Feb Mar Apr May Jun Jul Aug Sep Oct"),
        "{s}"
    );
    assert!(!s.contains("not shown"), "{s}");
}

#[test]
fn tall_stats_scroll_with_j_k_and_pages() {
    let mut app = app();
    for (i, (when, mood)) in [
        ("2026-11-20 23:00", "lonely"),
        ("2026-11-21 01:00", "tender"),
        ("2026-11-22 02:00", "restless"),
        ("2026-11-23 21:00", "warm"),
        ("2026-11-24 23:30", "bleak"),
    ]
    .into_iter()
    .enumerate()
    {
        log(&mut app, i.min(4 - i.min(4)), when, mood);
    }
    app.update(Action::Resize(80, 24));
    press(&mut app, KeyCode::Char('s'));
    let top = render(&app, 80, 24);
    assert!(top.contains("j k scroll"), "{top}");
    assert!(top.contains("↑ ↓ scroll"), "the footer says so too:\n{top}");
    // The last of the top lists is below the window; j scrolls one row, G to the end.
    let last = app
        .lib
        .stats()
        .top_moods
        .get(2)
        .map(|(m, _)| m.clone())
        .unwrap_or_default();
    let last_line = format!("1  {last}");
    assert!(
        !top.contains(&last_line),
        "{last_line} already showing:\n{top}"
    );
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.stats_scroll, 1);
    assert_ne!(render(&app, 80, 24), top);
    press(&mut app, KeyCode::Char('G'));
    let end = render(&app, 80, 24);
    assert!(end.contains(&last_line), "{last_line}:\n{end}");
    // Not past the end; PgUp and k come back up to the top.
    let at_end = app.stats_scroll;
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.stats_scroll, at_end);
    press(&mut app, KeyCode::PageUp);
    press(&mut app, KeyCode::Char('k'));
    press(&mut app, KeyCode::Char('g'));
    assert_eq!(app.stats_scroll, 0);
    assert_eq!(render(&app, 80, 24), top);
    assert_eq!(app.mode(), Mode::Stats);
}

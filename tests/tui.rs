//! The TUI without a terminal: `App::update` driven by actions, and every view snapshot-tested
//! on ratatui's `TestBackend` at 80×24 and 40×12, on a small fixture catalog and a fixed clock.

mod common;

use common::{render, render_with};
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::model::Film;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Change, Mode, Row, Screen};
use nightreel::tui::theme::Theme;
use nightreel::tui::views;

fn film(title: &str, original: &str, year: i32, dir: &str, tags: &[&str]) -> Film {
    Film::from(nightreel::model::FilmData {
        title: title.into(),
        original_title: original.into(),
        year: Some(year),
        directors: vec![dir.into()],
        countries: vec!["HK".into()],
        languages: vec!["zh".into()],
        runtime: Some(98),
        genres: vec!["Drama".into()],
        tags: tags.iter().map(|t| t.to_string()).collect(),
        source: "seed".into(),
        ..nightreel::model::FilmData::default()
    })
}

fn app() -> App {
    app_with(|_| {})
}

/// The fixture app, with `prepare` run on its store before the library opens it.
fn app_with(prepare: impl FnOnce(&mut Store)) -> App {
    let mut store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    let films = [
        film(
            "Chungking Express",
            "重慶森林",
            1994,
            "Wong Kar-wai",
            &[
                "lonely",
                "neon",
                "city-night",
                "playful",
                "late-night",
                "rain-soaked",
            ],
        ),
        film(
            "Fallen Angels",
            "墮落天使",
            1995,
            "Wong Kar-wai",
            &["lonely", "neon", "city-night", "frenetic", "late-night"],
        ),
        film(
            "In the Mood for Love",
            "花樣年華",
            2000,
            "Wong Kar-wai",
            &[
                "melancholic",
                "longing",
                "repressed",
                "rain-soaked",
                "slow-burn",
            ],
        ),
        film(
            "Amélie",
            "Le fabuleux destin d'Amélie Poulain",
            2001,
            "Jean-Pierre Jeunet",
            &["whimsical", "warm", "playful", "romantic"],
        ),
        film(
            "Stalker",
            "Сталкер",
            1979,
            "Andrei Tarkovsky",
            &[
                "contemplative",
                "slow-burn",
                "long-takes",
                "awe",
                "spiritual",
            ],
        ),
        film(
            "Taxi Driver",
            "Taxi Driver",
            1976,
            "Martin Scorsese",
            &[
                "lonely",
                "alienated",
                "city-night",
                "neon",
                "gritty",
                "slow-burn",
            ],
        ),
        film(
            "A Film With An Extraordinarily Long Title That Will Not Fit Anywhere At All",
            "同じ",
            2010,
            "Somebody",
            &["lonely", "solitary", "quiet", "slow-burn"],
        ),
    ];
    for f in &films {
        store.insert_film(&f.data()).unwrap();
    }
    prepare(&mut store);
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

/// The fixture app after importing a Letterboxd export of one file, `name` holding `csv`.
fn app_with_letterboxd(name: &str, csv: &str) -> App {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), csv).unwrap();
    app_with(|store| {
        nightreel::import::run(
            store,
            nightreel::import::Format::Letterboxd,
            dir.path(),
            Clock::from_option(Some("2026-11-25T01:30:00+08:00"))
                .unwrap()
                .now(),
            &mut |_, _| {},
        )
        .unwrap();
    })
}

fn snap(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), render(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_40x12"), render(app, 40, 12));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

#[test]
fn starts_on_first_preset_with_ranked_list() {
    let app = app();
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.mood_idx, 1);
    assert!(!app.rows.is_empty());
    snap("browse", &app);
}

#[test]
fn moving_in_moods_reranks() {
    let mut app = app();
    app.update(Action::FocusNext);
    let before: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    app.update(Action::Down);
    assert_eq!(app.mood_idx, 2);
    let after: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    assert_ne!(before, after);
}

#[test]
fn search_filters_and_highlights() {
    let mut app = app();
    app.update(Action::StartSearch);
    assert_eq!(app.mode(), Mode::Search);
    type_text(&mut app, "amelie");
    assert_eq!(app.lib.film(app.rows[0].film_id()).unwrap().title, "Amélie");
    snap("search", &app);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(app.search_text.is_empty());
    assert!(matches!(app.rows[0], Row::Rec(_)));
}

#[test]
fn search_by_director_and_original_title() {
    let mut app = app();
    app.update(Action::StartSearch);
    type_text(&mut app, "tarkov");
    assert_eq!(
        app.lib.film(app.rows[0].film_id()).unwrap().title,
        "Stalker"
    );
    app.update(Action::Back);
    app.update(Action::StartSearch);
    type_text(&mut app, "花樣");
    assert_eq!(
        app.lib.film(app.rows[0].film_id()).unwrap().year,
        Some(2000)
    );
    // Typed in Simplified Chinese, the Traditional original title is found too.
    app.update(Action::Back);
    app.update(Action::StartSearch);
    type_text(&mut app, "花样年华");
    assert_eq!(
        app.lib.film(app.rows[0].film_id()).unwrap().year,
        Some(2000)
    );
}

#[test]
fn own_words_mood() {
    let mut app = app();
    app.update(Action::StartMood);
    assert_eq!(app.mode(), Mode::MoodInput);
    type_text(&mut app, "whimsical and warm");
    snap("mood_input", &app);
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.lib.film(app.rows[0].film_id()).unwrap().title, "Amélie");
}

#[test]
fn log_dialog_logs_and_reranks() {
    let mut app = app();
    let first = app.rows[0].film_id();
    app.update(Action::OpenLog);
    assert_eq!(app.mode(), Mode::Log);
    let form = app.log_form.as_ref().unwrap();
    assert_eq!(form.when, "2026-11-25 01:30");
    assert_eq!(form.mood, "Slow-burn loneliness");
    app.update(Action::FocusNext); // rating
    app.update(Action::Input('4'));
    app.update(Action::Increase); // 4.5
    app.update(Action::FocusNext); // rewatch
    app.update(Action::FocusNext); // liked
    app.update(Action::Input(' '));
    app.update(Action::FocusNext); // mood
    app.update(Action::FocusNext); // mood after
    type_text(&mut app, "warm");
    app.update(Action::FocusNext); // note
    type_text(&mut app, "neon and rain");
    snap("log_dialog", &app);
    app.update(Action::Submit);
    assert_eq!(app.mode(), Mode::Browse);
    let w = &app.lib.watches()[0];
    assert_eq!(w.film_id, first);
    assert_eq!(w.rating.unwrap().stars(), 4.5);
    assert!(w.liked);
    assert_eq!(w.note.as_deref(), Some("neon and rain"));
    assert_eq!(w.mood_after.as_deref(), Some("warm"));
    assert_eq!(w.watched_at.to_stored(), "2026-11-25T01:30:00+08:00");
    // The just-watched film drops; others moved or are new.
    assert_ne!(app.rows[0].film_id(), first);
    assert!(!app.changes.is_empty());
    assert!(app.changes.values().any(|c| matches!(c, Change::Up(_))));
    assert!(app.status.contains("re-ranked"), "{}", app.status);
    snap("after_log", &app);
}

#[test]
fn log_dialog_rejects_bad_time_and_keeps_form() {
    let mut app = app();
    app.update(Action::OpenLog);
    for _ in 0..16 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "25:99");
    app.update(Action::Submit);
    assert_eq!(app.mode(), Mode::Log);
    assert!(
        app.log_form
            .as_ref()
            .unwrap()
            .error
            .as_ref()
            .unwrap()
            .contains("25:99")
    );
    assert!(app.lib.watches().is_empty());
    snap("log_error", &app);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn diary_groups_by_film_night() {
    let mut app = app();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    app.update(Action::Down);
    app.update(Action::OpenLog);
    for _ in 0..16 {
        app.update(Action::Backspace);
    }
    type_text(&mut app, "2026-11-23 21:10");
    app.update(Action::Submit);
    app.update(Action::ToggleDiary);
    assert_eq!(app.screen, Screen::Diary);
    assert_eq!(app.lib.watches().len(), 2);
    snap("diary", &app);
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn empty_diary_view() {
    let mut app = app();
    app.update(Action::ToggleDiary);
    snap("diary_empty", &app);
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut app = app();
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), Mode::Help);
    snap("help", &app);
    // Generated from the keymap: every binding of the films screen is there.
    let text = render(&app, 250, 80);
    for (keys, what) in app.keymap.help(Mode::Browse) {
        assert!(
            text.contains(&what),
            "{what} ({keys}) missing from help:\n{text}"
        );
    }
    // Scrolls when it does not fit.
    let top = render(&app, 80, 24);
    app.update(Action::PageDown);
    assert_ne!(render(&app, 80, 24), top);
    snap("help_scrolled", &app);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn quit_from_browse() {
    let mut app = app();
    app.update(Action::Quit);
    assert!(app.quit);
}

#[test]
fn watchlist_toggle() {
    let mut app = app();
    let id = app.selected_film().unwrap();
    app.update(Action::ToggleWatchlist);
    assert!(app.lib.on_watchlist(id));
    app.update(Action::ToggleWatchlist);
    assert!(!app.lib.on_watchlist(id));
}

#[test]
fn renders_at_every_size_without_panic() {
    let mut app = app();
    app.update(Action::OpenLog);
    for w in (1..=160).step_by(7) {
        for h in (1..=60).step_by(5) {
            render(&app, w, h);
        }
    }
    app.update(Action::Back);
    app.update(Action::ToggleHelp);
    for w in (1..=120).step_by(9) {
        for h in (1..=50).step_by(7) {
            render(&app, w, h);
        }
    }
}

#[test]
fn stats_view_with_charts() {
    let mut app = app();
    app.update(Action::ToggleStats);
    assert_eq!(app.mode(), Mode::Stats);
    snap("stats_empty", &app);
    app.update(Action::Back);
    for (i, when) in ["2026-11-25 01:30", "2026-11-23 23:10", "2026-10-02 20:05"]
        .iter()
        .enumerate()
    {
        for _ in 0..i {
            app.update(Action::Down);
        }
        app.update(Action::OpenLog);
        for _ in 0..16 {
            app.update(Action::Backspace);
        }
        type_text(&mut app, when);
        app.update(Action::Submit);
        assert_eq!(app.mode(), Mode::Browse, "{:?}", app.log_form);
    }
    app.update(Action::ToggleStats);
    let s = app.lib.stats();
    assert_eq!(s.viewings, 3);
    assert_eq!(s.late_night, 2);
    snap("stats", &app);
    app.update(Action::ToggleStats);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn nudges_move_the_list_and_show_in_the_header() {
    let mut app = app();
    let before: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    app.update(Action::LessOf);
    assert_eq!(app.mode(), Mode::Critique);
    type_text(&mut app, "neon");
    snap("nudge_prompt", &app);
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.less, vec!["neon".to_string()]);
    assert!(
        app.mood_label().ends_with("· less neon"),
        "{}",
        app.mood_label()
    );
    let after: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    assert_ne!(before, after, "less neon must change the order");
    // The neon films lose ground against the others: they sit lower on the whole.
    let neon_at = |rows: &[i64]| -> usize {
        rows.iter()
            .enumerate()
            .filter(|(_, id)| {
                app.lib
                    .film(**id)
                    .unwrap()
                    .tags()
                    .iter()
                    .any(|t| *t == "neon")
            })
            .map(|(at, _)| at)
            .sum()
    };
    assert!(neon_at(&after) > neon_at(&before));
    app.update(Action::ClearNudges);
    assert!(app.less.is_empty());
    let cleared: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    assert_eq!(cleared, before);
}

/// Every view and dialog, drawn at every size from 1×1 to 250×80 (in steps), never panics and
/// never writes outside the frame; at 40×12 and up the header is on screen.
#[test]
fn every_view_draws_at_every_size() {
    let mut states: Vec<(&str, App)> = Vec::new();
    states.push(("browse", app()));
    let mut a = app();
    a.update(Action::StartSearch);
    type_text(&mut a, "wong");
    states.push(("search", a));
    let mut a = app();
    a.update(Action::StartMood);
    type_text(&mut a, "孤独 rain 🌧 on neon");
    states.push(("mood", a));
    let mut a = app();
    a.update(Action::MoreOf);
    type_text(&mut a, "tender");
    states.push(("nudge", a));
    let mut a = app();
    a.update(Action::OpenLog);
    states.push(("log", a));
    let mut a = app();
    a.update(Action::OpenLog);
    a.update(Action::FocusNext);
    a.update(Action::Input('4'));
    a.update(Action::Submit);
    a.update(Action::ToggleDiary);
    states.push(("diary", a));
    let mut a = app();
    a.update(Action::ToggleStats);
    states.push(("stats", a));
    let mut a = app();
    a.update(Action::ToggleHelp);
    states.push(("help", a));
    let mut a = app();
    a.update(Action::OpenFilter);
    a.update(Action::Down);
    a.update(Action::Increase);
    states.push(("filter", a));
    let mut a = app();
    a.update(Action::ToggleWatchlist);
    a.update(Action::ToggleWatchlistView);
    states.push(("watchlist", a));
    let mut a = app();
    for when in ["2026-11-25 01:30", "2026-10-02 20:05"] {
        a.update(Action::OpenLog);
        for _ in 0..16 {
            a.update(Action::Backspace);
        }
        type_text(&mut a, when);
        a.update(Action::Submit);
    }
    a.update(Action::ToggleStats);
    states.push(("stats_with_data", a));
    let mut a = app();
    a.update(Action::OpenImport);
    type_text(&mut a, "letterboxd ~/export.zip");
    states.push(("import", a));
    let widths: Vec<u16> = (1..=250)
        .step_by(9)
        .chain([2, 19, 20, 39, 40, 79, 80, 119, 120, 250])
        .collect();
    let heights: Vec<u16> = (1..=80)
        .step_by(7)
        .chain([2, 4, 5, 11, 12, 23, 24, 80])
        .collect();
    let mut frames = 0;
    for (name, app) in &states {
        for &w in &widths {
            for &h in &heights {
                let text = render(app, w, h);
                // (The line saying where the cursor is does not count.)
                let rows = text
                    .lines()
                    .filter(|l| !l.starts_with("[cursor at"))
                    .count();
                assert_eq!(rows, h as usize, "{name} at {w}×{h}");
                // Modal dialogs may cover the header on small screens.
                if w >= 40 && h >= 12 && !matches!(*name, "log" | "help" | "filter" | "import") {
                    assert!(
                        text.contains("nightreel"),
                        "{name} at {w}×{h} lost its header:\n{text}"
                    );
                }
                frames += 1;
            }
        }
    }
    eprintln!("{frames} frames drawn");
}

#[test]
fn the_list_fills_in_when_the_model_arrives() {
    let lib = app().lib;
    let job = lib.space_job().unwrap();
    let mut app = App::loading(lib);
    assert!(app.loading && app.rows.is_empty());
    snap("loading", &app);
    // Moving between moods and searching work while the model loads.
    app.update(Action::FocusNext);
    app.update(Action::Down);
    app.update(Action::StartSearch);
    type_text(&mut app, "wong");
    assert!(!app.rows.is_empty(), "search does not need the model");
    app.update(Action::Back);
    let built = std::thread::spawn(move || job.run(&mut |_, _| {}))
        .join()
        .unwrap();
    app.space_arrived(built);
    assert!(!app.loading);
    assert!(
        !app.rows.is_empty(),
        "tonight's list is ranked once the model is in"
    );
    assert!(app.status.is_empty(), "{}", app.status);
}

#[test]
fn a_film_logged_from_search_while_the_model_loads_keeps_the_results_and_the_message() {
    let lib = app().lib;
    let job = lib.space_job().unwrap();
    let mut app = App::loading(lib);
    app.update(Action::StartSearch);
    type_text(&mut app, "chungking");
    app.update(Action::Select);
    assert_eq!(app.rows.len(), 1, "the search hit");
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    assert_eq!(app.lib.watches().len(), 1);
    assert_eq!(app.rows.len(), 1, "the results stay while the model loads");
    assert!(
        app.status.starts_with("logged Chungking Express"),
        "{}",
        app.status
    );
    assert!(!app.status_is_loading());
    let built = std::thread::spawn(move || job.run(&mut |_, _| {}))
        .join()
        .unwrap();
    app.space_arrived(built);
    app.settle();
    assert!(!app.loading);
    assert!(
        app.status.starts_with("logged Chungking Express"),
        "{}",
        app.status
    );
    assert_eq!(app.rows.len(), 1, "still the search results");
    app.update(Action::Back);
    assert!(
        !app.tonight.is_empty() && app.rows.len() > 1,
        "tonight's list was ranked when the model came in"
    );
}

#[test]
fn a_film_rated_on_letterboxd_without_a_diary_entry_shows_as_seen() {
    let mut app = app_with_letterboxd(
        "ratings.csv",
        "Date,Name,Year,Letterboxd URI,Rating\n2026-03-02,Fallen Angels,1995,https://boxd.it/2,4.5\n",
    );
    assert!(app.lib.watches().is_empty(), "no viewing is made up");
    app.update(Action::StartSearch);
    type_text(&mut app, "fallen");
    app.update(Action::Select);
    let screen = render(&app, 120, 32);
    assert!(screen.contains("Fallen Angels 1995 ✓"), "{screen}");
    assert!(
        screen.contains("seen before, no diary entry ★★★★½")
            && screen.contains("(marked 2026-03-02)"),
        "{screen}"
    );
    app.update(Action::OpenLog);
    assert!(
        app.log_form.as_ref().is_some_and(|f| f.rewatch),
        "logging it again is a rewatch"
    );
}

#[test]
fn stats_say_why_the_hour_chart_is_empty_after_a_date_only_import() {
    let mut app = app_with_letterboxd(
        "diary.csv",
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2026-03-02,Fallen Angels,1995,https://boxd.it/2,4,,sierra,2026-03-01\n",
    );
    app.update(Action::ToggleStats);
    let screen = render(&app, 100, 30);
    assert!(
        screen.contains("no time of day known: 1 viewing imported with a date"),
        "{screen}"
    );
    assert!(
        screen.contains("tags") && screen.contains("sierra"),
        "{screen}"
    );
}

#[test]
fn v_marks_a_film_seen_without_a_diary_entry_and_u_undoes_the_unmarking() {
    let mut app = app();
    let first = app.rows[0].film_id();
    app.update(Action::ToggleSeen);
    let mark = app.lib.seen_mark(first).expect("marked");
    assert_eq!(mark.watched_at.to_stored(), "2026-11-25");
    assert!(app.lib.watches().is_empty(), "no viewing is made up");
    assert!(app.status.starts_with("marked "), "{}", app.status);
    assert!(app.status.contains("re-ranked"), "{}", app.status);
    let row = app.rows.iter().position(|r| r.film_id() == first);
    assert!(row.is_none_or(|i| i > 0), "it leaves the top: {row:?}");
    // Again: the mark goes, and undo brings it back.
    app.selected = app
        .rows
        .iter()
        .position(|r| r.film_id() == first)
        .unwrap_or(0);
    if app.rows[app.selected].film_id() != first {
        app.update(Action::StartSearch);
        let title = app.lib.film(first).unwrap().title.to_string();
        type_text(&mut app, &title);
        app.update(Action::Select);
    }
    app.update(Action::ToggleSeen);
    assert!(app.lib.seen_mark(first).is_none());
    assert!(
        app.status.contains("no longer marked seen"),
        "{}",
        app.status
    );
    app.update(Action::Undo);
    assert!(app.lib.seen_mark(first).is_some(), "{}", app.status);
    // A film in the diary (and not marked) is seen already.
    app.update(Action::Back);
    app.selected = app.rows.iter().position(|r| r.film_id() != first).unwrap();
    app.update(Action::OpenLog);
    let logged = app.log_form.as_ref().unwrap().film_id;
    app.update(Action::Submit);
    assert_eq!(app.lib.watches().len(), 1);
    app.update(Action::StartSearch);
    let title = app.lib.film(logged).unwrap().title.to_string();
    type_text(&mut app, &title);
    app.update(Action::Select);
    assert_eq!(app.rows[app.selected].film_id(), logged);
    app.update(Action::ToggleSeen);
    assert!(app.status.contains("in your diary"), "{}", app.status);
    assert!(app.lib.seen_mark(logged).is_none());
}

#[test]
fn clicks_select_films_and_moods() {
    let mut app = app();
    let area = ratatui::layout::Rect::new(0, 0, 120, 32);
    let p = views::panes(views::body(area));
    assert!(
        p.moods.is_some() && p.detail.is_some(),
        "three panes at 120 columns"
    );
    // The third film of the list (border, then rows).
    let row = views::list_row_at(p.list, p.list.y + 3, app.rows.len(), app.selected).unwrap();
    assert_eq!(row, 2);
    app.update(Action::ClickRow(row));
    assert_eq!(app.selected, 2);
    // A click on the borders or below the last row selects nothing.
    assert_eq!(
        views::list_row_at(p.list, p.list.y, app.rows.len(), 0),
        None
    );
    assert_eq!(
        views::list_row_at(p.list, p.list.y + 30, app.rows.len(), 0),
        None
    );
    // The third mood: a preset, re-ranked at once.
    let moods = p.moods.unwrap();
    let before: Vec<i64> = app.rows.iter().map(Row::film_id).collect();
    let m = views::list_row_at(moods, moods.y + 3, 21, app.mood_idx).unwrap();
    app.update(Action::ClickMood(m));
    assert_eq!(app.mood_idx, 2);
    assert_ne!(
        before,
        app.rows.iter().map(Row::film_id).collect::<Vec<_>>()
    );
    // The first entry opens "your own words".
    app.update(Action::ClickMood(0));
    assert_eq!(app.mode(), Mode::MoodInput);
    // Below 80 columns there is one pane.
    let p = views::panes(views::body(ratatui::layout::Rect::new(0, 0, 79, 24)));
    assert!(p.moods.is_none());
}

#[test]
fn diary_edit_delete_and_undo() {
    let mut app = app();
    app.update(Action::OpenLog);
    app.update(Action::FocusNext);
    app.update(Action::Input('3'));
    app.update(Action::Submit);
    app.update(Action::ToggleDiary);
    assert_eq!(app.mode(), Mode::Diary);
    let original = app.lib.watches()[0].clone();
    // Edit: the form holds the viewing; change the rating and the note.
    app.update(Action::EditWatch);
    assert_eq!(app.mode(), Mode::Log);
    assert_eq!(app.log_form.as_ref().unwrap().editing, Some(original.id));
    app.update(Action::FocusNext);
    app.update(Action::Input('5'));
    for _ in 0..5 {
        app.update(Action::FocusNext);
    }
    type_text(&mut app, "better the second time");
    snap("edit_dialog", &app);
    app.update(Action::Submit);
    assert_eq!(app.lib.watches().len(), 1, "an edit adds no viewing");
    let edited = &app.lib.watches()[0];
    assert_eq!(edited.id, original.id);
    assert_eq!(edited.rating.unwrap().stars(), 5.0);
    assert_eq!(edited.note.as_deref(), Some("better the second time"));
    assert_eq!(edited.watched_at, original.watched_at);
    // Undo the edit.
    app.update(Action::Undo);
    assert_eq!(app.lib.watches()[0].rating, original.rating);
    assert_eq!(app.lib.watches()[0].note, original.note);
    // Delete, then undo.
    app.update(Action::DeleteWatch);
    assert!(app.lib.watches().is_empty());
    assert!(app.status.contains("u undoes"), "{}", app.status);
    app.update(Action::Undo);
    assert_eq!(app.lib.watches().len(), 1);
    let back = &app.lib.watches()[0];
    assert_eq!(
        (back.film_id, back.rating, back.watched_at),
        (original.film_id, original.rating, original.watched_at)
    );
    app.update(Action::Undo);
    assert_eq!(app.status, "nothing to undo");
}

fn titles(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .map(|r| app.lib.film(r.film_id()).unwrap().title.to_string())
        .collect()
}

/// Sets the filter dialog's line `name` to the value shown as `shown`.
fn set_filter(app: &mut App, name: &str, shown: &str) {
    let form = app.filter_form.as_ref().expect("filter dialog open");
    let line = form.choices.iter().position(|c| c.name == name).unwrap();
    while app.filter_form.as_ref().unwrap().focus != line {
        app.update(Action::Down);
    }
    for _ in 0..100 {
        if app.filter_form.as_ref().unwrap().choices[line].shown() == shown {
            return;
        }
        app.update(Action::Increase);
    }
    panic!("no choice {shown} for {name}");
}

#[test]
fn filters_narrow_tonights_list_and_search() {
    let mut app = app();
    let all = titles(&app);
    assert!(all.contains(&"Stalker".to_string()));
    app.update(Action::OpenFilter);
    assert_eq!(app.mode(), Mode::Filter);
    set_filter(&mut app, "Decade", "1990s");
    // Applied at once, still ordered by the mood: the 1990s films, in tonight's order.
    let nineties: Vec<String> = all
        .iter()
        .filter(|t| ["Chungking Express", "Fallen Angels"].contains(&t.as_str()))
        .cloned()
        .collect();
    assert_eq!(titles(&app), nineties);
    snap("filter_dialog", &app);
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Browse);
    assert_eq!(app.filter.decade, Some(1990));
    snap("browse_filtered", &app);
    // Search keeps the filter: Wong Kar-wai's 2000 film is left out.
    app.update(Action::StartSearch);
    type_text(&mut app, "wong");
    let found = titles(&app);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(!found.contains(&"In the Mood for Love".to_string()));
    app.update(Action::Back);
    // Unwatched: a logged film leaves the list.
    app.update(Action::OpenFilter);
    set_filter(&mut app, "Decade", "any");
    set_filter(&mut app, "Unwatched", "yes");
    app.update(Action::Select);
    let first = app.rows[0].film_id();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    assert!(app.rows.iter().all(|r| r.film_id() != first));
    // Genre and runtime: nothing in the fixture is a comedy under 90 minutes.
    app.update(Action::OpenFilter);
    set_filter(&mut app, "Runtime", "under 90 min");
    app.update(Action::Select);
    assert!(app.rows.is_empty());
    app.update(Action::ClearFilter);
    assert!(app.filter.is_empty());
    assert_eq!(app.rows.len(), all.len());
}

#[test]
fn watchlist_filter_and_view() {
    let mut app = app();
    app.update(Action::Down);
    let id = app.selected_film().unwrap();
    app.update(Action::ToggleWatchlist);
    app.update(Action::OpenFilter);
    set_filter(&mut app, "Watchlist", "yes");
    app.update(Action::Select);
    assert_eq!(
        app.rows.iter().map(|r| r.film_id()).collect::<Vec<_>>(),
        vec![id]
    );
    app.update(Action::ClearFilter);
    // The watchlist screen lists it; Enter logs it; w takes it off.
    app.update(Action::ToggleWatchlistView);
    assert_eq!(app.mode(), Mode::Watchlist);
    assert_eq!(app.watchlist, vec![id]);
    assert_eq!(app.selected_film(), Some(id));
    snap("watchlist", &app);
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Log);
    assert_eq!(app.log_form.as_ref().unwrap().film_id, id);
    app.update(Action::Back);
    app.update(Action::ToggleWatchlist);
    assert!(!app.lib.on_watchlist(id));
    assert!(app.watchlist.is_empty());
    snap("watchlist_empty", &app);
    app.update(Action::Back);
    assert_eq!(app.screen, Screen::Browse);
}

#[test]
fn diary_filters_by_month_and_mood() {
    let mut app = app();
    for (i, (when, mood)) in [
        ("2026-11-25 01:30", "lonely"),
        ("2026-11-20 22:00", "warm"),
        ("2026-10-02 20:05", "lonely"),
    ]
    .iter()
    .enumerate()
    {
        for _ in 0..i {
            app.update(Action::Down);
        }
        app.update(Action::OpenLog);
        for _ in 0..16 {
            app.update(Action::Backspace);
        }
        type_text(&mut app, when);
        for _ in 0..4 {
            app.update(Action::FocusNext);
        }
        for _ in 0..40 {
            app.update(Action::Backspace);
        }
        type_text(&mut app, mood);
        app.update(Action::Submit);
        assert_eq!(app.mode(), Mode::Browse, "{:?}", app.log_form);
    }
    app.update(Action::ToggleDiary);
    assert_eq!(app.diary_rows().len(), 3);
    app.update(Action::OpenFilter);
    set_filter(&mut app, "Month", "2026-11");
    assert_eq!(app.diary_rows().len(), 2);
    set_filter(&mut app, "Mood", "lonely");
    assert_eq!(app.diary_rows().len(), 1);
    app.update(Action::Select);
    snap("diary_filtered", &app);
    // Editing works on the filtered row.
    let shown = app.selected_watch().unwrap().id;
    app.update(Action::EditWatch);
    assert_eq!(app.log_form.as_ref().unwrap().editing, Some(shown));
    app.update(Action::Back);
    app.update(Action::ClearFilter);
    assert_eq!(app.diary_rows().len(), 3);
}

#[test]
fn search_leans_on_tonights_mood_order() {
    let mut app = app();
    // The three Wong Kar-wai films match "wong" equally well (by director): they come in
    // tonight's order.
    let tonight: Vec<String> = titles(&app)
        .into_iter()
        .filter(|t| {
            ["Chungking Express", "Fallen Angels", "In the Mood for Love"].contains(&t.as_str())
        })
        .collect();
    app.update(Action::StartSearch);
    type_text(&mut app, "wong kar");
    assert_eq!(titles(&app), tonight);
}

fn ids(app: &App) -> Vec<i64> {
    app.rows.iter().map(Row::film_id).collect()
}

/// With the worker (as in the TUI), logging re-ranks off the UI thread: the request is out at
/// once, and the result, with its new/moved marks, equals the ranking done in place.
#[test]
fn reranking_runs_on_the_worker() {
    let mut inline = app();
    let mut worker = app();
    worker.reranker = Some(nightreel::tui::rerank::Reranker::start(Box::new(|| {})));
    for a in [&mut inline, &mut worker] {
        a.update(Action::OpenLog);
        a.update(Action::FocusNext);
        a.update(Action::Input('5'));
        a.update(Action::Submit);
    }
    assert!(worker.ranking(), "the ranking is on the worker");
    assert!(!inline.ranking());
    worker.settle();
    assert!(!worker.ranking());
    assert_eq!(ids(&worker), ids(&inline));
    assert_eq!(worker.changes, inline.changes);
    assert!(!worker.changes.is_empty());
    assert!(worker.status.contains("re-ranked"), "{}", worker.status);
    // Deleting it from the diary re-ranks the same way.
    for a in [&mut inline, &mut worker] {
        a.update(Action::ToggleDiary);
        a.update(Action::DeleteWatch);
        a.update(Action::Back);
    }
    worker.settle();
    assert_eq!(ids(&worker), ids(&inline));
    assert_eq!(worker.changes, inline.changes);
}

/// Several requests in a row (moving through the moods): only the newest one's result is
/// installed.
#[test]
fn the_newest_ranking_request_wins() {
    let mut inline = app();
    let mut worker = app();
    worker.reranker = Some(nightreel::tui::rerank::Reranker::start(Box::new(|| {})));
    for a in [&mut inline, &mut worker] {
        a.update(Action::FocusNext);
        for _ in 0..4 {
            a.update(Action::Down);
        }
    }
    assert_eq!(worker.mood_idx, 5);
    worker.settle();
    assert_eq!(ids(&worker), ids(&inline));
    // Older results that arrive later change nothing.
    worker.update(Action::Tick);
    assert_eq!(ids(&worker), ids(&inline));
}

#[test]
fn import_prompt() {
    let mut app = app();
    app.update(Action::OpenImport);
    assert_eq!(app.mode(), Mode::Import);
    type_text(&mut app, "letterboxd ~/export.zip");
    snap("import_prompt", &app);
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
}

#[test]
fn import_gauge_while_an_import_runs() {
    let mut app = app();
    app.import_job = Some(nightreel::tui::import_job::ImportJob::standing(
        "letterboxd ~/export.zip".into(),
        2_150,
        7_000,
    ));
    app.update(Action::Down);
    snap("import_gauge", &app);
    let job = app.import_job.as_mut().unwrap();
    assert!((job.ratio() - 2_150.0 / 7_000.0).abs() < 1e-9);
    assert!(job.poll().is_none(), "a standing job never finishes");
}

#[test]
fn diary_filter_dialog() {
    let mut app = app();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    app.update(Action::ToggleDiary);
    app.update(Action::OpenFilter);
    assert_eq!(app.mode(), Mode::Filter);
    app.update(Action::Increase);
    assert_eq!(app.diary_filter.month.as_deref(), Some("2026-11"));
    snap("diary_filter_dialog", &app);
    app.update(Action::ClearFilter);
    assert!(app.diary_filter.is_empty());
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Diary);
}

#[test]
fn clicks_select_viewings_and_watchlist_films() {
    let mut app = app();
    let area = ratatui::layout::Rect::new(0, 0, 80, 24);
    for when in ["2026-11-25 01:30", "2026-11-25 00:10", "2026-11-20 22:00"] {
        app.update(Action::OpenLog);
        for _ in 0..16 {
            app.update(Action::Backspace);
        }
        type_text(&mut app, when);
        app.update(Action::Submit);
    }
    app.update(Action::ToggleDiary);
    // Rows below the border (y = 1): heading, 01:30, 00:10, heading, 22:00.
    assert_eq!(nightreel::tui::click(&app, area, 10, 1), None, "the border");
    assert_eq!(
        nightreel::tui::click(&app, area, 10, 2),
        None,
        "a film-night heading"
    );
    assert_eq!(
        nightreel::tui::click(&app, area, 10, 3),
        Some(Action::ClickRow(0))
    );
    assert_eq!(
        nightreel::tui::click(&app, area, 10, 5),
        None,
        "a film-night heading"
    );
    let a = nightreel::tui::click(&app, area, 10, 6).unwrap();
    assert_eq!(a, Action::ClickRow(2));
    app.update(a);
    assert_eq!(app.diary_selected, 2);
    assert_eq!(app.selected_watch().unwrap().id, app.lib.watches()[2].id);
    // The watchlist screen: the second film.
    app.update(Action::Back);
    app.update(Action::ToggleWatchlist);
    app.update(Action::Top);
    app.update(Action::ToggleWatchlist);
    app.update(Action::ToggleWatchlistView);
    assert_eq!(app.watchlist.len(), 2, "{:?} {}", app.mode(), app.status);
    let a = nightreel::tui::click(&app, area, 5, 3).unwrap();
    app.update(a);
    assert_eq!(app.watchlist_selected, 1);
    assert_eq!(
        nightreel::tui::click(&app, area, 75, 3),
        None,
        "the detail pane"
    );
}

/// "Unwatched" leaves out films seen without a dated viewing (seen-marks from an import) too.
#[test]
fn unwatched_counts_seen_marks() {
    let mut stalker = 0;
    let mut app = app_with(|store| {
        stalker = store
            .films()
            .unwrap()
            .iter()
            .find(|f| f.title == "Stalker")
            .unwrap()
            .id;
        let tx = store.import_tx().unwrap();
        tx.mark(
            &nightreel::store::Mark {
                film_id: stalker,
                rating: None,
                liked: false,
                marked_on: None,
                source: "letterboxd".into(),
            },
            None,
        )
        .unwrap();
        tx.commit().unwrap();
    });
    assert!(app.rows.iter().any(|r| r.film_id() == stalker));
    app.update(Action::OpenFilter);
    set_filter(&mut app, "Unwatched", "yes");
    assert!(app.rows.iter().all(|r| r.film_id() != stalker));
    assert_eq!(app.rows.len(), 6);
}

#[test]
fn loading_screen_at_each_step() {
    use nightreel::library::Step;
    use nightreel::tui::boot::Boot;
    use nightreel::tui::keymap::Keymap;
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    let mut boot = Boot::new(clock, Config::default());
    let theme = Theme::plain();
    let steps = [
        ("opening", None),
        (
            "films",
            Some(Step::Films {
                done: 412_000,
                total: 1_000_000,
            }),
        ),
        ("indexing", Some(Step::Indexing { films: 1_000_000 })),
        ("model", Some(Step::Model { films: 1_000_000 })),
        (
            "vectors",
            Some(Step::Vectors {
                done: 1_200,
                total: 3_000,
            }),
        ),
    ];
    for (name, step) in steps {
        boot.step = step;
        for (w, h) in [(80, 24), (40, 12)] {
            let screen = render_with(w, h, |f| views::boot::draw(f, &boot, &theme));
            insta::assert_snapshot!(format!("loading_{name}_{w}x{h}"), screen);
        }
    }
    // Keys typed meanwhile are counted on the footer; a search typed blind keeps its q.
    let keymap = Keymap::default();
    for c in ['/', 'q', 'u'] {
        let quit = boot.key(
            &keymap,
            crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c)),
        );
        assert!(!quit, "{c} inside a search typed while loading is a letter");
    }
    let screen = render_with(80, 24, |f| views::boot::draw(f, &boot, &theme));
    assert!(
        screen.contains("3 keys kept for when it is ready"),
        "{screen}"
    );
    for (w, h) in [(1, 1), (19, 4), (20, 5), (250, 80)] {
        render_with(w, h, |f| views::boot::draw(f, &boot, &theme));
    }
}

/// A status message too long for the footer is shown whole, wrapped above it; the footer
/// keeps the keys. A short one stays in the footer line.
#[test]
fn a_long_status_message_is_shown_whole_above_the_footer() {
    let mut app = app();
    app.status = "imported 7000 of 7012 rows: 6100 matched, 900 films added, 12 skipped \
                  (12 unreadable; first: line 57: the rating \"4½\" is not a number from 0.5 to 5)"
        .into();
    let screen = render(&app, 60, 20);
    let lines: Vec<&str> = screen.lines().collect();
    // Every word of the message is on screen, in order, above the footer line.
    let above: String = lines[..19].join(" ");
    let mut at = 0;
    for word in app.status.split(' ') {
        let found = above[at..].find(word);
        assert!(found.is_some(), "{word:?} missing:\n{screen}");
        at += found.unwrap() + word.len();
    }
    assert!(!lines[19].contains("imported"), "{screen}");
    assert!(
        lines[19].contains("search"),
        "the footer keeps the keys:\n{screen}"
    );
    // The next key puts it away: the footer cuts it as before, and the list is whole again.
    app.update(Action::Down);
    let screen = render(&app, 60, 20);
    assert!(
        screen
            .lines()
            .nth(19)
            .unwrap()
            .starts_with(" imported 7000"),
        "{screen}"
    );
    assert!(!screen.contains("is not a number"), "{screen}");
    // A short message stays in the footer, and nothing is drawn above it.
    app.status = "logged".into();
    let screen = render(&app, 60, 20);
    assert!(
        screen.lines().nth(19).unwrap().contains("logged"),
        "{screen}"
    );
    assert!(!screen.contains("────────────────────────────────────────────────────────────"));
}

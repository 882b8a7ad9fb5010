//! What a new user meets on a first walk through the TUI: messages that stay true on the
//! screen they are read on, dialogs whose text lines up, titles and headers that keep what
//! the user chose in view.

mod common;

use common::render;
use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::{App, Mode};

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    for (title, year, genre) in [
        ("Chungking Express", 1994, "Comedy"),
        ("Fallen Angels", 1995, "Crime"),
        ("In the Mood for Love", 2000, "Romance"),
    ] {
        let film = nightreel::model::Film::from(nightreel::model::FilmData {
            title: title.into(),
            year: Some(year),
            directors: vec!["Wong Kar-wai".into()],
            countries: vec!["HK".into()],
            languages: vec!["zh".into()],
            runtime: Some(98),
            genres: vec![genre.into(), "Drama".into()],
            tags: vec!["lonely".into(), "neon".into(), "tender".into()],
            source: "seed".into(),
            ..nightreel::model::FilmData::default()
        });
        store.insert_film(&film.data()).unwrap();
    }
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

#[test]
fn a_message_does_not_follow_the_user_to_another_screen() {
    let mut app = app();
    app.update(Action::OpenLog);
    app.update(Action::Submit);
    app.update(Action::ToggleDiary);
    app.update(Action::DeleteWatch);
    assert!(app.status.contains("u undoes"), "{}", app.status);
    assert!(render(&app, 80, 24).contains("u undoes"));
    // The stats have no undo: the diary's message is not carried there.
    app.update(Action::ToggleStats);
    assert_eq!(app.mode(), Mode::Stats);
    assert_eq!(app.status, "");
    let screen = render(&app, 80, 24);
    assert!(!screen.contains("undoes"), "{screen}");
    // A message given on the way to a screen stays: the diary's undo still works there.
    app.update(Action::ToggleDiary);
    app.update(Action::Undo);
    assert_eq!(app.lib.watches().len(), 1);
    assert!(app.status.contains("restored"), "{}", app.status);
    // Browse's messages go when the diary opens, and the diary's when it closes.
    app.update(Action::Back);
    assert_eq!(app.status, "");
    app.update(Action::ToggleWatchlist);
    assert_eq!(app.status, "added to the watchlist");
    app.update(Action::ToggleWatchlistView);
    assert_eq!(app.status, "");
}

#[test]
fn the_header_keeps_the_mood_and_its_nudges_whole_and_shortens_the_clock() {
    let mut app = app();
    app.update(Action::Resize(80, 24));
    let header = |app: &App| render(app, 80, 24).lines().next().unwrap().to_string();
    // The first preset's name in both languages, with the film night beside it.
    let label = app.mood_label();
    let h = header(&app);
    assert!(h.contains(&label), "{h:?} lacks {label:?}");
    assert!(h.contains("01:30 · Tue 24 Nov ☾"), "{h:?}");
    // Nudged: the nudges show (they were cut off after the preset's Chinese name), and the
    // clock gives up the film night.
    for (nudge, word) in [(Action::MoreOf, "tender"), (Action::LessOf, "neon")] {
        app.update(nudge);
        for c in word.chars() {
            app.update(Action::Input(c));
        }
        app.update(Action::Select);
    }
    assert_eq!(
        (&app.more[..], &app.less[..]),
        (&["tender".to_string()][..], &["neon".to_string()][..])
    );
    let h = header(&app);
    assert!(h.contains("more tender · less neon"), "{h:?}");
    assert!(h.trim_end().ends_with("01:30 ☾"), "{h:?}");
    // Wide enough, the whole sentence again.
    let wide = render(&app, 120, 30).lines().next().unwrap().to_string();
    assert!(wide.contains("more tender · less neon"), "{wide:?}");
    assert!(
        wide.contains("01:30 · film night of Tue 24 Nov ☾ late"),
        "{wide:?}"
    );
}

#[test]
fn the_log_dialogs_wrapped_lines_stay_indented_under_its_labels() {
    for (w, h) in [(80, 24), (60, 18), (40, 16)] {
        let mut app = app();
        app.update(Action::Resize(w, h));
        app.update(Action::OpenLog);
        app.update(Action::Edit(nightreel::tui::text_field::Edit::Home));
        for _ in 0..16 {
            app.update(Action::Edit(nightreel::tui::text_field::Edit::Delete));
        }
        for c in "2026-13-02 25:00".chars() {
            app.update(Action::Input(c));
        }
        app.update(Action::Submit);
        assert!(app.log_form.as_ref().unwrap().error.is_some());
        let screen = render(&app, w, h);
        let dialog: Vec<&str> = screen
            .lines()
            .filter(|l| l.trim_start().starts_with('│'))
            .collect();
        assert!(dialog.iter().any(|l| l.contains("is not a")), "{screen}");
        // Inside the border every line starts with two blanks (the labels' indent) or the
        // focus marker, or is blank: no wrapped text runs against the border.
        for line in dialog {
            let inner = line.trim_start().trim_start_matches('│');
            let inner = inner.trim_end().trim_end_matches('│');
            assert!(
                inner.trim().is_empty() || inner.starts_with("  ") || inner.starts_with("▸ "),
                "{w}×{h}: {line:?}\n{screen}"
            );
        }
    }
}

#[test]
fn many_filters_are_cut_in_the_lists_title_before_the_way_to_clear_them() {
    let mut app = app();
    app.filter.genre = Some("Comedy".into());
    app.filter.decade = Some(1990);
    app.filter.country = Some("HK".into());
    app.filter.language = Some("zh".into());
    app.filter.runtime = Some(nightreel::tui::filter::Runtime::Feature);
    app.filter.unwatched = true;
    for (w, h) in [(80, 24), (120, 40), (60, 18)] {
        let screen = render(&app, w, h);
        let title = screen.lines().nth(1).unwrap();
        assert!(title.contains("⧩ Comedy"), "{w}: {title:?}");
        assert!(
            title.contains("… (F clears) ") && title.ends_with('┐'),
            "{w}: {title:?}"
        );
    }
    // Room for everything: nothing is cut.
    let wide = render(&app, 200, 40);
    let title = wide.lines().nth(1).unwrap();
    assert!(
        !title.contains('…') && title.contains(" (F clears) ─"),
        "{title:?}"
    );
    // Too narrow for the hint: the filters alone, cut, and the corner stays a corner.
    let narrow = render(&app, 40, 12);
    let title = narrow.lines().nth(1).unwrap();
    assert!(
        title.contains("⧩ ") && title.contains('…') && title.ends_with('┐'),
        "{title:?}"
    );
}

#[test]
fn a_misspelt_nudge_is_kept_as_it_was_read_and_says_so() {
    let mut app = app();
    app.update(Action::MoreOf);
    for c in "melancolic".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Select);
    assert_eq!(app.more, ["melancholic"]);
    assert!(
        app.status
            .starts_with("read melancolic as melancholic · nudged: "),
        "{}",
        app.status
    );
    assert!(
        app.mood_label().ends_with(" · more melancholic"),
        "{}",
        app.mood_label()
    );
    // Typed right, the same nudge: not added twice.
    app.update(Action::MoreOf);
    for c in "Melancholic".chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Select);
    assert_eq!(app.more, ["melancholic"]);
    assert!(app.status.starts_with("nudged: "), "{}", app.status);
}

#[test]
fn the_stats_top_lists_keep_their_counts_in_one_right_aligned_column() {
    let mut app = app();
    let ids: Vec<i64> = app.lib.films().iter().map(|f| f.id).collect();
    // Twelve viewings of one film, one of another: counts of two widths.
    for (i, id) in std::iter::repeat_n(ids[0], 12).chain([ids[2]]).enumerate() {
        let at = format!("2026-10-{:02}T23:00:00+08:00", i + 1);
        app.lib
            .log(nightreel::model::NewWatch {
                film_id: id,
                watched_at: nightreel::time::WatchedAt::At(
                    chrono::DateTime::parse_from_rfc3339(&at).unwrap(),
                ),
                rating: None,
                rewatch: false,
                liked: false,
                mood: None,
                mood_after: None,
                note: None,
                source: "test".into(),
            })
            .unwrap();
    }
    app.update(Action::ToggleStats);
    let screen = render(&app, 100, 40);
    // The decades list: the 1990s twelve times, the 2000s once.
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("12  1990s") || l.contains(" 1  2000s"))
        .collect();
    assert_eq!(rows.len(), 2, "{screen}");
    let col = |l: &str, pat: &str| l.find(pat).map(|i| l[..i].chars().count());
    let twelve = col(rows[0], "12  1990s").unwrap();
    let one = col(rows[1], " 1  2000s").unwrap();
    // The units line up, and so do the decades after them (they were left-aligned, the
    // leading blanks trimmed by the wrap).
    assert_eq!(twelve, one, "{screen}");
}

#[test]
fn the_help_scrolls_no_further_than_its_end_so_up_moves_at_once() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = app();
    app.update(Action::Resize(80, 24));
    app.update(Action::ToggleHelp);
    let top = render(&app, 80, 24);
    for _ in 0..100 {
        app.update(Action::Down);
    }
    let bottom = render(&app, 80, 24);
    assert_ne!(bottom, top);
    // One ↑ from the end shows one row less far (it did nothing until the overshoot was
    // used up).
    app.update(Action::Up);
    let up = render(&app, 80, 24);
    assert_ne!(up, bottom, "↑ did nothing at the end of the help");
    // g / G (and Home / End) go to the top and the bottom, as on the screens.
    let key = |c: char| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    for (k, want) in [('G', &bottom), ('g', &top), ('G', &bottom)] {
        let a = nightreel::tui::event_action(&app, &key(k)).expect("a key of the help");
        app.update(a);
        assert_eq!(&render(&app, 80, 24), want, "{k}");
    }
    let end = Event::Key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
    let a = nightreel::tui::event_action(&app, &end).expect("Home in the help");
    app.update(a);
    assert_eq!(render(&app, 80, 24), top);
    assert_eq!(app.mode(), Mode::Help);
}

#[test]
fn q_closes_the_filter_dialog_as_it_closes_the_help_and_ctrl_c_still_quits() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let key = |code: KeyCode, m: KeyModifiers| Event::Key(KeyEvent::new(code, m));
    let press = |app: &mut App, e: Event| {
        let a = nightreel::tui::event_action(app, &e).expect("a key of this mode");
        app.update(a);
    };
    let mut app = app();
    for open in [Action::ToggleHelp, Action::OpenFilter] {
        app.update(open);
        assert_ne!(app.mode(), Mode::Browse);
        press(&mut app, key(KeyCode::Char('q'), KeyModifiers::NONE));
        assert_eq!(app.mode(), Mode::Browse, "q left a dialog open");
        assert!(!app.quit, "q in a dialog quit the program");
    }
    // In the diary's filter dialog too.
    app.update(Action::ToggleDiary);
    app.update(Action::OpenFilter);
    press(&mut app, key(KeyCode::Char('q'), KeyModifiers::NONE));
    assert_eq!((app.mode(), app.quit), (Mode::Diary, false));
    app.update(Action::OpenFilter);
    press(&mut app, key(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(app.quit);
}

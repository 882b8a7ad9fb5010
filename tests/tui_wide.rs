//! Dialogs drawn over wide (CJK) text: a terminal shows a wide character over two cells, so
//! a cell right after one is never drawn; a dialog's border must not fall into such a cell.

use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;
use nightreel::tui::action::Action;
use nightreel::tui::app::App;
use nightreel::tui::theme::Theme;
use nightreel::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let store = Store::open_in_memory().unwrap();
    store.set_meta("seed", "none").unwrap();
    let film = nightreel::model::Film::from(nightreel::model::FilmData {
        title: "Chungking Express".into(),
        original_title: "重慶森林".into(),
        year: Some(1994),
        directors: vec!["Wong Kar-wai".into()],
        tags: vec!["lonely".into(), "neon".into(), "city-night".into()],
        source: "seed".into(),
        ..nightreel::model::FilmData::default()
    });
    store.insert_film(&film.data()).unwrap();
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    App::new(Library::from_store(store, Config::default(), clock).unwrap())
}

/// The cells a terminal would never show: non-blank cells right after a wide character.
fn hidden_cells(app: &App, w: u16, h: u16) -> Vec<(u16, u16, String)> {
    let theme = Theme::plain();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    // The frame as drawn, before the diff leaves out the cells a terminal would cover.
    let frame = t.draw(|f| views::draw(f, app, &theme)).unwrap();
    let buf = frame.buffer;
    let mut hidden = Vec::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                if !sym.trim().is_empty() {
                    hidden.push((x, y, sym.to_string()));
                }
                continue;
            }
            skip = nightreel::text::width(sym).saturating_sub(1);
        }
    }
    hidden
}

#[test]
fn dialogs_over_chinese_mood_names_keep_their_borders() {
    let mut states: Vec<(&str, App)> = Vec::new();
    let mut a = app();
    a.update(Action::OpenLog);
    states.push(("log", a));
    let mut a = app();
    a.update(Action::ToggleHelp);
    states.push(("help", a));
    let mut a = app();
    a.update(Action::OpenFilter);
    states.push(("filter", a));
    let mut a = app();
    a.update(Action::OpenImport);
    states.push(("import", a));
    for (name, app) in &states {
        for w in 80..=160 {
            for h in [24, 30, 32] {
                let hidden = hidden_cells(app, w, h);
                assert!(
                    hidden.is_empty(),
                    "{name} at {w}×{h}: cells hidden behind wide characters: {hidden:?}"
                );
            }
        }
    }
}

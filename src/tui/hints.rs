//! The footer's key hints: the few most useful keys for the screen and pane showing, with
//! `? help` always among them where `?` opens the help (the help overlay lists the rest).

use super::action::Action;
use super::app::{App, Focus, Mode};
use super::keymap::Key;

/// Hints for the screens (not text fields or dialogs): actions with a short word each, the
/// most useful first. Help comes first so it is never the one left out.
fn screen_hints(app: &App, mode: Mode, width: u16) -> Vec<(Action, &'static str)> {
    use Action as A;
    let mut v = vec![(A::ToggleHelp, "help")];
    match mode {
        Mode::Browse if app.focus == Focus::Moods => v.extend([
            (A::Down, "choose a mood"),
            (A::FocusNext, "films"),
            (A::StartMood, "your own words"),
        ]),
        Mode::Browse => {
            v.extend([
                (A::OpenLog, "log"),
                (A::StartSearch, "search"),
                (A::StartMood, "mood"),
            ]);
            // Tab only where the mood pane is drawn.
            if super::views::panes(ratatui::layout::Rect::new(0, 0, width, 3))
                .moods
                .is_some()
            {
                v.push((A::FocusNext, "moods"));
            }
            v.extend([(A::OpenFilter, "filters"), (A::ToggleDiary, "diary")]);
        }
        Mode::Diary => v.extend([
            (A::EditWatch, "edit"),
            (A::DeleteWatch, "delete"),
            (A::Undo, "undo"),
            (A::Back, "back"),
        ]),
        Mode::Stats => {
            // Scrolling where the stats are taller than the screen.
            let scrolls = match app.size {
                Some((w, h)) => super::views::stats::max_scroll(app, w, h) > 0,
                None => app.lib.stats().viewings > 0,
            };
            if scrolls {
                v.push((A::Down, "scroll"));
            }
            v.push((A::Back, "back"));
        }
        Mode::Watchlist => v.extend([
            (A::OpenLog, "log"),
            (A::ToggleWatchlist, "take off"),
            (A::Back, "back"),
        ]),
        _ => {}
    }
    v
}

/// The hints for the mode showing, most useful first: (keys, what).
fn hints(app: &App, width: u16) -> Vec<(String, String)> {
    let mode = app.mode();
    if !matches!(
        mode,
        Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist
    ) {
        return app.keymap.help(mode);
    }
    let first_key = |a: &Action| {
        app.keymap
            .bindings(mode)
            .find(|b| &b.action == a)
            .and_then(|b| b.keys.first())
            .map(Key::label)
    };
    screen_hints(app, mode, width)
        .into_iter()
        .filter_map(|(a, what)| {
            // Moving takes both directions: "↑ ↓".
            let keys = match a {
                Action::Down => format!("{} {}", first_key(&Action::Up)?, first_key(&a)?),
                _ => first_key(&a)?,
            };
            Some((keys, what.to_string()))
        })
        .collect()
}

/// The hints that fit in `room` cells, joined with " · ", in reading order: the most useful
/// first, and help (the first hint) last, where a reader looks for it. The first hint shows
/// even when it does not fit on the screens (it is help), and where `first` says so.
pub fn line(app: &App, width: u16, room: usize, first: bool) -> String {
    let all = hints(app, width);
    let screen = matches!(
        app.mode(),
        Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist
    );
    let mut kept: Vec<String> = Vec::new();
    let mut used = 0;
    for (k, d) in all {
        let h = format!("{k} {d}");
        let w = crate::text::width(&h) + if kept.is_empty() { 0 } else { 3 };
        if used + w > room && !((screen || first) && kept.is_empty()) {
            break;
        }
        used += w;
        kept.push(h);
    }
    if screen && kept.len() > 1 {
        kept.rotate_left(1);
    }
    kept.join(" · ")
}

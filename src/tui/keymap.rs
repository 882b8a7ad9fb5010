//! The default keymap: which key does what in each mode, with the descriptions the help shows.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode};

/// (keys, description) rows for the help overlay and the status bar, per mode.
pub fn help(mode: Mode) -> &'static [(&'static str, &'static str)] {
    match mode {
        Mode::Browse => &[
            ("↑↓ j k", "move"),
            ("Tab", "switch pane"),
            ("Enter", "choose mood / film"),
            ("/", "search titles and directors"),
            ("m", "type your own mood"),
            ("+ / -", "more / less of a word"),
            ("x", "clear more / less"),
            ("l", "log the selected film"),
            ("w", "watchlist on/off"),
            ("f", "filters"),
            ("F", "clear filters"),
            ("W", "watchlist"),
            ("i", "import a file"),
            ("d", "diary"),
            ("s", "stats"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Search => &[
            ("type", "filter as you type"),
            ("↑↓", "move"),
            ("Enter", "keep results"),
            ("Esc", "clear search"),
        ],
        Mode::MoodInput => &[
            ("type", "describe a mood, English or 中文"),
            ("Enter", "rank by it"),
            ("Esc", "cancel"),
        ],
        Mode::Critique => &[
            ("type", "a tag or word: dark, tender, 温暖…"),
            ("Enter", "nudge the mood"),
            ("Esc", "cancel"),
        ],
        Mode::Import => &[
            ("type", "letterboxd|tmdb|movielens|imdb|json PATH"),
            ("Enter", "import"),
            ("Esc", "cancel"),
        ],
        Mode::Log => &[
            ("Tab ↑↓", "next / previous field"),
            ("← →", "rating −/+ ½, toggle"),
            ("0-5", "rating in stars"),
            ("Space", "toggle"),
            ("Enter", "save"),
            ("Esc", "cancel"),
        ],
        Mode::Diary => &[
            ("↑↓ j k", "move"),
            ("Enter e", "edit the viewing"),
            ("x Del", "delete it"),
            ("u", "undo"),
            ("f", "filter by month, mood"),
            ("F", "clear filters"),
            ("d / Esc", "back to films"),
            ("s", "stats"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Stats => &[
            ("s / Esc", "back to films"),
            ("d", "diary"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Watchlist => &[
            ("↑↓ j k", "move"),
            ("Enter l", "log the film"),
            ("w", "take it off the watchlist"),
            ("W / Esc", "back to films"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Filter => &[
            ("↑↓ Tab", "choose a filter"),
            ("← → Space", "change it"),
            ("Backspace", "any"),
            ("Enter / Esc", "close"),
        ],
        Mode::Help => &[("? / Esc", "close help")],
    }
}

/// Maps a key press to an action in the app's current mode.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')) {
        return Some(Action::Quit);
    }
    let common = match key.code {
        KeyCode::Up => Some(Action::Up),
        KeyCode::Down => Some(Action::Down),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::Esc => Some(Action::Back),
        _ => None,
    };
    match app.mode() {
        Mode::Search | Mode::MoodInput | Mode::Critique | Mode::Import => match key.code {
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            _ => common,
        },
        Mode::Log => match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Tab | KeyCode::Down => Some(Action::FocusNext),
            KeyCode::BackTab | KeyCode::Up => Some(Action::FocusPrev),
            KeyCode::Left => Some(Action::Decrease),
            KeyCode::Right => Some(Action::Increase),
            KeyCode::Backspace => Some(Action::Backspace),
            KeyCode::Char(c) if !ctrl => Some(Action::Input(c)),
            _ => common,
        },
        Mode::Filter => match key.code {
            KeyCode::Tab => Some(Action::FocusNext),
            KeyCode::BackTab => Some(Action::FocusPrev),
            KeyCode::Left => Some(Action::Decrease),
            KeyCode::Right => Some(Action::Increase),
            KeyCode::Char(' ') => Some(Action::Input(' ')),
            KeyCode::Backspace | KeyCode::Delete | KeyCode::Char('x') => Some(Action::ClearFilter),
            KeyCode::Enter | KeyCode::Char('f') => Some(Action::Select),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => common,
        },
        Mode::Help => match key.code {
            KeyCode::Char('?') | KeyCode::Esc | KeyCode::Char('q') => Some(Action::ToggleHelp),
            _ => None,
        },
        Mode::Diary if matches!(key.code, KeyCode::Char('e')) => Some(Action::EditWatch),
        Mode::Diary if matches!(key.code, KeyCode::Char('x') | KeyCode::Delete) => {
            Some(Action::DeleteWatch)
        }
        Mode::Diary | Mode::Browse if matches!(key.code, KeyCode::Char('u')) => Some(Action::Undo),
        Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            KeyCode::Tab => Some(Action::FocusNext),
            KeyCode::BackTab => Some(Action::FocusPrev),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('/') => Some(Action::StartSearch),
            KeyCode::Char('m') => Some(Action::StartMood),
            KeyCode::Char('l') => Some(Action::OpenLog),
            KeyCode::Char('w') => Some(Action::ToggleWatchlist),
            KeyCode::Char('W') => Some(Action::ToggleWatchlistView),
            KeyCode::Char('f') => Some(Action::OpenFilter),
            KeyCode::Char('F') => Some(Action::ClearFilter),
            KeyCode::Char('i') => Some(Action::OpenImport),
            KeyCode::Char('+') => Some(Action::MoreOf),
            KeyCode::Char('-') => Some(Action::LessOf),
            KeyCode::Char('x') => Some(Action::ClearNudges),
            KeyCode::Char('d') => Some(Action::ToggleDiary),
            KeyCode::Char('s') => Some(Action::ToggleStats),
            KeyCode::Char('?') => Some(Action::ToggleHelp),
            _ => common,
        },
    }
}

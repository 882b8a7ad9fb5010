//! The keymap: built-in bindings of the screens (films, diary, stats, watchlist), each action
//! overridable from the config's `[keys]` by its serde name; text fields and dialogs keep
//! fixed keys. The help overlay and the status bar are generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode};
pub use super::key::Key;
use super::text_field::Edit;
use crate::config::Config;
use crate::error::{Error, Result};

/// The screens a binding works on.
const ALL: &[Mode] = &[Mode::Browse, Mode::Diary, Mode::Stats, Mode::Watchlist];
const FILMS: &[Mode] = &[Mode::Browse];
const LISTS: &[Mode] = &[Mode::Browse, Mode::Diary, Mode::Watchlist];
/// The screens that move a cursor or scroll.
const MOVES: &[Mode] = &[Mode::Browse, Mode::Diary, Mode::Watchlist, Mode::Stats];
/// The screens whose rows are films.
const FILM_ROWS: &[Mode] = &[Mode::Browse, Mode::Watchlist];

/// The built-in bindings: action, keys, screens. The order is the help's order.
fn defaults() -> Vec<Binding> {
    use Action as A;
    use KeyCode as K;
    let b = |action: Action, keys: &[Key], modes: &'static [Mode]| Binding {
        action,
        keys: keys.to_vec(),
        modes,
    };
    vec![
        b(A::Select, &[Key::plain(K::Enter)], LISTS),
        b(A::StartSearch, &[Key::ch('/')], FILMS),
        b(A::StartMood, &[Key::ch('m')], FILMS),
        b(A::OpenLog, &[Key::ch('l')], FILM_ROWS),
        b(A::ToggleWatchlist, &[Key::ch('w')], FILM_ROWS),
        b(A::ToggleSeen, &[Key::ch('v')], FILM_ROWS),
        b(A::OpenFilter, &[Key::ch('f')], &[Mode::Browse, Mode::Diary]),
        b(
            A::ClearFilter,
            &[Key::ch('F')],
            &[Mode::Browse, Mode::Diary],
        ),
        b(A::MoreOf, &[Key::ch('+')], FILMS),
        b(A::LessOf, &[Key::ch('-')], FILMS),
        b(A::ClearNudges, &[Key::ch('x')], FILMS),
        b(A::EditWatch, &[Key::ch('e')], &[Mode::Diary]),
        b(
            A::DeleteWatch,
            &[Key::ch('x'), Key::plain(K::Delete)],
            &[Mode::Diary],
        ),
        b(A::Undo, &[Key::ch('u')], LISTS),
        b(A::OpenImport, &[Key::ch('i')], FILMS),
        b(A::ToggleDiary, &[Key::ch('d')], ALL),
        b(A::ToggleStats, &[Key::ch('s')], ALL),
        b(A::ToggleWatchlistView, &[Key::ch('W')], ALL),
        b(A::ToggleHelp, &[Key::ch('?')], ALL),
        b(A::FocusNext, &[Key::plain(K::Tab)], FILMS),
        b(A::FocusPrev, &[Key::plain(K::BackTab)], FILMS),
        b(A::Back, &[Key::plain(K::Esc)], ALL),
        b(A::Up, &[Key::plain(K::Up), Key::ch('k')], MOVES),
        b(A::Down, &[Key::plain(K::Down), Key::ch('j')], MOVES),
        b(A::PageUp, &[Key::plain(K::PageUp)], MOVES),
        b(A::PageDown, &[Key::plain(K::PageDown)], MOVES),
        b(A::Top, &[Key::ch('g'), Key::plain(K::Home)], MOVES),
        b(A::Bottom, &[Key::ch('G'), Key::plain(K::End)], MOVES),
        b(A::Quit, &[Key::ch('q')], ALL),
    ]
}

/// One action's keys on some screens.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    pub modes: &'static [Mode],
}

/// The effective keymap.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// The built-in keymap with the config's `[keys]` over it: each entry replaces the keys
    /// of one action. An unknown action or key is an error naming file, line and entry.
    pub fn from_config(config: &Config) -> Result<Keymap> {
        let mut map = Keymap::default();
        for e in &config.keys {
            let err = |message: String| Error::Parse {
                file: config.file.clone(),
                line: e.line,
                message: format!("keys.{}: {message}", e.name),
            };
            let action = Action::by_name(&e.name).ok_or_else(|| {
                err(format!(
                    "not an action; the actions are {}",
                    Action::BINDABLE
                        .iter()
                        .map(|(a, _)| a.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            if e.values.is_empty() {
                return Err(err("give at least one key".into()));
            }
            let keys = e
                .values
                .iter()
                .map(|v| {
                    Key::parse(v).ok_or_else(|| {
                        err(format!(
                            "\"{v}\" is not a key (try \"x\", \"ctrl-x\", \"enter\", \"f2\")"
                        ))
                    })
                })
                .collect::<Result<Vec<Key>>>()?;
            for b in map.bindings.iter_mut().filter(|b| b.action == action) {
                b.keys = keys.clone();
            }
        }
        // Once every entry is in: a key left on two actions of one screen is an error of
        // the later entry of the two.
        let mut entries: Vec<_> = config.keys.iter().collect();
        entries.sort_by_key(|e| std::cmp::Reverse(e.line));
        for e in entries {
            let Some(action) = Action::by_name(&e.name) else {
                continue;
            };
            if let Some(message) = map.clash(&action) {
                return Err(Error::Parse {
                    file: config.file.clone(),
                    line: e.line,
                    message: format!("keys.{}: {message}", e.name),
                });
            }
        }
        Ok(map)
    }

    /// A key of `action` that another action has on the same screen (only one of the two
    /// could ever work), described for the config's error.
    fn clash(&self, action: &Action) -> Option<String> {
        let mine = self.bindings.iter().filter(|b| &b.action == action);
        for b in mine {
            for other in self.bindings.iter().filter(|o| &o.action != action) {
                let Some(mode) = b.modes.iter().find(|m| other.modes.contains(m)) else {
                    continue;
                };
                if let Some(k) = b.keys.iter().find(|k| other.keys.contains(k)) {
                    return Some(format!(
                        "\"{}\" is also the key of {} on the {} screen; give one of them another key",
                        k.label(),
                        other.action.name(),
                        screen_name(*mode)
                    ));
                }
            }
        }
        None
    }

    /// The bindings of one screen, in the help's order.
    pub fn bindings(&self, mode: Mode) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.modes.contains(&mode))
    }

    /// (keys, description) rows for the help and the status bar.
    pub fn help(&self, mode: Mode) -> Vec<(String, String)> {
        if let Some(fixed) = fixed_help(mode) {
            return fixed
                .iter()
                .map(|(k, d)| (k.to_string(), d.to_string()))
                .collect();
        }
        self.bindings(mode)
            .filter(|b| !b.keys.is_empty())
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
                (keys.join(" "), b.action.describe().to_string())
            })
            .collect()
    }

    /// The action a key means on a screen (the first binding that has the key).
    pub fn on_screen(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        self.bindings(mode)
            .find(|b| b.keys.iter().any(|k| k.matches(key)))
            .map(|b| b.action.clone())
    }
}

fn screen_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Diary => "diary",
        Mode::Stats => "stats",
        Mode::Watchlist => "watchlist",
        _ => "films",
    }
}

/// The fixed keys of text fields and dialogs, for the help and the status bar.
fn fixed_help(mode: Mode) -> Option<&'static [(&'static str, &'static str)]> {
    Some(match mode {
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
        Mode::Filter => &[
            ("↑↓ Tab", "choose a filter"),
            ("← → Space", "change it"),
            ("⌫ x", "any"),
            ("Enter Esc q", "close"),
        ],
        Mode::Help => &[
            ("↑↓ j k", "scroll"),
            ("g G", "top / bottom"),
            ("? Esc", "close help"),
        ],
        Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist => return None,
    })
}

/// What a key means in a text field: a character typed, or a cursor movement or deletion
/// (← → Home End Del, and Ctrl-A, Ctrl-E, Ctrl-W, Ctrl-U as in a shell).
fn text_edit(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let edit = match key.code {
        KeyCode::Char(c) if !ctrl => return Some(Action::Input(c)),
        KeyCode::Char(c) if ctrl => match c.to_ascii_lowercase() {
            'a' => Edit::Home,
            'e' => Edit::End,
            'w' => Edit::DeleteWord,
            'u' => Edit::DeleteToStart,
            _ => return None,
        },
        KeyCode::Left => Edit::Left,
        KeyCode::Right => Edit::Right,
        KeyCode::Home => Edit::Home,
        KeyCode::End => Edit::End,
        KeyCode::Delete => Edit::Delete,
        _ => return None,
    };
    Some(Action::Edit(edit))
}

/// Maps a key press to an action in the app's current mode.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Ctrl-C quits everywhere, whatever the config says.
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
            _ => text_edit(&key).or(common),
        },
        Mode::Log => match key.code {
            KeyCode::Enter => Some(Action::Submit),
            KeyCode::Tab | KeyCode::Down => Some(Action::FocusNext),
            KeyCode::BackTab | KeyCode::Up => Some(Action::FocusPrev),
            // In a text field ← → move the cursor; on the rating and the toggles they
            // change the value.
            _ if app.log_form.as_ref().is_some_and(|f| f.on_text()) => match key.code {
                KeyCode::Backspace => Some(Action::Backspace),
                _ => text_edit(&key).or(common),
            },
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
            // q closes the dialog, as it closes the help (it quit the whole program);
            // Ctrl-C still quits.
            KeyCode::Enter | KeyCode::Char('f') | KeyCode::Char('q') => Some(Action::Select),
            _ => common,
        },
        Mode::Help => match key.code {
            KeyCode::Char('?') | KeyCode::Esc | KeyCode::Char('q') => Some(Action::ToggleHelp),
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            _ => common,
        },
        mode @ (Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist) => {
            app.keymap.on_screen(mode, &key)
        }
    }
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;

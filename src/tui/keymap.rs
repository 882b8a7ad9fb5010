//! The keymap: built-in bindings of the screens (films, diary, stats, watchlist), each action
//! overridable from the config's `[keys]` by its serde name; text fields and dialogs keep
//! fixed keys. The help overlay and the status bar are generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::{App, Mode};
pub use super::key::Key;
use crate::config::Config;
use crate::error::{Error, Result};

/// The screens a binding works on.
const ALL: &[Mode] = &[Mode::Browse, Mode::Diary, Mode::Stats, Mode::Watchlist];
const FILMS: &[Mode] = &[Mode::Browse];
const LISTS: &[Mode] = &[Mode::Browse, Mode::Diary, Mode::Watchlist];
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
        b(A::Up, &[Key::plain(K::Up), Key::ch('k')], LISTS),
        b(A::Down, &[Key::plain(K::Down), Key::ch('j')], LISTS),
        b(A::PageUp, &[Key::plain(K::PageUp)], LISTS),
        b(A::PageDown, &[Key::plain(K::PageDown)], LISTS),
        b(A::Top, &[Key::ch('g'), Key::plain(K::Home)], LISTS),
        b(A::Bottom, &[Key::ch('G'), Key::plain(K::End)], LISTS),
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
            ("Enter Esc", "close"),
        ],
        Mode::Help => &[("↑↓ j k", "scroll"), ("? Esc", "close help")],
        Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist => return None,
    })
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
            KeyCode::Char('j') => Some(Action::Down),
            KeyCode::Char('k') => Some(Action::Up),
            _ => common,
        },
        mode @ (Mode::Browse | Mode::Diary | Mode::Stats | Mode::Watchlist) => {
            app.keymap.on_screen(mode, &key)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Entry;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let map = Keymap::default();
        let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.on_screen(Mode::Browse, &g), Some(Action::Bottom));
        let c = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(map.on_screen(Mode::Browse, &c), None);
    }

    fn config(keys: &[(&str, &[&str], usize)]) -> Config {
        Config {
            keys: keys
                .iter()
                .map(|(n, v, line)| Entry {
                    name: n.to_string(),
                    values: v.iter().map(|s| s.to_string()).collect(),
                    line: *line,
                })
                .collect(),
            file: "my.toml".into(),
            ..Config::default()
        }
    }

    #[test]
    fn config_replaces_an_actions_keys() {
        let map = Keymap::from_config(&config(&[("toggle_diary", &["F2", "ctrl-d"], 3)])).unwrap();
        let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
        assert_eq!(map.on_screen(Mode::Browse, &d), None);
        let f2 = press(KeyCode::F(2), KeyModifiers::NONE);
        assert_eq!(map.on_screen(Mode::Stats, &f2), Some(Action::ToggleDiary));
        let cd = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(map.on_screen(Mode::Diary, &cd), Some(Action::ToggleDiary));
        let help = map.help(Mode::Browse);
        assert!(help.contains(&("F2 Ctrl-d".to_string(), "diary".to_string())));
    }

    #[test]
    fn a_key_two_actions_share_on_a_screen_is_refused() {
        let err = Keymap::from_config(&config(&[("toggle_diary", &["q"], 5)])).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("my.toml:5: keys.toggle_diary:"), "{msg}");
        assert!(msg.contains("\"q\"") && msg.contains("quit"), "{msg}");
        // Moving quit out of the way first, or later in the file, is fine.
        for keys in [
            &[("quit", &["Q"][..], 2), ("toggle_diary", &["q"], 3)][..],
            &[("toggle_diary", &["q"], 2), ("quit", &["Q"], 3)],
        ] {
            let map = Keymap::from_config(&config(keys));
            assert!(map.is_ok(), "{map:?}");
        }
        // The same key on screens that never meet: `x` deletes in the diary.
        assert!(Keymap::from_config(&config(&[("clear_nudges", &["e"], 2)])).is_ok());
        assert!(Keymap::from_config(&config(&[("delete_watch", &["+"], 2)])).is_ok());
        let err = Keymap::from_config(&config(&[("edit_watch", &["x"], 2)])).unwrap_err();
        assert!(err.to_string().contains("delete_watch"), "{err}");
    }

    #[test]
    fn bad_entries_name_file_line_and_key() {
        let err = Keymap::from_config(&config(&[("toggle_dairy", &["d"], 4)])).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("my.toml:4:"), "{msg}");
        assert!(msg.contains("keys.toggle_dairy"), "{msg}");
        assert!(
            msg.contains("toggle_diary"),
            "the actions are listed: {msg}"
        );
        let err = Keymap::from_config(&config(&[("quit", &["hyper-q"], 7)])).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.starts_with("my.toml:7:") && msg.contains("hyper-q"),
            "{msg}"
        );
    }
}

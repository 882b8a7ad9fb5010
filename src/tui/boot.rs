//! Start-up: what the loading screen shows while the library is read on another thread, and
//! the keys typed meanwhile. Quit keys act at once; the others wait in order and are handed
//! to the app when it is ready.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::app::Mode;
use super::keymap::Keymap;
use crate::config::Config;
use crate::library::Step;
use crate::time::Clock;

/// Keys kept while loading; more are dropped (nobody types this much blind).
const MAX_QUEUED: usize = 256;

/// The state of the loading screen.
#[derive(Debug, Clone)]
pub struct Boot {
    /// The last step reported; `None` before the first.
    pub step: Option<Step>,
    /// Keys typed while loading, oldest first.
    pub queued: Vec<KeyEvent>,
    /// True when the queued keys have opened a text field or dialog (search, mood...): until
    /// it is closed, `q` is a letter, not quit.
    typing: bool,
    pub clock: Clock,
    pub config: Config,
}

impl Boot {
    pub fn new(clock: Clock, config: Config) -> Boot {
        Boot {
            step: None,
            queued: Vec::new(),
            typing: false,
            clock,
            config,
        }
    }

    /// Takes a key typed while loading; true when it means quit (Ctrl-C everywhere, the quit
    /// key unless a text field is open).
    pub fn key(&mut self, keymap: &Keymap, key: KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')) {
            return true;
        }
        if self.typing {
            if matches!(key.code, KeyCode::Esc | KeyCode::Enter) {
                self.typing = false;
            }
        } else {
            match keymap.on_screen(Mode::Browse, &key) {
                Some(Action::Quit) => return true,
                Some(
                    Action::StartSearch
                    | Action::StartMood
                    | Action::MoreOf
                    | Action::LessOf
                    | Action::OpenLog
                    | Action::OpenImport
                    | Action::OpenFilter,
                ) => self.typing = true,
                _ => {}
            }
        }
        if self.queued.len() < MAX_QUEUED {
            self.queued.push(key);
        }
        false
    }

    /// What is being done, and how far (done, total) when known.
    pub fn describe(&self) -> (String, Option<(usize, usize)>) {
        let count = |n: usize| group(n);
        match self.step {
            None => ("opening the database".into(), None),
            Some(Step::Films { done, total }) => (
                format!("reading films: {} of about {}", count(done), count(total)),
                Some((done, total)),
            ),
            Some(Step::Indexing { films }) => {
                (format!("indexing {} films for search", count(films)), None)
            }
            Some(Step::Model { films }) => (
                format!("reading the mood model and {} film vectors", count(films)),
                None,
            ),
            Some(Step::Vectors { done, total }) => (
                format!(
                    "computing film vectors: {} of {}",
                    count(done),
                    count(total)
                ),
                Some((done, total)),
            ),
        }
    }
}

/// 1234567 as "1,234,567".
pub fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn boot() -> Boot {
        Boot::new(Clock::from_option(None).unwrap(), Config::default())
    }

    #[test]
    fn quit_keys_act_at_once_and_others_wait() {
        let map = Keymap::default();
        let mut b = boot();
        assert!(!b.key(&map, key('j')));
        assert!(b.key(&map, key('q')));
        let mut b = boot();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert!(b.key(&map, ctrl_c));
    }

    #[test]
    fn q_is_a_letter_inside_a_search() {
        let map = Keymap::default();
        let mut b = boot();
        for c in "/quiet".chars() {
            assert!(!b.key(&map, key(c)), "{c}");
        }
        assert_eq!(b.queued.len(), 6);
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        assert!(!b.key(&map, esc));
        assert!(b.key(&map, key('q')));
    }

    #[test]
    fn counts_are_grouped() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(1000), "1,000");
        assert_eq!(group(1_000_000), "1,000,000");
    }
}

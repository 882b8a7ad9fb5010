//! Everything the user can do, as data: keys become `Action`s, `App::update` applies them.

use serde::{Deserialize, Serialize};

/// One user intent. Serde names are the keymap names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Select,
    Back,
    StartSearch,
    StartMood,
    OpenLog,
    ToggleDiary,
    ToggleStats,
    ToggleHelp,
    ToggleWatchlist,
    /// Mark the selected film seen without a diary entry, or take the mark away.
    ToggleSeen,
    /// Nudge the mood: "more of" a tag or word (typed next).
    MoreOf,
    /// Nudge the mood: "less of" a tag or word (typed next).
    LessOf,
    /// Drop every more/less nudge.
    ClearNudges,
    /// Diary: edit the selected viewing.
    EditWatch,
    /// Diary: delete the selected viewing (undo brings it back).
    DeleteWatch,
    /// Undo the last diary delete or edit, or the last seen-mark given or taken away.
    Undo,
    /// Mouse: select this row of the film list.
    ClickRow(usize),
    /// Mouse: choose this entry of the mood list.
    ClickMood(usize),
    /// A character typed into the active text field.
    Input(char),
    /// Text pasted into the active text field, on one line (see [`Action::paste`]); ignored
    /// where no text field has the keyboard.
    Paste(String),
    Backspace,
    /// Move the cursor of the active text field, or delete at it.
    Edit(super::text_field::Edit),
    /// Log dialog: adjust the focused field (rating −/+, toggles).
    Decrease,
    Increase,
    /// Log dialog: save.
    Submit,
    /// Import a file: type "FORMAT PATH" next.
    OpenImport,
    /// Open the filter dialog (film list: genre, decade...; diary: month, mood).
    OpenFilter,
    /// Drop every filter of the screen showing.
    ClearFilter,
    /// Show the watchlist screen, or leave it.
    ToggleWatchlistView,
    /// Time passed: background work (an import) reports in.
    Tick,
    /// The terminal is this many columns and rows: panes that are not drawn at this size
    /// cannot have the keyboard.
    Resize(u16, u16),
}

impl Action {
    /// The actions a key can be bound to in `[keys]`, with what each does (the help shows it).
    pub const BINDABLE: &'static [(Action, &'static str)] = &[
        (Action::Select, "choose / log / edit"),
        (Action::StartSearch, "search titles and directors"),
        (Action::StartMood, "type your own mood"),
        (Action::OpenLog, "log the selected film"),
        (Action::ToggleWatchlist, "watchlist on/off"),
        (Action::ToggleSeen, "mark seen (no diary) on/off"),
        (Action::OpenFilter, "filters"),
        (Action::ClearFilter, "clear the filters"),
        (Action::MoreOf, "more of a word"),
        (Action::LessOf, "less of a word"),
        (Action::ClearNudges, "clear more / less"),
        (Action::EditWatch, "edit the viewing"),
        (Action::DeleteWatch, "delete the viewing"),
        (Action::Undo, "undo"),
        (Action::OpenImport, "import a file"),
        (Action::ToggleDiary, "diary"),
        (Action::ToggleStats, "stats"),
        (Action::ToggleWatchlistView, "watchlist screen"),
        (Action::ToggleHelp, "help"),
        (Action::FocusNext, "next pane"),
        (Action::FocusPrev, "previous pane"),
        (Action::Back, "back"),
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::PageUp, "page up"),
        (Action::PageDown, "page down"),
        (Action::Top, "to the top"),
        (Action::Bottom, "to the bottom"),
        (Action::Quit, "quit"),
    ];

    /// A bracketed paste as one line of text for a field: trailing whitespace (a copied line's
    /// newline) goes, and each run of newlines, tabs and other control characters becomes a
    /// single space, so nothing pasted can act as Enter, Esc or a command key.
    pub fn paste(text: &str) -> Action {
        let breaks = |c: char| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}');
        let mut line = String::with_capacity(text.len());
        let mut in_break = false;
        for c in text
            .trim_end_matches(|c: char| c.is_whitespace() || breaks(c))
            .chars()
        {
            if breaks(c) {
                if !in_break {
                    line.push(' ');
                }
                in_break = true;
            } else {
                line.push(c);
                in_break = false;
            }
        }
        Action::Paste(line)
    }

    /// The serde name, as the config's `[keys]` spells it ("toggle_diary").
    pub fn name(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => format!("{self:?}"),
        }
    }

    /// What a bindable action does; empty for the others.
    pub fn describe(&self) -> &'static str {
        Action::BINDABLE
            .iter()
            .find(|(a, _)| a == self)
            .map_or("", |(_, d)| d)
    }

    /// The bindable action of this serde name.
    pub fn by_name(name: &str) -> Option<Action> {
        Action::BINDABLE
            .iter()
            .map(|(a, _)| a)
            .find(|a| a.name() == name)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serde_names() {
        assert_eq!(Action::ToggleDiary.name(), "toggle_diary");
        assert_eq!(Action::by_name("open_filter"), Some(Action::OpenFilter));
        assert_eq!(Action::by_name("click_row"), None);
        assert!(Action::BINDABLE.iter().all(|(_, d)| !d.is_empty()));
    }

    #[test]
    fn a_paste_becomes_one_line() {
        let line = |s: &str| match Action::paste(s) {
            Action::Paste(l) => l,
            other => panic!("{other:?}"),
        };
        assert_eq!(line("so good\nquiet and sad\n"), "so good quiet and sad");
        assert_eq!(line("a\r\nb\tc\x1b[Ad\u{2028}e"), "a b c [Ad e");
        assert_eq!(line("  lead stays\r\n\t \n"), "  lead stays");
        assert_eq!(line("\n\n"), "");
        assert_eq!(line("été\n夜"), "été 夜");
    }
}

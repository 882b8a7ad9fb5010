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
    /// Undo the last delete or edit.
    Undo,
    /// Mouse: select this row of the film list.
    ClickRow(usize),
    /// Mouse: choose this entry of the mood list.
    ClickMood(usize),
    /// A character typed into the active text field.
    Input(char),
    Backspace,
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
}

//! The TUI state and the one place it changes: `App::update(Action)`; each group of modes
//! has its own file.

mod browse;
mod diary;
mod filters;
mod log;
pub mod rank;

use std::collections::HashMap;

use super::action::Action;
use super::filter::{DiaryFilter, FilmFilter, FilterForm};
use super::import_job::ImportJob;
use super::log_form::LogForm;
use super::text_field::TextField;
use crate::library::Library;
use crate::mood::MoodQuery;
use crate::recommend::Recommendation;
use crate::search::Hit;

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Browse,
    Diary,
    Stats,
    Watchlist,
}

/// Which pane of the browse screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Moods,
    List,
}

/// The input mode, which decides what keys mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Search,
    MoodInput,
    /// Typing the tag or word of a "more of" / "less of" nudge.
    Critique,
    Log,
    /// Typing "FORMAT PATH" of a file to import.
    Import,
    Diary,
    Stats,
    Watchlist,
    /// The filter dialog (of the film list or of the diary).
    Filter,
    Help,
}

/// How an entry of tonight's list changed after the last re-rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    New,
    Up(usize),
    Down(usize),
}

/// One row of the film list: a recommendation or a search hit.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    Rec(Recommendation),
    Hit(Hit),
}

impl Row {
    pub fn film_id(&self) -> i64 {
        match self {
            Row::Rec(r) => r.film_id,
            Row::Hit(h) => h.film_id,
        }
    }
}

/// A change to the diary that can be undone.
#[derive(Debug, Clone, PartialEq)]
pub enum UndoStep {
    /// A viewing was deleted: it is written again.
    Deleted(crate::model::Watch),
    /// A viewing (by id) was edited: this is how it was.
    Edited(i64, crate::model::NewWatch),
    /// A film's seen-mark was taken away: it is put back.
    Unmarked(crate::store::Mark),
    /// A film (by id) that had no seen-mark was marked seen: the mark is taken away.
    Marked(i64),
}

/// How many films tonight's list holds.
pub const LIST_LEN: usize = 50;

/// The whole TUI state. Views read it; only `update` writes it.
pub struct App {
    pub lib: Library,
    pub screen: Screen,
    pub focus: Focus,
    pub show_help: bool,
    pub searching: bool,
    pub typing_mood: bool,
    pub log_form: Option<LogForm>,
    /// 0 is "your own words"; 1.. are the presets.
    pub mood_idx: usize,
    pub custom_mood: TextField,
    /// The mood (its index and own words) in force when the mood box opened: Esc puts it back.
    pub mood_before: Option<(usize, TextField)>,
    /// A nudge being typed: its sign (+1 more, −1 less) and text.
    pub critique: Option<(f32, TextField)>,
    /// Nudges applied to the current mood.
    pub more: Vec<String>,
    pub less: Vec<String>,
    pub query: MoodQuery,
    pub search_text: TextField,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub diary_selected: usize,
    pub changes: HashMap<i64, Change>,
    pub status: String,
    /// The status message as it was when the last key arrived: a message too long for the
    /// footer is shown whole above it until then (see `views::status::long_status`).
    pub status_seen: String,
    pub quit: bool,
    /// True while the embedding model is read in the background (the list waits for it).
    pub loading: bool,
    /// Diary changes and seen-marks that `u` undoes, newest last.
    pub undo: Vec<UndoStep>,
    /// "FORMAT PATH" being typed for an import.
    pub import_form: Option<TextField>,
    /// Why the last import from the prompt failed, shown in the prompt (wrapped) until the
    /// text changes.
    pub import_error: Option<String>,
    /// The import running in the background, shown as a gauge.
    pub import_job: Option<ImportJob>,
    /// What the film list (tonight's and search results) is narrowed to.
    pub filter: FilmFilter,
    /// What the diary is narrowed to.
    pub diary_filter: DiaryFilter,
    /// The filter dialog, while it is open.
    pub filter_form: Option<FilterForm>,
    /// The watchlist screen's films (by title) and cursor.
    pub watchlist: Vec<i64>,
    pub watchlist_selected: usize,
    /// Tonight's list by mood, film ids best first: search results lean on it.
    pub tonight: Vec<i64>,
    /// The re-rank worker (the TUI has one; without it, as in tests, ranking is immediate).
    pub reranker: Option<super::rerank::Reranker>,
    /// What the pending ranking will do to the list.
    pub rank_kind: rank::RankKind,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// How far the stats view is scrolled (when it is taller than the screen).
    pub stats_scroll: u16,
    /// The effective keymap (built-in, with the config's `[keys]` over it).
    pub keymap: super::keymap::Keymap,
    /// The terminal's columns and rows, once known (every pane counts as drawn until then).
    pub size: Option<(u16, u16)>,
}

impl App {
    /// A new app on the first preset mood.
    pub fn new(lib: Library) -> App {
        let mut app = App::new_empty(lib);
        app.apply_mood();
        app.changes.clear();
        app
    }

    /// A new app whose embedding space is being built elsewhere: it draws at once, and the
    /// list fills in when [`App::space_arrived`] is called.
    pub fn loading(lib: Library) -> App {
        let mut app = App::new_empty(lib);
        app.loading = true;
        app.status = "reading the embedding model…".into();
        app
    }

    fn new_empty(lib: Library) -> App {
        App {
            lib,
            screen: Screen::Browse,
            focus: Focus::List,
            show_help: false,
            searching: false,
            typing_mood: false,
            log_form: None,
            mood_idx: 1,
            custom_mood: TextField::default(),
            mood_before: None,
            critique: None,
            more: Vec::new(),
            less: Vec::new(),
            query: MoodQuery::default(),
            search_text: TextField::default(),
            rows: Vec::new(),
            selected: 0,
            diary_selected: 0,
            changes: HashMap::new(),
            status: String::new(),
            status_seen: String::new(),
            quit: false,
            loading: false,
            undo: Vec::new(),
            import_form: None,
            import_error: None,
            import_job: None,
            filter: FilmFilter::default(),
            diary_filter: DiaryFilter::default(),
            filter_form: None,
            watchlist: Vec::new(),
            watchlist_selected: 0,
            tonight: Vec::new(),
            keymap: super::keymap::Keymap::default(),
            help_scroll: 0,
            stats_scroll: 0,
            reranker: None,
            rank_kind: rank::RankKind::Fresh,
            size: None,
        }
    }

    /// True when the status line is empty or says the model is loading (progress may then
    /// replace it).
    pub fn status_is_loading(&self) -> bool {
        self.status.is_empty()
            || self.status.starts_with("reading the embedding model")
            || self.status.starts_with("computing film vectors")
    }

    /// The background build finished: install the space and rank tonight's list.
    pub fn space_arrived(&mut self, built: crate::error::Result<crate::library::Built>) {
        self.loading = false;
        match self.lib.install_space(built) {
            Ok(_) => {
                if self.status_is_loading() {
                    self.status.clear();
                }
                if self.search_text.trim().is_empty() {
                    self.apply_mood();
                    self.changes.clear();
                } else {
                    // Search results are showing: rank tonight's list behind them (they
                    // re-sort by it), keeping the cursor's film.
                    self.request_rank(rank::RankKind::Again);
                }
            }
            Err(e) => self.status = format!("cannot load the embedding model: {e}"),
        }
    }

    /// The mode that decides what keys mean.
    pub fn mode(&self) -> Mode {
        if self.show_help {
            Mode::Help
        } else if self.log_form.is_some() {
            Mode::Log
        } else if self.filter_form.is_some() {
            Mode::Filter
        } else if self.import_form.is_some() {
            Mode::Import
        } else if self.critique.is_some() {
            Mode::Critique
        } else if self.typing_mood {
            Mode::MoodInput
        } else if self.searching {
            Mode::Search
        } else if self.screen == Screen::Diary {
            Mode::Diary
        } else if self.screen == Screen::Stats {
            Mode::Stats
        } else if self.screen == Screen::Watchlist {
            Mode::Watchlist
        } else {
            Mode::Browse
        }
    }

    /// The label of the current mood, with its nudges.
    pub fn mood_label(&self) -> String {
        let mut label = self.base_mood_label();
        for m in &self.more {
            label.push_str(&format!(" · more {m}"));
        }
        for l in &self.less {
            label.push_str(&format!(" · less {l}"));
        }
        label
    }

    fn base_mood_label(&self) -> String {
        match self.mood_idx {
            0 if self.custom_mood.trim().is_empty() => "your own words…".into(),
            0 => format!("“{}”", self.custom_mood.trim()),
            _ => self.preset().map(|p| p.label()).unwrap_or_default(),
        }
    }

    /// The chosen preset mood; `None` while the viewer's own words are chosen.
    pub(in crate::tui) fn preset(&self) -> Option<&crate::mood::presets::Preset> {
        let i = self.mood_idx.checked_sub(1)?;
        self.lib.resolver.presets.list.get(i)
    }

    /// The film under the cursor, if any.
    pub fn selected_film(&self) -> Option<i64> {
        match self.screen {
            Screen::Browse => self.rows.get(self.selected).map(Row::film_id),
            Screen::Stats => None,
            Screen::Diary => self.selected_watch().map(|w| w.film_id),
            Screen::Watchlist => self.watchlist.get(self.watchlist_selected).copied(),
        }
    }

    fn mood_count(&self) -> usize {
        self.lib.resolver.presets.list.len() + 1
    }

    /// Applies one action. This is the only place state changes.
    pub fn update(&mut self, action: Action) {
        if action == Action::Tick {
            self.poll_import();
            self.poll_rank();
            self.catch_up();
            return;
        }
        if let Action::Resize(w, h) = action {
            self.resize(w, h);
            return;
        }
        if matches!(&action, Action::Paste(text) if text.is_empty()) {
            return;
        }
        // A key puts away the long message shown above the footer (a new one shows again).
        self.status_seen.clone_from(&self.status);
        let screen = self.screen;
        self.dispatch(action);
        // A message belongs to the screen it was given on ("u undoes" is not true on the
        // stats): moving to another screen without a message of its own clears it.
        if self.screen != screen && self.status == self.status_seen {
            self.status.clear();
            self.status_seen.clear();
        }
    }

    /// Hands an action to the mode showing.
    fn dispatch(&mut self, action: Action) {
        match self.mode() {
            Mode::Help => self.update_help(action),
            Mode::Log => self.update_log(action),
            Mode::Import => self.update_import(action),
            Mode::Search => self.update_search(action),
            Mode::MoodInput => self.update_mood_input(action),
            Mode::Critique => self.update_critique(action),
            Mode::Diary => self.update_diary(action),
            Mode::Stats => self.update_stats(action),
            Mode::Watchlist => self.update_watchlist(action),
            Mode::Filter => self.update_filter(action),
            Mode::Browse => self.update_browse(action),
        }
    }
}

/// Moves a cursor within `len` items.
fn step(cur: usize, len: usize, action: &Action) -> usize {
    if len == 0 {
        return 0;
    }
    let last = len - 1;
    match action {
        Action::Up => cur.saturating_sub(1),
        Action::Down => (cur + 1).min(last),
        Action::PageUp => cur.saturating_sub(10),
        Action::PageDown => (cur + 10).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => cur,
    }
}

//! The TUI state and the one place it changes: `App::update(Action)`.

use std::collections::HashMap;

use super::action::Action;
use super::import_job::ImportJob;
use super::log_form::LogForm;
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
    pub custom_mood: String,
    /// A nudge being typed: its sign (+1 more, −1 less) and text.
    pub critique: Option<(f32, String)>,
    /// Nudges applied to the current mood.
    pub more: Vec<String>,
    pub less: Vec<String>,
    pub query: MoodQuery,
    pub search_text: String,
    pub rows: Vec<Row>,
    pub selected: usize,
    pub diary_selected: usize,
    pub changes: HashMap<i64, Change>,
    pub status: String,
    pub quit: bool,
    /// True while the embedding model is read in the background (the list waits for it).
    pub loading: bool,
    /// Diary changes that `u` undoes, newest last.
    pub undo: Vec<UndoStep>,
    /// "FORMAT PATH" being typed for an import.
    pub import_form: Option<String>,
    /// The import running in the background, shown as a gauge.
    pub import_job: Option<ImportJob>,
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
            custom_mood: String::new(),
            critique: None,
            more: Vec::new(),
            less: Vec::new(),
            query: MoodQuery::default(),
            search_text: String::new(),
            rows: Vec::new(),
            selected: 0,
            diary_selected: 0,
            changes: HashMap::new(),
            status: String::new(),
            quit: false,
            loading: false,
            undo: Vec::new(),
            import_form: None,
            import_job: None,
        }
    }

    /// The background build finished: install the space and rank tonight's list.
    pub fn space_arrived(&mut self, built: crate::error::Result<crate::library::Built>) {
        self.loading = false;
        match self.lib.install_space(built) {
            Ok(_) => {
                if self.status.starts_with("reading the embedding model")
                    || self.status.starts_with("computing film vectors")
                {
                    self.status.clear();
                }
                if self.search_text.is_empty() {
                    self.apply_mood();
                    self.changes.clear();
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
            i => self
                .lib
                .resolver
                .presets
                .list
                .get(i - 1)
                .map(|p| p.label())
                .unwrap_or_default(),
        }
    }

    /// The film under the cursor, if any.
    pub fn selected_film(&self) -> Option<i64> {
        match self.screen {
            Screen::Browse => self.rows.get(self.selected).map(Row::film_id),
            Screen::Stats => None,
            Screen::Diary => self
                .lib
                .watches()
                .get(self.diary_selected)
                .map(|w| w.film_id),
        }
    }

    fn mood_count(&self) -> usize {
        self.lib.resolver.presets.list.len() + 1
    }

    /// Applies one action. This is the only place state changes.
    pub fn update(&mut self, action: Action) {
        if action == Action::Tick {
            self.poll_import();
            return;
        }
        match self.mode() {
            Mode::Help => {
                if matches!(action, Action::ToggleHelp | Action::Back | Action::Quit) {
                    self.show_help = false;
                }
                if action == Action::Quit {
                    self.quit = true;
                }
            }
            Mode::Log => self.update_log(action),
            Mode::Import => self.update_import(action),
            Mode::Search => self.update_search(action),
            Mode::MoodInput => self.update_mood_input(action),
            Mode::Critique => self.update_critique(action),
            Mode::Diary => self.update_diary(action),
            Mode::Stats => self.update_stats(action),
            Mode::Browse => self.update_browse(action),
        }
    }

    fn update_browse(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleDiary => {
                self.screen = Screen::Diary;
                self.diary_selected = 0;
            }
            Action::ToggleStats => self.screen = Screen::Stats,
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::Moods => Focus::List,
                    Focus::List => Focus::Moods,
                }
            }
            Action::StartSearch => {
                self.searching = true;
                self.focus = Focus::List;
                self.run_search();
            }
            Action::StartMood => {
                self.mood_idx = 0;
                self.typing_mood = true;
            }
            Action::OpenLog => self.open_log(),
            Action::OpenImport if self.import_job.is_some() => {
                self.status = "an import is already running".into();
            }
            Action::OpenImport => self.import_form = Some(String::new()),
            Action::ToggleWatchlist => self.toggle_watchlist(),
            Action::ClickRow(i) if i < self.rows.len() => {
                self.focus = Focus::List;
                self.selected = i;
            }
            Action::ClickMood(i) if i < self.mood_count() => {
                self.focus = Focus::Moods;
                if i == 0 {
                    self.mood_idx = 0;
                    self.typing_mood = true;
                } else if i != self.mood_idx {
                    self.mood_idx = i;
                    self.search_text.clear();
                    self.more.clear();
                    self.less.clear();
                    self.apply_mood();
                }
            }
            Action::Undo => self.undo_last(),
            Action::MoreOf => self.critique = Some((1.0, String::new())),
            Action::LessOf => self.critique = Some((-1.0, String::new())),
            Action::ClearNudges if !self.more.is_empty() || !self.less.is_empty() => {
                self.more.clear();
                self.less.clear();
                self.rerank_query();
                self.status = "nudges cleared".into();
            }
            Action::Back if !self.search_text.is_empty() => {
                self.search_text.clear();
                self.apply_mood();
            }
            Action::Select => match self.focus {
                Focus::Moods if self.mood_idx == 0 => self.typing_mood = true,
                Focus::Moods => self.focus = Focus::List,
                Focus::List => self.open_log(),
            },
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => match self.focus {
                Focus::Moods => {
                    let before = self.mood_idx;
                    self.mood_idx = step(self.mood_idx, self.mood_count(), &action);
                    if self.mood_idx != before && self.mood_idx != 0 {
                        self.search_text.clear();
                        self.more.clear();
                        self.less.clear();
                        self.apply_mood();
                    }
                }
                Focus::List => self.selected = step(self.selected, self.rows.len(), &action),
            },
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.search_text.push(c);
                self.run_search();
            }
            Action::Backspace => {
                self.search_text.pop();
                self.run_search();
            }
            Action::Select => self.searching = false,
            Action::Back => {
                self.searching = false;
                self.search_text.clear();
                self.apply_mood();
            }
            Action::Quit => self.quit = true,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.selected = step(self.selected, self.rows.len(), &action);
            }
            _ => {}
        }
    }

    fn update_mood_input(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.custom_mood.push(c);
                self.preview_mood();
            }
            Action::Backspace => {
                self.custom_mood.pop();
                self.preview_mood();
            }
            Action::Select => {
                self.typing_mood = false;
                self.focus = Focus::List;
            }
            Action::Back => self.typing_mood = false,
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    fn update_critique(&mut self, action: Action) {
        let Some((sign, text)) = self.critique.as_mut() else {
            return;
        };
        match action {
            Action::Input(c) => text.push(c),
            Action::Backspace => {
                text.pop();
            }
            Action::Back => self.critique = None,
            Action::Quit => self.quit = true,
            Action::Select => {
                let (sign, word) = (*sign, text.trim().to_string());
                self.critique = None;
                if word.is_empty() {
                    return;
                }
                let (push, other) = if sign > 0.0 {
                    (&mut self.more, &mut self.less)
                } else {
                    (&mut self.less, &mut self.more)
                };
                other.retain(|w| *w != word);
                if !push.contains(&word) {
                    push.push(word);
                }
                self.rerank_query();
                self.status = if self.query.unknown.is_empty() {
                    format!("nudged: {}", self.mood_label())
                } else {
                    format!("not understood: {}", self.query.unknown.join(" "))
                };
            }
            _ => {}
        }
    }

    /// Re-resolves the current mood with its nudges and re-ranks, marking what moved.
    fn rerank_query(&mut self) {
        self.query = self.resolve_current();
        self.search_text.clear();
        self.rerank();
    }

    fn resolve_current(&self) -> MoodQuery {
        let text = match self.mood_idx {
            0 => self.custom_mood.clone(),
            i => match self.lib.resolver.presets.list.get(i - 1) {
                Some(p) => p.id.clone(),
                None => String::new(),
            },
        };
        self.lib.mood_with_critiques(&text, &self.more, &self.less)
    }

    /// Re-ranks on every keystroke of a typed mood and says what was understood.
    fn preview_mood(&mut self) {
        self.search_text.clear();
        self.apply_mood();
        let tags: Vec<&str> = self.query.tags.iter().map(|(t, _)| t.as_str()).collect();
        self.status = match (tags.is_empty(), self.query.unknown.is_empty()) {
            (true, true) => String::new(),
            (false, true) => format!("understood: {}", tags.join(", ")),
            (true, false) => format!("not understood: {}", self.query.unknown.join(" ")),
            (false, false) => format!(
                "understood: {} · not understood: {}",
                tags.join(", "),
                self.query.unknown.join(" ")
            ),
        };
    }

    fn update_diary(&mut self, action: Action) {
        let n = self.lib.watches().len();
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleDiary | Action::Back => self.screen = Screen::Browse,
            Action::ToggleStats => self.screen = Screen::Stats,
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.diary_selected = step(self.diary_selected, n, &action),
            Action::Select | Action::EditWatch => self.edit_selected_watch(),
            Action::DeleteWatch => self.delete_selected_watch(),
            Action::Undo => self.undo_last(),
            _ => {}
        }
    }

    fn edit_selected_watch(&mut self) {
        let Some(w) = self.lib.watches().get(self.diary_selected).cloned() else {
            return;
        };
        let title = self
            .lib
            .film(w.film_id)
            .map(|f| f.label())
            .unwrap_or_default();
        self.log_form = Some(LogForm::edit(&w, title, &self.lib.clock.now()));
    }

    fn delete_selected_watch(&mut self) {
        let Some(id) = self.lib.watches().get(self.diary_selected).map(|w| w.id) else {
            return;
        };
        match self.lib.delete_watch(id) {
            Ok(w) => {
                let title = self
                    .lib
                    .film(w.film_id)
                    .map(|f| f.label())
                    .unwrap_or_default();
                self.undo.push(UndoStep::Deleted(w));
                let n = self.lib.watches().len();
                self.diary_selected = self.diary_selected.min(n.saturating_sub(1));
                self.rerank();
                self.status = format!("deleted your viewing of {title} — u undoes");
            }
            Err(e) => self.status = format!("cannot delete: {e}"),
        }
    }

    fn undo_last(&mut self) {
        let Some(step) = self.undo.pop() else {
            self.status = "nothing to undo".into();
            return;
        };
        let result = match &step {
            UndoStep::Deleted(w) => self.lib.log(w.to_new()).map(|_| "restored the viewing"),
            UndoStep::Edited(id, old) => self
                .lib
                .update_watch(*id, old)
                .map(|()| "put the viewing back as it was"),
        };
        match result {
            Ok(msg) => {
                self.rerank();
                self.status = msg.into();
            }
            Err(e) => {
                self.undo.push(step);
                self.status = format!("cannot undo: {e}");
            }
        }
    }

    fn update_stats(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleStats | Action::Back => self.screen = Screen::Browse,
            Action::ToggleDiary => self.screen = Screen::Diary,
            _ => {}
        }
    }

    fn update_log(&mut self, action: Action) {
        let Some(form) = self.log_form.as_mut() else {
            return;
        };
        match action {
            Action::FocusNext => form.next(),
            Action::FocusPrev => form.prev(),
            Action::Decrease => form.decrease(),
            Action::Increase => form.increase(),
            Action::Input(c) => form.input(c),
            Action::Backspace => form.backspace(),
            Action::Back => self.log_form = None,
            Action::Quit => self.quit = true,
            Action::Submit => self.submit_log(),
            _ => {}
        }
    }

    fn open_log(&mut self) {
        let Some(id) = self.selected_film() else {
            self.status = "nothing selected to log".into();
            return;
        };
        let Some(film) = self.lib.film(id) else {
            return;
        };
        let seen = self.lib.watches_of(id).next().is_some();
        let mood = match self.mood_idx {
            0 => self.custom_mood.trim().to_string(),
            i => self
                .lib
                .resolver
                .presets
                .list
                .get(i - 1)
                .map(|p| p.en.clone())
                .unwrap_or_default(),
        };
        self.log_form = Some(LogForm::new(
            id,
            film.label(),
            &self.lib.clock.now(),
            mood,
            seen,
        ));
    }

    fn submit_log(&mut self) {
        let Some(form) = self.log_form.as_mut() else {
            return;
        };
        let watch = match form.to_watch(&self.lib.clock.now()) {
            Ok(w) => w,
            Err(e) => {
                form.error = Some(e);
                return;
            }
        };
        let title = form.title.clone();
        if let Some(id) = form.editing {
            let old = self
                .lib
                .watches()
                .iter()
                .find(|w| w.id == id)
                .map(|w| w.to_new());
            match self.lib.update_watch(id, &watch) {
                Ok(()) => {
                    self.log_form = None;
                    if let Some(old) = old {
                        self.undo.push(UndoStep::Edited(id, old));
                    }
                    self.rerank();
                    self.status = format!("edited your viewing of {title} — u undoes");
                }
                Err(e) => {
                    if let Some(form) = self.log_form.as_mut() {
                        form.error = Some(e.to_string());
                    }
                }
            }
            return;
        }
        match self.lib.log(watch) {
            Ok(logged) => {
                self.log_form = None;
                let late = if logged.late_night == Some(true) {
                    " · late night"
                } else {
                    ""
                };
                let when = logged.watched_at.get(11..16).unwrap_or("").to_string();
                self.rerank();
                let new = self.changes.values().filter(|c| **c == Change::New).count();
                let moved = self.changes.len() - new;
                self.status = format!(
                    "logged {title} at {when}{late} — tonight's list re-ranked: {new} new, {moved} moved"
                );
            }
            Err(e) => form.error = Some(e.to_string()),
        }
    }

    fn toggle_watchlist(&mut self) {
        let Some(id) = self.selected_film() else {
            return;
        };
        match self.lib.toggle_watchlist(id) {
            Ok(true) => self.status = "added to the watchlist".into(),
            Ok(false) => self.status = "removed from the watchlist".into(),
            Err(e) => self.status = format!("watchlist: {e}"),
        }
    }

    /// Re-resolves the mood and re-ranks.
    pub(super) fn apply_mood(&mut self) {
        self.query = self.resolve_current();
        self.changes.clear();
        self.rows = if self.query.is_empty() && self.lib.watches().is_empty() {
            // No mood and no diary: nothing to rank by; the list says so.
            Vec::new()
        } else {
            self.ranked()
        };
        self.selected = 0;
    }

    /// Tonight's list for the current mood; a ranking error is shown in the status bar.
    fn ranked(&mut self) -> Vec<Row> {
        if self.loading {
            return Vec::new();
        }
        match self.lib.recommend(&self.query, LIST_LEN) {
            Ok(recs) => recs.into_iter().map(Row::Rec).collect(),
            Err(e) => {
                self.status = format!("cannot rank: {e}");
                Vec::new()
            }
        }
    }

    /// Re-ranks tonight's list and records what moved and what is new.
    fn rerank(&mut self) {
        if !self.search_text.is_empty() {
            return;
        }
        let before: HashMap<i64, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.film_id(), i))
            .collect();
        let selected_film = self.selected_film();
        self.rows = self.ranked();
        self.changes.clear();
        for (i, r) in self.rows.iter().enumerate() {
            match before.get(&r.film_id()) {
                None => {
                    self.changes.insert(r.film_id(), Change::New);
                }
                Some(&old) if old > i => {
                    self.changes.insert(r.film_id(), Change::Up(old - i));
                }
                Some(&old) if old < i => {
                    self.changes.insert(r.film_id(), Change::Down(i - old));
                }
                _ => {}
            }
        }
        self.selected = selected_film
            .and_then(|id| self.rows.iter().position(|r| r.film_id() == id))
            .unwrap_or(0)
            .min(self.rows.len().saturating_sub(1));
    }

    fn run_search(&mut self) {
        if self.search_text.trim().is_empty() {
            self.apply_mood();
            return;
        }
        self.rows = self
            .lib
            .search(&self.search_text, LIST_LEN)
            .into_iter()
            .map(Row::Hit)
            .collect();
        self.changes.clear();
        self.selected = 0;
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

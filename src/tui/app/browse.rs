//! Browse-screen modes: the lists, search, a typed mood and more/less nudges.

use super::*;

impl App {
    /// True when the mood pane is drawn at the terminal's size (below 80 columns it is not).
    pub fn moods_shown(&self) -> bool {
        self.size.is_none_or(|(w, h)| {
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            crate::tui::views::panes(crate::tui::views::body(area))
                .moods
                .is_some()
        })
    }

    /// The terminal changed size: a pane no longer drawn gives the keyboard to the list.
    pub(in crate::tui) fn resize(&mut self, w: u16, h: u16) {
        self.size = Some((w, h));
        if self.focus == Focus::Moods && !self.moods_shown() {
            self.focus = Focus::List;
        }
    }

    pub(in crate::tui) fn update_browse(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit = true,
            Action::ToggleHelp => self.show_help = true,
            Action::ToggleDiary => {
                self.screen = Screen::Diary;
                self.diary_selected = 0;
            }
            Action::ToggleStats => self.open_stats(),
            Action::ToggleWatchlistView => self.open_watchlist(),
            Action::OpenFilter => self.open_filter(),
            Action::ClearFilter => self.clear_filter(),
            // Only among the panes that are drawn: below 80 columns the list is alone.
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::List if self.moods_shown() => Focus::Moods,
                    _ => Focus::List,
                }
            }
            Action::StartSearch => {
                self.searching = true;
                self.focus = Focus::List;
                self.run_search();
            }
            Action::StartMood => self.start_typing_mood(),
            Action::OpenLog => self.open_log(),
            Action::OpenImport if self.import_job.is_some() => {
                self.status = "an import is already running".into();
            }
            Action::OpenImport => self.import_form = Some(TextField::default()),
            Action::ToggleWatchlist => self.toggle_watchlist(),
            Action::ToggleSeen => self.toggle_seen(),
            Action::ClickRow(i) if i < self.rows.len() => {
                self.focus = Focus::List;
                self.selected = i;
            }
            Action::ClickMood(i) if i < self.mood_count() => {
                self.focus = Focus::Moods;
                if i == 0 {
                    self.start_typing_mood();
                } else if i != self.mood_idx {
                    self.mood_idx = i;
                    self.search_text.clear();
                    self.more.clear();
                    self.less.clear();
                    self.apply_mood();
                }
            }
            Action::Undo => self.undo_last(),
            Action::MoreOf => self.critique = Some((1.0, TextField::default())),
            Action::LessOf => self.critique = Some((-1.0, TextField::default())),
            Action::ClearNudges if !self.more.is_empty() || !self.less.is_empty() => {
                self.more.clear();
                self.less.clear();
                self.rerank_query();
                self.status = "nudges cleared".into();
            }
            Action::Back if !self.search_text.is_empty() => {
                self.search_text.clear();
                self.show_tonight();
            }
            Action::Select => match self.focus {
                Focus::Moods if self.mood_idx == 0 => self.start_typing_mood(),
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

    pub(in crate::tui) fn update_search(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.search_text.insert(c);
                self.run_search();
            }
            Action::Paste(text) => {
                self.search_text.insert_str(&text);
                self.run_search();
            }
            Action::Backspace => {
                self.search_text.backspace();
                self.run_search();
            }
            Action::Edit(e) => {
                // A cursor that only moved changes nothing else.
                let changed = self.search_text.edit(e);
                if changed {
                    self.run_search();
                }
            }
            Action::Select => self.searching = false,
            Action::Back => {
                self.searching = false;
                self.search_text.clear();
                self.show_tonight();
            }
            Action::Quit => self.quit = true,
            Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
                self.selected = step(self.selected, self.rows.len(), &action);
            }
            _ => {}
        }
    }

    pub(in crate::tui) fn update_mood_input(&mut self, action: Action) {
        match action {
            Action::Input(c) => {
                self.custom_mood.insert(c);
                self.preview_mood();
            }
            // Ranked once for the whole paste, not once a character.
            Action::Paste(text) => {
                self.custom_mood.insert_str(&text);
                self.preview_mood();
            }
            Action::Backspace => {
                self.custom_mood.backspace();
                self.preview_mood();
            }
            Action::Edit(e) => {
                // A cursor that only moved changes nothing else.
                let changed = self.custom_mood.edit(e);
                if changed {
                    self.preview_mood();
                }
            }
            Action::Select => {
                self.typing_mood = false;
                self.mood_before = None;
                self.focus = Focus::List;
            }
            Action::Back => self.cancel_typing_mood(),
            Action::Quit => self.quit = true,
            _ => {}
        }
    }

    /// Opens the mood box on "your own words", remembering the mood in force for Esc.
    fn start_typing_mood(&mut self) {
        self.mood_before = Some((self.mood_idx, self.custom_mood.clone()));
        self.mood_idx = 0;
        self.typing_mood = true;
    }

    /// Esc in the mood box: the mood from before it opened comes back, and the list is
    /// ranked for it again if typing had changed it.
    fn cancel_typing_mood(&mut self) {
        self.typing_mood = false;
        let Some((idx, words)) = self.mood_before.take() else {
            return;
        };
        self.mood_idx = idx;
        self.custom_mood = words;
        if self.resolve_current() != self.query {
            self.search_text.clear();
            self.apply_mood();
            self.status.clear();
        }
    }

    pub(in crate::tui) fn update_critique(&mut self, action: Action) {
        let Some((sign, text)) = self.critique.as_mut() else {
            return;
        };
        match action {
            Action::Input(c) => text.insert(c),
            Action::Paste(pasted) => text.insert_str(&pasted),
            Action::Backspace => {
                text.backspace();
            }
            Action::Edit(e) => {
                text.edit(e);
            }
            Action::Back => self.critique = None,
            Action::Quit => self.quit = true,
            Action::Select => {
                let (sign, word) = (*sign, text.trim().to_string());
                self.critique = None;
                if word.is_empty() {
                    return;
                }
                // A nudge nothing understands would only say so on every re-rank.
                let read = self.lib.mood(&word);
                if read.is_empty() {
                    let why = if read.unknown.is_empty() {
                        &word
                    } else {
                        &read.unknown.join(" ")
                    };
                    self.status = format!("not understood: {why} · no nudge added");
                    return;
                }
                // A misspelt nudge is kept as it was read ("tendr" as "tender"), and said so.
                let word = read_as(&word, &read.corrections);
                let read_note: Vec<String> = read
                    .corrections
                    .iter()
                    .map(|(typed, read)| format!("{typed} as {read}"))
                    .collect();
                let (push, other) = if sign > 0.0 {
                    (&mut self.more, &mut self.less)
                } else {
                    (&mut self.less, &mut self.more)
                };
                // "Dark" and "dark" are one nudge.
                let key = crate::text::fold(&word);
                other.retain(|w| crate::text::fold(w) != key);
                if !push.iter().any(|w| crate::text::fold(w) == key) {
                    push.push(word);
                }
                self.rerank_query();
                let said = if self.query.unknown.is_empty() {
                    format!("nudged: {}", self.mood_label())
                } else {
                    format!("not understood: {}", self.query.unknown.join(" "))
                };
                self.status = if read_note.is_empty() {
                    said
                } else {
                    format!("read {} · {said}", read_note.join(", "))
                };
            }
            _ => {}
        }
    }

    /// Re-resolves the current mood with its nudges and re-ranks, marking what moved.
    pub(in crate::tui) fn rerank_query(&mut self) {
        self.query = self.resolve_current();
        self.search_text.clear();
        self.rerank();
    }

    pub(in crate::tui) fn resolve_current(&self) -> MoodQuery {
        let text = match self.mood_idx {
            0 => self.custom_mood.to_string(),
            _ => self.preset().map(|p| p.id.clone()).unwrap_or_default(),
        };
        self.lib.mood_with_critiques(&text, &self.more, &self.less)
    }

    /// Re-ranks on every keystroke of a typed mood and says what was understood.
    pub(in crate::tui) fn preview_mood(&mut self) {
        self.search_text.clear();
        self.apply_mood();
        // Tags ("less gory" for a denied one), then words only the model or the catalog
        // reads ("yakuza"), then facts.
        let tags = self.query.said(true);
        let read: Vec<String> = self
            .query
            .corrections
            .iter()
            .map(|(typed, read)| format!("{typed} as {read}"))
            .collect();
        let read = if read.is_empty() {
            String::new()
        } else {
            format!("read {} · ", read.join(", "))
        };
        self.status = read
            + &match (tags.is_empty(), self.query.unknown.is_empty()) {
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
}

/// `word` with each of its words that the mood read as another (a misspelling) replaced by
/// that reading.
fn read_as(word: &str, corrections: &[(String, String)]) -> String {
    word.split_whitespace()
        .map(|w| {
            let key = crate::text::fold(w);
            corrections
                .iter()
                .find(|(typed, _)| crate::text::fold(typed) == key)
                .map_or(w, |(_, read)| read.as_str())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

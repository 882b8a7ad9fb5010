//! Tonight's list: ranking by the mood, re-ranking with new/moved marks, search results.

use super::*;

impl App {
    /// Re-resolves the mood and re-ranks.
    pub(in crate::tui) fn apply_mood(&mut self) {
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
    pub(in crate::tui) fn ranked(&mut self) -> Vec<Row> {
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
    pub(in crate::tui) fn rerank(&mut self) {
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

    pub(in crate::tui) fn run_search(&mut self) {
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

//! Tonight's list: ranking by the mood, re-ranking with new/moved marks, search results.

use super::*;
use crate::library::Ranker;
use crate::tui::filter::Marks;

/// How many search matches are ordered by mood and filtered before the list is cut.
const SEARCH_POOL: usize = 500;
/// The most a good mood fit adds to a match's score.
const MOOD_BONUS: i64 = 24;

impl App {
    /// Re-resolves the mood and re-ranks.
    pub(in crate::tui) fn apply_mood(&mut self) {
        self.query = self.resolve_current();
        self.changes.clear();
        self.rows = if self.query.is_empty() && self.lib.watches().is_empty() {
            // No mood and no diary: nothing to rank by; the list says so.
            self.tonight.clear();
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
        let result = if self.filter.is_empty() {
            self.lib.recommend(&self.query, LIST_LEN)
        } else {
            let marks = Marks::of(&self.lib, &self.filter);
            let keep = |f: &crate::model::Film| self.filter.keeps(f, &marks);
            self.lib
                .recommend_where(Ranker::Embedding, &self.query, LIST_LEN, Some(&keep))
        };
        match result {
            Ok(recs) => {
                self.tonight = recs.iter().map(|r| r.film_id).collect();
                recs.into_iter().map(Row::Rec).collect()
            }
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
        let marks = Marks::of(&self.lib, &self.filter);
        let mood_rank: HashMap<i64, usize> = self
            .tonight
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        // Films that fit tonight's mood rise among matches about as good (a bonus of up to
        // MOOD_BONUS, about one well-placed matched letter); then the filters apply.
        let bonus = |id: i64| {
            mood_rank.get(&id).map_or(0, |&i| {
                MOOD_BONUS * (LIST_LEN.saturating_sub(i)) as i64 / LIST_LEN as i64
            })
        };
        let mut hits: Vec<Hit> = self
            .lib
            .search(&self.search_text, SEARCH_POOL)
            .into_iter()
            .filter(|h| {
                self.filter.is_empty()
                    || self
                        .lib
                        .film(h.film_id)
                        .is_some_and(|f| self.filter.keeps(f, &marks))
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score + bonus(h.film_id)));
        hits.truncate(LIST_LEN);
        self.rows = hits.into_iter().map(Row::Hit).collect();
        self.changes.clear();
        self.selected = 0;
    }
}

//! Tonight's list: ranking by the mood, re-ranking with new/moved marks, search results.

use super::*;
use crate::library::Ranker;
use crate::tui::filter::Marks;

/// How many search matches are ordered by mood and filtered before the list is cut.
const SEARCH_POOL: usize = 500;
/// The most a good mood fit adds to a match's score.
const MOOD_BONUS: i64 = 24;

/// What a finished ranking does to the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RankKind {
    /// A new mood or filter: a fresh list, cursor at the top, no marks.
    Fresh,
    /// The diary changed: entries that are new or moved are marked, the cursor stays on its
    /// film; the status line gets this text and the counts.
    Marked(Option<String>),
}

impl App {
    /// Re-resolves the mood and ranks afresh.
    pub(in crate::tui) fn apply_mood(&mut self) {
        self.query = self.resolve_current();
        self.changes.clear();
        self.selected = 0;
        if self.query.is_empty() && self.lib.history().is_empty() {
            // No mood and no diary (nor films marked seen): nothing to rank by; the list says so.
            self.tonight.clear();
            if self.search_text.is_empty() {
                self.rows.clear();
            }
            return;
        }
        self.request_rank(RankKind::Fresh);
    }

    /// Re-ranks tonight's list, marking what moved and what is new.
    pub(in crate::tui) fn rerank(&mut self) {
        self.request_rank(RankKind::Marked(None));
    }

    /// Re-ranks after a logged viewing: the status says what was logged and what changed.
    pub(in crate::tui) fn rerank_saying(&mut self, what: String) {
        self.status = what.clone();
        self.request_rank(RankKind::Marked(Some(what)));
    }

    /// Ranks now (no worker: tests) or asks the worker (the TUI), whose result
    /// [`App::poll_rank`] installs.
    pub(super) fn request_rank(&mut self, kind: RankKind) {
        if self.loading {
            // Ranked when the space arrives (see `App::space_arrived`); search results
            // showing meanwhile stay.
            if self.search_text.trim().is_empty() {
                self.rows.clear();
            }
            return;
        }
        let marks = Marks::of(&self.lib, &self.filter);
        let Some(worker) = self.reranker.as_mut() else {
            let keep = |f: &crate::model::Film| self.filter.keeps(f, &marks);
            let only: Option<&dyn Fn(&crate::model::Film) -> bool> = if self.filter.is_empty() {
                None
            } else {
                Some(&keep)
            };
            let result = self
                .lib
                .recommend_where(Ranker::Embedding, &self.query, LIST_LEN, only);
            match result {
                Ok(recs) => self.install(recs, kind),
                Err(e) => self.status = format!("cannot rank: {e}"),
            }
            return;
        };
        match self.lib.rank_snapshot() {
            Ok(snapshot) => {
                worker.request(
                    snapshot,
                    self.query.clone(),
                    self.filter.clone(),
                    marks,
                    LIST_LEN,
                );
                self.rank_kind = kind;
            }
            Err(e) => self.status = format!("cannot rank: {e}"),
        }
    }

    /// Installs the worker's newest ranking when it has arrived.
    pub(in crate::tui) fn poll_rank(&mut self) {
        if let Some(recs) = self.reranker.as_mut().and_then(|w| w.poll()) {
            let kind = std::mem::replace(&mut self.rank_kind, RankKind::Fresh);
            self.install(recs, kind);
        }
    }

    /// Waits for the worker's newest ranking and installs it (tests).
    pub fn settle(&mut self) {
        if let Some(recs) = self.reranker.as_mut().and_then(|w| w.wait()) {
            let kind = std::mem::replace(&mut self.rank_kind, RankKind::Fresh);
            self.install(recs, kind);
        }
    }

    /// True while a ranking is being computed on the worker.
    pub fn ranking(&self) -> bool {
        self.reranker.as_ref().is_some_and(|w| w.pending)
    }

    /// Makes a ranking tonight's list (search results, when showing, stay and re-sort).
    fn install(&mut self, recs: Vec<crate::recommend::Recommendation>, kind: RankKind) {
        self.tonight = recs.iter().map(|r| r.film_id).collect();
        let rows: Vec<Row> = recs.into_iter().map(Row::Rec).collect();
        if !self.search_text.trim().is_empty() {
            self.run_search();
            return;
        }
        let RankKind::Marked(what) = kind else {
            self.rows = rows;
            self.changes.clear();
            self.selected = 0;
            return;
        };
        let before: HashMap<i64, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.film_id(), i))
            .collect();
        let selected_film = self.rows.get(self.selected).map(Row::film_id);
        self.rows = rows;
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
        if let Some(what) = what {
            let new = self.changes.values().filter(|c| **c == Change::New).count();
            let moved = self.changes.len() - new;
            self.status = format!("{what} — tonight's list re-ranked: {new} new, {moved} moved");
        }
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

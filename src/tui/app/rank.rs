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
    /// The diary changed: entries of tonight's list that are new or moved since the last
    /// ranking are marked (on search results showing too), the cursor stays on its film, or
    /// on its row when the film left the list; the status line gets this text and the
    /// counts.
    Marked(Option<String>),
    /// The same mood ranked again (tonight's list back after a search, the model arriving):
    /// the marks of the last re-rank stay, the cursor stays on its film if it is there.
    Again,
}

impl App {
    /// Re-resolves the mood and ranks afresh.
    /// Reads the diary again when another program wrote to the database (a `nightreel log`
    /// in another terminal) and re-ranks, so the list and the diary show it.
    pub(in crate::tui) fn catch_up(&mut self) {
        if self.import_job.is_some() {
            return;
        }
        match self.lib.catch_up() {
            Ok(true) => {
                self.apply_mood();
                self.status = "the diary changed in another program: read again".into();
            }
            Ok(false) => {}
            Err(e) => tracing::warn!("could not check the database for changes: {e}"),
        }
    }

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

    /// Tonight's list again, as it was ranked (leaving a search): the marks of the last
    /// re-rank stay.
    pub(in crate::tui) fn show_tonight(&mut self) {
        if self.changes.is_empty() {
            self.apply_mood();
        } else {
            self.request_rank(RankKind::Again);
        }
    }

    /// Makes a ranking tonight's list (search results, when showing, stay and re-sort).
    fn install(&mut self, recs: Vec<crate::recommend::Recommendation>, kind: RankKind) {
        // What moved is measured against the last ranking of tonight's list, whether the
        // list or search results were showing.
        let before: HashMap<i64, usize> = self
            .tonight
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i))
            .collect();
        let (film, row) = (
            self.rows.get(self.selected).map(Row::film_id),
            self.selected,
        );
        self.tonight = recs.iter().map(|r| r.film_id).collect();
        match &kind {
            RankKind::Fresh => self.changes.clear(),
            RankKind::Again => {
                let on = &self.tonight;
                self.changes.retain(|id, _| on.contains(id));
            }
            RankKind::Marked(_) => self.changes = marks(&before, &self.tonight),
        }
        if self.search_text.trim().is_empty() {
            self.rows = recs.into_iter().map(Row::Rec).collect();
        } else {
            self.search_rows();
        }
        let at = |id: i64| self.rows.iter().position(|r| r.film_id() == id);
        self.selected = match &kind {
            RankKind::Fresh => 0,
            RankKind::Again => film.and_then(at).unwrap_or(0),
            RankKind::Marked(_) => film.and_then(at).unwrap_or(row),
        }
        .min(self.rows.len().saturating_sub(1));
        if let RankKind::Marked(Some(what)) = kind {
            let new = self.changes.values().filter(|c| **c == Change::New).count();
            let moved = self.changes.len() - new;
            self.status = format!("{what} — tonight's list re-ranked: {new} new, {moved} moved");
        }
    }

    /// The search results for the text typed, the cursor on the best.
    pub(in crate::tui) fn run_search(&mut self) {
        if self.search_text.trim().is_empty() {
            self.show_tonight();
            return;
        }
        self.search_rows();
        self.selected = 0;
    }

    /// The rows for the search text (not empty), ordered with tonight's mood and filtered.
    fn search_rows(&mut self) {
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
    }
}

/// How each film of tonight's list moved from `before` (film → row): new, up or down.
fn marks(before: &HashMap<i64, usize>, now: &[i64]) -> HashMap<i64, Change> {
    let mut changes = HashMap::new();
    for (i, id) in now.iter().enumerate() {
        match before.get(id) {
            None => {
                changes.insert(*id, Change::New);
            }
            Some(&old) if old > i => {
                changes.insert(*id, Change::Up(old - i));
            }
            Some(&old) if old < i => {
                changes.insert(*id, Change::Down(i - old));
            }
            _ => {}
        }
    }
    changes
}

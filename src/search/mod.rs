//! Fuzzy search over titles, original titles and directors, accent- and case-insensitive.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use crate::model::Film;
use crate::text::fold;

pub(crate) mod haystack;
mod scan;
pub mod score;

pub(crate) use haystack::Haystack;
use scan::{Candidates, Query, Ranked, scan};

/// Which field of a film a query matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    OriginalTitle,
    Director,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub film_id: i64,
    pub score: i64,
    pub field: Field,
    /// For director matches, which director.
    pub director: Option<usize>,
    /// Char indices into the matched field's original text, for highlighting.
    pub indices: Vec<usize>,
}

/// The directors a query names in Chinese ("王家卫", "大卫·林奇", "科恩兄弟"), as catalogs
/// write their names, folded ("wong kar-wai").
fn latin_directors(q: &str) -> Option<Vec<String>> {
    if !q.chars().any(crate::mood::is_cjk) {
        return None;
    }
    let names = crate::catalog::names_zh::table()
        .by_form
        .get(&crate::catalog::names_zh::key(q))?;
    Some(names.iter().map(|n| fold(n)).collect())
}

/// Query results kept for narrowing (a few recent queries: typing on, or backspacing).
const REMEMBERED: usize = 4;

/// A prepared index over a catalog: folded fields in one allocation, and the films that
/// matched recent queries, so a query that extends one of them scans only those.
pub struct SearchIndex {
    /// Shared with a start-up image being written.
    hay: Arc<Haystack>,
    recent: Mutex<Vec<(String, Arc<Vec<u32>>)>>,
    /// Scans of at least this many films are split over the CPU's cores.
    parallel_from: usize,
}

impl SearchIndex {
    /// Folds every searchable field once.
    pub fn new(films: &[Film]) -> SearchIndex {
        SearchIndex::from_haystack(Arc::new(Haystack::new(films)))
    }

    /// An index over fields already folded (read from a start-up image).
    pub(crate) fn from_haystack(hay: Arc<Haystack>) -> SearchIndex {
        SearchIndex {
            hay,
            recent: Mutex::new(Vec::new()),
            parallel_from: scan::PARALLEL_FROM,
        }
    }

    /// The folded fields.
    pub(crate) fn haystack(&self) -> &Arc<Haystack> {
        &self.hay
    }

    /// Splits scans over the cores from `films` candidates on (tests use a small number to
    /// exercise the parallel path on a small catalog).
    pub fn parallel_from(mut self, films: usize) -> SearchIndex {
        self.parallel_from = films.max(1);
        self
    }

    /// The best matches for `query`, best first (ties by catalog order); empty for a blank query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_cancellable(query, limit, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// Like [`SearchIndex::search`], but gives up (`None`) soon after `cancel` is set, for a
    /// search that a newer keystroke has made moot.
    pub fn search_cancellable(
        &self,
        query: &str,
        limit: usize,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let q = fold(query.trim());
        if q.is_empty() || limit == 0 {
            return Some(Vec::new());
        }
        if let Some(names) = latin_directors(&q) {
            // Each director's films, best first, each film once.
            let mut hits: Vec<Hit> = Vec::new();
            for name in names {
                for h in self.search_folded(name, limit, cancel)? {
                    if !hits.iter().any(|k| k.film_id == h.film_id) {
                        hits.push(h);
                    }
                }
            }
            hits.sort_by_key(|h| std::cmp::Reverse(h.score));
            hits.truncate(limit);
            return Some(hits);
        }
        self.search_folded(q, limit, cancel)
    }

    /// [`SearchIndex::search_cancellable`] for a folded, non-empty query.
    fn search_folded(&self, q: String, limit: usize, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let prepared = Query::new(&q);
        let narrowed = self.narrowed(&q);
        let candidates = match &narrowed {
            Some(v) => Candidates::Some(&v[..]),
            None => Candidates::All(self.hay.len()),
        };
        let outcome = scan(
            &self.hay,
            &prepared,
            candidates,
            limit,
            self.parallel_from,
            cancel,
        )?;
        self.remember(q.clone(), outcome.survivors);
        Some(outcome.top.iter().map(|r| self.hit(r, &q)).collect())
    }

    /// The smallest remembered candidate set that must contain every match of `q`: that of a
    /// remembered query whose characters appear in `q` in order.
    fn narrowed(&self, q: &str) -> Option<Arc<Vec<u32>>> {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        let best = recent
            .iter()
            .enumerate()
            .filter(|(_, (prev, _))| is_subsequence(prev, q))
            .min_by_key(|(_, (_, v))| v.len())
            .map(|(i, _)| i)?;
        let entry = recent.remove(best);
        let found = Arc::clone(&entry.1);
        recent.push(entry);
        Some(found)
    }

    fn remember(&self, q: String, survivors: Vec<u32>) {
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        recent.retain(|(prev, _)| *prev != q);
        recent.push((q, Arc::new(survivors)));
        if recent.len() > REMEMBERED {
            recent.remove(0);
        }
    }

    /// The hit for a ranked film, with highlight positions (computed for shown rows only).
    fn hit(&self, r: &Ranked, q: &str) -> Hit {
        let e = r.entry();
        let k = r.span as usize;
        let (field, director, _) = self.hay.field(e, k - self.hay.fields(e).start);
        let text = self.hay.text(self.hay.span(k));
        // A fresh matcher: the positions of the same alignment the score came from.
        let folded = SkimMatcherV2::default()
            .ignore_case()
            .fuzzy_indices(text, q)
            .map(|(_, idx)| idx)
            .unwrap_or_default();
        Hit {
            film_id: self.hay.film_ids[e],
            score: r.score(),
            field,
            director,
            indices: self.hay.source_positions(k, &folded),
        }
    }

    /// Approximate heap bytes held by the index (not counting remembered queries).
    pub fn bytes(&self) -> usize {
        self.hay.bytes()
    }
}

/// True when the chars of `a` appear in `b` in order.
fn is_subsequence(a: &str, b: &str) -> bool {
    let mut rest = b.chars();
    a.chars().all(|c| rest.any(|d| d == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn films() -> Vec<Film> {
        let f = |id, t: &str, o: &str, d: &str| {
            Film::from(crate::model::FilmData {
                id,
                title: t.into(),
                original_title: o.into(),
                directors: vec![d.into()],
                ..crate::model::FilmData::default()
            })
        };
        vec![
            f(
                1,
                "Amélie",
                "Le fabuleux destin d'Amélie Poulain",
                "Jean-Pierre Jeunet",
            ),
            f(2, "In the Mood for Love", "花樣年華", "Wong Kar-wai"),
            f(3, "Chungking Express", "重慶森林", "Wong Kar-wai"),
            f(4, "Mirror", "Зеркало", "Andrei Tarkovsky"),
        ]
    }

    #[test]
    fn accent_insensitive_with_highlight() {
        let idx = SearchIndex::new(&films());
        let hits = idx.search("amelie", 5);
        assert_eq!(hits[0].film_id, 1);
        assert_eq!(hits[0].field, Field::Title);
        assert_eq!(hits[0].indices, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn original_title_and_director() {
        let idx = SearchIndex::new(&films());
        assert_eq!(idx.search("花樣", 5)[0].film_id, 2);
        assert_eq!(idx.search("зеркало", 5)[0].film_id, 4);
        let hits = idx.search("tarkovsky", 5);
        assert_eq!(hits[0].film_id, 4);
        assert_eq!(hits[0].field, Field::Director);
        assert!(idx.search("   ", 5).is_empty());
    }

    #[test]
    fn a_directors_chinese_name_finds_their_films() {
        let idx = SearchIndex::new(&films());
        for q in ["王家卫", "王家衛", " 王家卫 "] {
            let ids: Vec<i64> = idx.search(q, 5).iter().map(|h| h.film_id).collect();
            assert_eq!(ids, [2, 3], "{q}");
        }
        let hits = idx.search("安德烈·塔可夫斯基", 5);
        assert_eq!((hits[0].film_id, hits[0].field), (4, Field::Director));
        assert_eq!(
            latin_directors("科波拉").unwrap(),
            ["francis ford coppola", "sofia coppola"]
        );
        assert_eq!(latin_directors("王家"), None);
    }

    #[test]
    fn typo_free_subsequence() {
        let idx = SearchIndex::new(&films());
        let hits = idx.search("chex", 5);
        assert_eq!(hits[0].film_id, 3);
    }

    /// The search as it was before the index was made fast: every field of every film
    /// scored by fuzzy-matcher (a fresh matcher each time, see `score`), stable-sorted.
    fn reference(films: &[Film], query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = films
            .iter()
            .filter_map(|f| {
                let mut fields: Vec<(Field, Option<usize>, &str, i64)> =
                    vec![(Field::Title, None, &f.title, 0)];
                if f.original_title != f.title {
                    fields.push((Field::OriginalTitle, None, &f.original_title, 1));
                }
                for (i, d) in f.directors().iter().enumerate() {
                    fields.push((Field::Director, Some(i), d, 2));
                }
                let mut best: Option<Hit> = None;
                for (field, director, source, discount) in fields {
                    let (text, map) = crate::text::fold_with_map(source);
                    let Some((s, idx)) = SkimMatcherV2::default()
                        .ignore_case()
                        .fuzzy_indices(&text, &q)
                    else {
                        continue;
                    };
                    let bonus = if text == q { 1000 } else { 0 };
                    let s = s + bonus - (text.chars().count() as i64) / 8 - discount;
                    let mut indices: Vec<usize> = idx.iter().map(|i| map[*i]).collect();
                    indices.dedup();
                    if best.as_ref().is_none_or(|b| s > b.score) {
                        best = Some(Hit {
                            film_id: f.id,
                            score: s,
                            field,
                            director,
                            indices,
                        });
                    }
                }
                best
            })
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }

    fn synthetic(n: usize) -> Vec<Film> {
        let vocab = crate::catalog::vocab::Vocabulary::builtin().unwrap();
        let mut all = crate::synth::films(n, &vocab, 11);
        all.extend(films().into_iter().map(|mut f| {
            f.id += n as i64;
            f
        }));
        all
    }

    #[test]
    fn fast_path_equals_plain_fuzzy_matcher_scoring() {
        let films = synthetic(1500);
        // Small enough that narrowing, pruning and two threads all take part.
        let idx = SearchIndex::new(&films).parallel_from(300);
        let typed = [
            "silent harbour",
            "the lost",
            "kowalski",
            "neon rain 3",
            "ll",
            "amelie",
            "chloe",
            "garcia",
            "花樣",
            "wong kar",
            "zzz",
        ];
        for q in typed {
            let mut so_far = String::new();
            for c in q.chars() {
                so_far.push(c);
                for limit in [1, 7, 50] {
                    assert_eq!(
                        idx.search(&so_far, limit),
                        reference(&films, &so_far, limit),
                        "query {so_far:?}, limit {limit}"
                    );
                }
            }
            // Backspacing reuses remembered shorter queries.
            while so_far.pop().is_some() {
                assert_eq!(idx.search(&so_far, 20), reference(&films, &so_far, 20));
            }
        }
    }

    #[test]
    fn cancelled_search_gives_up() {
        let idx = SearchIndex::new(&synthetic(200));
        let cancel = AtomicBool::new(true);
        // Small scans may finish before they look; a cancelled one returns nothing stale.
        if let Some(hits) = idx.search_cancellable("the", 5, &cancel) {
            assert_eq!(hits, idx.search("the", 5));
        }
        assert!(idx.search("", 5).is_empty());
        assert!(idx.search("the", 0).is_empty());
    }
}

//! Fuzzy search over titles, original titles and directors, accent- and case-insensitive.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::model::Film;
use crate::text::{fold, fold_with_map};

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

struct Folded {
    text: String,
    map: Vec<usize>,
}

impl Folded {
    fn new(s: &str) -> Folded {
        let (text, map) = fold_with_map(s);
        Folded { text, map }
    }
}

struct Entry {
    film_id: i64,
    title: Folded,
    original: Option<Folded>,
    directors: Vec<Folded>,
}

/// A prepared index over a catalog.
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl SearchIndex {
    /// Folds every searchable field once.
    pub fn new(films: &[Film]) -> SearchIndex {
        let entries = films
            .iter()
            .map(|f| Entry {
                film_id: f.id,
                title: Folded::new(&f.title),
                original: (f.original_title != f.title).then(|| Folded::new(&f.original_title)),
                directors: f.directors.iter().map(|d| Folded::new(d)).collect(),
            })
            .collect();
        SearchIndex {
            entries,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The best matches for `query`, best first (ties by catalog order); empty for a blank query.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let q = fold(query.trim());
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|e| self.best(e, &q))
            .collect();
        hits.sort_by_key(|h| std::cmp::Reverse(h.score));
        hits.truncate(limit);
        hits
    }

    fn best(&self, e: &Entry, q: &str) -> Option<Hit> {
        let score = |f: &Folded| {
            self.matcher.fuzzy_indices(&f.text, q).map(|(s, idx)| {
                // Prefer shorter fields for equal matches: exact titles rise to the top.
                let bonus = if f.text == q { 1000 } else { 0 };
                let mut orig: Vec<usize> =
                    idx.iter().filter_map(|i| f.map.get(*i).copied()).collect();
                orig.dedup();
                (s + bonus - (f.text.chars().count() as i64) / 8, orig)
            })
        };
        let mut best: Option<Hit> = None;
        let mut consider = |field, director, found: Option<(i64, Vec<usize>)>, discount: i64| {
            if let Some((s, indices)) = found {
                let s = s - discount;
                if best.as_ref().is_none_or(|b| s > b.score) {
                    best = Some(Hit {
                        film_id: e.film_id,
                        score: s,
                        field,
                        director,
                        indices,
                    });
                }
            }
        };
        consider(Field::Title, None, score(&e.title), 0);
        if let Some(o) = &e.original {
            consider(Field::OriginalTitle, None, score(o), 1);
        }
        for (i, d) in e.directors.iter().enumerate() {
            consider(Field::Director, Some(i), score(d), 2);
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn films() -> Vec<Film> {
        let f = |id, t: &str, o: &str, d: &str| Film {
            id,
            title: t.into(),
            original_title: o.into(),
            directors: vec![d.into()],
            ..Film::default()
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
    fn typo_free_subsequence() {
        let idx = SearchIndex::new(&films());
        let hits = idx.search("chex", 5);
        assert_eq!(hits[0].film_id, 3);
    }
}

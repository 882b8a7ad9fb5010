//! The aspects of a mood: each part of what was typed ("samurai", "revenge"; "rain", "neon",
//! "lonely", "warm") as its own direction, so a film that answers every part ranks above one
//! that answers one part many times over.
//!
//! The best-three term fit compares a film's terms with the mood's one query vector: a film
//! tagged "revenge" whose keywords say "revenge" and "vengeance" fills its best three with one
//! half of "samurai revenge" and outranks a samurai film tagged "revenge". Coverage takes, for
//! every aspect, the film's best term for that aspect alone and averages over the aspects.

use super::{MoodSpace, TERM_SHARE, normalise};
use crate::mood::MoodQuery;

/// Share of coverage in the term part of the mood fit when a mood has several aspects (the
/// rest stays the best-three term score).
const COVERAGE_SHARE: f32 = 0.5;
/// A word only the model knows counts this much against an aspect the vocabulary resolved.
const WORD_ASPECT: f32 = 0.6;
/// At most this many aspects count (the first typed).
const MAX_ASPECTS: usize = 8;

/// Below this similarity a term does not answer an aspect at all; in this model words of one
/// register lie 0.4–0.5 apart ("ghost" and "vampire"), a word and its synonym 0.7 and more.
const ANSWER_FLOOR: f32 = 0.3;

/// How far a term of similarity `s` answers an aspect, 0 to 1.
fn answers(s: f32) -> f32 {
    ((s - ANSWER_FLOOR) / (1.0 - ANSWER_FLOOR)).clamp(0.0, 1.0)
}

/// At most this many covering terms are named in a "why".
const MAX_WHY: usize = 5;

/// A mood's aspects: each one's direction and weight, and its cosines with the terms of
/// the films prepared so far (see [`MoodSpace::prepare_aspects`]).
#[derive(Debug, Clone)]
pub struct Aspects {
    vectors: Vec<Vec<f32>>,
    weights: Vec<f32>,
    total: f32,
    /// Per aspect, per term: the cosine, NaN until a prepared film has the term.
    sims: Vec<Vec<f32>>,
}

impl Aspects {
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

impl MoodSpace {
    /// The aspects of a resolved mood: every understood word or phrase (a preset is one; the
    /// critiques are not aspects, they move the query). `None` when there are fewer than two
    /// distinct ones: the best-three fit already serves a single aspect.
    pub fn aspects(&self, q: &MoodQuery) -> Option<Aspects> {
        let d = self.embedder.dim();
        let mut vectors: Vec<(Vec<f32>, f32)> = Vec::new();
        let mut seen: Vec<Vec<String>> = Vec::new();
        for (word, tags) in &q.understood {
            if vectors.len() == MAX_ASPECTS {
                break;
            }
            if word.starts_with("more ") || word.starts_with("less ") {
                continue;
            }
            let (mut v, weight, key) = if tags.is_empty() {
                let key = vec![format!("word:{word}")];
                // A subject the catalog's keywords carry ("vampire") is as sure as a tag.
                let weight = if q.subjects.contains(word) {
                    1.0
                } else {
                    WORD_ASPECT
                };
                (self.embedder.encode(word), weight, key)
            } else {
                let mut v = vec![0.0f32; d];
                let mut strongest = 0.0f32;
                for t in tags {
                    let w = q.weight(t);
                    if w <= 0.0 {
                        continue;
                    }
                    if let Some(tv) = self.tag_vector(t) {
                        v.iter_mut().zip(tv).for_each(|(a, b)| *a += w * b);
                        strongest = strongest.max(w);
                    }
                }
                let mut key = tags.clone();
                key.sort();
                // A word that only resembles part of a tag ("old" → old-age) counts less.
                (v, strongest.min(1.0), key)
            };
            if seen.contains(&key) {
                continue;
            }
            normalise(&mut v);
            if v.iter().all(|x| *x == 0.0) {
                continue;
            }
            seen.push(key);
            vectors.push((v, weight));
        }
        if vectors.len() < 2 {
            return None;
        }
        let weights: Vec<f32> = vectors.iter().map(|(_, w)| *w).collect();
        Some(Aspects {
            total: weights.iter().sum(),
            sims: vec![vec![f32::NAN; self.names.len()]; vectors.len()],
            vectors: vectors.into_iter().map(|(v, _)| v).collect(),
            weights,
        })
    }

    /// Computes the aspects' cosines with the terms of the films at library indices `rows`
    /// (only the terms not done before): a shortlist has a few thousand terms where a large
    /// catalog has hundreds of thousands.
    pub fn prepare_aspects(&self, a: &mut Aspects, rows: &[usize]) {
        let Some(first) = a.sims.first() else {
            return;
        };
        let mut todo: Vec<usize> = rows
            .iter()
            .flat_map(|&i| self.terms_of(i))
            .map(|t| t.id() as usize)
            .filter(|&t| first[t].is_nan())
            .collect();
        todo.sort_unstable();
        todo.dedup();
        let queries: Vec<&[f32]> = a.vectors.iter().map(Vec::as_slice).collect();
        let sims = &mut a.sims;
        self.terms.scan_listed(&todo, &queries, |t, cos| {
            for (s, c) in sims.iter_mut().zip(cos) {
                s[t] = *c;
            }
        });
    }

    /// For each aspect, the best weighted similarity among the film's terms and that term
    /// (`None`: the film has no terms, or was not prepared).
    fn aspect_bests(&self, i: usize, a: &Aspects) -> Vec<Option<(f32, u32)>> {
        let terms = self.terms_of(i);
        a.sims
            .iter()
            .map(|sims| {
                terms
                    .iter()
                    .map(|t| (sims[t.id() as usize] * t.weight(), t.id()))
                    .filter(|(s, _)| !s.is_nan())
                    .max_by(|x, y| x.0.total_cmp(&y.0))
            })
            .collect()
    }

    /// How well the film at library index `i` answers every aspect: the weighted mean of how
    /// far its best term per aspect answers it, from 0 at a similarity of [`ANSWER_FLOOR`]
    /// (terms that only share a register: "ghost" for "vampire") to 1 for the aspect's own
    /// word.
    pub fn coverage(&self, i: usize, a: &Aspects) -> f32 {
        let sum: f32 = self
            .aspect_bests(i, a)
            .iter()
            .zip(&a.weights)
            .map(|(b, w)| w * b.map_or(0.0, |(s, _)| answers(s)))
            .sum();
        sum / a.total
    }

    /// What coverage adds to the film's mood fit `fit` (from [`MoodSpace::fit_score`] with
    /// the same `sims` and `doc`): coverage takes [`COVERAGE_SHARE`] of the term part.
    pub fn coverage_delta(&self, i: usize, a: &Aspects, sims: &[f32], doc: f32) -> f32 {
        if self.terms_of(i).is_empty() {
            return 0.0;
        }
        let term_score = (self.fit_score(i, sims, doc) - (1.0 - TERM_SHARE) * doc) / TERM_SHARE;
        TERM_SHARE * COVERAGE_SHARE * (self.coverage(i, a) - term_score)
    }

    /// The term that answers each aspect best, best answered first (for the "why"), when it
    /// is close to its aspect.
    pub fn covering_terms(&self, i: usize, a: &Aspects) -> Vec<String> {
        let mut bests: Vec<(f32, u32)> = self.aspect_bests(i, a).into_iter().flatten().collect();
        bests.sort_by(|x, y| y.0.total_cmp(&x.0));
        let mut out: Vec<String> = Vec::new();
        for (s, t) in bests {
            let name = self.names[t as usize][2..].to_string();
            if s > 0.5 && !out.contains(&name) && out.len() < MAX_WHY {
                out.push(name);
            }
        }
        out
    }
}

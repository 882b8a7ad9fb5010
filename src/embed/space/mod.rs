//! The vector space of moods and films.
//!
//! Every distinct tag, keyword and genre of the catalog gets one vector ("terms"). A film's mood
//! fit is the mean of its best three term similarities to the query (title words and long
//! documents would otherwise swamp the mood words), blended with the similarity of the film's
//! whole-document vector. Document vectors are cached in SQLite per model and per document hash
//! and kept in one contiguous int8 matrix (see `embed::matrix`).

use std::collections::{HashMap, HashSet};

pub use super::matrix::{FilmMatrix, dot_i8, dot_kernel, parallelism, quantise};
use super::{Embedder, normalise};
use crate::mood::{MoodQuery, is_cjk};
use crate::store::StoredVector;
use crate::text::fold;

mod aspects;
mod assemble;
mod build;
mod image;
pub use aspects::Aspects;
use build::tag_key;
pub use image::SpaceParts;

/// Called as (done, total) while film vectors are rebuilt.
pub type VectorProgress<'a> = &'a mut dyn FnMut(usize, usize);

/// How much each kind of term counts in a film's mood fit and document.
const TAG_WEIGHT: f32 = 1.0;
const KEYWORD_WEIGHT: f32 = 0.9;
const GENRE_WEIGHT: f32 = 0.6;
/// The weight of each kind of term, by the kind's number in a [`FilmTerm`].
const KIND_WEIGHTS: [f32; 3] = [TAG_WEIGHT, KEYWORD_WEIGHT, GENRE_WEIGHT];

/// One term of a film in 4 bytes: the term id in the low 30 bits, its kind (tag, keyword,
/// genre) in the top two.
#[derive(Debug, Clone, Copy)]
struct FilmTerm(u32);

impl FilmTerm {
    const ID_BITS: u32 = 30;

    fn new(id: u32, kind: usize) -> Option<FilmTerm> {
        (id < 1 << Self::ID_BITS && kind < KIND_WEIGHTS.len())
            .then_some(FilmTerm(id | (kind as u32) << Self::ID_BITS))
    }
    fn id(self) -> u32 {
        self.0 & ((1 << Self::ID_BITS) - 1)
    }
    fn weight(self) -> f32 {
        KIND_WEIGHTS[(self.0 >> Self::ID_BITS) as usize]
    }
}
/// Weights of the minor parts of a film's document vector.
const DOC_KEYWORD: f32 = 0.7;
const DOC_GENRE: f32 = 0.35;
const DOC_CONTEXT: f32 = 0.12;
/// Share of the best-three term score in the mood fit (the rest is the document vector).
const TERM_SHARE: f32 = 0.75;
/// How much a film known by its title alone (no tags, keywords or genres: a MovieLens film
/// with "(no genres listed)", a film an import had to create) counts its title's likeness to
/// a mood: "A Midsummer Night's Dream" is close to "late night" only in its words.
const TITLE_ONLY: f32 = 0.5;
/// A word at least this close to the tags it was read as is said by them (measured: "rain"
/// 0.87, "ghost" 0.68, "loneliness" 0.68, "romance" 0.65); below, the word names a thing the
/// tags only surround ("desire" 0.58, "beach" 0.56, "detective" 0.50, "zombie" 0.23,
/// "hitman" 0.03).
const TAGS_SAY: f32 = 0.6;
/// How far one critique word moves a (unit) query.
const NUDGE: f32 = 0.5;
/// Weight of the typed words against the resolved tags in a query.
const TEXT_SHARE: f32 = 0.6;

/// Term and film vectors over one embedding model.
pub struct MoodSpace {
    embedder: Embedder,
    index: HashMap<String, u32>,
    names: Vec<String>,
    /// One int8 row per term (the same layout as the film matrix).
    terms: FilmMatrix,
    /// Per film (library order): its terms, in `film_terms[start[i]..start[i+1]]`.
    start: Vec<u32>,
    film_terms: Vec<FilmTerm>,
    matrix: FilmMatrix,
    stop_en: HashSet<String>,
    /// Film id → library index (row of the matrix).
    rows: crate::ids::IdIndex,
}

impl std::fmt::Debug for MoodSpace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MoodSpace")
            .field("embedder", &self.embedder)
            .field("terms", &self.names.len())
            .field("films", &self.matrix.len())
            .finish()
    }
}

/// Vectors computed while building a space, to be cached.
#[derive(Debug, Default)]
pub struct Fresh {
    pub films: Vec<(i64, StoredVector)>,
    pub terms: Vec<(String, Vec<i8>, f32)>,
}

/// The mood fit of one film and the terms that carried it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub score: f32,
    pub terms: Vec<String>,
}

impl MoodSpace {
    pub fn embedder(&self) -> &Embedder {
        &self.embedder
    }

    pub fn matrix(&self) -> &FilmMatrix {
        &self.matrix
    }

    /// Number of distinct terms (tags, keywords, genres).
    pub fn term_count(&self) -> usize {
        self.names.len()
    }

    fn term_vec(&self, key: &str) -> Option<Vec<f32>> {
        self.index.get(key).map(|&i| self.terms.row_f32(i as usize))
    }

    /// The unit direction of a tag (for critiques and explanations).
    pub fn tag_vector(&self, tag: &str) -> Option<Vec<f32>> {
        self.term_vec(&tag_key(tag))
    }

    /// Whether the tags a word was read as already say what it says ("romance" → romantic,
    /// love-story; "loneliness" → lonely), rather than standing in for a thing the word
    /// names ("zombie" → survival, dread; "detective" → mystery-plot, crime).
    pub fn tags_say(&self, word: &str, tags: &[String]) -> bool {
        let mut t = vec![0.0f32; self.embedder.dim()];
        for v in tags.iter().filter_map(|tag| self.tag_vector(tag)) {
            t.iter_mut().zip(v).for_each(|(a, b)| *a += b);
        }
        normalise(&mut t);
        crate::embed::dot(&self.embedder.encode(word), &t) >= TAGS_SAY
    }

    /// The query vector of a resolved mood ([`MoodSpace::mood_vector`]), leaning toward the
    /// films of the directors it likens its films to ("like Wong Kar-wai", "lynchian").
    pub fn query_vector(&self, q: &MoodQuery) -> Option<Vec<f32>> {
        let mood = self.mood_vector(q);
        let Some(like) = self.films_vector(&q.like_films) else {
            return mood;
        };
        let mut v = match mood {
            Some(m) => m.iter().zip(&like).map(|(m, l)| m + l).collect(),
            None => like,
        };
        normalise(&mut v);
        Some(v)
    }

    /// The mean direction of some films (by id), unit length; `None` for none.
    fn films_vector(&self, ids: &[i64]) -> Option<Vec<f32>> {
        let mut sum = vec![0.0f32; self.embedder.dim()];
        let mut any = false;
        for row in ids.iter().filter_map(|id| self.row_of(*id)) {
            let v = self.matrix.row_f32(row);
            sum.iter_mut().zip(&v).for_each(|(s, x)| *s += x);
            any = true;
        }
        normalise(&mut sum);
        (any && sum.iter().any(|x| *x != 0.0)).then_some(sum)
    }

    /// The vector of a resolved mood's own words: its weighted tags (negative weights push away; this
    /// is how "less dark" works) plus the typed English words the model understands.
    /// `None` when there is nothing to go on.
    fn mood_vector(&self, q: &MoodQuery) -> Option<Vec<f32>> {
        let d = self.embedder.dim();
        let mut tags = vec![0.0f32; d];
        for (t, w) in &q.tags {
            if let Some(v) = self.tag_vector(t) {
                tags.iter_mut().zip(v).for_each(|(a, b)| *a += w * b);
            }
        }
        // A subject the catalog's keywords carry ("vampire", "submarine") weighs as a tag.
        for w in &q.subjects {
            let v = self.embedder.encode(w);
            tags.iter_mut().zip(v).for_each(|(a, b)| *a += b);
        }
        normalise(&mut tags);
        // Words the model should not read: not understood, or denied ("no violence" is no
        // query for violence; the critique pushes it away).
        let mut unknown: HashSet<&str> = q.unknown.iter().map(String::as_str).collect();
        unknown.extend(crate::mood::NEGATORS_EN.iter().copied());
        unknown.extend(q.fact_words.iter().map(String::as_str));
        for n in q.nudges.iter().filter(|n| n.sign < 0.0) {
            unknown.extend(n.word.split(|c: char| !(c.is_alphanumeric() || c == '\'')));
        }
        let mut words: Vec<String> = fold(&q.text)
            .split(|c: char| !(c.is_alphanumeric() || c == '\'') || is_cjk(c))
            .filter(|w| {
                w.len() >= 2
                    && !w.chars().any(is_cjk)
                    && !self.stop_en.contains(*w)
                    && !unknown.contains(*w)
            })
            .map(str::to_string)
            .collect();
        // What Chinese words said in English ("samurai" for "武士").
        words.extend(q.words.iter().cloned());
        let mut text = if words.is_empty() {
            vec![0.0; d]
        } else {
            self.embedder.encode(&words.join(" "))
        };
        // Critiques in the text ("less dark") are already signed tags; keep the text part
        // for the words the tags did not cover.
        let has_tags = tags.iter().any(|x| *x != 0.0);
        let has_text = text.iter().any(|x| *x != 0.0);
        // Only "less of" ("not scary", `--less bleak` alone) is no mood: the films are
        // ranked as without one and the critiques push away what carries them. A query
        // pointing away from a tag would favour whatever happens to lie opposite it.
        if !has_text && !q.tags.iter().any(|(_, w)| *w > 0.0) {
            return None;
        }
        let share = if has_tags { TEXT_SHARE } else { 1.0 };
        text.iter_mut()
            .zip(&tags)
            .for_each(|(t, g)| *t = *t * share + g);
        normalise(&mut text);
        // Tag critiques are already signed tags above; a word no tag covers moves the query
        // along the word's own direction.
        let word_nudges: Vec<_> = q.nudges.iter().filter(|n| n.tags.is_empty()).collect();
        for n in &word_nudges {
            let v = self.embedder.encode(&n.word);
            text.iter_mut()
                .zip(&v)
                .for_each(|(t, x)| *t += n.sign * NUDGE * x);
        }
        if !word_nudges.is_empty() {
            normalise(&mut text);
        }
        text.iter().any(|x| *x != 0.0).then_some(text)
    }

    /// The direction of each critique with its sign: the weighted sum of the tags it resolved
    /// to, or the model's vector of the word itself.
    pub fn nudge_directions(&self, q: &MoodQuery) -> Vec<(Vec<f32>, f32)> {
        let d = self.embedder.dim();
        q.nudges
            .iter()
            .filter_map(|n| {
                let mut v = vec![0.0f32; d];
                for (t, w) in &n.tags {
                    if let Some(tv) = self.tag_vector(t) {
                        v.iter_mut().zip(tv).for_each(|(a, b)| *a += w * b);
                    }
                }
                if v.iter().all(|x| *x == 0.0) {
                    v = self.embedder.encode(&n.word);
                }
                normalise(&mut v);
                v.iter().any(|x| *x != 0.0).then_some((v, n.sign))
            })
            .collect()
    }

    /// How strongly the film at library index `i` carries a direction whose term
    /// similarities are `sims`: 1.0 when it has the tag itself, falling to 0 for terms only
    /// loosely related (cosine ≤ 0.5), so a critique separates films instead of moving all.
    pub fn carries(&self, i: usize, sims: &[f32]) -> f32 {
        let (a, b) = (self.start[i] as usize, self.start[i + 1] as usize);
        self.film_terms[a..b]
            .iter()
            .map(|t| ((sims[t.id() as usize] - 0.5) / 0.5).clamp(0.0, 1.0))
            .fold(0.0f32, f32::max)
    }

    /// Cosine of the query with every term, computed once per query.
    pub fn term_sims(&self, q: &[f32]) -> Vec<f32> {
        let mut out = Vec::with_capacity(self.terms.len());
        self.terms.scores(q, &mut out);
        out
    }

    /// The terms of the film at library index `i`.
    fn terms_of(&self, i: usize) -> &[FilmTerm] {
        &self.film_terms[self.start[i] as usize..self.start[i + 1] as usize]
    }

    /// Whether the film at library index `i` has tags, keywords or genres: a film known by
    /// its title alone has a vector of its title, close to nothing in particular.
    pub fn is_described(&self, i: usize) -> bool {
        !self.terms_of(i).is_empty()
    }

    /// [`MoodSpace::fit`] without the explanation (no allocation): for scoring every film.
    pub fn fit_score(&self, i: usize, sims: &[f32], doc: f32) -> f32 {
        let (a, b) = (self.start[i] as usize, self.start[i + 1] as usize);
        // The best three, largest first, kept without branches (a film's term order is
        // random, so branches would mispredict); the similarities are finite.
        let max = |x: f32, y: f32| if x > y { x } else { y };
        let min = |x: f32, y: f32| if x < y { x } else { y };
        let mut best = [f32::NEG_INFINITY; 3];
        for t in &self.film_terms[a..b] {
            let s = sims[t.id() as usize] * t.weight();
            best = [
                max(best[0], s),
                max(best[1], min(s, best[0])),
                max(best[2], min(s, best[1])),
            ];
        }
        let found = (b - a).min(3);
        let term_score = if found == 0 {
            TITLE_ONLY * doc
        } else {
            best[..found].iter().sum::<f32>() / found as f32
        };
        TERM_SHARE * term_score + (1.0 - TERM_SHARE) * doc
    }

    /// Starts fetching the term list of the film at library index `i` into the cache: a
    /// [`MoodSpace::fit_score`] of films scattered over a large catalog waits on memory
    /// otherwise.
    pub fn prefetch_terms(&self, i: usize) {
        #[cfg(target_arch = "x86_64")]
        if let (Some(&a), Some(&b)) = (self.start.get(i), self.start.get(i + 1)) {
            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
            let terms = self.film_terms.as_ptr();
            // SAFETY: SSE is in every x86-64 CPU, and a prefetch is a hint that never
            // faults, whatever the address.
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(terms.wrapping_add(a as usize).cast());
                _mm_prefetch::<_MM_HINT_T0>(terms.wrapping_add(b as usize).cast());
            }
        }
    }

    /// The library index of a film id.
    pub fn row_of(&self, film_id: i64) -> Option<usize> {
        self.rows.get(film_id)
    }

    /// Mood fit of the film at library index `i`: the mean of its best three weighted term
    /// similarities, blended with its document similarity `doc`.
    pub fn fit(&self, i: usize, sims: &[f32], doc: f32) -> Fit {
        let (a, b) = (self.start[i] as usize, self.start[i + 1] as usize);
        let mut best: [(f32, u32); 3] = [(f32::NEG_INFINITY, u32::MAX); 3];
        for t in &self.film_terms[a..b] {
            let s = sims[t.id() as usize] * t.weight();
            if s > best[2].0 {
                best[2] = (s, t.id());
                best.sort_by(|x, y| y.0.total_cmp(&x.0));
            }
        }
        let found: Vec<(f32, u32)> = best.into_iter().filter(|(_, t)| *t != u32::MAX).collect();
        let term_score = if found.is_empty() {
            TITLE_ONLY * doc
        } else {
            found.iter().map(|(s, _)| s).sum::<f32>() / found.len() as f32
        };
        Fit {
            score: TERM_SHARE * term_score + (1.0 - TERM_SHARE) * doc,
            terms: found
                .iter()
                .filter(|(s, _)| *s > 0.2)
                .map(|(_, t)| self.names[*t as usize][2..].to_string())
                .collect(),
        }
    }
}

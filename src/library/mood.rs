//! Reading a typed mood against this library: the lexicon's words, the words the embedding
//! model knows, the catalog's own words and directors, and misspellings of any of them.

use std::collections::HashSet;
use std::sync::Arc;

use super::Library;
use super::directors::{DirectorIndex, Known, Named};
use super::titles::{Liked, TitleIndex};
use crate::embed::MoodSpace;
use crate::mood::MoodQuery;
use crate::text::fold;

/// What the catalog says in words: its directors, and the words of its keywords and genres
/// ("yakuza", "giallo").
#[derive(Debug, Default)]
pub struct CatalogWords {
    directors: DirectorIndex,
    titles: TitleIndex,
    words: HashSet<String>,
}

impl CatalogWords {
    fn build(films: &[crate::model::Film]) -> CatalogWords {
        let mut words = HashSet::new();
        for f in films {
            for k in f.keywords().iter().chain(f.genres()) {
                for w in fold(k.as_ref()).split(|c: char| !c.is_alphanumeric()) {
                    if w.len() >= 3 && !words.contains(w) {
                        words.insert(w.to_string());
                    }
                }
            }
        }
        CatalogWords {
            directors: DirectorIndex::build(films),
            titles: TitleIndex::build(films),
            words,
        }
    }
}

/// How near the model must place a word to "film director" or "filmmaker" for it to be a
/// name by itself: "hitchcock" 0.50, "spielberg" 0.46, "nolan" 0.19, "lynch" 0.16; everyday
/// surnames stay below ("young" 0.12, "hill" 0.12, "king" 0.10, "stone" 0.03).
const FILMMAKER_COSINE: f32 = 0.15;

fn filmmaker(e: &crate::embed::Embedder, word: &str) -> bool {
    let v = e.encode(word);
    ["film director", "filmmaker"]
        .iter()
        .any(|r| crate::embed::dot(&v, &e.encode(r)) >= FILMMAKER_COSINE)
}

/// How far a misspelling may be from the word it is read as: one edit for words of four to
/// seven letters, two from eight on; shorter words are not corrected.
fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Edits between `a` and `b` (insert, delete, replace, swap two neighbours), or `None` when
/// more than `max`.
fn edits<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let (n, m) = (a.len(), b.len());
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut best = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[m] <= max).then_some(prev[m])
}

/// The one word of `candidates` nearest to `word`, if one is nearer than all others.
/// Words shorter than this are corrected only to mood words, not to the catalog's words,
/// directors or the model's words.
const OTHERS_MIN_LEN: usize = 5;

fn nearest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let w: Vec<char> = word.chars().collect();
    let max = max_edits(w.len());
    let mut best: Option<(usize, &str)> = None;
    let mut tie = false;
    let mut cc: Vec<char> = Vec::new();
    for c in candidates {
        // Most candidates differ too much in length to be near (bytes bound chars here: a
        // char is one to four bytes, so this only skips what chars would skip too for ASCII).
        if word.is_ascii() && c.is_ascii() && c.len().abs_diff(word.len()) > max {
            continue;
        }
        let d = if word.is_ascii() && c.is_ascii() {
            edits(word.as_bytes(), c.as_bytes(), max)
        } else {
            cc.clear();
            cc.extend(c.chars());
            edits(&w, &cc, max)
        };
        let Some(d) = d else {
            continue;
        };
        match best {
            Some((b, w)) if d == b && w != c => tie = true,
            Some((b, _)) if d >= b => {}
            _ => {
                best = Some((d, c));
                tie = false;
            }
        }
    }
    best.filter(|(d, _)| *d > 0 && !tie).map(|(_, c)| c)
}

/// `text` with each whole word `from` (folded) replaced by `to`.
fn replace_words(text: &str, fixes: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let folded = fold(word);
        match fixes.iter().find(|(from, _)| *from == folded) {
            Some((_, to)) => out.push_str(to),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

impl Library {
    /// Resolves a typed mood (no critiques). English words the lexicon does not list but the
    /// embedding model or the catalog's keywords know count as understood; directors of the
    /// catalog are understood by name; a misspelt word is read as the one word nearest to it.
    pub fn mood(&self, text: &str) -> MoodQuery {
        self.mood_with_critiques(text, &[], &[])
    }

    /// Resolves a mood with "more of" / "less of" critiques.
    pub fn mood_with_critiques(&self, text: &str, more: &[String], less: &[String]) -> MoodQuery {
        let space = self.space_now();
        let q = self.read_mood(text, more, less, space);
        if q.unknown.is_empty() {
            return q;
        }
        let fixes: Vec<(String, String)> = q
            .unknown
            .iter()
            .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()))
            .filter_map(|w| Some((w.clone(), self.correction(w, space)?)))
            .collect();
        if fixes.is_empty() {
            return q;
        }
        let fix = |list: &[String]| -> Vec<String> {
            list.iter().map(|m| replace_words(m, &fixes)).collect()
        };
        let mut fixed = self.read_mood(&replace_words(text, &fixes), &fix(more), &fix(less), space);
        fixed.corrections = fixes;
        fixed
    }

    /// The space if it is built (or can be built here); while it is built elsewhere, words
    /// only the model knows wait for it.
    fn space_now(&self) -> Option<&MoodSpace> {
        if self.building.get() {
            self.space.get().map(|s| &**s)
        } else {
            self.space().ok()
        }
    }

    /// The catalog's words. While the space is built on another thread (the TUI starting),
    /// they are built on one too and are `None` until then, so the first frame does not wait
    /// for them (a third of a second at a million films); otherwise they are built here.
    fn catalog_words(&self) -> Option<&CatalogWords> {
        if let Some(w) = self.words.get() {
            return Some(w);
        }
        if self.building.get() && !self.words_started.replace(true) {
            let (words, films) = (Arc::clone(&self.words), Arc::clone(&self.films));
            let spawned = std::thread::Builder::new()
                .name("catalog-words".into())
                .spawn(move || {
                    words.get_or_init(|| CatalogWords::build(&films));
                });
            if spawned.is_ok() {
                return None;
            }
        }
        if self.building.get() && self.words_started.get() {
            return None;
        }
        Some(self.words.get_or_init(|| CatalogWords::build(&self.films)))
    }

    fn read_mood(
        &self,
        text: &str,
        more: &[String],
        less: &[String],
        space: Option<&MoodSpace>,
    ) -> MoodQuery {
        let words = self.catalog_words();
        let knows = |w: &str| space.is_some_and(|s| s.embedder().knows(w));
        let filmmaker = |w: &str| space.is_some_and(|s| filmmaker(s.embedder(), w));
        let in_catalog = |w: &str| words.is_some_and(|c| c.words.contains(w));
        let known = Known {
            model: &knows,
            catalog: &in_catalog,
            filmmaker: &filmmaker,
        };
        // Titles first ("like Barry Lyndon" is the film, not a director named Lyndon).
        let liked = match words {
            Some(c) => c
                .titles
                .read(text, &self.films, &self.quality, &self.resolver, &knows),
            None => Liked {
                rest: text.to_string(),
                ..Liked::default()
            },
        };
        let named = match words {
            Some(c) => c.directors.read(&liked.rest, &self.resolver, &known),
            None => Named {
                rest: liked.rest.clone(),
                ..Named::default()
            },
        };
        let mut q = self.resolver.resolve(&named.rest);
        q.text = text.to_string();
        if !more.is_empty() || !less.is_empty() {
            q = self.resolver.critique(q, more, less);
        }
        q.fact_words.extend(named.words);
        q.directors = named.by;
        if !named.like.is_empty() {
            q.like_films = self
                .films
                .iter()
                .filter(|f| {
                    f.directors()
                        .iter()
                        .any(|d| named.like.iter().any(|n| n == d.as_ref()))
                })
                .map(|f| f.id)
                .collect();
        }
        q.like = named.like;
        for &i in &liked.films {
            let f = &self.films[i];
            q.like_films.push(f.id);
            q.exclude.push(f.id);
            q.like.push(f.label());
        }
        q.fact_words.extend(liked.words);
        let known = |w: &str| knows(w) || in_catalog(w);
        let (known, unknown): (Vec<String>, Vec<String>) =
            q.unknown.into_iter().partition(|w| known(w));
        q.unknown = unknown;
        for w in known {
            // Once, though a Chinese word already said it ("samurai 武士"); a critique's word
            // ("less submarine") is understood as the critique, not as part of the mood.
            let said = q
                .understood
                .iter()
                .any(|(u, tags)| tags.is_empty() && *u == w);
            if !said && !q.nudges.iter().any(|n| n.word == w) {
                q.understood.push((w, Vec::new()));
            }
        }
        // Things films are about: words of the catalog's keywords and genres the mood says,
        // read by the lexicon or not ("zombie comedy", "vampire romance"; not "lonely", a tag).
        q.subjects = q
            .understood
            .iter()
            .filter(|(w, tags)| {
                !self.resolver.vocab.contains(w)
                    && !w.starts_with("more ")
                    && !w.starts_with("less ")
                    && w.split(' ').all(&in_catalog)
                    && (tags.is_empty() || space.is_some_and(|s| !s.tags_say(w, tags)))
            })
            .map(|(w, _)| w.clone())
            .collect();
        q
    }

    /// The word a misspelt `word` is read as: first the mood lexicon's words, then the
    /// catalog's words and directors and the words the model knows.
    fn correction(&self, word: &str, space: Option<&MoodSpace>) -> Option<String> {
        let r = &self.resolver;
        let mood_words = r
            .vocab
            .tags
            .iter()
            .map(|t| t.name.as_str())
            .chain(r.lexicon.en.keys().map(String::as_str))
            .chain(r.lexicon.countries.keys().map(String::as_str))
            .filter(|w| !w.contains(' '));
        if let Some(w) = nearest(word, mood_words) {
            return Some(w.to_string());
        }
        // A short word one edit from some name or rare word is as likely a slip of the hand
        // ("asdf" is one edit from the surname of K. Asif): only mood words are guessed.
        if word.chars().count() < OTHERS_MIN_LEN {
            return None;
        }
        let words = self.catalog_words();
        let model = space.into_iter().flat_map(|s| s.embedder().words());
        let others = words
            .into_iter()
            .flat_map(|c| {
                c.words
                    .iter()
                    .map(String::as_str)
                    .chain(c.directors.surnames())
            })
            .chain(model)
            .filter(|w| !r.lexicon.stop_en.contains(*w));
        nearest(word, others).map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn edit_counts() {
        assert_eq!(edits(&chars("lonley"), &chars("lonely"), 1), Some(1));
        assert_eq!(edits(&chars("scray"), &chars("scary"), 1), Some(1));
        assert_eq!(
            edits(&chars("melancolic"), &chars("melancholic"), 2),
            Some(1)
        );
        assert_eq!(edits(&chars("rain"), &chars("ruin"), 1), Some(1));
        assert_eq!(edits(&chars("lonely"), &chars("lovely"), 0), None);
        assert_eq!(edits(&chars("kitten"), &chars("sitting"), 3), Some(3));
        assert_eq!(edits(&chars("kitten"), &chars("sitting"), 2), None);
    }

    #[test]
    fn the_nearest_word_must_be_the_only_one() {
        let words = ["lonely", "lovely", "scary", "haunted"];
        assert_eq!(nearest("lonley", words.into_iter()), Some("lonely"));
        assert_eq!(nearest("hauntd", words.into_iter()), Some("haunted"));
        // "lovely" and "lonely" are both one edit from "lomely".
        assert_eq!(nearest("lomely", words.into_iter()), None);
        // Known words and short words are left alone.
        assert_eq!(nearest("lonely", words.into_iter()), None);
        assert_eq!(nearest("scy", words.into_iter()), None);
    }

    #[test]
    fn replacing_whole_words() {
        let fixes = [("lonley".to_string(), "lonely".to_string())];
        assert_eq!(
            replace_words("Lonley nights, lonleyness", &fixes),
            "lonely nights, lonleyness"
        );
    }
}

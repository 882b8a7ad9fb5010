//! Films a mood likens itself to by title: "like Drive but warmer", "something like
//! chungking express", "similar to In the Mood for Love", "in the vein of Heat".

use std::hash::{Hash, Hasher};
use std::ops::Range;

use crate::model::Film;
use crate::mood::MoodResolver;
use crate::text::{fold, title_key, word_spans};

/// Words after which a title names the film the mood is like.
const CUES: &[&[&str]] = &[
    &["like"],
    &["similar", "to"],
    &["in", "the", "vein", "of"],
    &["a", "la"],
    &["à", "la"],
];
/// The longest title tried, in words.
const LONGEST: usize = 8;

/// The catalog's titles by key (a hash of [`title_key`], then the film's library index).
#[derive(Debug, Default)]
pub struct TitleIndex {
    keys: Vec<(u64, u32)>,
}

/// The films a mood names after a cue.
#[derive(Debug, Default, PartialEq)]
pub struct Liked {
    /// Library indexes of the films.
    pub films: Vec<usize>,
    /// The folded words that named them.
    pub words: Vec<String>,
    /// The text with those words blanked out.
    pub rest: String,
}

fn hash(key: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl TitleIndex {
    pub fn build(films: &[Film]) -> TitleIndex {
        let mut keys: Vec<(u64, u32)> = films
            .iter()
            .enumerate()
            .map(|(i, f)| (hash(&title_key(&f.title)), i as u32))
            .collect();
        keys.sort_unstable();
        TitleIndex { keys }
    }

    /// Library indexes of the films whose title has this key.
    fn find(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        let h = hash(key);
        let from = self.keys.partition_point(|(k, _)| *k < h);
        self.keys[from..]
            .iter()
            .take_while(move |(k, _)| *k == h)
            .map(|(_, i)| *i as usize)
    }

    /// Finds the films `text` likens itself to. A title of one word counts only when it is
    /// written with a capital letter or is no word of the mood lexicon or the model ("like
    /// Drive", not "feels like home"); of several films with the title, the most widely seen
    /// (by `quality`) is taken.
    pub fn read(
        &self,
        text: &str,
        films: &[Film],
        quality: &[f32],
        resolver: &MoodResolver,
        model_knows: &dyn Fn(&str) -> bool,
    ) -> Liked {
        let toks = word_spans(
            text,
            |_, c| c.is_alphanumeric() || c == '\'' || c == '’',
            |_| false,
        );
        let folded: Vec<String> = toks.iter().map(|(w, _)| fold(w)).collect();
        let mut liked = Liked::default();
        let mut blank: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let Some(cue) = CUES.iter().find(|c| {
                folded.len() >= i + c.len() && c.iter().zip(&folded[i..]).all(|(a, b)| a == b)
            }) else {
                i += 1;
                continue;
            };
            let at = i + cue.len();
            let found = (1..=LONGEST.min(toks.len().saturating_sub(at)))
                .rev()
                .find_map(|n| {
                    let span = &text[toks[at].1.start..toks[at + n - 1].1.end];
                    let key = title_key(span);
                    if key.is_empty() {
                        return None;
                    }
                    if n == 1 {
                        let word = folded[at].as_str();
                        let capital = toks[at].0.starts_with(char::is_uppercase);
                        let everyday = resolver.knows_phrase(&[word]) || model_knows(word);
                        if everyday && !capital {
                            return None;
                        }
                    }
                    let best = self
                        .find(&key)
                        .filter(|&f| title_key(&films[f].title) == key)
                        .max_by(|&a, &b| {
                            let q = |f: usize| quality.get(f).copied().unwrap_or(0.0);
                            q(a).total_cmp(&q(b)).then(b.cmp(&a))
                        })?;
                    Some((n, best))
                });
            match found {
                Some((n, film)) => {
                    if !liked.films.contains(&film) {
                        liked.films.push(film);
                    }
                    // The cue too: "similar to" and "vein" are no mood words here.
                    liked.words.extend(folded[i..at + n].iter().cloned());
                    blank.push(toks[i].1.start..toks[at + n - 1].1.end);
                    i = at + n;
                }
                None => i = at,
            }
        }
        let mut rest = text.to_string();
        for r in blank {
            rest.replace_range(r.clone(), &" ".repeat(r.len()));
        }
        liked.rest = rest;
        liked
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FilmData;

    fn films() -> Vec<Film> {
        [
            "Drive",
            "Chungking Express",
            "Heat",
            "Heat",
            "Home",
            "In the Mood for Love",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| {
            Film::from(FilmData {
                id: i as i64 + 1,
                title: t.to_string(),
                ..FilmData::default()
            })
        })
        .collect()
    }

    fn read(text: &str) -> Liked {
        let films = films();
        let ix = TitleIndex::build(&films);
        let r = MoodResolver::builtin().unwrap();
        // The second "Heat" is the more widely seen.
        let quality = [0.1, 0.1, 0.2, 0.9, 0.1, 0.1];
        ix.read(text, &films, &quality, &r, &|w| {
            ["drive", "home", "heat"].contains(&w)
        })
    }

    #[test]
    fn titles_after_like() {
        assert_eq!(read("something like Drive but warmer").films, [0]);
        assert_eq!(read("like chungking express, rain").films, [1]);
        assert_eq!(read("similar to in the mood for love").films, [5]);
        assert_eq!(read("in the vein of Heat").films, [3]);
        let l = read("lonely, like Chungking Express");
        assert_eq!(l.words, ["like", "chungking", "express"]);
        assert_eq!(l.rest.split_whitespace().collect::<Vec<_>>(), ["lonely,"]);
    }

    #[test]
    fn everyday_words_are_no_titles() {
        for text in [
            "feels like home",
            "like drive",
            "lonely",
            "like nothing else",
            "like",
        ] {
            assert!(read(text).films.is_empty(), "{text}");
        }
    }
}

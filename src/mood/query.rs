//! Turns a typed mood ("rain on neon, lonely but warm", "孤独的夜晚") into weighted tags, and
//! says which words were understood and which were not.

use std::collections::BTreeMap;

use serde::Serialize;

use super::facts::Runtime;
use super::scan::Acc;
use super::{Lexicon, Presets};
use crate::catalog::Vocabulary;
use crate::text::fold;

/// A resolved mood: weighted tags (negative = "less of this"), plus what was understood.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MoodQuery {
    pub text: String,
    pub tags: Vec<(String, f32)>,
    /// Each understood word or phrase with the tags it gave.
    pub understood: Vec<(String, Vec<String>)>,
    /// Words that meant nothing to nightreel.
    pub unknown: Vec<String>,
    /// The critiques ("more tender", "less bleak"), in order.
    pub nudges: Vec<Nudge>,
    /// English words the embedding model reads for words typed in Chinese ("samurai" for
    /// "武士"); each is also an understood word.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Countries the mood names ("japanese", "hong kong", "韩国"), as codes: the list keeps
    /// their films (any of them) when the catalog has some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Decades the mood names ("1970s", "80s", "sixties"), as their first years: the list
    /// keeps films made in them when the catalog has some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decades: Vec<i32>,
    /// The words that named them (the model does not read them: the list is kept to the
    /// films made there and then instead).
    #[serde(skip)]
    pub fact_words: Vec<String>,
    /// How long the films may run ("under 90 minutes").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub runtime: Option<Runtime>,
    /// Children are watching ("for kids", "family movie night"): the list keeps family and
    /// animated films that are not horror, erotic, cruel or brutal.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub for_kids: bool,
    /// Directors the mood names ("kubrick", "films by Agnès Varda"): the list keeps their
    /// films.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub directors: Vec<String>,
    /// Directors and films the mood likens its films to ("like Wong Kar-wai", "lynchian",
    /// "like Drive (2011)"): their films lean the query.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub like: Vec<String>,
    /// The films of `like` (their ids): the directors' films, and films named by title.
    #[serde(skip)]
    pub like_films: Vec<i64>,
    /// Understood words no tag covers that the catalog's keywords or genres carry
    /// ("vampire", "yakuza", "boxing"): what a film is about, weighed as much as a tag.
    #[serde(skip)]
    pub subjects: Vec<String>,
    /// Films the list leaves out: those the mood names by title ("like Drive").
    #[serde(skip)]
    pub exclude: Vec<i64>,
    /// Misspelt words read as the word they were nearest to ("lonley" as "lonely").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub corrections: Vec<(String, String)>,
}

/// One critique: a word or tag, its sign (+1 more, −1 less) and the tags it resolved to
/// (empty when only the embedding model can read it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Nudge {
    pub word: String,
    pub sign: f32,
    pub tags: Vec<(String, f32)>,
}

impl MoodQuery {
    /// True when nothing in the text was understood (neither as tags nor as words the
    /// embedding model knows).
    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
            && self.understood.iter().all(|(w, _)| w.trim().is_empty())
            && !self.has_facts()
            && self.like.is_empty()
    }

    /// True when the mood asks for facts a film must have (where, when, how long, who by,
    /// who is watching).
    pub fn has_facts(&self) -> bool {
        !self.countries.is_empty()
            || !self.decades.is_empty()
            || self.runtime.is_some()
            || self.for_kids
            || !self.directors.is_empty()
    }

    /// Whether the film was made where and when the mood asks (true when it asks neither).
    pub fn fits_facts(&self, f: &crate::model::Film) -> bool {
        let place = self.countries.is_empty()
            || f.countries()
                .iter()
                .any(|c| self.countries.iter().any(|w| w == c.as_ref()));
        let time = self.decades.is_empty()
            || f.year
                .is_some_and(|y| self.decades.iter().any(|d| (*d..*d + 10).contains(&y)));
        let long = self.runtime.is_none_or(|r| r.fits(f.runtime));
        let by = self.directors.is_empty()
            || f.directors()
                .iter()
                .any(|d| self.directors.iter().any(|w| w == d.as_ref()));
        place && time && long && by && (!self.for_kids || for_kids(f))
    }

    /// What was understood, said for people: the tags ("less bleak" for a denied one);
    /// with `model` (the embedding ranker reads words too) the words only the model or the
    /// catalog reads ("yakuza") and the critiques of such words ("less talk"); then the facts
    /// ("from Japan", "under 2 hours").
    pub fn said(&self, model: bool) -> Vec<String> {
        let mut out: Vec<String> = self
            .tags
            .iter()
            .map(|(t, w)| {
                if *w < 0.0 {
                    format!("less {t}")
                } else {
                    t.clone()
                }
            })
            .collect();
        if model {
            out.extend(
                self.understood
                    .iter()
                    .filter(|(w, tags)| {
                        tags.is_empty() && !w.starts_with("more ") && !w.starts_with("less ")
                    })
                    .map(|(w, _)| w.clone()),
            );
            out.extend(self.nudges.iter().filter(|n| n.tags.is_empty()).map(|n| {
                let label = if n.sign > 0.0 { "more" } else { "less" };
                format!("{label} {}", n.word)
            }));
        }
        out.extend(self.facts());
        out
    }

    /// Where and when the mood asks for, said for people ("from Japan", "the 1970s").
    pub fn facts(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .countries
            .iter()
            .map(|c| {
                let name = crate::catalog::codes::country_name(c).unwrap_or(c);
                format!("from {name}")
            })
            .collect();
        out.extend(self.decades.iter().map(|d| format!("the {d}s")));
        out.extend(self.runtime.map(|r| r.label()));
        if self.for_kids {
            out.push("for children and families".into());
        }
        if !self.directors.is_empty() {
            out.push(format!("by {}", names(&self.directors)));
        }
        if !self.like.is_empty() {
            out.push(format!("like {}", names(&self.like)));
        }
        out
    }

    /// The weight of a tag in the query (0 when absent).
    pub fn weight(&self, tag: &str) -> f32 {
        self.tags
            .iter()
            .find(|(t, _)| t == tag)
            .map_or(0.0, |(_, w)| *w)
    }
}

/// A few names joined with "or" ("Wes Anderson or Paul Thomas Anderson"), at most three.
fn names(list: &[String]) -> String {
    let mut out = list
        .iter()
        .take(3)
        .cloned()
        .collect::<Vec<_>>()
        .join(" or ");
    if list.len() > 3 {
        out.push_str(&format!(" (and {} more)", list.len() - 3));
    }
    out
}

/// Whether a film suits children: a family film, or an animated one that says nothing
/// grown-up (no horror, thriller, war, crime or documentary, no dark or erotic tag); never a
/// horror film or one tagged erotic, cruel or brutal.
fn for_kids(f: &crate::model::Film) -> bool {
    const NEVER: &[&str] = &["erotic", "cruel", "brutal"];
    const GROWN_UP_GENRES: &[&str] = &["Horror", "Thriller", "War", "Crime", "Documentary"];
    const GROWN_UP_TAGS: &[&str] = &[
        "bleak",
        "despairing",
        "dystopia",
        "paranoid",
        "existential",
        "alienated",
        "oppressive",
        "heartbreaking",
        "crime-underworld",
        "uncanny",
    ];
    let (genres, tags) = (f.genres(), f.tags());
    let has = |list: &[crate::names::Sym], names: &[&str]| {
        list.iter().any(|x| names.contains(&x.as_ref()))
    };
    if has(genres, &["Horror"]) || has(tags, NEVER) {
        return false;
    }
    has(genres, &["Family"])
        || (has(genres, &["Animation"])
            && !has(genres, GROWN_UP_GENRES)
            && !has(tags, GROWN_UP_TAGS))
}

/// How much the opposite of a denied tag is asked for, when a mood only denies.
const OPPOSITE_WEIGHT: f32 = 0.5;

/// Resolves typed moods against the vocabulary, the presets and the lexicon.
#[derive(Debug, Clone)]
pub struct MoodResolver {
    pub vocab: Vocabulary,
    pub presets: Presets,
    pub lexicon: Lexicon,
}

/// True for Chinese, Japanese kana and other CJK ideographs.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3040..=0x30FF)
}

impl MoodResolver {
    /// The built-in vocabulary, presets and lexicon.
    pub fn builtin() -> crate::error::Result<MoodResolver> {
        let vocab = Vocabulary::builtin()?;
        let presets = Presets::builtin(&vocab)?;
        let lexicon = Lexicon::builtin(&vocab)?;
        Ok(MoodResolver {
            vocab,
            presets,
            lexicon,
        })
    }

    /// Resolves a typed mood.
    pub fn resolve(&self, text: &str) -> MoodQuery {
        let mut acc = Acc {
            tags: BTreeMap::new(),
            understood: Vec::new(),
            unknown: Vec::new(),
            words: Vec::new(),
            countries: Vec::new(),
            decades: Vec::new(),
            fact_words: Vec::new(),
            negate: false,
            negated: Vec::new(),
        };
        let trimmed = text.trim();
        let (mut runtime, mut for_kids) = (None, false);
        if let Some(p) = self.presets.find(trimmed) {
            acc.add(trimmed, &p.tags);
        } else {
            let facts = super::facts::read(&fold(trimmed));
            runtime = facts.runtime;
            for_kids = facts.for_kids;
            acc.fact_words.extend(facts.words);
            let mut rest = facts.rest;
            for p in &self.presets.list {
                for name in [fold(&p.en), p.zh.clone()] {
                    if name.chars().count() >= 2 && rest.contains(&name) {
                        rest = rest.replace(&name, " ");
                        acc.add(&name, &p.tags);
                    }
                }
            }
            self.scan(&rest, &mut acc);
        }
        let mut tags: Vec<(String, f32)> = acc.tags.into_iter().collect();
        tags.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let q = MoodQuery {
            text: text.to_string(),
            tags,
            understood: acc.understood,
            unknown: acc.unknown,
            nudges: Vec::new(),
            words: acc.words,
            countries: acc.countries,
            decades: acc.decades,
            fact_words: acc.fact_words,
            runtime,
            for_kids,
            ..MoodQuery::default()
        };
        if acc.negated.is_empty() {
            q
        } else {
            let q = self.critique(q, &[], &acc.negated);
            self.opposites(q)
        }
    }

    /// A mood that only says what it does not want ("not sad", "nothing scary", "不要太虐"),
    /// with no word left for the model to read, asks for the opposites of the denied tags
    /// at half weight: alone, a denial ranks nothing (every film that lacks the tag is as
    /// good as any other).
    fn opposites(&self, mut q: MoodQuery) -> MoodQuery {
        let denies_only = q.tags.iter().all(|(_, w)| *w < 0.0)
            && q.unknown.is_empty()
            && q.words.is_empty()
            && q.understood
                .iter()
                .all(|(w, tags)| !tags.is_empty() || w.starts_with("less "));
        if !denies_only {
            return q;
        }
        let mut asked: Vec<(String, f32)> = Vec::new();
        for (tag, _) in q.tags.iter() {
            for (o, w) in self.lexicon.opposites.get(tag).into_iter().flatten() {
                let w = OPPOSITE_WEIGHT * w;
                match asked.iter_mut().find(|(t, _)| t == o) {
                    Some(e) => e.1 = e.1.max(w),
                    None => asked.push((o.clone(), w)),
                }
            }
        }
        asked.retain(|(t, _)| !q.tags.iter().any(|(d, _)| d == t));
        q.tags.splice(0..0, asked);
        q
    }

    /// Adds "more of" and "less of" critiques: each is a tag or any word the resolver knows.
    pub fn critique(&self, mut q: MoodQuery, more: &[String], less: &[String]) -> MoodQuery {
        for (words, sign) in [(more, 1.0f32), (less, -1.0f32)] {
            for w in words {
                let r = self.resolve(w);
                // A Chinese word no tag covers moves the query along its English words.
                let word = if r.tags.is_empty() && !r.words.is_empty() {
                    r.words.join(" ")
                } else {
                    w.clone()
                };
                q.nudges.push(Nudge {
                    word,
                    sign,
                    tags: r.tags.clone(),
                });
                q.unknown.extend(r.unknown);
                for (tag, weight) in r.tags {
                    let add = sign * weight.max(0.8);
                    match q.tags.iter_mut().find(|(t, _)| *t == tag) {
                        Some(e) if sign > 0.0 => e.1 = (e.1 + add).min(1.5),
                        Some(e) => e.1 = add,
                        None => q.tags.push((tag, add)),
                    }
                }
                let label = if sign > 0.0 { "more" } else { "less" };
                q.understood.push((format!("{label} {w}"), Vec::new()));
            }
        }
        q.tags
            .sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        q
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;

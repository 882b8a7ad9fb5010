//! Turns a typed mood ("rain on neon, lonely but warm", "孤独的夜晚") into weighted tags, and
//! says which words were understood and which were not.

use std::collections::BTreeMap;

use serde::Serialize;

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
        self.tags.is_empty() && self.understood.iter().all(|(w, _)| w.trim().is_empty())
    }

    /// The weight of a tag in the query (0 when absent).
    pub fn weight(&self, tag: &str) -> f32 {
        self.tags
            .iter()
            .find(|(t, _)| t == tag)
            .map_or(0.0, |(_, w)| *w)
    }
}

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

fn stem_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 4 || lb < 4 {
        return false;
    }
    let p = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    p >= 4 && p + 3 >= la.min(lb)
}

/// Words that turn the word or phrase after them into "less of it" ("no violence", "not
/// scary", "without romance", "scary but not gory").
pub const NEGATORS_EN: &[&str] = &[
    "no", "not", "without", "never", "nothing", "non", "zero", "avoid", "don't", "dont", "isn't",
    "nor", "anti",
];

/// Words that end what a negation denies ("no romance, just action", "not sad but warm"); other
/// words between a negation and a mood word are passed over ("don't want anything sad").
const NEGATION_ENDS: &[&str] = &[
    "but", "just", "only", "and", "yet", "though", "although", "instead", "rather", "so", "then",
];

/// Chinese negations, longest first ("恐怖但不血腥", "没有暴力", "不要太悲伤").
const NEGATORS_ZH: &[&str] = &[
    "不要", "不想", "没有", "沒有", "不", "没", "沒", "无", "無", "别", "別",
];

struct Acc {
    tags: BTreeMap<String, f32>,
    understood: Vec<(String, Vec<String>)>,
    unknown: Vec<String>,
    words: Vec<String>,
    /// A negation waits for the word it denies.
    negate: bool,
    /// Words and phrases denied, in order: they become "less" critiques.
    negated: Vec<String>,
}

impl Acc {
    fn add(&mut self, word: &str, tags: &[(String, f32)]) {
        if std::mem::take(&mut self.negate) {
            if !self.negated.iter().any(|n| n == word) {
                self.negated.push(word.to_string());
            }
            return;
        }
        for (t, w) in tags {
            let e = self.tags.entry(t.clone()).or_insert(0.0);
            *e = e.max(*w);
        }
        self.understood.push((
            word.to_string(),
            tags.iter().map(|(t, _)| t.clone()).collect(),
        ));
    }

    /// Notes the English words read for a Chinese word no tag covers, once.
    fn english(&mut self, words: &str) {
        if self.negate {
            return self.add(words, &[]);
        }
        if !self.words.iter().any(|w| w == words) {
            self.words.push(words.to_string());
            self.understood.push((words.to_string(), Vec::new()));
        }
    }

    /// Notes a word nothing knows, once however often it was typed.
    fn unknown(&mut self, word: String) {
        self.negate = false;
        if !self.unknown.contains(&word) {
            self.unknown.push(word);
        }
    }
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
            negate: false,
            negated: Vec::new(),
        };
        let trimmed = text.trim();
        if let Some(p) = self.presets.find(trimmed) {
            acc.add(trimmed, &p.tags);
        } else {
            let mut rest = fold(trimmed);
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
        };
        if acc.negated.is_empty() {
            q
        } else {
            self.critique(q, &[], &acc.negated)
        }
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

    fn scan(&self, text: &str, acc: &mut Acc) {
        let mut latin = String::new();
        let mut cjk = String::new();
        for c in text.chars() {
            if super::lexicon::emoji_modifier(c) {
                continue;
            }
            if let Some(tags) = self.lexicon.emoji.get(&c) {
                if !latin.is_empty() {
                    self.scan_latin(&std::mem::take(&mut latin), acc);
                }
                if !cjk.is_empty() {
                    self.scan_cjk(&std::mem::take(&mut cjk), acc);
                }
                acc.add(&c.to_string(), tags);
                continue;
            }
            if is_cjk(c) {
                if !latin.is_empty() {
                    self.scan_latin(&std::mem::take(&mut latin), acc);
                }
                cjk.push(c);
            } else {
                if !cjk.is_empty() {
                    self.scan_cjk(&std::mem::take(&mut cjk), acc);
                }
                latin.push(c);
            }
        }
        self.scan_latin(&latin, acc);
        self.scan_cjk(&cjk, acc);
    }

    fn scan_cjk(&self, run: &str, acc: &mut Acc) {
        let chars: Vec<char> = run.chars().collect();
        let mut i = 0;
        let mut unknown = String::new();
        while i < chars.len() {
            let longest = (1..=self.lexicon.max_zh_len.max(1).min(chars.len() - i))
                .rev()
                .find_map(|n| {
                    let s: String = chars[i..i + n].iter().collect();
                    let known = self.lexicon.zh.contains_key(&s)
                        || self.lexicon.zh_words.contains_key(&s)
                        || self.lexicon.stop_zh.contains(&s);
                    known.then_some((n, s))
                });
            // A negation, unless a longer word starts with it (不安 is uneasy, not "not safe").
            let negator = NEGATORS_ZH.iter().find(|n| {
                let n: Vec<char> = n.chars().collect();
                chars[i..].starts_with(&n)
                    && longest.as_ref().is_none_or(|(len, _)| *len <= n.len())
            });
            if let Some(n) = negator {
                if !unknown.is_empty() {
                    acc.unknown(std::mem::take(&mut unknown));
                }
                acc.negate = true;
                i += n.chars().count();
                continue;
            }
            match longest {
                Some((n, word)) => {
                    if !unknown.is_empty() {
                        acc.unknown(std::mem::take(&mut unknown));
                    }
                    match (self.lexicon.zh.get(&word), self.lexicon.zh_words.get(&word)) {
                        (Some(tags), english) => {
                            acc.add(&word, tags);
                            // The English words sharpen the query; the tags are the part.
                            if let Some(e) = english.filter(|e| !acc.words.contains(e)) {
                                acc.words.push(e.clone());
                            }
                        }
                        (None, Some(english)) => acc.english(english),
                        (None, None) => {}
                    }
                    i += n;
                }
                None => {
                    unknown.push(chars[i]);
                    i += 1;
                }
            }
        }
        if !unknown.is_empty() {
            acc.unknown(unknown);
        }
    }

    fn scan_latin(&self, run: &str, acc: &mut Acc) {
        let words: Vec<&str> = run
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut i = 0;
        while i < words.len() {
            // Longest phrase first: up to four words, as a tag (hyphenated) or lexicon entry.
            let phrase = (2..=4.min(words.len() - i)).rev().find_map(|n| {
                let spaced = words[i..i + n].join(" ");
                let hyphen = words[i..i + n].join("-");
                self.phrase_tags(&spaced, &hyphen).map(|t| (n, spaced, t))
            });
            if let Some((n, p, tags)) = phrase {
                acc.add(&p, &tags);
                i += n;
                continue;
            }
            let w = words[i];
            i += 1;
            let folded = w.replace('’', "'");
            if NEGATORS_EN.contains(&folded.as_str()) {
                acc.negate = true;
                continue;
            }
            // "no violence or gore": the negation reaches over "or".
            if w == "or"
                && acc
                    .negated
                    .last()
                    .is_some_and(|n| Some(n.as_str()) == words.get(i.wrapping_sub(2)).copied())
            {
                acc.negate = true;
                continue;
            }
            if NEGATION_ENDS.contains(&w) {
                acc.negate = false;
            }
            if self.lexicon.stop_en.contains(w) {
                continue;
            }
            match self.word_tags(w) {
                Some(tags) => acc.add(w, &tags),
                None if w.contains('-') => {
                    for part in w.split('-').filter(|p| !p.is_empty()) {
                        if self.lexicon.stop_en.contains(part) {
                            continue;
                        }
                        match self.word_tags(part) {
                            Some(tags) => acc.add(part, &tags),
                            None => acc.unknown(part.to_string()),
                        }
                    }
                }
                None => acc.unknown(w.to_string()),
            }
        }
    }

    fn phrase_tags(&self, spaced: &str, hyphen: &str) -> Option<Vec<(String, f32)>> {
        if self.vocab.contains(hyphen) {
            return Some(vec![(hyphen.to_string(), 1.0)]);
        }
        self.lexicon.en.get(spaced).cloned()
    }

    fn word_tags(&self, w: &str) -> Option<Vec<(String, f32)>> {
        if self.vocab.contains(w) {
            return Some(vec![(w.to_string(), 1.0)]);
        }
        if let Some(t) = self.lexicon.en.get(w) {
            return Some(t.clone());
        }
        let mut found = Vec::new();
        for tag in &self.vocab.tags {
            let parts: Vec<&str> = tag.name.split('-').collect();
            if parts.len() == 1 {
                if stem_eq(w, &tag.name) {
                    found.push((tag.name.clone(), 0.8));
                }
            } else if parts.iter().any(|p| p.len() >= 3 && stem_eq(w, p)) {
                found.push((tag.name.clone(), 0.4));
            }
        }
        (!found.is_empty()).then_some(found)
    }
}

#[cfg(test)]
#[path = "query_tests.rs"]
mod tests;

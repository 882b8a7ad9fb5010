//! Facts a mood can ask for in plain words, read before the mood words: how long the film
//! may run ("under 90 minutes", "2 hours or more", "两小时以内") and who is watching ("for
//! kids", "family movie night", "合家欢").

use serde::Serialize;

/// How long the films may run, in minutes (either bound may be open).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Runtime {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
}

impl Runtime {
    /// Whether a film of this runtime fits (a film of unknown runtime does not).
    pub fn fits(&self, runtime: Option<u32>) -> bool {
        runtime
            .is_some_and(|rt| self.min.is_none_or(|m| rt >= m) && self.max.is_none_or(|m| rt <= m))
    }

    /// Said for people: "under 90 minutes", "2 hours or longer", "90 minutes to 2 hours".
    pub fn label(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("{} to {}", minutes(a), minutes(b)),
            (None, Some(b)) => format!("under {}", minutes(b)),
            (Some(a), None) => format!("{} or longer", minutes(a)),
            (None, None) => String::new(),
        }
    }

    pub(super) fn merge(&mut self, other: Runtime) {
        if let Some(m) = other.min {
            self.min = Some(self.min.map_or(m, |x| x.max(m)));
        }
        if let Some(m) = other.max {
            self.max = Some(self.max.map_or(m, |x| x.min(m)));
        }
    }
}

fn minutes(m: u32) -> String {
    match (m / 60, m % 60) {
        (1, 0) => "1 hour".into(),
        (h, 0) => format!("{h} hours"),
        (1, 30) => "1½ hours".into(),
        _ => format!("{m} minutes"),
    }
}

/// What [`read`] found in a (folded) mood.
#[derive(Debug, Default, PartialEq)]
pub(super) struct TextFacts {
    pub runtime: Option<Runtime>,
    pub for_kids: bool,
    /// The words that said it (the embedding model does not read them).
    pub words: Vec<String>,
    /// The text with those words blanked out, for the mood words.
    pub rest: String,
}

/// A token of the folded text: its text and byte range.
type Tok<'a> = (&'a str, std::ops::Range<usize>);

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let bytes = text.as_bytes();
    let is_word = |i: usize, c: char| {
        // A point between digits is a decimal point ("1.5 hours").
        let decimal = c == '.'
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        (c.is_alphanumeric() && !super::is_cjk(c)) || c == '\'' || decimal
    };
    crate::text::word_spans(text, is_word, |c| matches!(c, '<' | '>' | '+'))
}

const MAX_CUES: &[&[&str]] = &[
    &["under"],
    &["below"],
    &["within"],
    &["max"],
    &["maximum"],
    &["<"],
    &["less", "than"],
    &["shorter", "than"],
    &["fewer", "than"],
    &["at", "most"],
    &["up", "to"],
];
const MIN_CUES: &[&[&str]] = &[
    &["over"],
    &["above"],
    &[">"],
    &["more", "than"],
    &["longer", "than"],
    &["at", "least"],
];
const MAX_AFTER: &[&[&str]] = &[
    &["or", "less"],
    &["or", "under"],
    &["or", "shorter"],
    &["or", "fewer"],
    &["max"],
    &["tops"],
    &["at", "most"],
];
const MIN_AFTER: &[&[&str]] = &[
    &["or", "more"],
    &["or", "longer"],
    &["plus"],
    &["+"],
    &["at", "least"],
];

fn starts(t: &[Tok<'_>], phrase: &[&str]) -> bool {
    t.len() >= phrase.len() && t.iter().zip(phrase).all(|((w, _), p)| w == p)
}

fn cue(t: &[Tok<'_>], cues: &[&[&str]]) -> Option<usize> {
    cues.iter().find(|c| starts(t, c)).map(|c| c.len())
}

fn number(w: &str) -> Option<f32> {
    const WORDS: &[(&str, f32)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("an", 1.0),
        ("a", 1.0),
    ];
    if let Some((_, n)) = WORDS.iter().find(|(x, _)| *x == w) {
        return Some(*n);
    }
    if !w.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    w.parse::<f32>().ok().filter(|n| n.is_finite() && *n > 0.0)
}

/// Minutes per unit word, if it is one.
fn unit(w: &str) -> Option<f32> {
    match w {
        "m" | "min" | "mins" | "minute" | "minutes" => Some(1.0),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(60.0),
        _ => None,
    }
}

/// A length at the start of `t` ("90 minutes", "2 hours", "1.5 hrs", "90min", "1h30", "an
/// hour and a half", "half an hour"), as minutes and the tokens it took.
fn length(t: &[Tok<'_>]) -> Option<(u32, usize)> {
    let w = |i: usize| t.get(i).map_or("", |(w, _)| *w);
    if w(0) == "half" && matches!(w(1), "an" | "a") && unit(w(2)) == Some(60.0) {
        return Some((30, 3));
    }
    // Written together: "90min", "2h", "2hrs", "1h30", "1h30m".
    let joined = w(0);
    if let Some(split) = joined.find(|c: char| c.is_ascii_alphabetic())
        && split > 0
    {
        let (n, rest) = joined.split_at(split);
        let n = number(n)?;
        let (u, tail) = match rest.find(|c: char| c.is_ascii_digit()) {
            Some(p) => rest.split_at(p),
            None => (rest, ""),
        };
        let per = unit(u)?;
        let extra = match tail.trim_end_matches('m') {
            "" => 0.0,
            m if per == 60.0 => m.parse::<f32>().ok()?,
            _ => return None,
        };
        return Some(((n * per + extra).round() as u32, 1));
    }
    let n = number(w(0))?;
    let Some(per) = unit(w(1)) else {
        // "under 90": a bare number of 40 or more is minutes; an article is no number.
        return (n >= 40.0 && !matches!(w(0), "a" | "an")).then_some((n.round() as u32, 1));
    };
    if matches!(w(0), "a" | "an") && per != 60.0 {
        return None;
    }
    let mut total = n * per;
    let mut used = 2;
    if per == 60.0 {
        if w(2) == "and" && matches!(w(3), "a" | "an") && w(4) == "half" {
            total += 30.0;
            used = 5;
        } else if let Some(m) = number(w(2)).filter(|_| unit(w(3)) == Some(1.0)) {
            total += m;
            used = 4;
        }
    }
    Some((total.round() as u32, used))
}

/// A length the mood asks for at `t[0..]`: the bound and the tokens it took.
fn runtime_at(t: &[Tok<'_>]) -> Option<(Runtime, usize)> {
    let negated = matches!(t.first(), Some(("not" | "no", _)));
    let s = usize::from(negated);
    let bound = |max: bool, m: u32| {
        if max != negated {
            Runtime {
                max: Some(m),
                min: None,
            }
        } else {
            Runtime {
                min: Some(m),
                max: None,
            }
        }
    };
    for (cues, max) in [(MAX_CUES, true), (MIN_CUES, false)] {
        if let Some(c) = cue(&t[s..], cues)
            && let Some((m, n)) = length(&t[s + c..])
        {
            return Some((bound(max, m), s + c + n));
        }
    }
    if negated {
        return None;
    }
    let (m, n) = length(t).filter(|(_, n)| *n > 1 || t[0].0.contains(char::is_alphabetic))?;
    for (cues, max) in [(MAX_AFTER, true), (MIN_AFTER, false)] {
        if let Some(c) = cue(&t[n..], cues) {
            return Some((bound(max, m), n + c));
        }
    }
    None
}

/// How long a film asked to be short may run, in minutes.
pub(super) const SHORT_MAX: u32 = 100;

/// Phrases that ask for a short film, without a number ("something short", "not too long").
const SHORT: &[&[&str]] = &[
    &["not", "too", "long"],
    &["nothing", "too", "long"],
    &["nothing", "long"],
    &["not", "long"],
    &["not", "a", "long", "one"],
    &["short", "one"],
    &["short", "movie"],
    &["short", "film"],
    &["shortish"],
    &["short"],
    &["quick", "watch"],
    &["quick", "one"],
];

/// Phrases that say children are watching.
const FOR_KIDS: &[&[&str]] = &[
    &["for", "the", "kids"],
    &["for", "kids"],
    &["for", "my", "kids"],
    &["for", "children"],
    &["for", "the", "children"],
    &["for", "my", "children"],
    &["with", "kids"],
    &["with", "the", "kids"],
    &["with", "my", "kids"],
    &["with", "children"],
    &["with", "the", "children"],
    &["with", "my", "children"],
    &["with", "my", "son"],
    &["with", "my", "daughter"],
    &["kid", "friendly"],
    &["kids", "friendly"],
    &["child", "friendly"],
    &["family", "friendly"],
    &["family", "movie", "night"],
    &["family", "film", "night"],
    &["family", "night"],
    &["family", "movie"],
    &["family", "film"],
    &["kids", "movie"],
    &["kids", "film"],
    &["kids'", "movie"],
    &["kids'", "film"],
    &["children's", "movie"],
    &["children's", "film"],
    &["childrens", "movie"],
    &["childrens", "film"],
    &["for", "all", "ages"],
    &["all", "ages"],
    &["the", "whole", "family"],
    &["whole", "family"],
];

/// Reads the runtime and audience a folded mood asks for.
pub(super) fn read(text: &str) -> TextFacts {
    let mut out = TextFacts::default();
    let toks = tokens(text);
    let mut blank: Vec<std::ops::Range<usize>> = Vec::new();
    let mut take = |out: &mut TextFacts, span: &[Tok<'_>]| {
        out.words.extend(span.iter().map(|(w, _)| w.to_string()));
        if let (Some(a), Some(b)) = (span.first(), span.last()) {
            blank.push(a.1.start..b.1.end);
        }
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i..];
        if let Some((r, n)) = runtime_at(t) {
            out.runtime.get_or_insert_default().merge(r);
            take(&mut out, &t[..n]);
            i += n;
            continue;
        }
        if let Some(n) = cue(t, SHORT) {
            out.runtime.get_or_insert_default().merge(Runtime {
                max: Some(SHORT_MAX),
                min: None,
            });
            take(&mut out, &t[..n]);
            i += n;
            continue;
        }
        let negated = i > 0 && matches!(toks[i - 1].0, "not" | "no");
        if let Some(n) = (!negated).then(|| cue(t, FOR_KIDS)).flatten() {
            out.for_kids = true;
            take(&mut out, &t[..n]);
            i += n;
            continue;
        }
        i += 1;
    }
    let zh = super::facts_zh::read(text, &mut blank);
    if let Some(r) = zh.0 {
        out.runtime.get_or_insert_default().merge(r);
    }
    out.for_kids |= zh.1;
    let mut rest = text.to_string();
    for r in blank {
        rest.replace_range(r.clone(), &" ".repeat(r.len()));
    }
    out.rest = rest;
    out
}

#[cfg(test)]
#[path = "facts_tests.rs"]
mod tests;

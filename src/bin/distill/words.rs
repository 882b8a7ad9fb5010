//! The project's whole words (tags, mood presets, lexicon) that the distilled model must
//! know, normalised as the BERT tokenizer normalises.

use std::collections::BTreeSet;
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// Lowercase, strip accents (NFD, drop combining marks), as the BERT normaliser does.
pub fn normalise(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// English words in a phrase: runs of ASCII letters after normalisation. Returns None if the
/// phrase holds anything that is not English-looking (e.g. CJK).
pub fn english_words(phrase: &str) -> Option<Vec<String>> {
    let n = normalise(phrase);
    if n.chars().any(|c| !(c.is_ascii() || c.is_whitespace())) {
        return None;
    }
    Some(
        n.split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
    )
}

/// Whole-word candidates from tags.toml, moods.toml and lexicon.toml (lenient).
pub fn project_words(assets: &Path) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let load = |name: &str| -> Option<toml::Value> {
        let path = assets.join(name);
        let text = std::fs::read_to_string(&path).ok()?;
        match text.parse::<toml::Table>() {
            Ok(t) => Some(toml::Value::Table(t)),
            Err(e) => {
                eprintln!("warning: {}: {e}; skipped", path.display());
                None
            }
        }
    };
    // tags.toml: one table per group, each key a tag ("slow-burn"): the full tag and its parts.
    if let Some(toml::Value::Table(groups)) = load("tags.toml") {
        for (_, group) in groups {
            if let toml::Value::Table(tags) = group {
                for tag in tags.keys() {
                    let n = normalise(tag);
                    if n.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !n.is_empty() {
                        words.insert(n.clone());
                    }
                    if let Some(ws) = english_words(tag) {
                        words.extend(ws);
                    }
                }
            }
        }
    }
    // moods.toml: [[preset]] en = "English name".
    if let Some(v) = load("moods.toml")
        && let Some(presets) = v.get("preset").and_then(|p| p.as_array())
    {
        for p in presets {
            if let Some(ws) = p.get("en").and_then(|e| e.as_str()).and_then(english_words) {
                words.extend(ws);
            }
        }
    }
    // lexicon.toml: English keys, at any depth.
    fn walk(v: &toml::Value, words: &mut BTreeSet<String>) {
        match v {
            toml::Value::Table(t) => {
                for (k, v) in t {
                    if let Some(ws) = english_words(k) {
                        words.extend(ws);
                    }
                    walk(v, words);
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, words)),
            _ => {}
        }
    }
    if let Some(v) = load("lexicon.toml") {
        walk(&v, &mut words);
    }
    words.retain(|w| w.len() >= 2 && w.len() <= 40);
    words
}

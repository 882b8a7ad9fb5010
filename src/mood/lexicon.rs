//! The bilingual lexicon (assets/lexicon.toml): everyday words and phrases mapped to tags.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::weighted;
use crate::catalog::Vocabulary;
use crate::error::{Error, Result};

const LEXICON_TOML: &str = include_str!("../../assets/lexicon.toml");

/// Words → weighted tags, in Chinese and English, with stopwords for both.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub zh: HashMap<String, Vec<(String, f32)>>,
    pub en: HashMap<String, Vec<(String, f32)>>,
    pub stop_zh: HashSet<String>,
    pub stop_en: HashSet<String>,
    /// Longest Chinese entry, in chars (for longest-match scanning).
    pub max_zh_len: usize,
    /// Emoji, by character.
    pub emoji: HashMap<char, Vec<(String, f32)>>,
    /// Chinese words for things no tag names ("武士"), as the English words the embedding
    /// model reads ("samurai"): the model knows English only.
    pub zh_words: HashMap<String, String>,
    /// Words for a country or its people ("japanese", "hong kong", "韩国"), as the country
    /// codes whose films a mood asks for.
    pub countries: HashMap<String, Vec<String>>,
    /// A tag → what a mood that only denies it asks for ("melancholic" → uplifting, warm).
    pub opposites: HashMap<String, Vec<(String, f32)>>,
}

/// Characters that only modify the emoji before them (variation selectors, the joiner, skin
/// tones): passed over.
pub fn emoji_modifier(c: char) -> bool {
    matches!(
        c,
        '\u{FE0E}' | '\u{FE0F}' | '\u{200D}' | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    #[serde(default)]
    stopwords_en: Vec<String>,
    #[serde(default)]
    stopwords_zh: Vec<String>,
    #[serde(default)]
    zh: HashMap<String, Vec<String>>,
    #[serde(default)]
    en: HashMap<String, Vec<String>>,
    #[serde(default)]
    emoji: HashMap<String, Vec<String>>,
    #[serde(default)]
    zh_words: HashMap<String, String>,
    #[serde(default)]
    countries: HashMap<String, Vec<String>>,
    #[serde(default)]
    opposites: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// The built-in lexicon, checked against the vocabulary.
    pub fn builtin(vocab: &Vocabulary) -> Result<Lexicon> {
        Lexicon::parse(LEXICON_TOML, "assets/lexicon.toml", vocab)
    }

    /// Parses a lexicon; every tag must be in the vocabulary.
    pub fn parse(text: &str, file: &str, vocab: &Vocabulary) -> Result<Lexicon> {
        let err = |line: usize, message: String| Error::Parse {
            file: file.into(),
            line,
            message,
        };
        let raw: RawLexicon = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            err(line, e.message().to_string())
        })?;
        // The line of an entry, for errors (found only when one is reported).
        let line_of = |key: &str| {
            text.lines()
                .position(|l| l.contains(&format!("\"{key}\"")))
                .map_or(1, |i| i + 1)
        };
        let convert =
            |map: HashMap<String, Vec<String>>| -> Result<HashMap<String, Vec<(String, f32)>>> {
                let mut out = HashMap::new();
                for (word, tags) in map {
                    // Found only when needed: scanning per word would be quadratic.
                    let line = || line_of(&word);
                    let mut parsed = Vec::new();
                    for t in &tags {
                        let (tag, w) = weighted(t)
                            .ok_or_else(|| err(line(), format!("{word}: bad entry {t:?}")))?;
                        if !vocab.contains(&tag) {
                            return Err(err(
                                line(),
                                format!("{word}: tag {tag:?} is not in the vocabulary"),
                            ));
                        }
                        parsed.push((tag, w));
                    }
                    out.insert(word.to_lowercase(), parsed);
                }
                Ok(out)
            };
        let zh = convert(raw.zh)?;
        let en = convert(raw.en)?;
        let mut emoji = HashMap::new();
        for (key, tags) in convert(raw.emoji)? {
            let mut chars = key.chars().filter(|c| !emoji_modifier(*c));
            match (chars.next(), chars.next()) {
                (Some(c), None) => {
                    emoji.insert(c, tags);
                }
                _ => {
                    let line = line_of(&key);
                    return Err(err(line, format!("{key}: an emoji entry is one character")));
                }
            }
        }
        let mut zh_words = HashMap::new();
        for (word, english) in raw.zh_words {
            let english = english.trim().to_lowercase();
            let plain = !english.is_empty()
                && english
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-');
            if !plain || !word.chars().any(super::is_cjk) {
                let line = line_of(&word);
                return Err(err(
                    line,
                    format!("{word}: a zh_words entry is a Chinese word and English words"),
                ));
            }
            zh_words.insert(word, english);
        }
        let opposites = convert(raw.opposites)?;
        if let Some(tag) = opposites.keys().find(|t| !vocab.contains(t)) {
            let line = line_of(tag);
            return Err(err(
                line,
                format!("{tag}: opposites of a tag not in the vocabulary"),
            ));
        }
        let mut countries = HashMap::new();
        for (word, codes) in raw.countries {
            if let Some(bad) = codes
                .iter()
                .find(|c| crate::catalog::codes::country_name(c).is_none())
            {
                let line = line_of(&word);
                return Err(err(
                    line,
                    format!("{word}: {bad:?} is not a country code of assets/countries.tsv"),
                ));
            }
            countries.insert(word.to_lowercase(), codes);
        }
        let max_zh_len = zh
            .keys()
            .chain(zh_words.keys())
            .chain(countries.keys().filter(|k| k.chars().any(super::is_cjk)))
            .map(|k| k.chars().count())
            .max()
            .unwrap_or(0);
        Ok(Lexicon {
            zh,
            en,
            stop_zh: raw.stopwords_zh.into_iter().collect(),
            stop_en: raw
                .stopwords_en
                .into_iter()
                .map(|s| s.to_lowercase())
                .collect(),
            max_zh_len,
            emoji,
            zh_words,
            countries,
            opposites,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_covers_core_words() {
        let v = Vocabulary::builtin().unwrap();
        let l = Lexicon::builtin(&v).unwrap();
        for w in [
            "孤独", "治愈", "压抑", "悸动", "疏离", "恍然", "潮湿", "焦灼", "空转", "雨夜",
        ] {
            assert!(l.zh.contains_key(w), "missing {w}");
        }
        assert!(l.zh.len() >= 300, "{} zh entries", l.zh.len());
        assert!(l.en.contains_key("loneliness"));
        assert!(l.emoji.contains_key(&'🌧') && l.emoji.contains_key(&'❤'));
    }

    #[test]
    fn chinese_words_for_things_read_as_english_words() {
        let v = Vocabulary::builtin().unwrap();
        let l = Lexicon::builtin(&v).unwrap();
        assert_eq!(l.zh_words.get("武士").map(String::as_str), Some("samurai"));
        let bad = "[zh_words]\n\"武士\" = \"侍\"\n";
        let e = Lexicon::parse(bad, "lex.toml", &v).unwrap_err().to_string();
        assert!(
            e.contains("lex.toml:2") && e.contains("English words"),
            "{e}"
        );
    }

    #[test]
    fn an_emoji_entry_is_one_character() {
        let v = Vocabulary::builtin().unwrap();
        let bad = "[emoji]\n\"🌧🌃\" = [\"rain-soaked\"]\n";
        let e = Lexicon::parse(bad, "lex.toml", &v).unwrap_err().to_string();
        assert!(e.contains("lex.toml") && e.contains("one character"), "{e}");
    }

    #[test]
    fn a_country_entry_names_known_countries() {
        let vocab = crate::catalog::Vocabulary::builtin().unwrap();
        let l = Lexicon::builtin(&vocab).unwrap();
        assert_eq!(l.countries.get("japanese").unwrap(), &["JP"]);
        let bad = "[countries]\n\"atlantean\" = [\"XX\"]\n";
        let e = Lexicon::parse(bad, "lex.toml", &vocab)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("lex.toml") && e.contains(":2") && e.contains("XX"),
            "{e}"
        );
    }
}

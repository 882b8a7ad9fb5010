//! Reading a typed mood word by word (for [`MoodResolver::resolve`]): phrases and words in
//! English and Chinese, emoji, negations, and the countries and decades a mood names.

use std::collections::BTreeMap;

use super::MoodResolver;
use super::query::is_cjk;

/// The first year of a decade a word names: "1970s", "1970's", "70s", "'70s", "seventies".
/// Two-digit decades are of the 1900s, but "00s" and "10s" of the 2000s ("20s" could be
/// either; the film age it names most is the 1920s).
fn decade(w: &str) -> Option<i32> {
    const WORDS: &[(&str, i32)] = &[
        ("twenties", 1920),
        ("thirties", 1930),
        ("forties", 1940),
        ("fifties", 1950),
        ("sixties", 1960),
        ("seventies", 1970),
        ("eighties", 1980),
        ("nineties", 1990),
    ];
    if let Some((_, d)) = WORDS.iter().find(|(n, _)| *n == w) {
        return Some(*d);
    }
    let w = w.trim_start_matches('\'');
    let digits = w.strip_suffix("'s").or_else(|| w.strip_suffix('s'))?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.ends_with('0') {
        return None;
    }
    let n: i32 = digits.parse().ok()?;
    match digits.len() {
        4 if (1880..=2090).contains(&n) => Some(n),
        2 if n <= 10 => Some(2000 + n),
        2 => Some(1900 + n),
        _ => None,
    }
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
    "nor", "anti", "less", "fewer",
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

pub(super) struct Acc {
    pub(super) tags: BTreeMap<String, f32>,
    pub(super) understood: Vec<(String, Vec<String>)>,
    pub(super) unknown: Vec<String>,
    pub(super) words: Vec<String>,
    pub(super) countries: Vec<String>,
    pub(super) decades: Vec<i32>,
    pub(super) fact_words: Vec<String>,
    /// A negation waits for the word it denies.
    pub(super) negate: bool,
    /// Words and phrases denied, in order: they become "less" critiques.
    pub(super) negated: Vec<String>,
}

impl Acc {
    pub(super) fn add(&mut self, word: &str, tags: &[(String, f32)]) {
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

    /// Notes countries the mood names.
    fn countries(&mut self, word: &str, codes: &[String]) {
        self.negate = false;
        self.fact_words.extend(word.split(' ').map(str::to_string));
        for c in codes {
            if !self.countries.contains(c) {
                self.countries.push(c.clone());
            }
        }
    }

    /// Notes a decade the mood names.
    fn decade(&mut self, word: &str, first: i32) {
        self.negate = false;
        self.fact_words.push(word.to_string());
        if !self.decades.contains(&first) {
            self.decades.push(first);
        }
    }

    /// Notes a word nothing knows, once however often it was typed; a denied one ("no
    /// subtitles", "less talk") is denied, for the model to push away rather than read.
    fn unknown(&mut self, word: String) {
        if self.negate {
            return self.add(&word, &[]);
        }
        if !self.unknown.contains(&word) {
            self.unknown.push(word);
        }
    }
}

impl MoodResolver {
    pub(super) fn scan(&self, text: &str, acc: &mut Acc) {
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
                        || self.lexicon.countries.contains_key(&s)
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
                    // A word may name a country and a kind of film at once (日漫: Japan, drawn).
                    if let Some(codes) = self.lexicon.countries.get(&word) {
                        acc.countries(&word, codes);
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
        // A Chinese negation denies the word right after it, not one past a space or a
        // comma ("心情不好 想笑" wants to laugh).
        acc.negate = false;
    }

    fn scan_latin(&self, run: &str, acc: &mut Acc) {
        let words: Vec<&str> = run
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let mut i = 0;
        while i < words.len() {
            // Longest phrase first: up to four words, as a tag (hyphenated) or lexicon entry.
            let place = (1..=2.min(words.len() - i)).rev().find_map(|n| {
                let spaced = words[i..i + n].join(" ");
                self.lexicon.countries.get(&spaced).map(|c| (n, spaced, c))
            });
            if let Some((n, word, codes)) = place {
                acc.countries(&word, codes);
                // "anime" is Japanese and drawn; "bollywood" Indian and sung.
                if let Some(tags) = self.lexicon.en.get(&word) {
                    acc.add(&word, tags);
                }
                i += n;
                continue;
            }
            if let Some(first) = decade(words[i]) {
                acc.decade(words[i], first);
                i += 1;
                continue;
            }
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

    /// Whether the words at the start of `words` (folded) are a word or phrase the mood
    /// lexicon knows as it is: a tag, a lexicon entry, a country, a decade or a stop word
    /// (not a word form only like a tag, as "lynch" is like "lynching").
    pub fn knows_phrase(&self, words: &[&str]) -> bool {
        let Some(first) = words.first() else {
            return false;
        };
        if self.vocab.contains(first)
            || self.lexicon.en.contains_key(*first)
            || self.lexicon.stop_en.contains(*first)
            || self.lexicon.countries.contains_key(*first)
            || NEGATORS_EN.contains(first)
            || decade(first).is_some()
        {
            return true;
        }
        (2..=4.min(words.len())).any(|n| {
            let spaced = words[..n].join(" ");
            self.phrase_tags(&spaced, &words[..n].join("-")).is_some()
                || self.lexicon.countries.contains_key(&spaced)
        })
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

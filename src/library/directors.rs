//! Directors named in a mood: "kubrick", "films by Agnès Varda", "wong kar-wai vibes",
//! "lynchian". The names come from the catalog, so an imported catalog's directors are
//! known too.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::Film;
use crate::mood::MoodResolver;
use crate::text::fold;

/// Particles that belong to a surname ("del Toro", "von Trier", "De Palma").
const PARTICLES: &[&str] = &[
    "de", "del", "della", "di", "da", "von", "van", "le", "la", "du",
];

/// Words around a name that ask for films like the director's rather than by them.
const LIKE_BEFORE: &[&str] = &["like", "la"];
const LIKE_AFTER: &[&str] = &[
    "vibes", "vibe", "style", "esque", "like", "inspired", "type",
];
/// Words before a name that make a common word a name ("by stone", "director ford").
const NAME_CUES: &[&str] = &["by", "like", "la", "director", "directed"];
/// A word that names more directors than this is no name in a mood ("kim", "lee").
const MAX_NAMESAKES: usize = 4;

/// Directors of the catalog, by their full name and by their surname.
#[derive(Debug, Default)]
pub struct DirectorIndex {
    /// Folded name words joined by one space ("wong kar wai") → the names.
    full: HashMap<String, Vec<String>>,
    /// A surname ("kubrick", "trier") → the names.
    word: HashMap<String, Vec<String>>,
    longest: usize,
    /// The directors' names in Chinese ("王家卫").
    zh: super::directors_zh::ZhNames,
}

/// Which words are everyday words: the embedding model's, and the catalog's keywords'.
pub struct Known<'a> {
    pub model: &'a dyn Fn(&str) -> bool,
    pub catalog: &'a dyn Fn(&str) -> bool,
    /// Words the model places near "film director" ("hitchcock", "spielberg", "nolan"; not
    /// "stone" or "young"): names even without a cue.
    pub filmmaker: &'a dyn Fn(&str) -> bool,
}

/// The directors a mood names.
#[derive(Debug, Default, PartialEq)]
pub struct Named {
    /// Directors whose films the mood asks for.
    pub by: Vec<String>,
    /// Directors the mood likens its films to.
    pub like: Vec<String>,
    /// The folded words that named them.
    pub words: Vec<String>,
    /// The text with those words blanked out.
    pub rest: String,
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn add(map: &mut HashMap<String, Vec<String>>, key: String, name: &str) {
    let names = map.entry(key).or_default();
    if !names.iter().any(|n| n == name) {
        names.push(name.to_string());
    }
}

impl DirectorIndex {
    pub fn build(films: &[Film]) -> DirectorIndex {
        let mut ix = DirectorIndex::default();
        let mut seen = std::collections::HashSet::new();
        for f in films {
            for d in f.directors() {
                let name: &str = d.as_ref();
                if !seen.insert(name.to_string()) {
                    continue;
                }
                let w = words(name);
                let Some(last) = w.last() else { continue };
                if w.len() > 1 {
                    ix.longest = ix.longest.max(w.len());
                    add(&mut ix.full, w.join(" "), name);
                }
                add(&mut ix.word, last.clone(), name);
                // "del toro", "von trier".
                if w.len() > 2 && PARTICLES.contains(&w[w.len() - 2].as_str()) {
                    add(&mut ix.full, w[w.len() - 2..].join(" "), name);
                }
                // A family name written first ("Wong Kar-wai", "Bong Joon-ho").
                if w.len() > 2 && !PARTICLES.contains(&w[0].as_str()) && w[0].len() >= 3 {
                    add(&mut ix.word, w[0].clone(), name);
                }
            }
        }
        ix.zh = super::directors_zh::ZhNames::build(seen.iter().map(String::as_str));
        ix
    }

    /// The surnames the index knows.
    pub fn surnames(&self) -> impl Iterator<Item = &str> {
        self.word.keys().map(String::as_str)
    }

    /// Finds the directors `text` names. A surname alone counts when it is no word the mood
    /// lexicon knows, and, if the embedding model knows it as an everyday word ("stone",
    /// "young", "anderson"; not "hitchcock", which it places near "film director"), only with
    /// a cue: "by", "like", a possessive, "-ian"/"-esque", or a capital letter (at the start
    /// of the mood only for a word no keyword of the catalog uses: "Stone cold" is no name).
    pub fn read(&self, text: &str, resolver: &MoodResolver, known: &Known<'_>) -> Named {
        let mut named = Named::default();
        let text = &self.zh.read(text, &mut named);
        let toks = tokens(text);
        let folded: Vec<String> = toks.iter().map(|(w, _)| fold(w)).collect();
        let mut blank: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < toks.len() {
            let before = i.checked_sub(1).map(|b| folded[b].as_str());
            // The full name, longest first.
            let full = (2..=self.longest.min(toks.len() - i)).rev().find_map(|n| {
                let key = (i..i + n)
                    .map(|k| possessive(&folded[k]).0)
                    .collect::<Vec<_>>()
                    .join(" ");
                self.full.get(&key).map(|names| (n, names))
            });
            let (n, names, mut like) = match full {
                Some((n, names)) => (n, names, false),
                None => match self.surname(&folded, &toks, i, before, resolver, known) {
                    Some((names, like)) => (1, names, like),
                    None => {
                        i += 1;
                        continue;
                    }
                },
            };
            like |= before.is_some_and(|b| LIKE_BEFORE.contains(&b));
            let mut end = i + n;
            if let Some(after) = folded.get(end).filter(|a| LIKE_AFTER.contains(&a.as_str())) {
                like = true;
                named.words.push(after.clone());
                end += 1;
            }
            let list = if like { &mut named.like } else { &mut named.by };
            for name in names {
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
            named.words.extend(folded[i..i + n].iter().cloned());
            blank.push(toks[i].1.start..toks[end - 1].1.end);
            i = end;
        }
        let mut rest = text.to_string();
        for r in blank {
            rest.replace_range(r.clone(), &" ".repeat(r.len()));
        }
        named.rest = rest;
        named
    }

    /// A surname at token `i`, with whether its form asks for films like theirs.
    fn surname(
        &self,
        folded: &[String],
        toks: &[(&str, Range<usize>)],
        i: usize,
        before: Option<&str>,
        resolver: &MoodResolver,
        known: &Known<'_>,
    ) -> Option<(&Vec<String>, bool)> {
        let (word, owned) = possessive(&folded[i]);
        let lookup = |w: &str| {
            self.word
                .get(w)
                .filter(|names| names.len() <= MAX_NAMESAKES && w.chars().count() >= 3)
        };
        // "lynchian", "kubrickesque", "tarkovskian" (Tarkovsky), "felliniesque".
        for suffix in ["ian", "esque", "ish"] {
            if let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 3) {
                let stems = [stem.to_string(), format!("{stem}y"), format!("{stem}i")];
                if let Some(names) = stems.iter().find_map(|s| lookup(s)) {
                    return Some((names, true));
                }
            }
        }
        let names = lookup(word)?;
        let next: Vec<&str> = folded[i..].iter().take(4).map(String::as_str).collect();
        if resolver.knows_phrase(&next) {
            return None;
        }
        let capital =
            toks[i].0.starts_with(char::is_uppercase) && (i > 0 || !(known.catalog)(word));
        let cued = owned || capital || before.is_some_and(|b| NAME_CUES.contains(&b));
        (cued || !(known.model)(word) || (known.filmmaker)(word)).then_some((names, false))
    }
}

/// "kubrick's" → ("kubrick", true).
fn possessive(w: &str) -> (&str, bool) {
    match w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
        Some(s) => (s, true),
        None => (w, false),
    }
}

/// The words of `text` with their byte ranges (hyphens split words: "kar-wai").
fn tokens(text: &str) -> Vec<(&str, Range<usize>)> {
    let is_word =
        |_, c: char| (c.is_alphanumeric() && !crate::mood::is_cjk(c)) || c == '\'' || c == '’';
    crate::text::word_spans(text, is_word, |_| false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FilmData;

    fn film(id: i64, directors: &[&str]) -> Film {
        Film::from(FilmData {
            id,
            title: format!("Film {id}"),
            directors: directors.iter().map(|d| d.to_string()).collect(),
            ..FilmData::default()
        })
    }

    fn index() -> DirectorIndex {
        DirectorIndex::build(&[
            film(1, &["Stanley Kubrick"]),
            film(2, &["David Lynch"]),
            film(3, &["Wong Kar-wai"]),
            film(4, &["Guillermo del Toro"]),
            film(5, &["Oliver Stone"]),
            film(6, &["Wes Anderson"]),
            film(7, &["Paul Thomas Anderson"]),
            film(8, &["Andrei Tarkovsky"]),
            film(9, &["Agnès Varda"]),
            film(10, &["Hong Sang-soo"]),
        ])
    }

    fn read(text: &str) -> Named {
        let r = MoodResolver::builtin().unwrap();
        let common = ["stone", "lynch", "wong", "anderson", "hong"];
        let known = Known {
            model: &|w| common.contains(&w),
            catalog: &|w| w == "stone",
            filmmaker: &|w| w == "lynch",
        };
        index().read(text, &r, &known)
    }

    #[test]
    fn names_in_a_mood() {
        assert_eq!(read("something kubrick").by, ["Stanley Kubrick"]);
        assert_eq!(read("kubrick's cold films").by, ["Stanley Kubrick"]);
        assert_eq!(read("films by Agnes Varda").by, ["Agnès Varda"]);
        assert_eq!(read("david lynch nightmares").by, ["David Lynch"]);
        assert_eq!(read("wong kar-wai").by, ["Wong Kar-wai"]);
        assert_eq!(read("del toro fairy tale").by, ["Guillermo del Toro"]);
        assert_eq!(
            read("Anderson").by,
            ["Wes Anderson", "Paul Thomas Anderson"]
        );
        assert_eq!(
            read("by anderson").by,
            ["Wes Anderson", "Paul Thomas Anderson"]
        );
        assert_eq!(read("lynchian dread").like, ["David Lynch"]);
        assert_eq!(read("lynch nightmares").by, ["David Lynch"]);
        assert_eq!(read("tarkovskian").like, ["Andrei Tarkovsky"]);
        assert_eq!(read("like wong kar-wai").like, ["Wong Kar-wai"]);
        assert_eq!(read("wong kar-wai vibes").like, ["Wong Kar-wai"]);
    }

    #[test]
    fn everyday_words_stay_mood_words() {
        for text in [
            "stone cold revenge",
            "Stone cold",
            "hong kong action",
            "lonely",
        ] {
            let n = read(text);
            assert!(n.by.is_empty() && n.like.is_empty(), "{text}: {n:?}");
        }
        // Inside the mood, a capital makes it a name.
        assert_eq!(read("war films by Stone").by, ["Oliver Stone"]);
        assert_eq!(read("paranoid, like Stone").like, ["Oliver Stone"]);
    }

    #[test]
    fn the_name_is_blanked_for_the_mood_words() {
        let n = read("lonely like Wong Kar-wai, rain");
        assert_eq!(
            n.rest.split_whitespace().collect::<Vec<_>>(),
            ["lonely", "like", ",", "rain"]
        );
        assert_eq!(n.words, ["wong", "kar", "wai"]);
    }
}

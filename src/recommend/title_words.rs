//! The words of a title that can name a series (for [`super::series`]): folded, without
//! function words, everyday words or numbers.

/// Words that never mark a series, in the languages titles are mostly in: function words,
/// and the everyday words titles are made of ("love", "night", "man"). A catalog of a few
/// thousand films has each of these in fewer titles than the series index's limit, so rarity
/// alone would pair "In the Mood for Love" with "Love Affair".
#[rustfmt::skip]
const STOP: &[&str] = &[
    // Function words and series furniture.
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "with", "at", "from", "by", "or", "is",
    "my", "your", "our", "his", "her", "their", "it", "its", "this", "that", "no", "not", "all",
    "be", "we", "you", "me", "us", "what", "who", "when", "where", "how", "why", "out", "up",
    "down", "over", "under", "into", "after", "before", "about", "part", "vs", "ii", "iii", "iv",
    "vi", "vii", "viii", "ix", "xi", "xii", "movie", "film", "story", "return", "returns",
    "chapter", "tale", "tales", "volume", "vol", "episode", "edition", "cut", "final",
    // French, Spanish, Italian, Portuguese, German.
    "la", "le", "les", "el", "los", "las", "de", "del", "des", "du", "der", "die", "das", "den",
    "il", "lo", "un", "une", "una", "uno", "et", "y", "e", "en", "au", "aux", "da", "do", "dos",
    "und", "ein", "eine", "im", "am", "von", "zu", "di", "per", "con", "sur", "sous", "pour",
    "avec", "para", "por", "sin", "que",
    // Everyday words of titles.
    "love", "amour", "amor", "amore", "liebe", "night", "nuit", "noche", "notte", "nacht", "day",
    "jour", "dia", "giorno", "tag", "man", "men", "woman", "women", "girl", "boy", "life", "vie",
    "vida", "vita", "leben", "world", "time", "house", "home", "city", "king", "queen", "dark",
    "last", "black", "white", "blue", "red", "big", "little", "good", "bad", "dead", "death",
    "blood", "great", "high", "new", "old", "lost", "secret", "first", "one", "two", "three",
    "summer", "winter", "spring", "autumn", "dream", "heart", "american", "young", "father",
    "mother", "son", "daughter", "brother", "sister", "family", "friend", "road", "street", "sea",
    "sky", "sun", "moon", "light", "fire", "water", "end", "way", "people", "child", "children",
    "kid", "kids", "game", "money", "golden", "long", "lady", "mr", "mrs", "miss", "dr", "saint",
    "sweet", "wild", "dog", "year", "years", "hour", "hours", "live", "living", "happy",
    "beautiful",
];

/// The words of a title that can name a series: folded (case, accents), alphanumeric runs
/// of two or more characters, no stop words, no numbers; a plural "s" dropped from long
/// words ("Aliens" and "Alien" agree); superscripts and other number signs split words
/// ("Alien³" is "Alien").
pub fn title_words(title: &str) -> Vec<String> {
    static STOP_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let stop = STOP_SET.get_or_init(|| STOP.iter().copied().collect());
    let folded = crate::text::fold(title);
    let mut out: Vec<String> = folded
        .split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter(|w| w.chars().count() > 1 && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| !stop.contains(w))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if w.len() > 4 && w.is_ascii() => stem.to_string(),
            _ => w.to_string(),
        })
        .filter(|w| !stop.contains(w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_words_fold_and_drop_what_names_no_series() {
        assert_eq!(title_words("Aliens"), vec!["alien"]);
        assert_eq!(title_words("Alien³"), vec!["alien"]);
        assert_eq!(
            title_words("Mission: Impossible II"),
            vec!["impossible", "mission"]
        );
        assert_eq!(title_words("The Return of the Jedi 1983"), vec!["jedi"]);
        assert_eq!(title_words("Amélie"), vec!["amelie"]);
        assert!(title_words("2046").is_empty());
        assert_eq!(title_words("花样年华"), vec!["花样年华"]);
    }
}

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
    "they", "them", "he", "she", "him", "was", "were", "are",
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
    "beautiful", "once", "upon",
];

/// The words of a title that can name a series: folded (case, accents), alphanumeric runs
/// of two or more characters, no stop words, no numbers; a plural "s" dropped from long
/// words ("Aliens" and "Alien" agree); superscripts and other number signs split words
/// ("Alien³" is "Alien").
pub fn title_words(title: &str) -> Vec<String> {
    let mut out = words_in_order(title);
    out.sort();
    out.dedup();
    out
}

/// Articles a title may lead with that name nothing ("The Avengers" and "Avengers: Age of
/// Ultron" lead alike).
const ARTICLES: &[&str] = &[
    "the", "a", "an", "le", "la", "les", "el", "los", "las", "der", "die", "das", "il", "lo",
];

/// How a title leads, up to and including its first word that can name a series, leading
/// articles dropped: "harry" for "Harry Potter and the Chamber of Secrets", "dark knight" for
/// "The Dark Knight Rises", "in the heat" for "In the Heat of the Sun". Films of one series
/// lead alike ("Jurassic World" and "Jurassic Park", not "Gosford Park"; "Heat" is not "In
/// the Heat of the Sun", nor "The Witch" "The Love Witch"). `None` when no word can.
pub fn series_key(title: &str) -> Option<String> {
    let folded = crate::text::fold(title);
    let mut key = String::new();
    let tokens = folded
        .split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .skip_while(|t| ARTICLES.contains(t));
    for t in tokens {
        let word = stem(t);
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word);
        if names_series(t, &word) {
            return Some(key);
        }
    }
    None
}

/// Words that number a film in its series, besides digits and roman numerals.
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "second", "third", "fourth", "fifth", "sixth",
];

/// Roman numerals a sequel is numbered with.
#[rustfmt::skip]
const ROMAN: &[&str] = &["ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];

/// The whole title folded, its leading articles dropped: two films with the same bare title
/// ("Heat" and "The Heat", "Dune" and "Dune") are namesakes or a remake, not a series.
pub fn bare_title(title: &str) -> String {
    let folded = crate::text::fold(title);
    let tokens: Vec<&str> = folded
        .split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .skip_while(|t| ARTICLES.contains(t))
        .collect();
    tokens.join(" ")
}

/// The numbers of a title after its [`series_key`] ("2" in "Toy Story 2", "ii" in "The
/// Godfather Part II", "twelve" in "Ocean's Twelve", "³" in "Alien³"): titles of one series
/// are told apart by them; "Mirror" and "Mirrors" are not.
pub fn sequel_marks(title: &str) -> Vec<String> {
    let mut marks: Vec<String> = title
        .chars()
        .filter_map(|c| {
            let n = match c {
                '²' => 2,
                '³' => 3,
                '¹' => 1,
                _ => return None,
            };
            Some(n.to_string())
        })
        .collect();
    let folded = crate::text::fold(title);
    let tokens: Vec<&str> = folded
        .split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter(|t| !t.is_empty())
        .collect();
    // The first token can be a number that names the film ("2046", "1917", "Seven Samurai").
    for t in tokens.iter().skip(1) {
        let numbered =
            t.chars().all(|c| c.is_ascii_digit()) || ROMAN.contains(t) || NUMBER_WORDS.contains(t);
        if numbered {
            marks.push(t.trim_start_matches('0').to_string());
        }
    }
    marks.sort();
    marks.dedup();
    marks
}

fn stop_words() -> &'static rustc_hash::FxHashSet<&'static str> {
    static STOP_SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    STOP_SET.get_or_init(|| STOP.iter().copied().collect())
}

/// A plural "s" dropped from long words ("Aliens" and "Alien" agree).
fn stem(w: &str) -> String {
    match w.strip_suffix('s') {
        Some(stem) if w.len() > 4 && w.is_ascii() => stem.to_string(),
        _ => w.to_string(),
    }
}

/// Whether the token `t` (stemmed: `word`) can name a series.
fn names_series(t: &str, word: &str) -> bool {
    let stop = stop_words();
    t.chars().count() > 1
        && !t.chars().all(|c| c.is_ascii_digit())
        && !stop.contains(t)
        && !stop.contains(word)
}

fn words_in_order(title: &str) -> Vec<String> {
    let folded = crate::text::fold(title);
    folded
        .split(|c: char| !(c.is_alphabetic() || c.is_ascii_digit()))
        .filter_map(|t| {
            let word = stem(t);
            names_series(t, &word).then_some(word)
        })
        .collect()
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

    #[test]
    fn films_of_one_series_lead_alike() {
        let key = |t: &str| series_key(t);
        assert_eq!(key("The Dark Knight Rises").as_deref(), Some("dark knight"));
        assert_eq!(key("The Dark Knight"), key("The Dark Knight Rises"));
        assert_eq!(key("The Avengers"), key("Avengers: Age of Ultron"));
        assert_eq!(key("Aliens"), key("Alien³"));
        assert_eq!(
            key("Harry Potter and the Chamber of Secrets"),
            key("Harry Potter and the Philosopher's Stone")
        );
        assert_eq!(key("Toy Story"), key("Toy Story 2"));
        assert_eq!(key("Jurassic Park"), key("Jurassic World"));
        for (a, b) in [
            ("Jurassic Park", "Gosford Park"),
            ("The Green Mile", "8 Mile"),
            ("Casino Royale", "Battle Royale"),
            ("Heat", "In the Heat of the Sun"),
            ("The Witch", "The Love Witch"),
            ("Monster", "Little Monsters"),
            ("The Big Sleep", "Sleep"),
            ("Out of the Past", "Past Lives"),
            ("Pulp Fiction", "American Fiction"),
        ] {
            assert_ne!(key(a), key(b), "{a} / {b}");
        }
        assert_eq!(key("2046"), None);
        assert_eq!(key("The Night"), None);
        assert_eq!(key("花样年华").as_deref(), Some("花样年华"));
    }

    #[test]
    fn namesakes_have_one_bare_title() {
        assert_eq!(bare_title("The Heat"), bare_title("Heat"));
        assert_eq!(bare_title("Dune"), bare_title("DUNE"));
        assert_ne!(bare_title("Aliens"), bare_title("Alien"));
        assert_ne!(bare_title("The Killer"), bare_title("Killers"));
        assert_eq!(bare_title("Le Samouraï"), "samourai");
    }

    #[test]
    fn sequels_are_told_apart_by_their_numbers() {
        assert_eq!(sequel_marks("Toy Story 2"), vec!["2"]);
        assert_eq!(sequel_marks("The Godfather Part II"), vec!["ii"]);
        assert_eq!(sequel_marks("Ocean's Twelve"), vec!["twelve"]);
        assert_eq!(sequel_marks("Alien³"), vec!["3"]);
        assert!(sequel_marks("Toy Story").is_empty());
        assert!(sequel_marks("Mirrors").is_empty());
        assert!(
            sequel_marks("2046").is_empty(),
            "a number that names the film"
        );
        assert!(sequel_marks("Seven Samurai").is_empty());
    }
}

//! A synthetic catalog for benchmarks: any number of films with realistic titles, directors,
//! years, tags from the real vocabulary and keywords from a shared pool, deterministic for a
//! seed. Never written to a user's database; `nightreel bench --synthetic N` uses it.

use crate::catalog::vocab::Vocabulary;
use crate::model::{Film, Watch};
use crate::time::WatchedAt;

const ADJ: &[&str] = &[
    "Silent", "Last", "Neon", "Lonely", "Hidden", "Burning", "Quiet", "Lost", "Crimson", "Endless",
    "Broken", "Distant", "Golden", "Paper", "Midnight", "Winter", "Wild", "Pale", "Secret",
    "Falling", "Electric", "Bitter", "Gentle", "Restless", "Empty", "Frozen",
];
const NOUN: &[&str] = &[
    "Harbour", "River", "Summer", "City", "Mirror", "Garden", "Station", "Letter", "Road",
    "Island", "Night", "Window", "Dream", "Stranger", "Orchard", "Lantern", "Tide", "Forest",
    "Hotel", "Bridge", "Ghost", "Song", "Winter", "Rain", "Promise", "Horizon", "Room",
];
const FIRST: &[&str] = &[
    "Anna", "Kenji", "Marie", "Lucas", "Mei", "Omar", "Sofia", "Ivan", "Aiko", "Pedro", "Lena",
    "Tomás", "Yuki", "Amir", "Chloé", "Jonas", "Hana", "Luca", "Nadia", "Wei",
];
const LAST: &[&str] = &[
    "Moreau",
    "Tanaka",
    "Silva",
    "Kowalski",
    "Chen",
    "Haddad",
    "Lindqvist",
    "Rossi",
    "Park",
    "Novak",
    "Okafor",
    "Müller",
    "García",
    "Ivanova",
    "Sato",
    "Dubois",
    "Khan",
    "Berg",
];
const KEYWORD_WORDS: &[&str] = &[
    "night",
    "train",
    "sister",
    "letter",
    "sea",
    "war",
    "memory",
    "hotel",
    "rain",
    "exile",
    "dance",
    "radio",
    "mother",
    "border",
    "insomnia",
    "snow",
    "factory",
    "wedding",
    "taxi",
    "ghost",
    "heist",
    "village",
    "music",
    "doctor",
    "island",
    "prison",
    "bridge",
    "photograph",
];
const GENRES: &[&str] = &[
    "Drama",
    "Comedy",
    "Romance",
    "Thriller",
    "Crime",
    "Horror",
    "Science Fiction",
    "Mystery",
    "Documentary",
    "Animation",
    "Fantasy",
    "War",
    "Music",
];
const COUNTRIES: &[&str] = &[
    "US", "FR", "JP", "KR", "HK", "TW", "CN", "IT", "DE", "GB", "IR", "IN", "BR", "MX", "SE",
];

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// `n` films with ids 1..=n.
pub fn films(n: usize, vocab: &Vocabulary, seed: u64) -> Vec<Film> {
    let mut rng = Rng(seed);
    let tags: Vec<&str> = vocab.tags.iter().map(|t| t.name.as_str()).collect();
    (1..=n)
        .map(|id| {
            let title = match rng.below(4) {
                0 => format!("The {} {}", rng.pick(ADJ), rng.pick(NOUN)),
                1 => format!("{} of the {}", rng.pick(NOUN), rng.pick(NOUN)),
                2 => format!("{} {} {}", rng.pick(ADJ), rng.pick(NOUN), 2 + rng.below(4)),
                _ => format!("{} {}", rng.pick(ADJ), rng.pick(NOUN)),
            };
            let mut film_tags: Vec<String> = Vec::new();
            while film_tags.len() < 6 + rng.below(4) {
                let t = rng.pick(&tags).to_string();
                if !film_tags.contains(&t) {
                    film_tags.push(t);
                }
            }
            let keywords = (0..3)
                .map(|_| format!("{} {}", rng.pick(KEYWORD_WORDS), rng.pick(KEYWORD_WORDS)))
                .collect();
            Film::from(crate::model::FilmData {
                id: id as i64,
                original_title: title.clone(),
                title,
                year: Some(1920 + rng.below(106) as i32),
                directors: vec![format!("{} {}", rng.pick(FIRST), rng.pick(LAST))],
                countries: vec![rng.pick(COUNTRIES).to_string()],
                languages: vec!["en".into()],
                runtime: Some(70 + rng.below(110) as u32),
                genres: vec![rng.pick(GENRES).to_string()],
                tags: film_tags,
                keywords,
                source: "synthetic".into(),
                ..crate::model::FilmData::default()
            })
        })
        .collect()
}

/// The embedding space of `films` with the built-in model and no cached vectors (every film
/// vector computed), as benchmarks and tests of large catalogs need it.
pub fn space(
    films: &[Film],
    resolver: &crate::mood::MoodResolver,
) -> crate::error::Result<crate::embed::MoodSpace> {
    let (space, _) = crate::embed::MoodSpace::build(
        crate::embed::Embedder::builtin()?,
        films,
        &resolver.vocab,
        resolver.lexicon.stop_en.clone(),
        &Default::default(),
        &Default::default(),
        &mut |_, _| {},
    );
    Ok(space)
}

/// A diary of `n` viewings of random films, rated and some liked, before `now`.
pub fn watches(
    films: &[Film],
    n: usize,
    now: &chrono::DateTime<chrono::FixedOffset>,
    seed: u64,
) -> Vec<Watch> {
    let mut rng = Rng(seed ^ 0x5EED);
    (0..n)
        .map(|i| Watch {
            id: i as i64 + 1,
            film_id: films[rng.below(films.len())].id,
            watched_at: WatchedAt::At(
                *now - chrono::Duration::minutes(30 + rng.below(60 * 24 * 700) as i64),
            ),
            rating: crate::model::Rating::from_halves(1 + rng.below(10) as u8),
            rewatch: false,
            liked: rng.below(4) == 0,
            mood: None,
            mood_after: None,
            note: None,
            source: "synthetic".into(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_well_formed() {
        let v = Vocabulary::builtin().unwrap();
        let a = films(500, &v, 7);
        assert_eq!(a, films(500, &v, 7));
        assert_eq!(a.len(), 500);
        assert!(a.iter().all(|f| (6..=9).contains(&f.tags().len())));
        assert!(a.iter().all(|f| f.tags().iter().all(|t| v.contains(t))));
        let titles: std::collections::HashSet<&str> = a.iter().map(|f| f.title.as_str()).collect();
        assert!(titles.len() > 300, "titles vary: {}", titles.len());
    }
}

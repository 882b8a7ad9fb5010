//! The seed catalog written by this project (assets/catalog/*.jsonl), validated and synced.

use std::collections::HashSet;

use serde::Deserialize;

use super::codes::{country_name, language_name};
use super::vocab::Vocabulary;
use crate::error::{Error, Result};
use crate::model::Film;
use crate::store::{SeedReport, Store};
use crate::text::title_key;

/// The seed files, built into the binary.
pub const SEED_FILES: &[(&str, &str)] = &[
    (
        "assets/catalog/asia.jsonl",
        include_str!("../../assets/catalog/asia.jsonl"),
    ),
    (
        "assets/catalog/japan.jsonl",
        include_str!("../../assets/catalog/japan.jsonl"),
    ),
    (
        "assets/catalog/east-asia.jsonl",
        include_str!("../../assets/catalog/east-asia.jsonl"),
    ),
    (
        "assets/catalog/europe.jsonl",
        include_str!("../../assets/catalog/europe.jsonl"),
    ),
    (
        "assets/catalog/europe-more.jsonl",
        include_str!("../../assets/catalog/europe-more.jsonl"),
    ),
    (
        "assets/catalog/americas.jsonl",
        include_str!("../../assets/catalog/americas.jsonl"),
    ),
    (
        "assets/catalog/americas-modern.jsonl",
        include_str!("../../assets/catalog/americas-modern.jsonl"),
    ),
    (
        "assets/catalog/world.jsonl",
        include_str!("../../assets/catalog/world.jsonl"),
    ),
];

/// The genres a seed film may carry.
pub const GENRES: &[&str] = &[
    "Action",
    "Adventure",
    "Animation",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Family",
    "Fantasy",
    "History",
    "Horror",
    "Music",
    "Musical",
    "Mystery",
    "Romance",
    "Science Fiction",
    "Thriller",
    "War",
    "Western",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedRow {
    title: String,
    original_title: String,
    year: i32,
    directors: Vec<String>,
    countries: Vec<String>,
    languages: Vec<String>,
    runtime: u32,
    genres: Vec<String>,
    tags: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    #[serde(default)]
    tmdb_id: Option<i64>,
    #[serde(default)]
    imdb_id: Option<String>,
}

/// The parsed seed catalog: films with their stable keys, and a hash of the source text.
#[derive(Debug, Clone)]
pub struct SeedCatalog {
    pub films: Vec<(String, Film)>,
    pub hash: String,
}

/// A stable hash (FNV-1a, 64 bit) of the seed files and the vocabulary.
pub fn builtin_hash() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let texts = SEED_FILES
        .iter()
        .map(|(_, t)| *t)
        .chain([super::vocab::TAGS_TOML]);
    for text in texts {
        for b in text.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The key that identifies a seed film across asset edits: its title key and year.
pub fn seed_key(title: &str, year: i32) -> String {
    format!("{}|{year}", title_key(title))
}

impl SeedCatalog {
    /// Parses and validates the built-in seed catalog.
    pub fn builtin() -> Result<SeedCatalog> {
        let vocab = Vocabulary::builtin()?;
        let mut films = Vec::new();
        let mut keys = HashSet::new();
        for (file, text) in SEED_FILES {
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let film = parse_line(line, &vocab).map_err(|message| Error::Parse {
                    file: (*file).to_string(),
                    line: i + 1,
                    message,
                })?;
                let key = seed_key(&film.title, film.year.unwrap_or(0));
                if !keys.insert(key.clone()) {
                    return Err(Error::Parse {
                        file: (*file).to_string(),
                        line: i + 1,
                        message: format!("{} appears twice in the seed catalog", film.label()),
                    });
                }
                films.push((key, film));
            }
        }
        Ok(SeedCatalog {
            films,
            hash: builtin_hash(),
        })
    }
}

fn parse_line(line: &str, vocab: &Vocabulary) -> std::result::Result<Film, String> {
    let row: SeedRow = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let label = format!("{} ({})", row.title, row.year);
    let check = |ok: bool, what: String| {
        if ok {
            Ok(())
        } else {
            Err(format!("{label}: {what}"))
        }
    };
    check(!row.title.trim().is_empty(), "empty title".into())?;
    check(
        !row.original_title.trim().is_empty(),
        "empty original_title".into(),
    )?;
    check(
        (1880..=2030).contains(&row.year),
        format!("implausible year {}", row.year),
    )?;
    check(!row.directors.is_empty(), "no director".into())?;
    check(
        (1..=1000).contains(&row.runtime),
        format!("implausible runtime {}", row.runtime),
    )?;
    check(!row.countries.is_empty(), "no country".into())?;
    check(!row.languages.is_empty(), "no language".into())?;
    check(
        (4..=12).contains(&row.tags.len()),
        format!("{} tags (want 4–12)", row.tags.len()),
    )?;
    for c in &row.countries {
        check(
            country_name(c).is_some(),
            format!("unknown country code {c:?}"),
        )?;
    }
    for l in &row.languages {
        check(
            language_name(l).is_some(),
            format!("unknown language code {l:?}"),
        )?;
    }
    for g in &row.genres {
        check(GENRES.contains(&g.as_str()), format!("unknown genre {g:?}"))?;
    }
    for t in &row.tags {
        check(
            vocab.contains(t),
            format!("tag {t:?} is not in assets/tags.toml"),
        )?;
    }
    Ok(Film::from(crate::model::FilmData {
        id: 0,
        title: row.title,
        original_title: row.original_title,
        year: Some(row.year),
        directors: row.directors,
        countries: row.countries,
        languages: row.languages,
        runtime: Some(row.runtime),
        genres: row.genres,
        tags: row.tags,
        keywords: row.keywords,
        source: "seed".into(),
        tmdb_id: row.tmdb_id,
        imdb_id: row.imdb_id,
    }))
}

/// Seeds a new database, or re-syncs the seed films when assets/ changed. A database made
/// with `db init --empty` is left without seed films. Returns what changed, if anything.
pub fn ensure_seeded(store: &mut Store) -> Result<Option<SeedReport>> {
    if store.meta("seed")?.as_deref() == Some("none") {
        return Ok(None);
    }
    let hash = builtin_hash();
    if store.meta("seed_hash")?.as_deref() == Some(hash.as_str()) {
        return Ok(None);
    }
    let catalog = SeedCatalog::builtin()?;
    let films: Vec<_> = (catalog.films.iter())
        .map(|(key, f)| (key.clone(), f.data()))
        .collect();
    let report = store.sync_seed(&films, &catalog.hash)?;
    tracing::info!("seed catalog synced: {report:?}");
    Ok(Some(report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_is_valid() {
        let c = SeedCatalog::builtin().unwrap();
        assert!(!c.films.is_empty());
    }

    #[test]
    fn bad_rows_name_the_problem() {
        let v = Vocabulary::builtin().unwrap();
        let ok = r#"{"title":"T","original_title":"T","year":2000,"directors":["D"],"countries":["FR"],"languages":["fr"],"runtime":90,"genres":["Drama"],"tags":["lonely","quiet","dawn","tender"],"keywords":[]}"#;
        assert!(parse_line(ok, &v).is_ok());
        let bad_tag = ok.replace("\"tender\"", "\"sparkly\"");
        assert!(parse_line(&bad_tag, &v).unwrap_err().contains("sparkly"));
        let bad_country = ok.replace("\"FR\"", "\"ZZ\"");
        assert!(parse_line(&bad_country, &v).unwrap_err().contains("ZZ"));
        assert!(parse_line("{not json", &v).is_err());
    }

    #[test]
    fn seeding_is_idempotent_and_skipped_when_empty() {
        let mut s = Store::open_in_memory().unwrap();
        let first = ensure_seeded(&mut s).unwrap().unwrap();
        assert!(first.inserted > 0);
        assert!(ensure_seeded(&mut s).unwrap().is_none());
        let mut empty = Store::open_in_memory().unwrap();
        empty.set_meta("seed", "none").unwrap();
        assert!(ensure_seeded(&mut empty).unwrap().is_none());
        assert_eq!(empty.counts().unwrap().0, 0);
    }
}

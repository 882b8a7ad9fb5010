//! Moods that say more than a feeling, on the seed catalog: how long the film may run, who
//! is watching, which director, and words typed wrong.

use std::path::Path;

use nightreel::config::Config;
use nightreel::library::Library;
use nightreel::model::Film;
use nightreel::time::Clock;

fn open(db: &Path) -> Library {
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).unwrap();
    Library::open(db, Config::default(), clock).unwrap().0
}

fn top<'a>(lib: &'a Library, mood: &str, n: usize) -> Vec<&'a Film> {
    lib.recommend(&lib.mood(mood), n)
        .unwrap()
        .iter()
        .map(|r| lib.film(r.film_id).unwrap())
        .collect()
}

#[test]
fn a_mood_that_says_how_long_keeps_films_of_that_length() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    let short = top(&lib, "something sad, under 90 minutes", 10);
    assert_eq!(short.len(), 10);
    for f in &short {
        assert!(
            f.runtime.is_some_and(|r| r <= 90),
            "{} {:?}",
            f.title,
            f.runtime
        );
    }
    let long = top(&lib, "epic, over 3 hours", 10);
    assert_eq!(long.len(), 10);
    for f in &long {
        assert!(
            f.runtime.is_some_and(|r| r >= 180),
            "{} {:?}",
            f.title,
            f.runtime
        );
    }
    // The words of the length are no mood words: the query is the query of "sad" alone.
    let space = lib.space().unwrap();
    let (with, without) = (lib.mood("something sad, under 90 minutes"), lib.mood("sad"));
    assert_eq!(with.tags, without.tags);
    assert_eq!(space.query_vector(&with), space.query_vector(&without));
    let q = lib.mood("两小时以内的悲伤电影");
    assert_eq!(q.runtime.and_then(|r| r.max), Some(120));
    assert!(q.facts().contains(&"under 2 hours".to_string()), "{q:?}");
}

#[test]
fn a_mood_for_children_keeps_family_films() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    for mood in [
        "family movie night",
        "something scary for the kids",
        "合家欢",
    ] {
        let films = top(&lib, mood, 10);
        assert_eq!(films.len(), 10, "{mood}");
        for f in films {
            let genres: Vec<&str> = f.genres().iter().map(|g| g.as_ref()).collect();
            assert!(
                genres.iter().any(|g| ["Family", "Animation"].contains(g))
                    && !genres.contains(&"Horror"),
                "{mood}: {} {genres:?}",
                f.title
            );
        }
    }
    // "family" alone is a theme: family dramas stay.
    assert!(!lib.mood("family drama").for_kids);
}

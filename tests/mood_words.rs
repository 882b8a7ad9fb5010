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

#[test]
fn a_mood_that_names_a_director_keeps_or_leans_to_their_films() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    let by = |f: &Film, name: &str| f.directors().iter().any(|d| d.as_ref() == name);
    for (mood, name) in [
        ("kubrick", "Stanley Kubrick"),
        ("films by Agnes Varda", "Agnès Varda"),
        ("wong kar-wai, rain", "Wong Kar-wai"),
        ("tarkovsky's long takes", "Andrei Tarkovsky"),
        ("hitchcock", "Alfred Hitchcock"),
        ("spielberg adventure", "Steven Spielberg"),
        // In Chinese, Simplified or Traditional, and a Japanese spelling.
        ("王家卫的电影", "Wong Kar-wai"),
        ("是枝裕和 温暖", "Hirokazu Kore-eda"),
        ("黒澤明", "Akira Kurosawa"),
        ("大衛·林奇", "David Lynch"),
    ] {
        let films = top(&lib, mood, 5);
        assert_eq!(films.len(), 5, "{mood}");
        assert!(films.iter().all(|f| by(f, name)), "{mood}");
    }
    // "like" a director: their films lean the list, other directors' films are in it.
    let like = top(&lib, "lynchian dread", 10);
    let lynch = like.iter().filter(|f| by(f, "David Lynch")).count();
    assert!((1..10).contains(&lynch), "{lynch}");
    let q = lib.mood("像塔可夫斯基那样, 下雨");
    assert_eq!(q.like, ["Andrei Tarkovsky"], "{q:?}");
    assert!(
        q.directors.is_empty() && q.weight("rain-soaked") > 0.0,
        "{q:?}"
    );
    let plain = top(&lib, "dread", 10);
    assert!(!plain.iter().any(|f| by(f, "David Lynch")));
    // Everyday words and places stay mood words.
    for mood in [
        "stone cold revenge",
        "hong kong action",
        "young love",
        "green",
    ] {
        let q = lib.mood(mood);
        assert!(q.directors.is_empty() && q.like.is_empty(), "{mood}: {q:?}");
    }
}

#[test]
fn a_misspelt_word_is_read_as_the_word_nearest_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    let q = lib.mood("lonley and melancolic");
    assert_eq!(
        q.corrections,
        [
            ("lonley".to_string(), "lonely".to_string()),
            ("melancolic".to_string(), "melancholic".to_string())
        ]
    );
    assert!(q.unknown.is_empty() && q.weight("lonely") > 0.0, "{q:?}");
    assert_eq!(
        lib.recommend(&q, 5).unwrap(),
        lib.recommend(&lib.mood("lonely and melancholic"), 5)
            .unwrap()
    );
    assert_eq!(lib.mood("kubrik").directors, ["Stanley Kubrick"]);
    // Nothing near: still not understood.
    let q = lib.mood("qwzxv");
    assert!(q.corrections.is_empty() && q.unknown == ["qwzxv"], "{q:?}");
    // A short word is guessed only among mood words: "asdf" was read as "asif" and kept the
    // list to K. Asif's one film.
    let q = lib.mood("asdf qwer");
    assert!(q.corrections.is_empty() && q.directors.is_empty(), "{q:?}");
}

#[test]
fn the_catalogs_own_words_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    for word in ["yakuza", "giallo"] {
        let q = lib.mood(word);
        assert!(q.unknown.is_empty() && q.corrections.is_empty(), "{q:?}");
        let films = top(&lib, word, 3);
        assert!(
            films
                .iter()
                .any(|f| f.keywords().iter().any(|k| k.contains(word))),
            "{word}"
        );
    }
}

#[test]
fn a_mood_that_names_a_film_leans_to_it_and_leaves_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    let q = lib.mood("something like Chungking Express");
    assert_eq!(q.like, ["Chungking Express (1994)"]);
    let films = top(&lib, "something like Chungking Express", 10);
    let titles: Vec<String> = films.iter().map(|f| f.title.to_string()).collect();
    assert!(
        !titles.contains(&"Chungking Express".to_string()),
        "{titles:?}"
    );
    // Wong Kar-wai's companion piece to it is near.
    assert!(titles.contains(&"Fallen Angels".to_string()), "{titles:?}");
    // "similar to" is a cue, not a mood word; everyday words after "like" are no titles.
    assert!(lib.mood("similar to In the Mood for Love").tags.is_empty());
    for mood in ["feels like home", "like nothing else", "like rain"] {
        assert!(lib.mood(mood).like.is_empty(), "{mood}");
    }
}

/// A thing a film is about ("samurai", "detective": words of the catalog's keywords) weighs as
/// much as a feeling: every film at the top answers both parts.
#[test]
fn a_subject_weighs_as_much_as_a_feeling() {
    let dir = tempfile::tempdir().unwrap();
    let lib = open(&dir.path().join("n.db"));
    for (mood, subject) in [
        ("samurai revenge", &["samurai", "ronin"][..]),
        ("detective noir", &["detective", "noir"][..]),
    ] {
        let films = top(&lib, mood, 5);
        assert_eq!(films.len(), 5, "{mood}");
        for f in films {
            let about = f
                .keywords()
                .iter()
                .chain(f.tags())
                .any(|k| subject.iter().any(|s| k.as_ref().contains(s)));
            assert!(about, "{mood}: {} {:?}", f.title, f.keywords());
        }
    }
    let q = lib.mood("vampire romance");
    assert_eq!(q.subjects, ["vampire"], "{q:?}");
    // A tag is no subject; nor is a word the catalog does not use.
    assert!(lib.mood("lonely qwzxv").subjects.is_empty());
}

//! Tests of `recommend::series::same_series`: what makes two films one series.

use super::*;

/// Titles that lead alike make a series between alike films, or between less alike ones
/// numbered apart; titles that lead otherwise never do.
#[test]
fn a_series_needs_titles_that_lead_alike_and_films_alike_or_numbered() {
    let resolver = crate::mood::MoodResolver::builtin().unwrap();
    let mut films = crate::synth::films(400, &resolver.vocab, 5);
    // Film 0 is known by its title alone.
    let none: [&str; 0] = [];
    for list in [
        crate::film::List::Tags,
        crate::film::List::Keywords,
        crate::film::List::Genres,
    ] {
        films[0].set(list, &none);
    }
    let space = crate::synth::space(&films, &resolver).unwrap();
    assert!(!space.is_described(0) && space.is_described(1));
    let m = space.matrix();
    let cos = |a: usize, b: usize| m.row_cosine(a, b);
    let pairs: Vec<(usize, usize)> = (1..60)
        .flat_map(|a| (a + 1..m.len()).map(move |b| (a, b)))
        .collect();
    // The pair whose cosine is nearest `target`.
    let near = |target: f32| {
        *pairs
            .iter()
            .min_by(|x, y| {
                (cos(x.0, x.1) - target)
                    .abs()
                    .total_cmp(&(cos(y.0, y.1) - target).abs())
            })
            .unwrap()
    };
    let (unlike, middle, alike) = (near(0.1), near(0.4), near(0.8));
    assert!(
        cos(unlike.0, unlike.1) < SEQUEL_MIN_COSINE,
        "no unlike pair"
    );
    let c = cos(middle.0, middle.1);
    assert!(
        (SEQUEL_MIN_COSINE..SERIES_MIN_COSINE).contains(&c),
        "no middle pair: {c}"
    );
    assert!(cos(alike.0, alike.1) >= SERIES_MIN_COSINE, "no alike pair");
    let titled = |pair: (usize, usize), a: &str, b: &str| {
        let mut t = films.clone();
        for (row, title) in [(pair.0, a), (pair.1, b)] {
            t[row] = Film::from(crate::model::FilmData {
                title: title.into(),
                ..t[row].data()
            });
        }
        same_series(&space, &t, pair.0, pair.1)
    };
    assert!(titled(alike, "Zanzibar Chronicle", "Zanzibar Tales"));
    assert!(titled(alike, "The Zanzibar", "Zanzibar 2"));
    assert!(!titled(
        alike,
        "Zanzibar Chronicle",
        "Chronicle of Zanzibar"
    ));
    assert!(titled(middle, "Zanzibar", "Zanzibar II"));
    assert!(!titled(middle, "Zanzibar", "Zanzibars"));
    assert!(titled(
        middle,
        "Zanzibar Chronicle",
        "Zanzibar Chronicle: Dawn"
    ));
    assert!(!titled(middle, "Zanzibar Chronicle", "Zanzibar Tales"));
    assert!(!titled(unlike, "Zanzibar", "Zanzibar 2"));
    // The same title twice is a namesake or a remake, however alike.
    assert!(!titled(alike, "Zanzibar", "The Zanzibar"));
    // Namesakes made apart: another language in another country is another film, however
    // alike; a shared country or language keeps the series.
    let made = |pair: (usize, usize), a: (&str, &str, &str), b: (&str, &str, &str)| {
        let mut t = films.clone();
        for (row, (title, language, country)) in [(pair.0, a), (pair.1, b)] {
            t[row] = Film::from(crate::model::FilmData {
                title: title.into(),
                languages: vec![language.into()],
                countries: vec![country.into()],
                ..t[row].data()
            });
        }
        same_series(&space, &t, pair.0, pair.1)
    };
    assert!(!made(
        alike,
        ("The Zanzibar", "zh", "HK"),
        ("Zanzibars", "en", "US")
    ));
    assert!(made(
        alike,
        ("The Zanzibar", "en", "GB"),
        ("Zanzibars", "en", "US")
    ));
    assert!(made(
        alike,
        ("The Zanzibar", "ja", "JP"),
        ("Zanzibars", "en", "JP")
    ));
    assert!(!made(
        alike,
        ("Zanzibar", "ja", "JP"),
        ("Zanzibar 2", "en", "US")
    ));
    // A film known by its title alone: the same words numbered apart, whatever its vector.
    for other in [unlike.1, alike.1] {
        assert!(titled((0, other), "Zanzibar", "Zanzibar 2"));
        assert!(titled(
            (0, other),
            "Zanzibar Chronicle III",
            "The Zanzibar Chronicle"
        ));
        assert!(!titled((0, other), "Zanzibar Chronicle", "Zanzibar 2"));
        assert!(!titled((0, other), "Zanzibar", "Zanzibar Chronicle"));
    }
}

//! Tests of films: every field and list kept, lists replaced alone, the reused buffer.

use super::*;

fn data() -> FilmData {
    FilmData {
        id: 7,
        title: "Chungking Express".into(),
        original_title: "重慶森林".into(),
        year: Some(1994),
        directors: vec!["Wong Kar-wai".into()],
        countries: vec!["HK".into()],
        languages: vec!["cn".into(), "ja".into()],
        runtime: Some(102),
        genres: vec!["Drama".into(), "Romance".into()],
        tags: vec!["neon".into(), "loneliness".into()],
        keywords: vec![],
        source: "seed".into(),
        tmdb_id: Some(11104),
        imdb_id: Some("tt0109424".into()),
    }
}

#[test]
fn a_film_keeps_every_field_and_list() {
    let d = data();
    let f = Film::from(d.clone());
    assert_eq!(f.data(), d);
    assert_eq!(f.languages(), ["cn", "ja"]);
    assert!(f.keywords().is_empty());
    assert_eq!(f.label(), "Chungking Express (1994)");
    let json = serde_json::to_string(&f).unwrap_or_default();
    assert_eq!(json, serde_json::to_string(&d).unwrap_or_default());
    let back: Film = serde_json::from_str(&json).unwrap_or_default();
    assert_eq!(back, f);
}

#[test]
fn replacing_a_list_leaves_the_others() {
    let mut f = Film::from(data());
    f.set(List::Countries, &["HK", "FR"]);
    f.set(List::Keywords, &["rain"]);
    assert_eq!(f.countries(), ["HK", "FR"]);
    assert_eq!(f.genres(), ["Drama", "Romance"]);
    assert_eq!(f.keywords(), ["rain"]);
    assert_eq!(f.tags(), ["neon", "loneliness"]);
}

#[test]
fn a_reused_list_buffer_builds_each_film_alone() {
    let mut buf = ListBuf::default();
    let head = |id| FilmHead {
        id,
        ..FilmHead::default()
    };
    buf.push(Sym::new("Wong Kar-wai"));
    buf.end_list();
    buf.push(Sym::new("HK"));
    buf.push(Sym::new("oops"));
    buf.reset_list();
    buf.push(Sym::new("FR"));
    buf.end_list();
    let a = buf.film(head(1));
    assert_eq!(a.directors(), ["Wong Kar-wai"]);
    assert_eq!(a.countries(), ["FR"]);
    assert!(a.tags().is_empty() && a.keywords().is_empty());
    for _ in 0..5 {
        buf.end_list();
    }
    buf.push(Sym::new("rain"));
    let b = buf.film(head(2));
    assert_eq!(b.keywords(), ["rain"]);
    assert!(b.directors().is_empty() && b.countries().is_empty());
    buf.push(Sym::new("x"));
    buf.reset_list();
    let c = buf.film(head(3));
    assert_eq!(
        c.data(),
        Film::from(FilmData {
            id: 3,
            ..FilmData::default()
        })
        .data()
    );
}

#[test]
fn a_film_is_small() {
    assert!(
        std::mem::size_of::<Film>() <= 160,
        "{}",
        std::mem::size_of::<Film>()
    );
}

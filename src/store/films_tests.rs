//! Tests of the films table: list columns, seed sync, JSON lists.

use super::*;

#[test]
fn list_columns_read_alike_with_or_without_the_json_parser() {
    let cases = [
        r#"[]"#,
        r#"["a"]"#,
        r#"[ "Wong Kar-wai" , "雨" ]"#,
        r#"["a","b","c"]"#,
        r#"["with \"quote\"","x"]"#,
        r#"["tab\tin"]"#,
        "[\"raw\tcontrol\"]",
        r#"["a",]"#,
        r#"["a" "b"]"#,
        r#"["a"#,
        r#"[1, 2]"#,
        r#"not json"#,
        r#"[""]"#,
        r#"["]"]"#,
        r#"["a\u00e9"]"#,
    ];
    for c in cases {
        let json: Vec<Sym> = serde_json::from_str(c).unwrap_or_default();
        // Read as the second list of a film, after a list that must stay whole.
        let mut buf = ListBuf::default();
        buf.push(Sym::new("before"));
        buf.end_list();
        let plain = plain_list(c, &mut buf);
        if !plain {
            buf.reset_list();
            let names: Vec<Sym> = serde_json::from_str(c).unwrap_or_default();
            names.into_iter().for_each(|n| buf.push(n));
        }
        let f = buf.film(FilmHead::default());
        assert_eq!(f.directors(), ["before"], "{c}");
        assert_eq!(f.countries(), json.as_slice(), "{c}");
    }
    assert!(plain_list(r#"["a", "b"]"#, &mut ListBuf::default()));
    assert!(!plain_list(r#"["a\"b"]"#, &mut ListBuf::default()));
}

fn film(title: &str, year: i32) -> FilmData {
    FilmData {
        title: title.into(),
        original_title: title.into(),
        year: Some(year),
        directors: vec!["Someone".into()],
        tags: vec!["lonely".into()],
        source: "seed".into(),
        ..FilmData::default()
    }
}

#[test]
fn seed_sync_inserts_updates_and_removes() {
    let mut s = Store::open_in_memory().unwrap();
    let a = ("a|2000".to_string(), film("A", 2000));
    let b = ("b|2001".to_string(), film("B", 2001));
    let r = s.sync_seed(&[a.clone(), b.clone()], "h1").unwrap();
    assert_eq!(r.inserted, 2);
    let mut a2 = a.clone();
    a2.1.runtime = Some(99);
    let r = s.sync_seed(&[a2], "h2").unwrap();
    assert_eq!((r.inserted, r.updated, r.removed), (0, 1, 1));
    let films = s.films().unwrap();
    assert_eq!(films.len(), 1);
    assert_eq!(films[0].runtime, Some(99));
    assert_eq!(s.meta("seed_hash").unwrap().as_deref(), Some("h2"));
}

#[test]
fn reseed_keeps_diary_watchlist_and_imported_films() {
    use crate::model::NewWatch;
    use crate::time::WatchedAt;
    let mut s = Store::open_in_memory().unwrap();
    let a = ("a|2000".to_string(), film("A", 2000));
    let b = ("b|2001".to_string(), film("B", 2001));
    let c = ("c|2002".to_string(), film("C", 2002));
    s.sync_seed(&[a.clone(), b.clone(), c.clone()], "h1")
        .unwrap();
    let mut imported = film("Mine", 2010);
    imported.source = "import:letterboxd".into();
    let mine = s.insert_film(&imported).unwrap();
    let id_of = |s: &Store, t: &str| s.films().unwrap().iter().find(|f| f.title == t).unwrap().id;
    let (ida, idb) = (id_of(&s, "A"), id_of(&s, "B"));
    let at = WatchedAt::Date(chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap());
    for film_id in [ida, idb, mine] {
        s.insert_watch(&NewWatch {
            film_id,
            watched_at: at,
            rating: None,
            rewatch: false,
            liked: false,
            mood: None,
            mood_after: None,
            note: Some("kept".into()),
            source: "nightreel".into(),
        })
        .unwrap();
    }
    s.toggle_watchlist(id_of(&s, "C")).unwrap();
    // The assets change: A is edited, B and C leave, D arrives.
    let mut a2 = a.clone();
    a2.1.tags = vec!["warm".into()];
    let d = ("d|2003".to_string(), film("D", 2003));
    let r = s.sync_seed(&[a2, d], "h2").unwrap();
    assert_eq!((r.inserted, r.retired, r.removed), (1, 2, 0));
    let films = s.films().unwrap();
    let titles: Vec<&str> = films.iter().map(|f| f.title.as_str()).collect();
    for t in ["A", "B", "C", "D", "Mine"] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    assert_eq!(
        films.iter().find(|f| f.title == "A").unwrap().tags(),
        vec!["warm"]
    );
    assert_eq!(
        id_of(&s, "A"),
        ida,
        "an edited seed film keeps its id, so its viewings stay"
    );
    let watches = s.watches().unwrap();
    assert_eq!(watches.len(), 3);
    assert!(watches.iter().all(|w| w.note.as_deref() == Some("kept")));
    assert_eq!(s.watchlist().unwrap(), vec![id_of(&s, "C")]);
    let mine_after = films.iter().find(|f| f.title == "Mine").unwrap();
    assert_eq!(mine_after.source, "import:letterboxd");
}

#[test]
fn json_lists_roundtrip() {
    let s = Store::open_in_memory().unwrap();
    let mut f = film("花樣年華", 2000);
    f.countries = vec!["HK".into(), "FR".into()];
    let id = s.insert_film(&f).unwrap();
    let back = s.film(id).unwrap().unwrap();
    assert_eq!(back.countries(), f.countries);
    assert_eq!(back.title, "花樣年華");
}

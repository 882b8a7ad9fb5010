//! Importers and exporters on the real reference files in ../shared/data (skipped with a
//! visible line when absent) and on broken files made here.

use std::path::{Path, PathBuf};
use std::process::Command;

use nightreel::config::Config;
use nightreel::import::{Format, Summary};
use nightreel::library::Library;
use nightreel::time::Clock;
use tempfile::TempDir;

const NOW: &str = "2026-11-25T01:30:00+08:00";

/// The reference data folder, or `None` (after saying so) when it is absent.
fn data() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if p.join("MANIFEST.md").is_file() {
        Some(p)
    } else {
        println!("SKIPPED: ../shared/data not found");
        None
    }
}

fn open(dir: &TempDir) -> Library {
    let clock = Clock::from_option(Some(NOW)).unwrap();
    Library::open(&dir.path().join("n.db"), Config::default(), clock)
        .unwrap()
        .0
}

fn import(lib: &mut Library, format: Format, path: &Path) -> nightreel::Result<Summary> {
    lib.import(format, path, &mut |_, _| {})
}

fn counts(lib: &Library) -> (i64, i64, i64) {
    lib.store().counts().unwrap()
}

fn csv_rows(path: &Path) -> usize {
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records().count()
}

#[test]
fn letterboxd_exports_import_fully_and_only_once() {
    let Some(data) = data() else { return };
    for user in ["extratone", "niveskz", "melvincarvalho"] {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = open(&dir);
        let (films0, _, _) = counts(&lib);
        let export = data.join("letterboxd").join(user);
        let s = import(&mut lib, Format::Letterboxd, &export).unwrap();
        let diary_rows = csv_rows(&export.join("diary.csv"));
        println!(
            "{user}: read {}, imported {}, matched {}, created {}, skipped {}",
            s.read, s.imported, s.matched, s.created, s.skipped
        );
        assert!(s.errors.is_empty(), "{user}: {:?}", s.errors);
        assert_eq!(s.read, s.imported + s.skipped, "{user}");
        let (films, watches, _) = counts(&lib);
        // Every diary row is a viewing, nothing else is, and every new film was counted.
        assert_eq!(watches as usize, diary_rows, "{user}");
        assert_eq!((films - films0) as usize, s.created, "{user}");
        assert!(s.matched > 0, "{user}: nothing matched the catalog");
        assert!(
            lib.watches()
                .iter()
                .all(|w| w.watched_at.moment().is_none() && w.source == "import:letterboxd")
        );
        // Again: nothing new.
        let again = import(&mut lib, Format::Letterboxd, &export).unwrap();
        assert_eq!(again.imported, 0, "{user}: {again:?}");
        assert_eq!(again.created, 0, "{user}");
        assert_eq!(counts(&lib), (films, watches, counts(&lib).2));
    }
}

#[test]
fn letterboxd_details_attach() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let export = data.join("letterboxd/extratone");
    let s = import(&mut lib, Format::Letterboxd, &export).unwrap();
    let watchlist_rows = csv_rows(&export.join("watchlist.csv"));
    assert_eq!(counts(&lib).2 as usize, watchlist_rows);
    assert!(
        !s.skipped_reasons
            .contains_key("watchlist: already on the watchlist")
    );
    // 107 rewatches and 23 tagged rows in the diary (MANIFEST.md).
    assert_eq!(lib.watches().iter().filter(|w| w.rewatch).count(), 107);
    // A film with several diary rows has several viewings.
    let per_film = lib
        .watches()
        .iter()
        .fold(std::collections::HashMap::new(), |mut m, w| {
            *m.entry(w.film_id).or_insert(0) += 1;
            m
        });
    assert!(per_film.values().any(|&n| n > 1));
    // Accented and punctuated titles arrive intact.
    let beyonce = lib
        .films()
        .iter()
        .find(|f| f.title == "Homecoming: A Film by Beyoncé")
        .expect("Homecoming imported");
    assert_eq!(beyonce.year, Some(2019));
}

#[test]
fn letterboxd_matches_the_seed_catalog() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    import(
        &mut lib,
        Format::Letterboxd,
        &data.join("letterboxd/niveskz"),
    )
    .unwrap();
    // "GoodFellas" and "Jeanne Dielman, 23, quai du Commerce…" are seed films under other
    // spellings: they must be matched, not duplicated.
    for (title, year) in [
        ("Goodfellas", 1990),
        ("Jeanne Dielman, 23 quai du Commerce, 1080 Bruxelles", 1975),
    ] {
        let same: Vec<_> = lib
            .films()
            .iter()
            .filter(|f| f.title.eq_ignore_ascii_case(title) && f.year == Some(year))
            .collect();
        assert_eq!(same.len(), 1, "{title}");
        assert_eq!(same[0].source, "seed");
        assert!(lib.watches_of(same[0].id).next().is_some(), "{title}");
    }
}

/// Writes `files` (relative path, contents) into a new folder.
fn export_dir(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    dir
}

const OLD_DIARY: &[u8] = b"\xEF\xBB\xBFDate;Name;Year;Letterboxd URI;Rating;Tags;Watched Date\r\n\
2020-01-02;Mirror, The;1975;https://letterboxd.com/someone/film/the-mirror/;4.5;rain, alone;2020-01-01\r\n\
2020-01-03;Amelie;2001;https://letterboxd.com/someone/film/amelie/;;;2020-01-02\r\n\
2020-01-04;Amelie;2001;https://letterboxd.com/someone/film/amelie/1/;3;;2020-01-03\r\n\
2020-01-05;A Film Nobody Catalogued;2019;https://letterboxd.com/someone/film/nobody/;;;2020-01-04\r\n";

#[test]
fn old_semicolon_bom_crlf_export_with_likes() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let export = export_dir(&[
        ("diary.csv", OLD_DIARY),
        (
            "likes/films.csv",
            b"Date,Name,Year,Letterboxd URI\nx,Amelie,2001,https://letterboxd.com/film/amelie/\n",
        ),
        (
            "ratings.csv",
            b"Date,Name,Year,Letterboxd URI,Rating\n2020-01-03,Amelie,2001,https://letterboxd.com/film/amelie/,4\n",
        ),
    ]);
    let s = import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    assert!(s.errors.is_empty(), "{s:?}");
    assert_eq!(s.created, 1, "{s:?}");
    let amelie = lib.resolve_title("Amélie", Some(2001)).unwrap().clone();
    let views: Vec<_> = lib.watches_of(amelie.id).cloned().collect();
    assert_eq!(views.len(), 2);
    // The like goes to the newest viewing; the rating does not overwrite the diary's 3 stars.
    assert!(views[0].liked);
    assert_eq!(views[0].rating.map(|r| r.stars()), Some(3.0));
    let mirror = lib.resolve_title("Mirror", Some(1975)).unwrap().clone();
    let w = lib.watches_of(mirror.id).next().unwrap();
    assert_eq!(w.rating.map(|r| r.stars()), Some(4.5));
    assert_eq!(w.mood.as_deref(), Some("rain, alone"));
    assert_eq!(w.watched_at.to_stored(), "2020-01-01");
    let new = lib.resolve_title("A Film Nobody Catalogued", None).unwrap();
    assert_eq!(new.source, "import:letterboxd");
}

#[test]
fn bad_rows_are_listed_and_good_rows_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let big = "x".repeat(10 << 20);
    let diary = format!(
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2020-01-02,Stalker,1979,,4,,,2020-01-01\n\
         2020-01-02,Stalker,1979\n\
         2020-01-02,Stalker,nineteen,,4,,,2020-01-01\n\
         2020-01-02,Stalker,1979,,7,,,2020-01-01\n\
         2020-01-02,Stalker,1979,,4,,,yesterday\n\
         2020-01-02,\"{big}\",1979,,4,,,2020-01-01\n\
         2020-01-02,Casablanca,1942,,5,,,2020-01-05\n"
    );
    let export = export_dir(&[("diary.csv", diary.as_bytes())]);
    let s = import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    assert_eq!((s.read, s.imported, s.skipped), (7, 2, 5), "{s:?}");
    let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6, 7]);
    let reasons: Vec<&str> = s.errors.iter().map(|e| e.reason.as_str()).collect();
    assert!(reasons[0].contains("truncated"), "{reasons:?}");
    assert!(reasons[1].contains("not a year"), "{reasons:?}");
    assert!(reasons[2].contains("rating"), "{reasons:?}");
    assert!(reasons[3].contains("not a date"), "{reasons:?}");
    assert!(reasons[4].contains("bytes long"), "{reasons:?}");
    assert!(s.errors.iter().all(|e| e.file.ends_with("diary.csv")));
    assert_eq!(counts(&lib).1, 2);
}

/// (relative path, contents) of the files of a test export.
type Files = Vec<(&'static str, Vec<u8>)>;

#[test]
fn files_not_of_the_format_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let before = counts(&lib);
    let good = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
                2020-01-02,Stalker,1979,,4,,,2020-01-01\n";
    let cases: Vec<(&str, Files, &str)> = vec![
        ("empty", vec![("diary.csv", Vec::new())], "empty"),
        (
            "junk",
            vec![(
                "diary.csv",
                vec![0x00, 0xff, 0x13, 0x37, 0x80, 0x81, 0x00, 0x9f],
            )],
            "binary",
        ),
        (
            "wrong header",
            vec![("diary.csv", b"movie;when\nStalker;2020\n".to_vec())],
            "header has no \"Name\" column",
        ),
        (
            "one good file, one wrong",
            vec![
                ("diary.csv", good.as_bytes().to_vec()),
                ("watchlist.csv", b"foo,bar\n1,2\n".to_vec()),
            ],
            "watchlist.csv:1",
        ),
        (
            "no export files",
            vec![("notes.txt", b"hello".to_vec())],
            "not a Letterboxd export",
        ),
    ];
    for (what, files, needle) in cases {
        let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
        let export = export_dir(&refs);
        let err = import(&mut lib, Format::Letterboxd, export.path()).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(needle), "{what}: {msg}");
        assert_eq!(counts(&lib), before, "{what}: the database changed");
    }
}

#[test]
fn zip_export_imports_like_the_folder() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("letterboxd-someone-2024.zip");
    {
        let f = std::fs::File::create(&zip_path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        for name in ["diary.csv", "ratings.csv", "watched.csv", "watchlist.csv"] {
            use std::io::Write;
            z.start_file(name, opts).unwrap();
            let body = std::fs::read(data.join("letterboxd/melvincarvalho").join(name)).unwrap();
            z.write_all(&body).unwrap();
        }
        z.finish().unwrap();
    }
    let mut a = open(&dir);
    let from_zip = import(&mut a, Format::Letterboxd, &zip_path).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut b = open(&dir2);
    let from_dir = import(
        &mut b,
        Format::Letterboxd,
        &data.join("letterboxd/melvincarvalho"),
    )
    .unwrap();
    assert_eq!(
        (from_zip.read, from_zip.imported, from_zip.created),
        (from_dir.read, from_dir.imported, from_dir.created)
    );
    assert_eq!(counts(&a), counts(&b));
}

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    let home = db.parent().unwrap().join("home");
    Command::new(env!("CARGO_BIN_EXE_nightreel"))
        .env_remove("NIGHTREEL_NOW")
        .env("NIGHTREEL_CONFIG", home.join("none.toml"))
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .arg("--db")
        .arg(db)
        .arg("--now")
        .arg(NOW)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_import_json_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let export = export_dir(&[(
        "diary.csv",
        b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
          2020-01-02,Stalker,1979,,4,,,2020-01-01\n\
          2020-01-02,Stalker,1979\n",
    )]);
    let out = cli(
        &db,
        &[
            "import",
            "letterboxd",
            export.path().to_str().unwrap(),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "read", "imported", "updated", "matched", "created", "skipped", "errors",
    ] {
        assert!(v.get(key).is_some(), "{key} missing: {v}");
    }
    assert_eq!(v["read"], 2);
    assert_eq!(v["imported"], 1);
    assert_eq!(v["errors"][0]["line"], 3);
    assert!(
        v["errors"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("truncated")
    );

    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    let out = cli(&db, &["import", "letterboxd", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("junk.csv:1:") && err.contains("binary"),
        "{err}"
    );
}

/// Logs a few viewings with every field, including awkward text.
fn log_some(lib: &mut Library) {
    use nightreel::model::{NewWatch, Rating};
    use nightreel::time::WatchedAt;
    let stalker = lib.resolve_title("Stalker", Some(1979)).unwrap().id;
    let casablanca = lib.resolve_title("Casablanca", Some(1942)).unwrap().id;
    let at = |s: &str| WatchedAt::At(chrono::DateTime::parse_from_rfc3339(s).unwrap());
    let rows = [
        (
            stalker,
            at("2026-11-20T01:30:00+08:00"),
            Some(4.5),
            false,
            true,
        ),
        (stalker, at("2026-11-22T23:10:00-05:00"), None, true, false),
        (
            casablanca,
            at("2026-11-23T22:00:00+01:00"),
            Some(5.0),
            false,
            false,
        ),
        (
            casablanca,
            WatchedAt::Date(chrono::NaiveDate::from_ymd_opt(2019, 3, 1).unwrap()),
            Some(0.5),
            true,
            true,
        ),
    ];
    for (i, (film_id, watched_at, stars, rewatch, liked)) in rows.into_iter().enumerate() {
        lib.log(NewWatch {
            film_id,
            watched_at,
            rating: stars.and_then(Rating::from_stars),
            rewatch,
            liked,
            mood: (i == 0).then(|| "rain on neon, 孤独".to_string()),
            mood_after: (i == 1).then(|| "=1+2".to_string()),
            note: (i == 2).then(|| "-quoted \"note\",\nwith a line break".to_string()),
            source: "nightreel".into(),
        })
        .unwrap();
    }
    lib.toggle_watchlist(casablanca).unwrap();
}

/// The diary as comparable rows: (title, year, watched_at, rating, rewatch, liked, mood,
/// mood_after, note, source).
fn diary_rows(lib: &Library) -> Vec<String> {
    let mut rows: Vec<String> = lib
        .watches()
        .iter()
        .map(|w| {
            let f = lib.film(w.film_id).unwrap();
            format!(
                "{}|{:?}|{}|{:?}|{}|{}|{:?}|{:?}|{:?}|{}",
                f.title,
                f.year,
                w.watched_at.to_stored(),
                w.rating,
                w.rewatch,
                w.liked,
                w.mood,
                w.mood_after,
                w.note,
                w.source
            )
        })
        .collect();
    rows.sort();
    rows
}

#[test]
fn json_export_imports_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    log_some(&mut lib);
    let path = dir.path().join("diary.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"watched_at\":\"2026-11-22T23:10:00-05:00\""),
        "{text}"
    );

    // Into a fresh database: the same diary and watchlist.
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Json, &path).unwrap();
    assert!(s.errors.is_empty(), "{s:?}");
    assert_eq!((s.imported, s.created), (5, 0), "{s:?}");
    assert_eq!(diary_rows(&fresh), diary_rows(&lib));
    assert_eq!(counts(&fresh).2, 1);

    // Into the same database: nothing new.
    let again = import(&mut lib, Format::Json, &path).unwrap();
    assert_eq!(again.imported, 0, "{again:?}");
    assert_eq!(diary_rows(&lib).len(), 4);

    // Films unknown to the catalog come along (here: a Letterboxd import's film).
    let export = export_dir(&[(
        "diary.csv",
        b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
          2020-01-02,Nobody's Film,2019,,4,,,2020-01-01\n",
    )]);
    import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let dir3 = tempfile::tempdir().unwrap();
    let mut third = open(&dir3);
    let s = import(&mut third, Format::Json, &path).unwrap();
    assert_eq!(s.created, 1, "{s:?}");
    assert_eq!(diary_rows(&third), diary_rows(&lib));
}

#[test]
fn broken_json_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    log_some(&mut lib);
    let path = dir.path().join("diary.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    // A bad rating on one viewing: that row is listed with its line, the others import.
    let lines: Vec<&str> = text.lines().collect();
    let bad_line = lines
        .iter()
        .position(|l| l.contains("\"rating\":5.0"))
        .unwrap();
    let broken = text.replacen("\"rating\":5.0", "\"rating\":7.0", 1);
    std::fs::write(&path, &broken).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Json, &path).unwrap();
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].line, bad_line + 1);
    assert!(s.errors[0].reason.contains("rating 7"), "{s:?}");
    assert_eq!(s.imported, 4);
    // Truncated JSON and a foreign JSON file are refused with their line.
    std::fs::write(&path, &text[..text.len() / 2]).unwrap();
    let err = import(&mut fresh, Format::Json, &path)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("diary.json:") && err.contains("not valid JSON"),
        "{err}"
    );
    std::fs::write(&path, "[1, 2, 3]\n").unwrap();
    let err = import(&mut fresh, Format::Json, &path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a nightreel diary export"), "{err}");
}

#[test]
fn letterboxd_csv_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    log_some(&mut lib);
    let path = dir.path().join("letterboxd.csv");
    let n = nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Letterboxd, &path)
        .unwrap();
    assert_eq!(n.viewings, 4);
    let mut r = csv::Reader::from_path(&path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
            "Title",
            "Year",
            "imdbID",
            "tmdbID",
            "WatchedDate",
            "Rating",
            "Rewatch",
            "Tags",
            "Review",
            "Liked",
            "Watched At"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    // Oldest first; the 01:30 viewing belongs to the film night before.
    assert_eq!(&rows[0][4], "2019-03-01");
    let stalker_night = rows
        .iter()
        .find(|r| &r[0] == "Stalker" && &r[5] == "4.5")
        .unwrap();
    assert_eq!(&stalker_night[4], "2026-11-19");
    assert_eq!(&stalker_night[7], "rain on neon, 孤独");
    let casa = rows.iter().find(|r| &r[5] == "5").unwrap();
    assert_eq!(&casa[8], "'-quoted \"note\",\nwith a line break");
    assert!(
        rows.iter()
            .all(|r| !r[1].is_empty() && (&r[6] == "true" || &r[6] == "false"))
    );
    // Our own Letterboxd reader takes it back (Title / WatchedDate columns).
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Letterboxd, &path).unwrap();
    assert_eq!((s.imported, s.created), (4, 0), "{s:?}");
}

/// Export letterboxd → import letterboxd gives back the same titles, tags and notes: the mark
/// that defuses formula-like cells (`+1`, a note starting with `-`) is taken off again, and an
/// apostrophe that belongs to the text stays.
#[test]
fn letterboxd_export_round_trips_formula_like_cells_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    // A hand-made diary (not nightreel's header, so read as it is).
    let export = export_dir(&[(
        "diary.csv",
        "Name,Year,WatchedDate,Rating,Tags,Review\n\
         +1,2013,2024-01-01,3,=party,- a list\n\
         'Round Midnight,1986,2024-01-02,4,'quiet',-1 stars\n\
         '+1 Apostrophe,2001,2024-01-03,4,@home,'-it was '=fine\n\
         -1 Degrees,2019,2024-01-04,,+plus,\n"
            .as_bytes(),
    )]);
    let s = import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    assert!(s.errors.is_empty(), "{s:?}");
    let rows = |lib: &Library| -> Vec<(String, Option<String>, Option<String>)> {
        let mut v: Vec<_> = lib
            .watches()
            .iter()
            .map(|w| {
                let f = lib.film(w.film_id).unwrap();
                (f.title.to_string(), w.mood.clone(), w.note.clone())
            })
            .collect();
        v.sort();
        v
    };
    let before = rows(&lib);
    assert!(
        before.contains(&(
            "'+1 Apostrophe".to_string(),
            Some("@home".into()),
            Some("'-it was '=fine".into())
        )),
        "{before:?}"
    );
    let path = dir.path().join("letterboxd.csv");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Letterboxd, &path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("'+1,2013"), "defused: {text}");
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Letterboxd, &path).unwrap();
    assert!(s.errors.is_empty(), "{s:?}");
    assert_eq!(rows(&fresh), before);
}

/// The id of the one film with this TMDB id.
fn by_tmdb(lib: &Library, id: i64) -> &nightreel::model::Film {
    let found: Vec<_> = lib
        .films()
        .iter()
        .filter(|f| f.tmdb_id == Some(id))
        .collect();
    assert_eq!(found.len(), 1, "tmdb {id}");
    found[0]
}

#[test]
fn tmdb_then_movielens_merge_by_ids() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let (films0, _, _) = counts(&lib);
    let t = import(&mut lib, Format::Tmdb, &data.join("tmdb5000")).unwrap();
    println!(
        "tmdb: read {}, matched {}, created {}",
        t.read, t.matched, t.created
    );
    assert_eq!(t.read, 4803);
    assert!(t.errors.is_empty(), "{:?}", t.errors);
    assert_eq!(t.matched + t.created, 4803);
    assert_eq!(counts(&lib).0 - films0, t.created as i64);
    // JSON cells became lists; the original language comes first.
    let amelie = by_tmdb(&lib, 194);
    assert_eq!(amelie.year, Some(2001));
    assert!(amelie.genres().iter().any(|g| g == "Comedy"), "{amelie:?}");
    // Avatar is a seed film: matched (its facts kept), now with its TMDB id.
    assert_eq!(by_tmdb(&lib, 19995).source, "seed");
    let spectre = by_tmdb(&lib, 206647);
    assert_eq!(spectre.source, "import:tmdb");
    assert_eq!(
        (spectre.title.as_str(), spectre.year),
        ("Spectre", Some(2015))
    );
    assert!(spectre.keywords().iter().any(|k| k == "mi6"));
    assert_eq!(spectre.languages(), vec!["en", "fr", "es", "it", "de"]);
    assert_eq!(spectre.countries(), vec!["GB", "US"]);
    assert_eq!(spectre.runtime, Some(148));

    let films1 = counts(&lib).0;
    let m = import(&mut lib, Format::Movielens, &data.join("movielens-small")).unwrap();
    println!(
        "movielens: read {}, matched {}, created {}",
        m.read, m.matched, m.created
    );
    assert!(m.errors.is_empty(), "{:?}", m.errors);
    assert_eq!(m.matched + m.created, 9742);
    assert_eq!(counts(&lib).0 - films1, m.created as i64);
    // 3,536 distinct TMDB ids of MovieLens small are in TMDB 5000 (MANIFEST.md): each is one
    // film carrying both ids, not two films.
    let both = lib
        .store()
        .external_ids()
        .unwrap()
        .into_iter()
        .filter(|(_, ids)| ids.tmdb.is_some() && ids.movielens.is_some())
        .count();
    assert!(both >= 3536, "{both}");
    // The titles of MANIFEST.md's table land on the seed films.
    for (title, year) in [
        ("In the Mood for Love", 2000),
        ("Mirror", 1975),
        ("Amélie", 2001),
        ("Stalker", 1979),
        ("Spirited Away", 2001),
    ] {
        let f = lib.resolve_title(title, Some(year)).unwrap();
        assert_eq!(f.source, "seed", "{title}");
    }
    let pop = lib.store().popularity().unwrap();
    let casablanca = lib.resolve_title("Casablanca", Some(1942)).unwrap();
    let sources: Vec<&str> = pop[&casablanca.id]
        .iter()
        .map(|p| p.source.as_str())
        .collect();
    assert_eq!(sources, vec!["movielens", "tmdb"]);
    // Again: nothing new.
    let again = import(&mut lib, Format::Movielens, &data.join("movielens-small")).unwrap();
    assert_eq!(again.created, 0);
    let again = import(&mut lib, Format::Tmdb, &data.join("tmdb5000")).unwrap();
    assert_eq!(again.created, 0);
}

#[test]
fn tmdb_credits_add_directors_and_bad_json_cells_are_listed() {
    let header = "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,production_companies,production_countries,release_date,revenue,runtime,spoken_languages,status,tagline,title,vote_average,vote_count\n";
    let movies = format!(
        "{header}0,\"[{{\"\"id\"\": 18, \"\"name\"\": \"\"Drama\"\"}}]\",,900001,[],fr,Une femme,x,1.0,[],\"[{{\"\"iso_3166_1\"\": \"\"FR\"\", \"\"name\"\": \"\"France\"\"}}]\",1961-01-01,0,85.0,[],Released,,A Woman,7.0,10\n\
         0,[{{broken,,900002,[],fr,Deux,x,1.0,[],[],1962-01-01,0,90.0,[],Released,,Two,7.0,10\n"
    );
    let credits = "movie_id,title,cast,crew\n900001,A Woman,[],\"[{\"\"job\"\": \"\"Director\"\", \"\"name\"\": \"\"Someone Real\"\"}, {\"\"job\"\": \"\"Editor\"\", \"\"name\"\": \"\"Not Them\"\"}]\"\n";
    let folder = export_dir(&[
        ("tmdb_5000_movies.csv", movies.as_bytes()),
        ("tmdb_5000_credits.csv", credits.as_bytes()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let s = import(&mut lib, Format::Tmdb, folder.path()).unwrap();
    assert_eq!((s.created, s.errors.len()), (1, 1), "{s:?}");
    assert_eq!(s.errors[0].line, 3);
    assert!(
        s.errors[0].reason.contains("genres is not a JSON list"),
        "{s:?}"
    );
    let f = by_tmdb(&lib, 900001);
    assert_eq!(f.directors(), vec!["Someone Real"]);
    assert_eq!(f.countries(), vec!["FR"]);
    // A movies file without TMDB's columns is refused.
    let wrong = export_dir(&[(
        "movies.csv",
        b"movieId,title,genres\n1,Toy Story (1995),Comedy\n",
    )]);
    let err = import(&mut lib, Format::Tmdb, wrong.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("movies.csv:1:") && err.contains("\"id\""),
        "{err}"
    );
}

#[test]
fn imdb_sample_and_gzip_companions() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let s = import(&mut lib, Format::Imdb, &data.join("imdb/kashery")).unwrap();
    // The sample holds 248 shorts and one movie (Miss Jerry, 1894), with ratings for all.
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!((s.read, s.created), (498, 1), "{s:?}");
    let jerry = lib.resolve_title("Miss Jerry", Some(1894)).unwrap();
    assert_eq!(jerry.imdb_id.as_deref(), Some("tt0000009"));
    assert_eq!(jerry.runtime, Some(45));
    assert_eq!(jerry.genres(), vec!["Romance"]);
    let pop = &lib.store().popularity().unwrap()[&jerry.id];
    assert_eq!(pop[0].source, "imdb");

    // The same files gzipped, with crew and names beside them.
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;
    let folder = tempfile::tempdir().unwrap();
    let gz = |name: &str, body: &[u8]| {
        let f = std::fs::File::create(folder.path().join(name)).unwrap();
        let mut e = GzEncoder::new(f, Compression::fast());
        e.write_all(body).unwrap();
        e.finish().unwrap();
    };
    gz(
        "title.basics.tsv.gz",
        &std::fs::read(data.join("imdb/kashery/title.basics.tsv")).unwrap(),
    );
    gz(
        "title.crew.tsv.gz",
        b"tconst\tdirectors\twriters\ntt0000009\tnm0085156\t\\N\ntt0000001\tnm0005690\t\\N\n",
    );
    gz(
        "name.basics.tsv.gz",
        b"nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n\
          nm0085156\tAlexander Black\t1859\t1940\tdirector\ttt0000009\n",
    );
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Imdb, folder.path()).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    let jerry = fresh.resolve_title("Miss Jerry", Some(1894)).unwrap();
    assert_eq!(jerry.directors(), vec!["Alexander Black"]);
    let again = import(&mut fresh, Format::Imdb, folder.path()).unwrap();
    assert_eq!(again.created, 0);
}

#[test]
fn broken_tsv_rows_are_listed() {
    let basics = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n\
                  tt1000001\tmovie\tA Quiet Film\tA Quiet Film\t0\t2001\t\\N\t90\tDrama\n\
                  tt1000002\tmovie\tCut Short\n\
                  tt1000003\tmovie\tWhen\tWhen\t0\tsoon\t\\N\t90\tDrama\n\
                  tt1000004\tmovie\tNo Year\tNo Year\t0\t\\N\t\\N\t\\N\t\\N\n";
    let folder = export_dir(&[("title.basics.tsv", basics.as_bytes())]);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let s = import(&mut lib, Format::Imdb, folder.path()).unwrap();
    let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 4], "{s:?}");
    assert_eq!(s.created, 2);
    let none = lib.resolve_title("No Year", None).unwrap();
    assert_eq!((none.year, none.runtime), (None, None));
    assert!(none.genres().is_empty());
    // A folder without title.basics is refused.
    let empty = tempfile::tempdir().unwrap();
    let err = import(&mut lib, Format::Imdb, empty.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("title.basics"), "{err}");
}

/// Starts `nightreel import imdb FILE` on `db`, stops it with `signal` once its transaction is
/// writing (or lets it finish), and returns whether it was still running when signalled.
fn interrupt_import(db: &Path, file: &Path, signal: i32) -> bool {
    let home = db.parent().unwrap().join("home");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nightreel"))
        .env("NIGHTREEL_CONFIG", home.join("none.toml"))
        .env("HOME", &home)
        .env("XDG_STATE_HOME", home.join("state"))
        .arg("--db")
        .arg(db)
        .args(["import", "imdb"])
        .arg(file)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let wal = db.with_extension("db-wal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        let writing = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 256 * 1024);
        if writing || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, signal) };
    let status = child.wait().unwrap();
    !status.success()
}

#[test]
fn an_interrupted_import_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("title.basics.tsv");
    let rows = 150_000;
    {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
        writeln!(out, "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres").unwrap();
        for i in 0..rows {
            writeln!(
                out,
                "tt9{i:07}\tmovie\tInterrupted Film {i}\tInterrupted Film {i}\t0\t2000\t\\N\t90\tDrama"
            )
            .unwrap();
        }
    }
    for signal in [libc::SIGINT, libc::SIGKILL] {
        let db = dir.path().join(format!("n{signal}.db"));
        let before = counts(
            &Library::open(&db, Config::default(), Clock::System)
                .unwrap()
                .0,
        );
        let stopped = interrupt_import(&db, &file, signal);
        let lib = Library::open(&db, Config::default(), Clock::System)
            .unwrap()
            .0;
        assert_eq!(lib.store().integrity_check().unwrap(), vec!["ok"]);
        let after = counts(&lib);
        if stopped {
            assert_eq!(after, before, "signal {signal}: a partial import was kept");
        } else {
            // It finished before the signal: all of it is there.
            assert_eq!(after.0, before.0 + rows, "signal {signal}");
        }
        println!("signal {signal}: stopped mid-import: {stopped}");
    }
}

fn type_text(app: &mut nightreel::tui::app::App, text: &str) {
    for c in text.chars() {
        app.update(nightreel::tui::action::Action::Input(c));
    }
}

fn screen(app: &nightreel::tui::app::App) -> String {
    let backend = ratatui::backend::TestBackend::new(80, 24);
    let mut term = ratatui::Terminal::new(backend).unwrap();
    let theme = nightreel::tui::theme::Theme::from_env();
    term.draw(|f| nightreel::tui::views::draw(f, app, &theme))
        .unwrap();
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Ticks until the background import has finished (polling, never sleeping on a guess).
fn finish_import(app: &mut nightreel::tui::app::App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while app.import_job.is_some() {
        assert!(
            std::time::Instant::now() < deadline,
            "import did not finish"
        );
        app.update(nightreel::tui::action::Action::Tick);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn tui_imports_in_the_background_with_a_gauge() {
    use nightreel::tui::action::Action;
    use nightreel::tui::app::{App, Mode};
    let dir = tempfile::tempdir().unwrap();
    let export = export_dir(&[("diary.csv", OLD_DIARY)]);
    let mut app = App::new(open(&dir));
    app.update(Action::OpenImport);
    assert_eq!(app.mode(), Mode::Import);
    assert!(screen(&app).contains("letterboxd|tmdb|movielens|imdb|json PATH"));
    type_text(&mut app, &format!("letterboxd {}", export.path().display()));
    app.update(Action::Select);
    assert_eq!(app.mode(), Mode::Browse);
    assert!(
        screen(&app).contains("importing letterboxd"),
        "{}",
        screen(&app)
    );
    // A second import waits for the first.
    app.update(Action::OpenImport);
    assert_eq!(app.mode(), Mode::Browse);
    finish_import(&mut app);
    assert!(
        app.status.starts_with("read 4 rows: 4 imported"),
        "{}",
        app.status
    );
    assert_eq!(app.lib.watches().len(), 4);
    assert!(
        app.lib
            .resolve_title("A Film Nobody Catalogued", None)
            .is_ok()
    );

    // A file that is not an export: the status says so and nothing changed.
    app.update(Action::OpenImport);
    type_text(&mut app, "letterboxd /no/such/export.zip");
    app.update(Action::Select);
    finish_import(&mut app);
    assert!(app.status.contains("import failed"), "{}", app.status);
    assert_eq!(app.lib.watches().len(), 4);
    // The prompt opens again with what was typed and the whole reason, wrapped (the
    // footer line cuts it after the path at 80 columns), to fix the path or leave.
    assert_eq!(app.mode(), Mode::Import);
    let shown = screen(&app);
    assert!(shown.contains("letterboxd /no/such/export.zip"), "{shown}");
    assert!(
        shown.contains("No such file or directory") || shown.contains("no such file"),
        "{shown}"
    );
    app.update(Action::Back);
    assert_eq!(app.mode(), Mode::Browse);
    // A mistyped format never starts.
    app.update(Action::OpenImport);
    type_text(&mut app, "netflix x.csv");
    app.update(Action::Select);
    assert!(app.status.contains("not a format"), "{}", app.status);
    assert!(app.import_job.is_none());
}

#[test]
fn reviews_become_notes_of_their_viewings() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let export = export_dir(&[
        (
            "diary.csv",
            b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
              2020-01-02,Stalker,1979,https://boxd.it/e1,4,,,2020-01-01\n\
              2020-02-02,Stalker,1979,https://boxd.it/e2,5,Yes,,2020-02-01\n",
        ),
        (
            "reviews.csv",
            b"Date,Name,Year,Letterboxd URI,Rating,Rewatch,Review,Tags,Watched Date\n\
              2020-02-02,Stalker,1979,https://boxd.it/e2,5,Yes,\"The room, at last.\nThe dog stays.\",,2020-02-01\n\
              2020-03-02,Stalker,1979,https://boxd.it/e3,5,Yes,No such viewing,,2020-03-01\n",
        ),
    ]);
    let s = import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    assert!(s.errors.is_empty(), "{s:?}");
    assert_eq!(s.imported, 3, "{s:?}");
    assert_eq!(
        s.skipped_reasons
            .get("reviews: no diary entry on the review's date"),
        Some(&1)
    );
    let stalker = lib.resolve_title("Stalker", Some(1979)).unwrap().id;
    let notes: Vec<Option<String>> = lib.watches_of(stalker).map(|w| w.note.clone()).collect();
    assert_eq!(
        notes,
        vec![Some("The room, at last.\nThe dog stays.".to_string()), None]
    );
    let again = import(&mut lib, Format::Letterboxd, export.path()).unwrap();
    assert_eq!(again.imported, 0, "{again:?}");
}

#[test]
fn films_seen_without_a_diary_entry_are_marked_and_travel() {
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let export = data.join("letterboxd/niveskz");
    let s = import(&mut lib, Format::Letterboxd, &export).unwrap();
    let marks = lib.store().marks().unwrap();
    // niveskz rated 809 films; those without a diary entry keep their rating as a mark.
    println!("niveskz: {} marks", marks.len());
    assert!(!marks.is_empty());
    assert!(
        marks
            .iter()
            .all(|m| m.rating.is_some() && m.marked_on.is_some())
    );
    assert!(
        marks
            .iter()
            .all(|m| lib.watches_of(m.film_id).next().is_none())
    );
    assert!(
        !s.skipped_reasons
            .keys()
            .any(|k| k.contains("no diary entry")),
        "{s:?}"
    );
    let again = import(&mut lib, Format::Letterboxd, &export).unwrap();
    assert_eq!(again.imported, 0);

    // JSON carries marks; a fresh database gets the same diary and marks.
    let path = dir.path().join("all.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = import(&mut fresh, Format::Json, &path).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(diary_rows(&fresh), diary_rows(&lib));
    let labelled = |l: &Library| {
        let mut v: Vec<String> = l
            .store()
            .marks()
            .unwrap()
            .iter()
            .map(|m| {
                let f = l.film(m.film_id).unwrap();
                format!(
                    "{}|{:?}|{:?}|{}|{:?}",
                    f.title, f.year, m.rating, m.liked, m.marked_on
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(labelled(&fresh), labelled(&lib));

    // Letterboxd CSV: marks are rows without WatchedDate, read back as marks.
    let csv_path = dir.path().join("letterboxd.csv");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Letterboxd, &csv_path)
        .unwrap();
    let undated = csv::Reader::from_path(&csv_path)
        .unwrap()
        .records()
        .filter(|r| r.as_ref().unwrap()[4].is_empty())
        .count();
    assert_eq!(undated, marks.len());
    let dir3 = tempfile::tempdir().unwrap();
    let mut third = open(&dir3);
    let s = import(&mut third, Format::Letterboxd, &csv_path).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(third.store().marks().unwrap().len(), marks.len());
    assert_eq!(third.watches().len(), lib.watches().len());
}

#[test]
fn movielens_tags_become_keywords_but_not_negations() {
    let dir = tempfile::tempdir().unwrap();
    let ml = dir.path().join("ml");
    std::fs::create_dir(&ml).unwrap();
    std::fs::write(
        ml.join("movies.csv"),
        "movieId,title,genres\n1,A Quiet Harbour Story (1987),Drama\n",
    )
    .unwrap();
    std::fs::write(
        ml.join("tags.csv"),
        "userId,movieId,tag,timestamp\n1,1,melancholic,1\n2,1,Not funny,2\n3,1,slow,3\n",
    )
    .unwrap();
    let mut lib = open(&dir);
    import(&mut lib, Format::Movielens, &ml).unwrap();
    let film = lib
        .films()
        .iter()
        .find(|f| f.title == "A Quiet Harbour Story")
        .unwrap();
    let mut k = film.keywords().to_vec();
    k.sort();
    assert_eq!(k, vec!["melancholic", "slow"]);
}

// ---------------------------------------------------------------------------------------------
// Hostile bytes: text in another encoding, NUL, escape sequences, huge fields. Every importer
// lists a bad row with its file and line, or refuses the file naming its file and line; none
// panics, and refusing writes nothing.

/// Latin-1 "é": not UTF-8.
const LATIN1: &[u8] = b"Caf\xe9";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Imports `files` in a fresh library and returns the summary, or the error message (after
/// checking that the database did not change).
fn import_files(
    format: Format,
    files: &[(&str, Vec<u8>)],
    target: &str,
) -> std::result::Result<Summary, String> {
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let folder = export_dir(&refs);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let before = counts(&lib);
    let path = folder.path().join(target);
    import(&mut lib, format, &path).map_err(|e| {
        assert_eq!(counts(&lib), before, "a refused import wrote something");
        e.to_string()
    })
}

/// The one listed row error of `s`: in `file`, at `line`, saying the text is not UTF-8.
fn assert_one_utf8_row(s: &Summary, file: &str, line: usize) {
    let bad: Vec<_> = s
        .errors
        .iter()
        .map(|e| (e.file.rsplit('/').next().unwrap_or(""), e.line))
        .collect();
    assert_eq!(bad, vec![(file, line)], "{s:?}");
    assert!(s.errors[0].reason.contains("not UTF-8"), "{s:?}");
    assert!(s.created >= 1, "the good rows were not imported: {s:?}");
}

fn with(head: &str, bad: &[u8], tail: &str) -> Vec<u8> {
    [head.as_bytes(), bad, tail.as_bytes()].concat()
}

#[test]
fn invalid_utf8_rows_are_listed_with_file_and_line_in_every_importer() {
    // Letterboxd: row 3 of the diary.
    let diary = with(
        "Date,Name,Year,Watched Date\n2024-01-01,Stalker,1979,2024-01-01\n2024-01-02,",
        LATIN1,
        ",1999,2024-01-02\n2024-01-03,Fine,1999,2024-01-03\n",
    );
    let s = import_files(Format::Letterboxd, &[("diary.csv", diary.clone())], "").unwrap();
    assert_one_utf8_row(&s, "diary.csv", 3);
    // The same file in a zip export: the member is named.
    let zip = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        w.start_file(
            "letterboxd-me/diary.csv",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut w, &diary).unwrap();
        w.finish().unwrap().into_inner()
    };
    let s = import_files(Format::Letterboxd, &[("export.zip", zip)], "export.zip").unwrap();
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert!(
        s.errors[0]
            .file
            .ends_with("export.zip:letterboxd-me/diary.csv"),
        "{s:?}"
    );
    assert_eq!(s.errors[0].line, 3);

    // TMDB: row 2 of the movies file (a multi-line quoted cell before it does not shift lines).
    let movies = with(
        "id,title,release_date,genres,overview\n1,One,2001-01-01,[],\"two\nlines\"\n2,",
        LATIN1,
        ",2002-01-01,[],x\n3,Three,2003-01-01,[],x\n",
    );
    let s = import_files(Format::Tmdb, &[("tmdb_5000_movies.csv", movies)], "").unwrap();
    assert_one_utf8_row(&s, "tmdb_5000_movies.csv", 4);

    // MovieLens: movies.csv row 3, and a bad tag in tags.csv row 2.
    let movies = with(
        "movieId,title,genres\n1,Stalker (1979),Drama\n2,",
        LATIN1,
        " (1999),Drama\n",
    );
    let tags = with("userId,movieId,tag,timestamp\n1,1,", LATIN1, ",1\n");
    let s = import_files(
        Format::Movielens,
        &[("movies.csv", movies), ("tags.csv", tags)],
        "",
    )
    .unwrap();
    let mut bad: Vec<_> = s
        .errors
        .iter()
        .map(|e| (e.file.rsplit('/').next().unwrap().to_string(), e.line))
        .collect();
    bad.sort();
    assert_eq!(
        bad,
        vec![("movies.csv".to_string(), 3), ("tags.csv".to_string(), 2)],
        "{s:?}"
    );
    assert!(s.errors.iter().all(|e| e.reason.contains("not UTF-8")));

    // IMDb: title.basics row 2, also inside a gzip file.
    let basics = with(
        "tconst\ttitleType\tprimaryTitle\tstartYear\ntt0000001\tmovie\t",
        LATIN1,
        "\t1999\ntt0000002\tmovie\tFine\t2000\n",
    );
    let s = import_files(Format::Imdb, &[("title.basics.tsv", basics.clone())], "").unwrap();
    assert_one_utf8_row(&s, "title.basics.tsv", 2);
    let s = import_files(Format::Imdb, &[("title.basics.tsv.gz", gzip(&basics))], "").unwrap();
    assert_one_utf8_row(&s, "title.basics.tsv.gz", 2);
}

#[test]
fn a_header_in_another_encoding_or_binary_is_refused_with_file_and_line() {
    let cases: Vec<(Format, &str, Vec<u8>, &str)> = vec![
        (
            Format::Letterboxd,
            "diary.csv",
            with("Date,Name,Ann", b"\xe9", "e\n2024-01-01,X,1999\n"),
            "diary.csv:1: the header is not UTF-8 text (byte 0xE9 at column 14)",
        ),
        (
            Format::Tmdb,
            "tmdb_5000_movies.csv",
            with("id,title,", b"\xff\xfe", "\n"),
            "tmdb_5000_movies.csv:1: the header is not UTF-8",
        ),
        (
            Format::Movielens,
            "movies.csv",
            b"movieId,title\0\n1,x\n".to_vec(),
            "movies.csv:1: this is binary data",
        ),
        (
            Format::Imdb,
            "title.basics.tsv",
            with("tconst\t", b"\x80", "\n"),
            "title.basics.tsv:1: the header is not UTF-8",
        ),
        (
            Format::Json,
            "diary.json",
            with(
                "{\"format\":\"nightreel-diary\",\n\"films\":[\n\"",
                LATIN1,
                "\"]}\n",
            ),
            "diary.json:3: not UTF-8 text (byte 0xE9)",
        ),
    ];
    for (format, name, bytes, needle) in cases {
        let err = import_files(format, &[(name, bytes)], name).unwrap_err();
        assert!(err.contains(needle), "{format:?}: {err}");
    }
}

#[test]
fn escapes_bidi_controls_and_huge_notes_are_stored_as_text() {
    let hostile = "Evil\x1b]0;PWNED\x07\x1b[31mRed\u{202E}gpj.exe\u{2066}";
    let review = "n".repeat(100_000);
    let diary = format!(
        "Date,Name,Year,Rating,Review,Watched Date\n\
         2024-01-01,\"{hostile}\",1999,3,\"{hostile} {review}\",2024-01-01\n\
         2024-01-02,Nul\0Byte,1999,3,,2024-01-02\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let folder = export_dir(&[("diary.csv", diary.as_bytes())]);
    let s = import(&mut lib, Format::Letterboxd, folder.path()).unwrap();
    // The NUL row is listed (stored text never holds NUL); the escapes are kept as they are:
    // the screens make them harmless when they draw them.
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].line, 3);
    assert!(s.errors[0].reason.contains("NUL byte"), "{s:?}");
    let film = lib.resolve_title(hostile, Some(1999)).unwrap().clone();
    assert_eq!(film.title, hostile);
    let w = lib.watches_of(film.id).next().unwrap();
    assert_eq!(
        w.note.as_deref().map(str::len),
        Some(hostile.len() + 1 + 100_000)
    );
}

#[test]
fn long_bad_cells_are_quoted_short_in_row_errors() {
    let long = "9x".repeat(50_000);
    let rest = "\"rating\":null,\"rewatch\":false,\"liked\":false,\"mood\":null,\
                \"mood_after\":null,\"note\":null,\"source\":\"manual\"";
    let cases: Vec<(Format, Files, &str)> = vec![
        (
            Format::Tmdb,
            vec![(
                "tmdb_5000_movies.csv",
                format!("id,title,release_date,genres\n{long},T,2001-01-01,[]\n").into_bytes(),
            )],
            "id \"9x9x",
        ),
        (
            Format::Movielens,
            vec![(
                "movies.csv",
                format!("movieId,title\n{long},T (2001)\n").into_bytes(),
            )],
            "movieId \"9x9x",
        ),
        (
            Format::Imdb,
            vec![(
                "title.basics.tsv",
                format!("tconst\ttitleType\tprimaryTitle\tstartYear\nx{long}\tmovie\tT\t2001\n")
                    .into_bytes(),
            )],
            "tconst \"x9x9",
        ),
        (
            Format::Json,
            vec![(
                "diary.json",
                format!(
                    "{{\"format\":\"nightreel-diary\",\"version\":1,\n\"films\":[\n\
                     {{\"id\":1,\"title\":\"T\",\"original_title\":\"T\",\"year\":2001,\
                     \"directors\":[],\"countries\":[],\"languages\":[],\"runtime\":null,\
                     \"genres\":[],\"tags\":[],\"keywords\":[],\"source\":\"seed\"}}\n],\n\"watches\":[\n\
                     {{\"id\":1,\"film_id\":1,\"watched_at\":\"{long}\",{rest}}}\n,\
                     {{\"id\":2,\"film_id\":1,\"watched_at\":[\"{long}\"],{rest}}}\n]}}\n"
                )
                .into_bytes(),
            )],
            "watched_at \"9x9x",
        ),
    ];
    for (format, files, needle) in cases {
        let target = if format == Format::Json {
            "diary.json"
        } else {
            ""
        };
        let s = import_files(format, &files, target).unwrap();
        assert!(!s.errors.is_empty(), "{format:?}: {s:?}");
        assert!(
            s.errors[0].reason.contains(needle),
            "{format:?}: {:?}",
            s.errors[0]
        );
        for e in &s.errors {
            assert!(
                e.reason.len() < 300,
                "{format:?}: a {}-byte reason",
                e.reason.len()
            );
            assert!(e.line >= 2, "{format:?}: {e:?}");
        }
    }
}

/// A gzip file cut off in the middle (an interrupted download) fails the whole import: the
/// error names the file and the line where reading stopped, and nothing is written
/// (`import_files` checks that).
#[test]
fn a_truncated_gzip_fails_the_import_at_the_line_where_reading_stopped() {
    let rows: String = (1..=3000)
        .map(|i| format!("tt{i:07}\tmovie\tFilm number {i}\t{}\n", 1900 + i % 120))
        .collect();
    let gz = gzip(format!("tconst\ttitleType\tprimaryTitle\tstartYear\n{rows}").as_bytes());
    let cut = gz[..gz.len() / 2].to_vec();
    let err = import_files(Format::Imdb, &[("title.basics.tsv.gz", cut)], "").unwrap_err();
    let (file, rest) = err.split_once(".gz:").expect("FILE:LINE: message");
    assert!(file.ends_with("title.basics.tsv"), "{err}");
    let (line, message) = rest.split_once(": ").expect("LINE: message");
    let line: usize = line.parse().expect("a line number");
    // Rows were read before the cut: the error is at a line well inside the file.
    assert!((100..3002).contains(&line), "{err}");
    assert!(message.contains("cannot be read past this line"), "{err}");
    assert!(message.contains("nothing was imported"), "{err}");
}

/// A viewing after midnight is dated by its film night in a Letterboxd export (02:14 on the
/// 24th is the 23rd's); importing that export again adds no second viewing.
#[test]
fn reimporting_our_own_letterboxd_export_adds_nothing_for_viewings_after_midnight() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.db");
    let csv = dir.path().join("diary.csv");
    for args in [
        &[
            "log",
            "Chungking Express",
            "--at",
            "2026-11-24T02:14:00+08:00",
        ][..],
        &["log", "Fallen Angels", "--at", "2026-11-24T21:14:00+08:00"][..],
        &["export", "letterboxd", csv.to_str().unwrap()][..],
    ] {
        let out = cli(&db, args);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("Chungking Express,1994,,,2026-11-23"),
        "{text}"
    );
    let out = cli(
        &db,
        &["import", "letterboxd", csv.to_str().unwrap(), "--json"],
    );
    assert!(out.status.success(), "{out:?}");
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["imported"], 0, "{summary}");
    let out = cli(&db, &["diary", "--json"]);
    let diary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(diary.as_array().map(Vec::len), Some(2), "{diary}");
}

const IMDB_RATINGS_HEADER: &str = "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors\n";

fn imdb_ratings(stalker: u8) -> String {
    format!(
        "{IMDB_RATINGS_HEADER}\
         tt0079944,{stalker},2024-02-01,Stalker,Stalker,https://www.imdb.com/title/tt0079944/,Movie,8.0,162,1979,\"Drama, Sci-Fi\",150000,1979-05-25,Andrei Tarkovsky\n\
         tt0034583,7,2024-02-02,Casablanca,Casablanca,https://www.imdb.com/title/tt0034583/,movie,8.5,102,1942,\"Drama, Romance, War\",600000,1943-01-23,Michael Curtiz\n\
         tt0903747,10,2024-02-03,Breaking Bad,Breaking Bad,https://www.imdb.com/title/tt0903747/,TV Series,9.5,49,2008,\"Crime, Drama\",2000000,2008-01-20,\n\
         tt0000011,11,2024-02-04,Too High,Too High,https://www.imdb.com/title/tt0000011/,Movie,5.0,90,2001,Drama,10,2001-01-01,Someone\n\
         tt1234567,6,2024-02-05,A Film Nobody Knows,Un film que personne,https://www.imdb.com/title/tt1234567/,Movie,6.1,95,2019,Drama,1234,2019-01-01,Someone Else\n"
    )
}

/// An IMDb ratings export (ratings.csv from imdb.com) imports with `import imdb`: each film
/// is marked seen with its rating (IMDb n of 10 = n half stars; no viewing is made up, since
/// the file says when a film was rated, not watched); TV series are skipped; bad rows are
/// listed; a newer export's re-rating updates the mark. Another importer says what it is.
#[test]
fn imdb_ratings_export_marks_films_seen_with_their_ratings() {
    let folder = export_dir(&[("ratings.csv", imdb_ratings(9).as_bytes())]);
    let file = folder.path().join("ratings.csv");
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let (films0, watches0, _) = counts(&lib);
    let s = import(&mut lib, Format::Imdb, &file).unwrap();
    assert_eq!(
        (s.read, s.imported, s.updated, s.skipped, s.created),
        (5, 3, 0, 2, 1),
        "{s:?}"
    );
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].line, 5);
    assert!(s.errors[0].reason.contains("Your Rating \"11\""), "{s:?}");
    let (films, watches, _) = counts(&lib);
    assert_eq!((films - films0, watches - watches0), (1, 0));
    let stars = |lib: &Library, title: &str, year: i32| -> Option<f64> {
        let id = lib.resolve_title(title, Some(year)).unwrap().id;
        let marks = lib.store().marks().unwrap();
        let m = marks.iter().find(|m| m.film_id == id).unwrap();
        assert_eq!(m.source, "import:imdb");
        m.rating.map(|r| r.stars())
    };
    assert_eq!(stars(&lib, "Stalker", 1979), Some(4.5));
    assert_eq!(stars(&lib, "Casablanca", 1942), Some(3.5));
    assert_eq!(stars(&lib, "A Film Nobody Knows", 2019), Some(3.0));
    let new = lib
        .resolve_title("A Film Nobody Knows", Some(2019))
        .unwrap();
    assert_eq!(new.imdb_id.as_deref(), Some("tt1234567"));
    assert_eq!(new.directors(), vec!["Someone Else"]);

    // The folder works too; a re-rating on IMDb updates the mark this import made.
    std::fs::write(&file, imdb_ratings(6)).unwrap();
    let s = import(&mut lib, Format::Imdb, folder.path()).unwrap();
    assert_eq!((s.imported, s.updated, s.created), (0, 1, 0), "{s:?}");
    assert_eq!(stars(&lib, "Stalker", 1979), Some(3.0));

    // Given to the Letterboxd importer: refused, saying what it is; nothing written.
    let before = counts(&lib);
    let err = import(&mut lib, Format::Letterboxd, &file)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("ratings.csv:1:")
            && err.contains("IMDb ratings export")
            && err.contains("import imdb"),
        "{err}"
    );
    assert_eq!(counts(&lib), before);
    let out = cli(
        &dir.path().join("n.db"),
        &["import", "movielens", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("IMDb ratings export"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

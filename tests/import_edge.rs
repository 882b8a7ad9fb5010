//! Letterboxd imports on files users make or mangle: rows repeated, spreadsheets' decimal
//! commas. (The real exports and the broken files of each format are in tests/import.rs.)

use nightreel::config::Config;
use nightreel::import::{Format, Summary};
use nightreel::library::Library;
use nightreel::time::Clock;
use tempfile::TempDir;

const NOW: &str = "2026-11-25T01:30:00+08:00";

fn open(dir: &TempDir) -> Library {
    let clock = Clock::from_option(Some(NOW)).unwrap();
    Library::open(&dir.path().join("n.db"), Config::default(), clock)
        .unwrap()
        .0
}

/// Writes `body` as `name` in a new folder and imports that folder as a Letterboxd export.
fn import_letterboxd(lib: &mut Library, name: &str, body: &str) -> Summary {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), body).unwrap();
    lib.import(Format::Letterboxd, dir.path(), &mut |_, _| {})
        .unwrap()
}

fn stalker_viewings(lib: &Library) -> Vec<String> {
    let stalker = lib.resolve_title("Stalker", Some(1979)).unwrap().id;
    lib.watches_of(stalker)
        .map(|w| {
            let stars = w.rating.map(|r| r.stars());
            format!("{} {stars:?} {}", w.watched_at.to_stored(), w.rewatch)
        })
        .collect()
}

/// A diary row repeated (the same entry, by its Letterboxd URI) is one viewing; two entries
/// on the same day are two.
#[test]
fn a_repeated_diary_row_is_one_viewing() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
        2024-01-01,Stalker,1979,https://boxd.it/a1,4.5,,,2024-01-01\n\
        2024-01-01,Stalker,1979,https://boxd.it/a2,4,Yes,,2024-01-01\n\
        2024-01-01,Stalker,1979,https://boxd.it/a2,4,Yes,,2024-01-01\n\
        2024-01-02,Stalker,1979,https://letterboxd.com/me/film/stalker/2/,3,Yes,,2024-01-02\n\
        2024-01-02,Stalker,1979,https://letterboxd.com/me/film/stalker/2/,3,Yes,,2024-01-02\n";
    let s = import_letterboxd(&mut lib, "diary.csv", diary);
    assert_eq!((s.read, s.imported, s.skipped), (5, 3, 2), "{s:?}");
    let viewings = stalker_viewings(&lib);
    assert_eq!(viewings.len(), 3, "{viewings:?}");
    // Importing it again adds nothing.
    let again = import_letterboxd(&mut lib, "diary.csv", diary);
    assert_eq!(again.imported, 0, "{again:?}");
    assert_eq!(stalker_viewings(&lib).len(), 3);
}

/// Hand-made diaries name the film's page, not an entry: each row is a viewing.
#[test]
fn film_page_uris_do_not_merge_viewings() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let diary = "Title,Year,LetterboxdURI,WatchedDate,Rating\n\
        Stalker,1979,https://letterboxd.com/film/stalker/,2024-01-01,4\n\
        Stalker,1979,https://letterboxd.com/film/stalker/,2024-01-01,4\n";
    let s = import_letterboxd(&mut lib, "diary.csv", diary);
    assert_eq!(s.imported, 2, "{s:?}");
}

/// A diary saved by a spreadsheet in a European locale: `;` between cells and a decimal
/// comma in the ratings.
#[test]
fn decimal_comma_ratings_in_a_semicolon_diary() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let diary = "\u{feff}Date;Name;Year;Letterboxd URI;Rating;Rewatch;Tags;Watched Date\r\n\
        2024-01-01;Stalker;1979;https://boxd.it/a1;4,5;;;2024-01-01\r\n\
        2024-01-02;Stalker;1979;https://boxd.it/a2;3;Yes;;2024-01-02\r\n\
        2024-01-03;Stalker;1979;https://boxd.it/a3;4,3;Yes;;2024-01-03\r\n";
    let s = import_letterboxd(&mut lib, "diary.csv", diary);
    assert_eq!((s.imported, s.skipped), (2, 1), "{s:?}");
    assert_eq!(s.errors.len(), 1, "{s:?}");
    assert_eq!(s.errors[0].line, 4);
    assert!(s.errors[0].reason.contains("4,3"), "{s:?}");
    let mut viewings = stalker_viewings(&lib);
    viewings.sort();
    assert_eq!(
        viewings,
        ["2024-01-01 Some(4.5) false", "2024-01-02 Some(3.0) true"]
    );
}

/// A stray quote in a diary swallows the rows after it: the import fails with the lines named,
/// and nothing is written (not even the rows before it).
#[test]
fn a_stray_quote_fails_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let mut diary =
        String::from("Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n");
    diary.push_str("2024-01-01,Stalker,1979,https://boxd.it/a1,4.5,,,2024-01-01\n");
    diary.push_str("2024-01-02,\"Mirror,1975,https://boxd.it/a2,4,,,2024-01-02\n");
    for day in 3..9 {
        diary.push_str(&format!(
            "2024-01-0{day},Stalker,1979,https://boxd.it/b{day},4,Yes,,2024-01-0{day}\n"
        ));
    }
    diary.push_str("2024-01-09,Solaris\",1972,https://boxd.it/a3,4,,,2024-01-09\n");
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("diary.csv"), diary).unwrap();
    let err = lib
        .import(Format::Letterboxd, files.path(), &mut |_, _| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("diary.csv:3: a quote opens here"), "{err}");
    assert!(err.contains("not closed until line 10; 7 lines"), "{err}");
    assert!(
        stalker_viewings(&lib).is_empty(),
        "{:?}",
        stalker_viewings(&lib)
    );
}

fn viewing(film_id: i64, at: &str, stars: Option<f64>) -> nightreel::model::NewWatch {
    use nightreel::time::WatchedAt;
    let watched_at = match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => WatchedAt::At(t),
        Err(_) => WatchedAt::Date(chrono::NaiveDate::parse_from_str(at, "%Y-%m-%d").unwrap()),
    };
    nightreel::model::NewWatch {
        film_id,
        watched_at,
        rating: stars.and_then(nightreel::model::Rating::from_stars),
        rewatch: false,
        liked: false,
        mood: None,
        mood_after: None,
        note: None,
        source: "nightreel".into(),
    }
}

fn film(lib: &Library, title: &str, year: i32) -> i64 {
    lib.resolve_title(title, Some(year)).unwrap().id
}

/// A diary row dated after now (the injected clock) is a bad row naming file, line and date,
/// counted as skipped; today's date (the current film night) is fine.
#[test]
fn a_letterboxd_viewing_in_the_future_is_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
        2026-11-24,Stalker,1979,,4,,,2026-11-24\n\
        2031-05-01,Nobody's Future Film,2030,,4,,,2031-05-01\n\
        2026-11-25,Stalker,1979,,3,,,2026-11-25\n";
    let s = import_letterboxd(&mut lib, "diary.csv", diary);
    assert_eq!(
        (s.read, s.imported, s.skipped, s.created),
        (3, 2, 1, 0),
        "{s:?}"
    );
    assert_eq!(s.errors.len(), 1, "{s:?}");
    let e = &s.errors[0];
    assert!(e.file.ends_with("diary.csv"), "{e:?}");
    assert_eq!(e.line, 3, "{e:?}");
    assert!(e.reason.contains("2031-05-01"), "{e:?}");
    assert_eq!(stalker_viewings(&lib).len(), 2);
}

/// `import json` too: a viewing after now (a date after today, or a moment after now) is a
/// bad row with its line; one before now imports.
#[test]
fn a_json_viewing_in_the_future_is_a_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let stalker = film(&lib, "Stalker", 1979);
    for at in [
        "2026-11-25T01:00:00+08:00",
        "2026-11-21T23:00:00+08:00",
        "2026-11-20",
    ] {
        lib.log(viewing(stalker, at, Some(4.0))).unwrap();
    }
    let path = dir.path().join("diary.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("2026-11-21T23:00:00+08:00", "2026-11-25T02:00:00+08:00")
        .replace("\"2026-11-20\"", "\"2031-01-01\"");
    std::fs::write(&path, &text).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = fresh.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!((s.imported, s.skipped), (1, 2), "{s:?}");
    let lines: Vec<(usize, bool)> = s
        .errors
        .iter()
        .map(|e| (e.line, e.file.ends_with("diary.json")))
        .collect();
    assert_eq!(
        lines,
        [
            (line_of("2026-11-25T02:00:00+08:00"), true),
            (line_of("2031-01-01"), true)
        ],
        "{s:?}"
    );
    assert!(s.errors[0].reason.contains("2026-11-25T02:00:00+08:00"));
    assert!(s.errors[1].reason.contains("2031-01-01"));
    assert_eq!(
        stalker_viewings(&fresh),
        ["2026-11-25T01:00:00+08:00 Some(4.0) false"]
    );
}

/// Re-importing an export in which a viewing was re-rated updates the viewing the earlier
/// import made (rating, rewatch, tags), in place; a viewing logged or edited in nightreel is
/// never changed by an import.
#[test]
fn a_reimported_letterboxd_rerating_updates_the_imported_viewing_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let head = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n";
    let v1 = format!(
        "{head}2024-01-01,Stalker,1979,,4,,,2024-01-01\n\
         2024-01-02,Casablanca,1942,,3,,,2024-01-02\n\
         2024-03-01,Stalker,1979,,4,,,2024-03-01\n"
    );
    // 2024-03-01 was logged in nightreel before any import: the import matches it.
    let stalker = film(&lib, "Stalker", 1979);
    lib.log(viewing(stalker, "2024-03-01T22:00:00+08:00", Some(4.0)))
        .unwrap();
    let s = import_letterboxd(&mut lib, "diary.csv", &v1);
    assert_eq!((s.imported, s.updated, s.skipped), (2, 0, 1), "{s:?}");

    // Re-rated on Letterboxd (and marked a rewatch, tagged); the logged one too.
    let v2 = format!(
        "{head}2024-01-01,Stalker,1979,,2.5,Yes,rainy,2024-01-01\n\
         2024-01-02,Casablanca,1942,,3,,,2024-01-02\n\
         2024-03-01,Stalker,1979,,1,,,2024-03-01\n"
    );
    let s = import_letterboxd(&mut lib, "diary.csv", &v2);
    assert_eq!(
        (s.read, s.imported, s.updated, s.skipped),
        (3, 0, 1, 2),
        "{s:?}"
    );
    assert!(
        s.skipped_reasons
            .keys()
            .any(|r| r.contains("kept as it is")),
        "{s:?}"
    );
    assert_eq!(
        stalker_viewings(&lib),
        [
            "2024-03-01T22:00:00+08:00 Some(4.0) false",
            "2024-01-01 Some(2.5) true"
        ]
    );
    let tagged = lib.watches().iter().find(|w| w.rewatch).unwrap();
    assert_eq!(tagged.mood.as_deref(), Some("rainy"));
    assert_eq!(lib.watches().len(), 3);

    // Edited in nightreel: the viewing is the user's from then on.
    let casablanca = lib
        .watches()
        .iter()
        .find(|w| w.film_id == film(&lib, "Casablanca", 1942))
        .unwrap()
        .clone();
    let mut mine = viewing(casablanca.film_id, "2024-01-02", Some(5.0));
    mine.source = casablanca.source.clone();
    lib.update_watch(casablanca.id, &mine).unwrap();
    let v3 = v2.replace("Casablanca,1942,,3,", "Casablanca,1942,,1,");
    let s = import_letterboxd(&mut lib, "diary.csv", &v3);
    assert_eq!((s.imported, s.updated), (0, 0), "{s:?}");
    let kept = lib
        .watches()
        .iter()
        .find(|w| w.id == casablanca.id)
        .unwrap();
    assert_eq!(kept.rating.map(|r| r.stars()), Some(5.0));
}

/// The same for `import json`: a viewing an earlier `import json` made takes the edited
/// file's values; the database the viewings were logged in keeps its own.
#[test]
fn a_reimported_json_edit_updates_only_what_import_json_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let stalker = film(&lib, "Stalker", 1979);
    let mut w = viewing(stalker, "2026-11-20T01:30:00+08:00", Some(4.5));
    w.note = Some("the dog".into());
    lib.log(w).unwrap();
    let path = dir.path().join("diary.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut other = open(&dir2);
    let s = other.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!((s.imported, s.updated), (1, 0), "{s:?}");

    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text
        .replace("\"rating\":4.5", "\"rating\":3.0")
        .replace("\"liked\":false", "\"liked\":true")
        .replace("the dog", "the dog, again");
    assert_ne!(edited, text);
    std::fs::write(&path, &edited).unwrap();
    let s = other.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!(
        (s.read, s.imported, s.updated, s.skipped),
        (1, 0, 1, 0),
        "{s:?}"
    );
    let w = &other.watches()[0];
    assert_eq!(other.watches().len(), 1);
    assert_eq!(w.rating.map(|r| r.stars()), Some(3.0));
    assert!(w.liked);
    assert_eq!(w.note.as_deref(), Some("the dog, again"));
    // Again: nothing left to change.
    let s = other.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!((s.imported, s.updated, s.skipped), (0, 0, 1), "{s:?}");

    // Where it was logged, the viewing is the user's: kept.
    let s = lib.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!((s.imported, s.updated, s.skipped), (0, 0, 1), "{s:?}");
    assert_eq!(lib.watches()[0].rating.map(|r| r.stars()), Some(4.5));
    assert_eq!(lib.watches()[0].note.as_deref(), Some("the dog"));
}

/// `import json` keeps the order of viewings that share a date or a moment.
#[test]
fn import_json_keeps_the_order_of_viewings_on_one_day() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let films = [
        film(&lib, "Stalker", 1979),
        film(&lib, "Casablanca", 1942),
        film(&lib, "Before Sunrise", 1995),
    ];
    for f in films {
        lib.log(viewing(f, "2026-11-20", None)).unwrap();
    }
    for f in films {
        lib.log(viewing(f, "2026-11-21T23:00:00+08:00", None))
            .unwrap();
    }
    let order = |lib: &Library| -> Vec<(String, i64)> {
        lib.watches()
            .iter()
            .map(|w| (w.watched_at.to_stored(), w.film_id))
            .collect()
    };
    let path = dir.path().join("diary.json");
    nightreel::export::to_file(&lib, nightreel::export::ExportFormat::Json, &path).unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = open(&dir2);
    let s = fresh.import(Format::Json, &path, &mut |_, _| {}).unwrap();
    assert_eq!(s.imported, 6, "{s:?}");
    assert_eq!(order(&fresh), order(&lib));
}

/// A re-rating in ratings.csv reaches the viewing an earlier import rated from it (the diary
/// row has no rating), and the mark of a film rated without a diary entry.
#[test]
fn a_reimported_ratings_csv_rerating_updates_viewing_and_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let export = tempfile::tempdir().unwrap();
    let diary = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
        2024-01-01,Stalker,1979,,,,,2024-01-01\n";
    std::fs::write(export.path().join("diary.csv"), diary).unwrap();
    let ratings = |stalker: &str, casablanca: &str| {
        let body = format!(
            "Date,Name,Year,Letterboxd URI,Rating\n\
             2024-01-02,Stalker,1979,,{stalker}\n\
             2024-01-03,Casablanca,1942,,{casablanca}\n"
        );
        std::fs::write(export.path().join("ratings.csv"), body).unwrap();
    };
    let casablanca_mark = |lib: &Library| {
        let id = film(lib, "Casablanca", 1942);
        let marks = lib.store().marks().unwrap();
        marks
            .iter()
            .find(|m| m.film_id == id)
            .and_then(|m| m.rating)
            .map(|r| r.stars())
    };
    ratings("4", "3");
    let s = lib
        .import(Format::Letterboxd, export.path(), &mut |_, _| {})
        .unwrap();
    assert_eq!((s.imported, s.updated), (3, 0), "{s:?}");
    assert_eq!(stalker_viewings(&lib), ["2024-01-01 Some(4.0) false"]);
    assert_eq!(casablanca_mark(&lib), Some(3.0));
    ratings("2", "4.5");
    let s = lib
        .import(Format::Letterboxd, export.path(), &mut |_, _| {})
        .unwrap();
    assert_eq!((s.imported, s.updated), (0, 2), "{s:?}");
    assert_eq!(stalker_viewings(&lib), ["2024-01-01 Some(2.0) false"]);
    assert_eq!(casablanca_mark(&lib), Some(4.5));
}

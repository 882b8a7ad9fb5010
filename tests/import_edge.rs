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

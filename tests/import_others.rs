//! Importers on the shapes other people's files take (hand-made fixtures written here), and,
//! where a real file of the shape exists in ../shared/data, on it too (skipped with a visible
//! line when absent).

use std::path::{Path, PathBuf};

use nightreel::config::Config;
use nightreel::import::{Format, Summary};
use nightreel::library::Library;
use nightreel::time::Clock;
use tempfile::TempDir;

const NOW: &str = "2026-12-02T23:30:00+01:00";

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

fn write(path: &Path, body: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, body).unwrap();
}

const DIARY: &str = "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
    2026-11-03,Stalker,1979,https://boxd.it/aaa1,4.5,,,2026-11-02\n\
    2026-11-04,Chungking Express,1994,https://boxd.it/aaa2,5,Yes,,2026-11-03\n";

/// An export unzipped with its top folder (`export/letterboxd-user-…-utc/diary.csv`) and the
/// outer folder given: the files inside are found. Two exports side by side are refused,
/// naming both.
#[test]
fn a_letterboxd_folder_holding_the_unzipped_export_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let outer = dir.path().join("export");
    let inner = outer.join("letterboxd-user-2026-12-01-10-00-utc");
    write(&inner.join("diary.csv"), DIARY);
    write(&inner.join("deleted/diary.csv"), DIARY);
    let s = import(&mut lib, Format::Letterboxd, &outer).unwrap();
    assert_eq!((s.read, s.imported), (2, 2), "{s:?}");

    let two = dir.path().join("two");
    write(&two.join("a/diary.csv"), DIARY);
    write(
        &two.join("b/ratings.csv"),
        "Date,Name,Year,Letterboxd URI,Rating\n",
    );
    let err = import(&mut lib, Format::Letterboxd, &two)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("2 Letterboxd exports") && err.contains("two/a"),
        "{err}"
    );

    let none = dir.path().join("none");
    write(&none.join("notes/readme.txt"), "hello");
    let err = import(&mut lib, Format::Letterboxd, &none)
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a Letterboxd export"), "{err}");

    // A real export, linked (not copied) into a folder of its own.
    let Some(data) = data() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let outer = dir.path().join("real");
    std::fs::create_dir(&outer).unwrap();
    std::os::unix::fs::symlink(data.join("letterboxd/extratone"), outer.join("extratone")).unwrap();
    let s = import(&mut lib, Format::Letterboxd, &outer).unwrap();
    assert!(s.errors.is_empty(), "{:?}", s.errors);
    assert_eq!(lib.store().counts().unwrap().1, 317, "{s:?}");
}

/// A list the user named "Diary" or "Watchlist" is `lists/diary.csv` in the zip, with the
/// list's header block before its table: it is not taken for the diary (the import failed).
#[test]
fn a_letterboxd_list_named_like_an_export_file_is_not_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir);
    let zip_path = dir.path().join("letterboxd-user-2026-12-01-10-00-utc.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let list = "Letterboxd list export v7\nDate,Name,Tags,URL,Description\n\
        2026-11-01,Diary,,https://boxd.it/abc,\n\nPosition,Name,Year,URL,Description\n\
        1,Heat,1995,https://boxd.it/1,\n";
    for (name, body) in [
        ("diary.csv", DIARY),
        ("lists/diary.csv", list),
        ("lists/watchlist.csv", list),
    ] {
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, body.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    let s = import(&mut lib, Format::Letterboxd, &zip_path).unwrap();
    assert_eq!((s.read, s.imported), (2, 2), "{s:?}");
    assert!(s.errors.is_empty(), "{:?}", s.errors);
}

//! The start-up image through the library: written once the vector cache is warm, used while
//! it matches the database, and never used once anything it holds has changed.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::library::{Library, Timings};
use crate::model::FilmData;
use crate::store::Store;
use crate::time::Clock;

fn config() -> Config {
    Config {
        image_from: Some(100),
        ..Config::default()
    }
}

/// A database of 300 synthetic films, some with popularity votes.
fn catalog(dir: &Path) -> PathBuf {
    let path = dir.join("n.db");
    let (mut store, _) = Store::open(&path).unwrap();
    let vocab = crate::catalog::vocab::Vocabulary::builtin().unwrap();
    let films = crate::synth::films(300, &vocab, 3);
    let tx = store.import_tx().unwrap();
    for (i, f) in films.iter().enumerate() {
        let id = tx.insert_film(&f.data(), &Default::default()).unwrap();
        if i % 3 == 0 {
            tx.set_popularity(id, "tmdb", (i * 7) as u64, None).unwrap();
        }
    }
    tx.commit().unwrap();
    path
}

/// Starts as the TUI's loader does: load, build the space, write the image it asks for.
fn start(db: &Path, config: &Config) -> (Library, Timings, bool) {
    let (store, _) = Store::open(db).unwrap();
    let clock = Clock::from_option(Some("2026-12-02T23:30:00+01:00")).unwrap();
    let (lib, job, timings) = Library::load(store, config.clone(), clock, &|_| {}, true).unwrap();
    let mut built = job.unwrap().run(&mut |_, _| {});
    let image = built.as_mut().unwrap().image.take();
    let wrote = image.is_some();
    if let Some(image) = image {
        image.write(&built.as_ref().unwrap().space).unwrap();
    }
    lib.install_space(built).unwrap();
    (lib, timings, wrote)
}

/// What a user sees of a library: films, search, rankings with and without a mood.
fn seen(lib: &Library) -> String {
    let films = format!("{:?}", lib.films());
    let search = format!("{:?}", lib.search("the night", 20));
    let mood = lib.mood("rain on neon, lonely but warm");
    let ranked = format!("{:?}", lib.recommend(&mood, 20).unwrap());
    let taste = format!("{:?}", lib.recommend(&lib.mood(""), 20).unwrap());
    format!("{films}\n{search}\n{ranked}\n{taste}\n{:?}", lib.quality())
}

#[test]
fn an_image_is_written_once_the_cache_is_warm_then_read_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    let image = super::path_for(&db);
    // The first start computes every film vector (the database changes): no image yet.
    let (_, t, wrote) = start(&db, &config());
    assert!(!t.image && !wrote && !image.exists());
    // The second finds them all cached and writes the image.
    let (cold, t, wrote) = start(&db, &config());
    assert!(!t.image && wrote && image.exists());
    let want = seen(&cold);
    drop(cold);
    // The third reads it, and sees what the store gave.
    let (warm, t, wrote) = start(&db, &config());
    assert!(t.image && !wrote);
    assert_eq!(seen(&warm), want);
    assert!(warm.space().unwrap().matrix().len() == 300);
}

#[test]
fn below_the_threshold_or_turned_off_there_is_no_image() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    let small = Config {
        image_from: Some(301),
        ..Config::default()
    };
    for _ in 0..2 {
        assert!(!start(&db, &small).2);
    }
    assert!(
        start(&db, &config()).2,
        "the cache is warm: the image is written"
    );
    let off = Config {
        image_from: None,
        ..Config::default()
    };
    let (_, t, wrote) = start(&db, &off);
    assert!(!t.image && !wrote);
    assert!(
        !super::path_for(&db).exists(),
        "turning images off removes one"
    );
}

/// Writes a fresh image of `db` (the cache is warm) and returns what the start saw.
fn imaged(db: &Path) -> String {
    let _ = std::fs::remove_file(super::path_for(db));
    let (lib, _, wrote) = start(db, &config());
    assert!(wrote);
    seen(&lib)
}

#[test]
fn any_change_to_what_the_image_holds_voids_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    start(&db, &config());
    type Change = fn(&mut Store);
    let changes: [(&str, Change); 3] = [
        ("a new film", |s| {
            let f = FilmData {
                title: "Zyzzyva Nocturne".into(),
                source: "test".into(),
                ..Default::default()
            };
            s.insert_film(&f).unwrap();
        }),
        ("a film's facts", |s| {
            let tx = s.import_tx().unwrap();
            let patch = crate::store::FilmPatch {
                year: Some(1999),
                ..Default::default()
            };
            tx.enrich_film(5, &patch).unwrap();
            tx.commit().unwrap();
        }),
        ("popularity", |s| {
            let tx = s.import_tx().unwrap();
            tx.set_popularity(7, "imdb", 123_456, Some(7.5)).unwrap();
            tx.commit().unwrap();
        }),
    ];
    for (what, change) in changes {
        imaged(&db);
        change(&mut Store::open(&db).unwrap().0);
        let (lib, t, _) = start(&db, &config());
        assert!(!t.image, "{what}: the stale image was used");
        let fresh = Library::from_store(Store::open(&db).unwrap().0, config(), lib.clock).unwrap();
        assert_eq!(format!("{:?}", lib.films()), format!("{:?}", fresh.films()));
        assert_eq!(lib.quality(), fresh.quality(), "{what}");
    }
}

#[test]
fn films_another_program_added_void_the_image() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    start(&db, &config());
    imaged(&db);
    // As the sqlite3 shell would: no nightreel code runs, so only the id bounds tell.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "INSERT INTO films(title, original_title, source) VALUES ('Added Elsewhere', '', 'x')",
        [],
    )
    .unwrap();
    drop(conn);
    let (lib, t, _) = start(&db, &config());
    assert!(!t.image);
    assert_eq!(lib.search("added elsewhere", 1).len(), 1);
}

#[test]
fn a_damaged_image_or_one_for_another_model_is_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    start(&db, &config());
    let want = imaged(&db);
    let image = super::path_for(&db);
    let mut bytes = std::fs::read(&image).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    std::fs::write(&image, &bytes).unwrap();
    let (lib, t, _) = start(&db, &config());
    assert!(!t.image);
    assert_eq!(seen(&lib), want);
    // A cut file.
    imaged(&db);
    let bytes = std::fs::read(&image).unwrap();
    std::fs::write(&image, &bytes[..bytes.len() - 10]).unwrap();
    assert!(!start(&db, &config()).1.image);
    // Another model directory: the image's space is not this model's.
    imaged(&db);
    let other = Config {
        model_dir: Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/model")),
        ..config()
    };
    let (lib, t, _) = start(&db, &other);
    assert!(!t.image);
    assert_eq!(seen(&lib), want);
}

#[test]
fn a_cancelled_write_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    start(&db, &config());
    let (store, _) = Store::open(&db).unwrap();
    let clock = Clock::from_option(Some("2026-12-02T23:30:00+01:00")).unwrap();
    let (_lib, job, _) = Library::load(store, config(), clock, &|_| {}, true).unwrap();
    let built = job.unwrap().run(&mut |_, _| {}).unwrap();
    let pending = built.image.unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let err = pending
        .write_cancellable(&built.space, &cancel)
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("image"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn preparing_computes_the_vectors_and_writes_the_image_the_next_start_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = catalog(dir.path());
    let clock = Clock::from_option(Some("2026-12-02T23:30:00+01:00")).unwrap();
    let prepare = |c: &Config| crate::library::prepare_image(&db, c, clock, &mut |_, _| {});
    let off = Config {
        image_from: None,
        ..Config::default()
    };
    assert_eq!(prepare(&off).unwrap(), crate::library::Prepared::NotNeeded);
    let big = Config {
        image_from: Some(1000),
        ..Config::default()
    };
    assert_eq!(prepare(&big).unwrap(), crate::library::Prepared::NotNeeded);
    assert!(!super::path_for(&db).exists());
    // No vector is cached yet: they are computed, then the image is written from the cache.
    assert_eq!(
        prepare(&config()).unwrap(),
        crate::library::Prepared::Written
    );
    assert_eq!(prepare(&config()).unwrap(), crate::library::Prepared::Ready);
    let (_, t, wrote) = start(&db, &config());
    assert!(t.image && !wrote);
}

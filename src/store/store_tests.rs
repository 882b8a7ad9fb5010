//! Tests of the store's basics: opening, migrating, metadata, backups.

use super::*;

#[test]
fn creates_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sub/n.db");
    let (s, r) = Store::open(&p).unwrap();
    assert!(r.created);
    assert_eq!(s.schema_version().unwrap(), LATEST_VERSION);
    drop(s);
    let (s, r) = Store::open(&p).unwrap();
    assert!(!r.created);
    assert_eq!(r.from_version, LATEST_VERSION);
    assert_eq!(s.integrity_check().unwrap(), vec!["ok".to_string()]);
}

#[test]
fn refuses_non_sqlite_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "my precious notes\n").unwrap();
    let err = Store::open(&p).err().unwrap();
    assert!(
        err.to_string().contains("not a nightreel database"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "my precious notes\n");
}

#[test]
fn refuses_foreign_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("other.db");
    let c = Connection::open(&p).unwrap();
    c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(c);
    let before = std::fs::read(&p).unwrap();
    let err = Store::open(&p).err().unwrap();
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn refuses_a_foreign_wal_database_without_opening_it() {
    let dir = tempfile::tempdir().unwrap();
    let live = dir.path().join("live.db");
    let c = Connection::open(&live).unwrap();
    c.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         PRAGMA application_id = 12345; CREATE TABLE t(x); PRAGMA wal_checkpoint;
         INSERT INTO t VALUES ('only in the log');",
    )
    .unwrap();
    // A copy as a crash leaves it: the main file and a log that was never checkpointed.
    let p = dir.path().join("crashed.db");
    std::fs::copy(&live, &p).unwrap();
    std::fs::copy(
        dir.path().join("live.db-wal"),
        dir.path().join("crashed.db-wal"),
    )
    .unwrap();
    drop(c);
    let before = std::fs::read(&p).unwrap();
    let wal_before = std::fs::read(dir.path().join("crashed.db-wal")).unwrap();
    assert!(!wal_before.is_empty());
    let err = Store::open(&p).err().unwrap();
    assert!(err.to_string().contains("another program"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(
        std::fs::read(dir.path().join("crashed.db-wal")).unwrap(),
        wal_before
    );
    assert!(!dir.path().join("crashed.db-shm").exists());
}

#[test]
fn refuses_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("new.db");
    let c = Connection::open(&p).unwrap();
    c.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = 99; CREATE TABLE x(y);"
    ))
    .unwrap();
    drop(c);
    let before = std::fs::read(&p).unwrap();
    let err = Store::open(&p).err().unwrap();
    assert!(err.to_string().contains("newer nightreel"), "{err}");
    assert_eq!(std::fs::read(&p).unwrap(), before);
}

#[test]
fn every_write_that_adds_to_the_catalog_voids_the_start_up_image() {
    let mut s = Store::open_in_memory().unwrap();
    let key = crate::image::TOKEN_KEY;
    let film = crate::model::FilmData {
        title: "A".into(),
        ..Default::default()
    };
    let v = StoredVector {
        model: "m".into(),
        doc_hash: "h".into(),
        scale: 1.0,
        vec: vec![1],
    };
    type Write = fn(&mut Store);
    let writes: [(&str, Write); 5] = [
        ("insert_film", |s| {
            s.insert_film(&crate::model::FilmData::default()).unwrap();
        }),
        ("import", |s| s.import_tx().unwrap().commit().unwrap()),
        ("film vectors", |s| {
            let v = StoredVector {
                model: "m".into(),
                doc_hash: "h".into(),
                scale: 1.0,
                vec: vec![2],
            };
            s.put_film_vectors(&[(1, v)]).unwrap();
        }),
        ("term vectors", |s| {
            s.put_term_vectors("m", &[("t:x".into(), vec![1], 1.0)])
                .unwrap();
        }),
        ("seed", |s| {
            let f = crate::model::FilmData {
                title: "Seeded".into(),
                ..Default::default()
            };
            s.sync_seed(&[("k".into(), f)], "new hash").unwrap();
        }),
    ];
    let id = s.insert_film(&film).unwrap();
    s.put_film_vectors(&[(id, v)]).unwrap();
    for (what, write) in writes {
        s.set_meta(key, "token").unwrap();
        write(&mut s);
        assert_eq!(s.meta(key).unwrap(), None, "{what}");
    }
    // Opening the store and reading do not.
    s.set_meta(key, "token").unwrap();
    s.films().unwrap();
    assert_eq!(s.meta(key).unwrap().as_deref(), Some("token"));
}

#[test]
fn meta_roundtrip() {
    let s = Store::open_in_memory().unwrap();
    assert_eq!(s.meta("k").unwrap(), None);
    s.set_meta("k", "v").unwrap();
    s.set_meta("k", "w").unwrap();
    assert_eq!(s.meta("k").unwrap().as_deref(), Some("w"));
}

//! What the fuzz targets share: a scratch folder and an in-memory database, and the checks that
//! every import result must pass.
//!
//! An importer reads files, so each input is written to files first. Inputs that stand for
//! several files (an export folder, a dataset with companion files) are split on the byte 0x1E
//! (ASCII record separator): part N becomes the Nth file named by the target; an empty part
//! means that file is absent.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use nightreel::Error;
use nightreel::import::{self, Format, Summary};
use nightreel::store::Store;

/// The injected now of every import (imports never read the real clock).
fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").expect("a fixed moment")
}

/// The byte that separates the files of one input.
pub const SEPARATOR: u8 = 0x1e;

struct Scratch {
    store: Store,
    dir: PathBuf,
}

fn scratch() -> &'static Mutex<Scratch> {
    static S: OnceLock<Mutex<Scratch>> = OnceLock::new();
    S.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("nightreel-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch folder");
        let mut store = Store::open_in_memory().expect("in-memory database");
        seed(&mut store, &dir);
        Mutex::new(Scratch { store, dir })
    })
}

/// A few films and viewings already in the database, so that matching against the catalog
/// and the duplicate checks have something to find (imported once, through the real importer).
fn seed(store: &mut Store, dir: &Path) {
    let diary = dir.join("seed-diary.csv");
    std::fs::write(
        &diary,
        "Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n\
         2024-01-02,Stalker,1979,https://boxd.it/a1,4.5,,slow,2024-01-01\n\
         2024-02-03,Chungking Express,1994,https://boxd.it/a2,5,Yes,,2024-02-02\n\
         2024-03-04,\"Mirror, The\",1975,https://boxd.it/a3,,,,2024-03-03\n",
    )
    .expect("seed file");
    import::run(store, Format::Letterboxd, &diary, now(), &mut |_, _| {}).expect("seed import");
    std::fs::remove_file(&diary).ok();
}

/// Splits an input into its files (see the module comment).
pub fn parts(data: &[u8]) -> Vec<&[u8]> {
    data.split(|&b| b == SEPARATOR).collect()
}

/// Writes `files` (relative name, bytes; empty bytes = absent) into a clean scratch folder,
/// imports `target` (a file name in it, or "" for the folder) without committing, and checks
/// the outcome.
pub fn import(format: Format, files: &[(&str, &[u8])], target: &str) -> Option<Summary> {
    let mut guard = scratch().lock().unwrap_or_else(|e| e.into_inner());
    let s = &mut *guard;
    // A clean folder for every input: nothing left from the last one.
    let _ = std::fs::remove_dir_all(&s.dir);
    std::fs::create_dir_all(&s.dir).expect("scratch folder");
    for (name, bytes) in files {
        if bytes.is_empty() {
            continue;
        }
        let p = s.dir.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("scratch subfolder");
        }
        std::fs::write(&p, bytes).expect("scratch file");
    }
    let path = if target.is_empty() {
        s.dir.clone()
    } else {
        s.dir.join(target)
    };
    let mut last = (0u64, 0u64);
    let result = import::dry_run(&mut s.store, format, &path, now(), &mut |done, total| {
        assert!(done <= total, "progress {done} of {total}");
        last = (done, total);
    });
    check(format, result)
}

/// What every import must give: a summary whose counts add up and whose errors say where and
/// why, or an error that names the file (and the line, for a parse error). Never a database
/// error: hostile data must be refused before it reaches SQL.
fn check(format: Format, result: nightreel::Result<Summary>) -> Option<Summary> {
    match result {
        Ok(summary) => {
            for e in &summary.errors {
                assert!(
                    !e.file.is_empty(),
                    "{format:?}: a row error without a file: {e:?}"
                );
                assert!(
                    !e.reason.trim().is_empty(),
                    "{format:?}: a row error without a reason: {e:?}"
                );
                assert!(
                    e.reason.len() <= 2_000,
                    "{format:?}: a {}-byte reason",
                    e.reason.len()
                );
            }
            assert!(
                summary.errors.len() <= summary.skipped,
                "{format:?}: {} row errors but {} rows skipped",
                summary.errors.len(),
                summary.skipped
            );
            Some(summary)
        }
        Err(e @ (Error::Io { .. } | Error::Parse { .. })) => {
            let text = e.to_string();
            assert!(
                text.len() <= 4_000,
                "{format:?}: a {}-byte error message",
                text.len()
            );
            if let Error::Parse {
                file,
                line,
                message,
            } = &e
            {
                assert!(
                    !file.is_empty(),
                    "{format:?}: a parse error without a file: {e}"
                );
                assert!(*line >= 1, "{format:?}: a parse error at line 0: {e}");
                assert!(
                    !message.trim().is_empty(),
                    "{format:?}: a parse error without a message"
                );
            }
            None
        }
        Err(other) => {
            panic!("{format:?}: an import failed with an unexpected error: {other} ({other:?})")
        }
    }
}

//! SQLite storage: opening safely, migrations, and every SQL statement nightreel runs.

mod films;
mod imports;
mod migrations;
mod vectors;
mod watches;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, Result};

pub use films::SeedReport;
pub use imports::{ExternalIds, FilmKeys, FilmPatch, ImportTx, Mark, Popularity, WatchKey};
pub use migrations::LATEST_VERSION;
pub use vectors::StoredVector;

/// `PRAGMA application_id` of nightreel databases ("NRel").
pub const APPLICATION_ID: i32 = 0x4E52_656C;

/// An open nightreel database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// What opening a database did.
#[derive(Debug, Default, Clone)]
pub struct OpenReport {
    /// The file did not exist and was created.
    pub created: bool,
    /// The schema version found before migrating (0 for a new file).
    pub from_version: i64,
    /// Where a backup was written before migrating an existing database.
    pub backup: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, refusing files that are not ours or
    /// are from a newer version without touching them, and migrating older ones after a backup.
    pub fn open(path: &Path) -> Result<(Store, OpenReport)> {
        let exists = path.exists();
        let mut report = OpenReport {
            created: !exists,
            ..OpenReport::default()
        };
        if exists {
            report.from_version = inspect_existing(path)?;
        } else if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let conn = Connection::open(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.configure()?;
        if exists && report.from_version > 0 && report.from_version < LATEST_VERSION {
            let backup = backup_path(path, report.from_version);
            store.backup_to(&backup)?;
            report.backup = Some(backup);
        }
        migrations::migrate(&mut store.conn)?;
        Ok((store, report))
    }

    /// A fresh in-memory database with the current schema (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    fn configure(&self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        if self.path.is_some() {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                tracing::warn!("journal mode is {mode}, not WAL");
            }
        }
        self.conn.execute_batch(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;",
        )?;
        Ok(())
    }

    /// The database file, or `None` in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version (`PRAGMA user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs SQLite's integrity check and returns its messages ("ok" when healthy).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Copies the database to `dest` with SQLite's online backup.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Io {
                path: dest.to_path_buf(),
                message: "already exists; choose another backup path".into(),
            });
        }
        self.conn
            .backup(rusqlite::MAIN_DB, dest, None)
            .map_err(|e| Error::Io {
                path: dest.to_path_buf(),
                message: format!("backup failed: {e}"),
            })
    }

    /// Reads a metadata value.
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Writes a metadata value.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Row counts: (films, watches, watchlist).
    pub fn counts(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM films), (SELECT count(*) FROM watches),
                    (SELECT count(*) FROM watchlist)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }
}

fn backup_path(path: &Path, version: i64) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "nightreel.db".into());
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    path.with_file_name(format!("{name}.schema{version}-{stamp}.bak"))
}

/// Checks an existing file read-only: it must be SQLite, ours (or empty), and not newer.
/// Returns its schema version.
fn inspect_existing(path: &Path) -> Result<i64> {
    let not_ours = |reason: &str| Error::NotOurDatabase {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len == 0 {
        return Ok(0);
    }
    if file.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
        return Err(not_ours("it is not an SQLite file"));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_ours(&e.to_string()))?;
    let read = |sql: &str| -> std::result::Result<i64, Error> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| not_ours(&format!("it cannot be read: {e}")))
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let tables = read("SELECT count(*) FROM sqlite_master")?;
    if app_id != i64::from(APPLICATION_ID) && (tables > 0 || version != 0) {
        return Err(not_ours("it is an SQLite database of another program"));
    }
    if version > LATEST_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: LATEST_VERSION,
        });
    }
    Ok(version)
}

fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
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
    fn meta_roundtrip() {
        let s = Store::open_in_memory().unwrap();
        assert_eq!(s.meta("k").unwrap(), None);
        s.set_meta("k", "v").unwrap();
        s.set_meta("k", "w").unwrap();
        assert_eq!(s.meta("k").unwrap().as_deref(), Some("w"));
    }
}

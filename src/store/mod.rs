//! SQLite storage: opening safely, migrations, and every SQL statement nightreel runs.

mod bulk;
mod films;
mod imports;
mod inspect;
mod migrations;
mod read_only;
mod refresh;
mod vectors;
mod watches;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};

use inspect::inspect_existing;

use crate::error::{Error, Result};

pub use bulk::{CachedRow, CachedVectors};
pub use films::SeedReport;
pub use imports::{ExternalIds, FilmKeys, FilmPatch, ImportTx, Mark, Popularity, WatchKey};
pub use migrations::LATEST_VERSION;
pub use refresh::{Marked, Refreshed, WatchUpdate};
pub use vectors::{StoredVector, TermRow};

/// `PRAGMA application_id` of nightreel databases ("NRel").
pub const APPLICATION_ID: i32 = 0x4E52_656C;

/// How long a statement waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open nightreel database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Opened read-only and immutable ([`Store::open_read`] on a file it cannot write).
    read_only: bool,
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
    /// A number that changes when another connection (another nightreel: a `log` or an
    /// import in another terminal) commits to the database; this connection's own writes
    /// leave it as it is.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Opens (creating if needed) the database at `path`, refusing files that are not ours,
    /// damaged or from a newer version without touching them, and migrating older ones after a
    /// backup. A new database (and any directory created for it) is readable by the user alone.
    pub fn open(path: &Path) -> Result<(Store, OpenReport)> {
        let mut report = OpenReport::default();
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                crate::paths::create_private_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            match crate::paths::create_private_file(path) {
                Ok(()) => report.created = true,
                // Another process created it a moment ago: inspect it like any existing file.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(Error::io(path, e)),
            }
        }
        let store = Store::open_checked(path, &mut report)?;
        Ok((store, report))
    }

    fn open_checked(path: &Path, report: &mut OpenReport) -> Result<Store> {
        let sql = |e: rusqlite::Error| Error::storage(path, e);
        report.from_version = inspect_existing(path, false)?;
        // Two processes creating one database at once: switching to WAL and the first
        // migration can meet "database is locked" without SQLite waiting (a journal-mode
        // change takes no busy timeout), so a busy start is tried again for a while.
        let started = std::time::Instant::now();
        let mut pause = Duration::from_millis(10);
        loop {
            let conn = Connection::open(path).map_err(sql)?;
            let mut store = Store {
                conn,
                path: Some(path.to_path_buf()),
                read_only: false,
            };
            let mut start = || -> Result<()> {
                store.configure()?;
                if report.from_version > 0
                    && report.from_version < LATEST_VERSION
                    && report.backup.is_none()
                {
                    let backup = backup_path(path, report.from_version);
                    store.backup_to(&backup)?;
                    report.backup = Some(backup);
                }
                migrations::migrate(&mut store.conn)
            };
            match start() {
                Ok(()) => return Ok(store),
                Err(e) if is_busy(&e) && started.elapsed() < BUSY_TIMEOUT => {
                    drop(store);
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(200));
                }
                Err(e) => return Err(e.with_db(path)),
            }
        }
    }

    /// A fresh in-memory database with the current schema (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: None,
            read_only: false,
        };
        store.configure()?;
        migrations::migrate(&mut store.conn)?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every transaction nightreel opens writes: take the write lock at BEGIN, where the busy
        // timeout applies, rather than upgrading a read later (which fails at once with
        // "database is locked" when another process wrote in between).
        self.conn
            .set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        if self.path.is_some() && !self.read_only {
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

    /// Frees SQLite's page cache (after the big reads of start-up; it refills as needed).
    pub fn shrink_memory(&self) {
        if let Err(e) = self.conn.execute_batch("PRAGMA shrink_memory") {
            tracing::debug!("shrink_memory: {e}");
        }
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

    /// Copies the database to `dest` with SQLite's online backup. `dest` must not exist; it is
    /// created readable by the user alone. The copy is written to `dest.partial` and only then
    /// given its name, so an interrupted backup never looks like a finished one.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |message: String| Error::Io {
            path: dest.to_path_buf(),
            message,
        };
        let exists = || io("already exists; choose another backup path".into());
        if dest.exists() {
            return Err(exists());
        }
        let mut partial = dest.as_os_str().to_owned();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        crate::paths::create_private_file(&partial).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                io(format!(
                    "{} exists (left by an interrupted backup?); remove it first",
                    partial.display()
                ))
            } else {
                io(format!("cannot create the backup: {e}"))
            }
        })?;
        let result = self
            .conn
            .backup(rusqlite::MAIN_DB, &partial, None)
            .map_err(|e| io(format!("backup failed: {}", crate::error::describe_sql(&e))))
            .and_then(|()| match std::fs::hard_link(&partial, dest) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
                // No hard links on this file system: rename, having checked the name is free.
                Err(_) if !dest.exists() => std::fs::rename(&partial, dest)
                    .map_err(|e| io(format!("cannot name the backup: {e}"))),
                Err(_) => Err(exists()),
            });
        let _ = std::fs::remove_file(&partial);
        result
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

    /// Writes the token of the start-up image about to be made (see [`crate::image`]), unless
    /// the file cannot be written now: start-up does not wait for another process's write.
    /// True when written.
    pub fn claim_image(&self, token: &str) -> bool {
        let quick = self.conn.busy_timeout(Duration::ZERO);
        let written = quick
            .map_err(Error::from)
            .and_then(|()| self.set_meta(crate::image::TOKEN_KEY, token));
        if let Err(e) = self.conn.busy_timeout(BUSY_TIMEOUT) {
            tracing::warn!("busy timeout: {e}");
        }
        written
            .inspect_err(|e| tracing::debug!("no start-up image this time: {e}"))
            .is_ok()
    }

    /// How long a write waits for another process's write to finish before it gives up
    /// (30 s unless set; the TUI waits less and says so, rather than freeze).
    pub fn set_write_wait(&self, wait: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(wait)?)
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
    let mut candidate = path.with_file_name(format!("{name}.schema{version}-{stamp}.bak"));
    let mut n = 1;
    while candidate.exists() {
        n += 1;
        candidate = path.with_file_name(format!("{name}.schema{version}-{stamp}-{n}.bak"));
    }
    candidate
}

/// Voids the start-up image ([`crate::image`]): called in every transaction that inserts
/// films, popularity or cached vectors (schema 4's triggers cover updates and deletes).
fn void_image(conn: &rusqlite::Connection) -> Result<()> {
    conn.execute("DELETE FROM meta WHERE key = ?1", [crate::image::TOKEN_KEY])?;
    Ok(())
}

/// An SQLite "busy" or "locked" error, not yet turned into a message.
fn is_busy(e: &Error) -> bool {
    matches!(e, Error::Sql(s) if matches!(
        s.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    ))
}

fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

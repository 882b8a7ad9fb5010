//! Reading a database this process may not write (a file of mode 0444, a read-only directory,
//! a read-only mount): the read commands open it read-only and *immutable*, so SQLite takes no
//! locks and creates no `-wal` or `-shm` file beside it, and nothing is left behind.
//!
//! What this cannot do, and says so: fold in changes still in a non-empty `-wal` (only a
//! connection that can write the database checkpoints them; an immutable reader would not see
//! them), and migrate an older schema (which backs up and writes). Immutable also means SQLite
//! trusts the file not to change while it is open: a read-only file is not written by this
//! user, and another user writing it meanwhile could show a read command stale data.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{LATEST_VERSION, OpenReport, Store};
use crate::error::{Error, Result};

/// True when this process may write the file and create files in its directory (as SQLite
/// must, for the `-wal` and `-shm` files of a database in WAL mode).
pub(super) fn writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    can_write(path) && can_write(dir)
}

#[cfg(unix)]
fn can_write(p: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(p.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: access() reads a valid NUL-terminated path and has no other preconditions.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn can_write(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| !m.permissions().readonly())
}

/// An SQLite URI naming `path`, opened immutable (`?`, `#` and `%` percent-encoded).
fn immutable_uri(path: &Path) -> Result<String> {
    let abs = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let Some(text) = abs.to_str() else {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "the database is read-only here and its path is not UTF-8, which SQLite \
                      needs to open it read-only; make it writable or move it"
                .into(),
        });
    };
    let mut uri = String::from("file:");
    for c in text.chars() {
        match c {
            '?' | '#' | '%' => uri.push_str(&format!("%{:02X}", c as u32)),
            _ => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    Ok(uri)
}

/// A read-only, immutable connection to `path` (no locks, no `-wal`/`-shm`).
pub(super) fn open_immutable(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(immutable_uri(path)?, flags).map_err(|e| Error::storage(path, e))
}

fn wal_of(path: &Path) -> PathBuf {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    PathBuf::from(wal)
}

impl Store {
    /// Opens the database for a command that only reads (recommend, search, diary, stats,
    /// export). A database this process can write is opened as [`Store::open`] does (created
    /// and seeded when missing, migrated when older); one it cannot write is read immutable,
    /// leaving nothing beside it, or refused with a message naming the path when that cannot
    /// give the true diary (changes waiting in its `-wal`, an older schema).
    pub fn open_read(path: &Path) -> Result<(Store, OpenReport)> {
        if !path.exists() || writable(path) {
            return Store::open(path);
        }
        let refuse = |message: String| Error::Io {
            path: path.to_path_buf(),
            message,
        };
        let wal = wal_of(path);
        if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
            return Err(refuse(format!(
                "the database is read-only here and {} holds changes not yet written into it, \
                 which only a writable open folds in; make the file and its directory writable \
                 and run nightreel once",
                wal.display()
            )));
        }
        let version = super::inspect::inspect_existing(path, true)?;
        if version < LATEST_VERSION {
            return Err(refuse(format!(
                "the database is read-only here and its schema ({version}) is older than this \
                 nightreel's ({LATEST_VERSION}); it is migrated (after a backup) on the first \
                 writable open: make the file and its directory writable and run nightreel once"
            )));
        }
        let conn = open_immutable(path)?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
        };
        store.configure().map_err(|e| e.with_db(path))?;
        let report = OpenReport {
            from_version: version,
            ..OpenReport::default()
        };
        Ok((store, report))
    }

    /// True when the database was opened read-only (see [`Store::open_read`]): nothing can
    /// be written, and caches are not kept.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }
}

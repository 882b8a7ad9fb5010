//! Looking at an existing database file before SQLite opens it for writing: is it SQLite,
//! whole, ours, and not newer? Read through a descriptor that is never closed (see
//! [`held_open`]).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{APPLICATION_ID, BUSY_TIMEOUT, LATEST_VERSION};
use crate::error::{Error, Result};

/// Checks an existing file read-only: it must be SQLite, whole, ours (or empty), and not
/// newer. Returns its schema version. `immutable`: the file cannot be written by this
/// process, and is read without locks or `-wal`/`-shm` files (see `read_only`).
pub(super) fn inspect_existing(path: &Path, immutable: bool) -> Result<i64> {
    let not_ours = |reason: &str| Error::NotOurDatabase {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let damaged = |reason: String| Error::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let file = held_open(path).map_err(|e| Error::io(path, e))?;
    let read = || -> Result<(u64, Vec<u8>)> {
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let header = read_head(&file, 100).map_err(|e| Error::io(path, e))?;
        Ok((len, header))
    };
    let (mut len, mut header) = read()?;
    if len == 0 {
        return Ok(0);
    }
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    if header.len() < 16 || &header[..16] != MAGIC {
        return Err(not_ours("it is not an SQLite file"));
    }
    if header.len() < 100 {
        return Err(damaged(format!("it is truncated: {len} bytes")));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(format!(
            "its header names a page size of {page_size}"
        )));
    }
    // The page count in the header is valid when the change counter matches
    // version-valid-for. Pages still in a write-ahead log may not be in the file yet.
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let header_valid = header[24..28] == header[92..96] && pages > 0;
    let short = |len: u64, header: &[u8]| {
        let pages = u64::from(u32::from_be_bytes([
            header[28], header[29], header[30], header[31],
        ]));
        header[24..28] == header[92..96] && pages > 0 && len < pages * page_size
    };
    if header_valid && short(len, &header) && !has_wal(path) {
        // A checkpoint writes the first page (its page count) before the pages that extend
        // the file, and the log it empties may be gone by now: look again before saying so.
        for _ in 0..5 {
            std::thread::sleep(Duration::from_millis(20));
            (len, header) = read()?;
            if header.len() < 100 || !short(len, &header) || has_wal(path) {
                break;
            }
        }
        if header.len() == 100 && short(len, &header) && !has_wal(path) {
            let pages = u64::from(u32::from_be_bytes([
                header[28], header[29], header[30], header[31],
            ]));
            return Err(damaged(format!(
                "it is truncated: {len} bytes where its header promises {}",
                pages * page_size
            )));
        }
    }
    // The header alone settles most foreign and newer files, without opening them at all.
    let be32 =
        |o: usize| i32::from_be_bytes([header[o], header[o + 1], header[o + 2], header[o + 3]]);
    let (header_app, header_version) = (be32(68), i64::from(be32(60)));
    if header_app != 0 && header_app != APPLICATION_ID {
        return Err(not_ours("it is an SQLite database of another program"));
    }
    if header_app == APPLICATION_ID && header_version > LATEST_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: header_version,
            known: LATEST_VERSION,
        });
    }
    // A database in WAL mode is read through a connection that may write, only so that closing
    // it removes the -wal and -shm files that opening creates (a read-only connection leaves
    // them beside a file it then refuses); nothing here writes to the database itself.
    let wal_mode = header[18] == 2 || header[19] == 2;
    let access = if wal_mode {
        OpenFlags::SQLITE_OPEN_READ_WRITE
    } else {
        OpenFlags::SQLITE_OPEN_READ_ONLY
    };
    let conn = if immutable {
        super::read_only::open_immutable(path)?
    } else {
        Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| Error::storage(path, e))?
    };
    conn.busy_timeout(BUSY_TIMEOUT)
        .map_err(|e| Error::storage(path, e))?;
    let read = |sql: &str| -> std::result::Result<i64, Error> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    not_ours(&format!("it cannot be read: {e}"))
                }
                _ => Error::storage(path, e),
            })
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

/// The database file opened for reading its header, kept open for the life of the process.
///
/// Closing a file descriptor drops every POSIX lock the process holds on that file, the
/// locks of SQLite connections on other threads included (SQLite guards only its own
/// descriptors). A connection whose locks vanished looks gone to other processes: the last
/// one to close would checkpoint and delete the write-ahead log under it, and readers saw
/// "database disk image is malformed". So a descriptor opened here is never closed: one per
/// file (device and inode), reused by every later open in this process.
#[cfg(unix)]
fn held_open(path: &Path) -> std::io::Result<std::sync::Arc<std::fs::File>> {
    use std::collections::HashMap;
    use std::os::unix::fs::MetadataExt;
    use std::sync::{Arc, Mutex, OnceLock};
    /// (device, inode) → the descriptor kept open.
    type Held = Mutex<HashMap<(u64, u64), Arc<std::fs::File>>>;
    static HELD: OnceLock<Held> = OnceLock::new();
    let held = HELD.get_or_init(Default::default);
    // stat() opens no descriptor.
    let meta = std::fs::metadata(path)?;
    let key = (meta.dev(), meta.ino());
    let mut held = held.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(f) = held.get(&key) {
        return Ok(Arc::clone(f));
    }
    let file = Arc::new(std::fs::File::open(path)?);
    let opened = file.metadata()?;
    // Replaced between the stat and the open: key it by what was opened.
    held.insert((opened.dev(), opened.ino()), Arc::clone(&file));
    Ok(file)
}

#[cfg(not(unix))]
fn held_open(path: &Path) -> std::io::Result<std::sync::Arc<std::fs::File>> {
    std::fs::File::open(path).map(std::sync::Arc::new)
}

/// Up to `n` bytes from the start of `file`, without moving a shared cursor.
fn read_head(file: &std::fs::File, n: usize) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        let mut buf = vec![0u8; n];
        let mut got = 0;
        while got < n {
            match file.read_at(&mut buf[got..], got as u64) {
                Ok(0) => break,
                Ok(k) => got += k,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        buf.truncate(got);
        Ok(buf)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        let mut header = Vec::with_capacity(n);
        file.take(n as u64).read_to_end(&mut header)?;
        Ok(header)
    }
}

/// Whether a non-empty write-ahead log lies beside the database.
fn has_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

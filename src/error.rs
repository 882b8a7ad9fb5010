//! The error type of the nightreel core, with messages meant for people.

use std::path::PathBuf;

/// Everything that can go wrong in the core. Messages name the file, the line and the cause.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: not a nightreel database ({reason}); the file was left untouched")]
    NotOurDatabase { path: PathBuf, reason: String },
    #[error(
        "{path}: this database was written by a newer nightreel (schema {found}, this build knows up to {known}); the file was left untouched"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{path}: the database is damaged ({reason}); the file was left untouched. Restore a backup (`nightreel db backup` writes one; upgrades keep *.bak files beside the database)"
    )]
    Damaged { path: PathBuf, reason: String },
    #[error("{path}: {message}")]
    Io { path: PathBuf, message: String },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{0}")]
    Invalid(String),
    #[error("no film matches \"{query}\"{hint}")]
    UnknownFilm { query: String, hint: String },
    #[error("\"{query}\" is ambiguous; candidates:\n{candidates}")]
    AmbiguousFilm { query: String, candidates: String },
}

impl Error {
    /// Builds an [`Error::Io`] from a path and an I/O error.
    pub fn io(path: impl Into<PathBuf>, err: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            message: err.to_string(),
        }
    }

    /// An SQLite error on the database at `path`, described for people.
    pub fn storage(path: impl Into<PathBuf>, err: rusqlite::Error) -> Self {
        let path = path.into();
        match err.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                Error::Damaged {
                    path,
                    reason: err.to_string(),
                }
            }
            _ => Error::Io {
                path,
                message: describe_sql(&err),
            },
        }
    }

    /// Names the database in a bare SQLite error (other errors are returned as they are).
    pub fn with_db(self, path: &std::path::Path) -> Self {
        match self {
            Error::Sql(e) => Error::storage(path, e),
            other => other,
        }
    }

    /// True when another process held the database locked for longer than the write waited.
    pub fn is_busy(&self) -> bool {
        use rusqlite::ErrorCode as C;
        let busy = |e: &rusqlite::Error| {
            matches!(
                e.sqlite_error_code(),
                Some(C::DatabaseBusy | C::DatabaseLocked)
            )
        };
        match self {
            Error::Sql(e) => busy(e),
            Error::Io { message, .. } => message.starts_with("the database stayed busy"),
            _ => false,
        }
    }

    /// True for errors that the CLI reports with exit code 2 (bad usage, unknown film).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::UnknownFilm { .. } | Error::AmbiguousFilm { .. } | Error::Invalid(_)
        )
    }
}

/// A sentence for an SQLite error: what happened and whether anything was written.
pub fn describe_sql(err: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    match err.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => format!(
            "the database stayed busy (another program held it locked too long: {err}); nothing was written, try again"
        ),
        Some(C::DiskFull) => {
            "the disk is full; nothing was written and the database is unchanged".into()
        }
        Some(C::ReadOnly) => format!(
            "the database cannot be written here ({err}); check that the file and its directory are writable"
        ),
        Some(C::CannotOpen) => format!(
            "cannot open the database ({err}); check that the file and its directory exist and are writable (SQLite keeps -wal and -shm files beside the database)"
        ),
        Some(C::SystemIoFailure) => {
            format!("input/output error ({err}); is the disk full or failing? Nothing was written")
        }
        Some(C::PermissionDenied) => format!("permission denied ({err})"),
        _ => format!("database error: {err}"),
    }
}

pub type Result<T> = std::result::Result<T, Error>;

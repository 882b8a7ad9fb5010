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

    /// True for errors that the CLI reports with exit code 2 (bad usage, unknown film).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            Error::UnknownFilm { .. } | Error::AmbiguousFilm { .. } | Error::Invalid(_)
        )
    }
}

pub type Result<T> = std::result::Result<T, Error>;

//! Importers (one file per format behind [`Importer`]), run in one transaction with a summary.

pub mod imdb;
pub mod imdb_ratings;
pub mod json;
pub mod letterboxd;
pub mod matcher;
pub mod movielens;
pub mod movielens_dat;
mod quotes;
mod rows;
mod seen;
pub mod table;
mod table_read;
pub mod tmdb;
mod tmdb_cells;
mod tmdb_json;

pub use rows::{RowResult, each_row, find_file, main_file, parse_year, whole};
pub use seen::{Seen, refresh};

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::Result;
use crate::model::FilmData;
use crate::store::{ExternalIds, FilmKeys, FilmPatch, ImportTx, Store};
use matcher::{Candidate, Matcher};

/// The formats nightreel reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Letterboxd,
    Tmdb,
    Movielens,
    Imdb,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Letterboxd => "letterboxd",
            Format::Tmdb => "tmdb",
            Format::Movielens => "movielens",
            Format::Imdb => "imdb",
            Format::Json => "json",
        }
    }

    fn importer(self) -> Box<dyn Importer> {
        match self {
            Format::Letterboxd => Box::new(letterboxd::Letterboxd),
            Format::Tmdb => Box::new(tmdb::Tmdb),
            Format::Movielens => Box::new(movielens::MovieLens),
            Format::Imdb => Box::new(imdb::Imdb),
            Format::Json => Box::new(json::Json),
        }
    }
}

/// One format's reader: it walks the files at `path` and hands rows to the [`Sink`].
/// Rows it cannot use go to [`Sink::bad_row`]; a file not of the format is an error, which
/// rolls the whole import back.
pub trait Importer {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()>;
}

/// A row that was skipped because it could not be used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// What an import did (the `import --json` shape).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Data rows read, over every file.
    pub read: usize,
    /// Rows that added something: a viewing, a film, a watchlist entry, a rating, a like.
    pub imported: usize,
    /// Rows that brought a newer rating, like, rewatch or note to a viewing (or a rating to a
    /// seen-mark) that an earlier import of the same format put in.
    pub updated: usize,
    /// Rows whose film was already in the catalog before this import.
    pub matched: usize,
    /// Films added to the catalog.
    pub created: usize,
    /// Rows that changed nothing, for the reasons counted in `skipped_reasons`
    /// (`read` = `imported` + `updated` + `skipped`).
    pub skipped: usize,
    /// Rows that could not be read, with file, line and reason (the first 1,000).
    pub errors: Vec<RowError>,
    pub skipped_reasons: BTreeMap<String, usize>,
}

const MAX_LISTED_ERRORS: usize = 1000;

/// How an incoming film was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// A film that was in the catalog before this import.
    Matched(i64),
    /// A film this row added.
    Created(i64),
    /// A film an earlier row of this import added.
    Known(i64),
}

impl Resolved {
    /// True when this row added the film.
    pub fn is_created(self) -> bool {
        matches!(self, Resolved::Created(_))
    }

    pub fn id(self) -> i64 {
        match self {
            Resolved::Matched(i) | Resolved::Created(i) | Resolved::Known(i) => i,
        }
    }
}

/// An incoming film: how it is named, and what is known of it (for a new film or to fill gaps).
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    pub candidate: Candidate,
    pub film: FilmData,
}

/// Where importers put rows: the transaction, the matcher and the summary.
pub struct Sink<'t> {
    pub tx: ImportTx<'t>,
    matcher: Matcher,
    pub summary: Summary,
    source: String,
    /// The injected clock's now: a viewing after it is a bad row.
    now: DateTime<FixedOffset>,
    last_old_id: i64,
    progress: &'t mut dyn FnMut(u64, u64),
}

impl<'t> Sink<'t> {
    /// A sink over a transaction; `format` names the source of new films ("import:<format>").
    pub fn new(
        tx: ImportTx<'t>,
        format: Format,
        now: DateTime<FixedOffset>,
        progress: &'t mut dyn FnMut(u64, u64),
    ) -> Result<Sink<'t>> {
        let films = tx.film_keys()?;
        let last_old_id = films.iter().map(|f| f.id).max().unwrap_or(0);
        Ok(Sink {
            tx,
            matcher: Matcher::new(films),
            summary: Summary::default(),
            source: format!("import:{}", format.name()),
            now,
            last_old_id,
            progress,
        })
    }

    /// Reports progress in bytes.
    pub fn progress(&mut self, done: u64, total: u64) {
        (self.progress)(done, total);
    }

    /// Counts a row read.
    pub fn read_row(&mut self) {
        self.summary.read += 1;
    }

    /// A row that could not be used: skipped and listed with its line and reason.
    pub fn bad_row(&mut self, file: &str, line: usize, reason: impl Into<String>) {
        self.summary.skipped += 1;
        *self
            .summary
            .skipped_reasons
            .entry("unreadable row (see errors)".into())
            .or_default() += 1;
        if self.summary.errors.len() < MAX_LISTED_ERRORS {
            self.summary.errors.push(RowError {
                file: file.to_string(),
                line,
                reason: reason.into(),
            });
        }
    }

    /// A readable row that changes nothing, counted under `reason`.
    pub fn skip(&mut self, reason: &str) {
        self.summary.skipped += 1;
        *self
            .summary
            .skipped_reasons
            .entry(reason.to_string())
            .or_default() += 1;
    }

    /// A row that changed something.
    pub fn imported(&mut self) {
        self.summary.imported += 1;
    }

    /// A row that brought newer data to a viewing or mark an earlier import put in.
    pub fn updated(&mut self) {
        self.summary.updated += 1;
    }

    /// How this import marks what it puts in ("import:<format>").
    pub fn origin(&self) -> &str {
        &self.source
    }

    /// Why a viewing at `at` cannot be imported when it lies after now (the injected clock);
    /// a date is after now when it is after today (today's film night is allowed).
    pub fn in_future(&self, at: &crate::time::WatchedAt) -> Option<String> {
        let future = match at {
            crate::time::WatchedAt::At(t) => *t > self.now,
            crate::time::WatchedAt::Date(d) => *d > self.now.date_naive(),
        };
        future.then(|| {
            format!(
                "the viewing is dated {}, after now ({}): a viewing in the future is not imported",
                at.to_stored(),
                self.now.to_rfc3339()
            )
        })
    }

    /// Finds the incoming film in the catalog (filling facts and ids it lacks) or adds it.
    pub fn resolve(&mut self, inc: &Incoming) -> Result<Resolved> {
        if let Some(id) = self.matcher.find(&inc.candidate) {
            let f = &inc.film;
            let patch = FilmPatch {
                original_title: Some(f.original_title.clone()).filter(|t| !t.is_empty()),
                year: f.year,
                runtime: f.runtime,
                directors: f.directors.clone(),
                countries: f.countries.clone(),
                languages: f.languages.clone(),
                genres: f.genres.clone(),
                keywords: f.keywords.clone(),
                ids: inc.candidate.ids.clone(),
            };
            self.tx.enrich_film(id, &patch)?;
            self.matcher.add_ids(id, &inc.candidate.ids);
            return Ok(if id <= self.last_old_id {
                self.summary.matched += 1;
                Resolved::Matched(id)
            } else {
                Resolved::Known(id)
            });
        }
        let mut film = inc.film.clone();
        film.title.clone_from(&inc.candidate.title);
        if film.original_title.is_empty() {
            film.original_title.clone_from(&film.title);
        }
        film.year = film.year.or(inc.candidate.year);
        film.source.clone_from(&self.source);
        let id = self.tx.insert_film(&film, &inc.candidate.ids)?;
        self.matcher.add(FilmKeys {
            id,
            title: film.title,
            original_title: film.original_title,
            year: film.year,
            ids: ExternalIds::default(),
        });
        self.matcher.add_ids(id, &inc.candidate.ids);
        self.summary.created += 1;
        Ok(Resolved::Created(id))
    }

    /// Commits and returns the summary.
    pub fn finish(self) -> Result<Summary> {
        self.tx.commit()?;
        Ok(self.summary)
    }
}

/// Runs an import of `path` in one transaction: on any error nothing is written.
/// `progress` gets (bytes done, bytes in all) of the file being read.
/// `now` is the injected clock's moment: viewings after it are bad rows.
pub fn run(
    store: &mut Store,
    format: Format,
    path: &Path,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary> {
    import(store, format, path, now, progress, true)
}

/// Like [`run`], but rolls everything back: the summary says what the import would do.
/// (The fuzz targets drive every importer through this, so each input sees the same database.)
pub fn dry_run(
    store: &mut Store,
    format: Format,
    path: &Path,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Summary> {
    import(store, format, path, now, progress, false)
}

fn import(
    store: &mut Store,
    format: Format,
    path: &Path,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(u64, u64),
    commit: bool,
) -> Result<Summary> {
    // Why a path cannot be read, as the system says it: missing, not a directory on the
    // way, or permission denied (`exists()` called all of them "no such file").
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::error::Error::Io {
                path: path.to_path_buf(),
                message: "no such file or directory".into(),
            });
        }
        Err(e) => return Err(crate::error::Error::io(path, e)),
        Ok(_) => {}
    }
    let tx = store.import_tx()?;
    let mut sink = Sink::new(tx, format, now, progress)?;
    format.importer().run(path, &mut sink)?;
    if commit {
        sink.finish()
    } else {
        // Dropping the transaction without a commit rolls it back.
        Ok(sink.summary)
    }
}

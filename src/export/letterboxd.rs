//! The diary as a CSV that Letterboxd's importer reads (one row per viewing).

use std::io::Write;

use super::{Exported, spreadsheet_safe};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::time::WatchedAt;

/// The columns, as Letterboxd's import format names them, then two of nightreel's own that
/// Letterboxd's importer ignores (it reads files with many other columns, IMDb's ratings
/// export among them): `Liked`, and `Watched At`, the viewing's moment with its offset when the
/// time of night is known (WatchedDate alone is the film night).
pub const HEADER: [&str; 11] = [
    "Title",
    "Year",
    "imdbID",
    "tmdbID",
    "WatchedDate",
    "Rating",
    "Rewatch",
    "Tags",
    "Review",
    "Liked",
    "Watched At",
];

/// The header of exports written before `Liked` and `Watched At` (still read as ours).
pub const OLD_HEADER: [&str; 9] = [
    "Title",
    "Year",
    "imdbID",
    "tmdbID",
    "WatchedDate",
    "Rating",
    "Rewatch",
    "Tags",
    "Review",
];

/// Writes every viewing, oldest first, then the films marked as seen without a viewing.
/// WatchedDate is the film night; Tags is the mood the film was watched in (imported
/// Letterboxd tags come back as they were); Review is the note; Liked and Watched At as in
/// [`HEADER`].
pub fn write(lib: &Library, out: &mut dyn Write) -> Result<Exported> {
    let err = |e: csv::Error| Error::Invalid(format!("writing CSV: {e}"));
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER).map_err(err)?;
    let mut films = std::collections::HashSet::new();
    let mut n = 0;
    for watch in lib.watches().iter().rev() {
        let Some(film) = lib.film(watch.film_id) else {
            continue;
        };
        films.insert(film.id);
        let (night, _) = lib.night_of(&watch.watched_at);
        let cells = [
            film.title.to_string(),
            film.year.map(|y| y.to_string()).unwrap_or_default(),
            film.imdb_id.as_deref().unwrap_or_default().to_string(),
            film.tmdb_id.map(|t| t.to_string()).unwrap_or_default(),
            night.format("%Y-%m-%d").to_string(),
            watch
                .rating
                .map(|r| r.stars().to_string())
                .unwrap_or_default(),
            watch.rewatch.to_string(),
            watch.mood.clone().unwrap_or_default(),
            watch.note.clone().unwrap_or_default(),
            watch.liked.to_string(),
            match &watch.watched_at {
                WatchedAt::At(t) => t.to_rfc3339(),
                WatchedAt::Date(_) => String::new(),
            },
        ];
        w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(err)?;
        n += 1;
    }
    // Films seen without a dated viewing: no WatchedDate, which Letterboxd reads as
    // "watched" (and rated) without a diary entry.
    let marks = lib.store().marks()?;
    for m in &marks {
        let Some(film) = lib.film(m.film_id) else {
            continue;
        };
        films.insert(film.id);
        let cells = [
            film.title.to_string(),
            film.year.map(|y| y.to_string()).unwrap_or_default(),
            film.imdb_id.as_deref().unwrap_or_default().to_string(),
            film.tmdb_id.map(|t| t.to_string()).unwrap_or_default(),
            String::new(),
            m.rating.map(|r| r.stars().to_string()).unwrap_or_default(),
            "false".into(),
            String::new(),
            String::new(),
            m.liked.to_string(),
            String::new(),
        ];
        w.write_record(cells.iter().map(|c| spreadsheet_safe(c).into_owned()))
            .map_err(err)?;
    }
    w.flush()
        .map_err(|e| Error::Invalid(format!("writing CSV: {e}")))?;
    Ok(Exported {
        viewings: n,
        marks: marks.len(),
        films: films.len(),
    })
}

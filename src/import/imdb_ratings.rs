//! An IMDb *user ratings* export (ratings.csv from imdb.com: `Const, Your Rating, Date Rated,
//! Title, Original Title, URL, Title Type, IMDb Rating, Runtime (mins), Year, Genres,
//! Num Votes, Release Date, Directors`), read by `import imdb`.
//!
//! IMDb rates 1 to 10; the diary rates half stars from ½ to 5, so an IMDb rating of n is n
//! half stars (1 → ½★, 7 → 3½★, 10 → 5★), exactly and both ways. The file says when a film
//! was rated, not when it was watched, so no viewing is made up: a film with no viewing in the
//! diary is marked seen with its rating (the day it was rated kept as the mark's date, as for
//! Letterboxd's ratings.csv); a film with viewings but no rating gives its newest viewing the
//! rating; one whose viewings are rated keeps them.
//!
//! A *list* export (the watchlist or any list: `Position, Const, Created, Modified, …`, newer
//! ones with `Your Rating` and `Date Rated` too) reads the same way, but a row without a
//! rating is no error: a watchlist's film joins the watchlist, another list's joins the
//! catalog.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::matcher::Candidate;
use super::table::Table;
use super::{Incoming, Sink, each_row, parse_year};
use crate::error::{Error, Result};
use crate::model::{FilmData, Rating};
use crate::store::{ExternalIds, Mark, Marked, WatchKey};

const WHAT: &str = "an IMDb ratings export";

/// True when a header is that of an IMDb ratings or list export.
pub fn is_ratings_export(header: &[String]) -> bool {
    let has = |n: &str| header.iter().any(|h| h.eq_ignore_ascii_case(n));
    has("Const") && (has("Your Rating") || is_list(header))
}

/// True when a header is that of an IMDb list export (the watchlist or another list).
fn is_list(header: &[String]) -> bool {
    let has = |n: &str| header.iter().any(|h| h.eq_ignore_ascii_case(n));
    has("Const") && has("Position")
}

/// Refuses an IMDb ratings export given to another importer, saying what it is.
pub fn refuse_elsewhere(t: &Table, format: &str) -> Result<()> {
    if !is_ratings_export(&t.header) {
        return Ok(());
    }
    Err(Error::Parse {
        file: t.file.clone(),
        line: 1,
        message: format!(
            "this is an IMDb ratings export or list export (columns Const, Your Rating or Position, …), \
             not {format}; import it with `nightreel import imdb PATH`"
        ),
    })
}

/// The title types that are films (in the export's old and new spellings).
fn is_film(kind: &str) -> bool {
    matches!(
        kind.to_ascii_lowercase().replace([' ', '-'], "").as_str(),
        "movie" | "tvmovie" | "short" | "tvshort" | "video"
            // Before 2017.
            | "featurefilm" | "shortfilm" | "documentary"
    )
}

fn list(cell: &str) -> Vec<String> {
    cell.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Reads the export.
pub fn import(t: Table, sink: &mut Sink<'_>) -> Result<()> {
    let col = |names: &[&str]| t.col(names);
    let tconst = t.require(&["Const"], WHAT)?;
    let list_export = is_list(&t.header);
    let yours = match list_export {
        // Exports before 2017 said "You rated".
        true => col(&["Your Rating", "You rated"]),
        false => Some(t.require(&["Your Rating"], WHAT)?),
    };
    // IMDb names a list's file after the list: WATCHLIST.csv for the watchlist.
    let watchlist = list_export && t.file.to_ascii_lowercase().contains("watchlist");
    let created = col(&["Created"]);
    let title = t.require(&["Title"], WHAT)?;
    let (rated, original, kind) = (
        col(&["Date Rated"]),
        col(&["Original Title"]),
        col(&["Title Type"]),
    );
    let (mean, runtime, year) = (
        col(&["IMDb Rating"]),
        col(&["Runtime (mins)"]),
        col(&["Year"]),
    );
    let (genres, votes, directors) = (
        col(&["Genres"]),
        col(&["Num Votes", "Num. Votes"]),
        col(&["Directors"]),
    );
    let mut viewings: HashMap<i64, Vec<WatchKey>> = HashMap::new();
    for w in sink.tx.watch_keys()? {
        viewings.entry(w.film_id).or_default().push(w);
    }
    each_row(t, sink, |sink, row| {
        let id = match super::imdb::title_id(row.get(Some(tconst)), "Const") {
            Ok(id) => id,
            Err(e) => return Ok(Err(e)),
        };
        let cell = row.get(yours);
        let unrated = list_export && cell.is_empty();
        let rating = cell.parse::<u8>().ok().and_then(Rating::from_halves);
        if rating.is_none() && !unrated {
            return Ok(Err(format!(
                "Your Rating \"{}\" is not a whole number from 1 to 10",
                crate::text::truncate(cell, 40)
            )));
        }
        let day = row.get(rated);
        let marked_on = match day {
            "" => None,
            d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => Some(d.to_string()),
                Err(_) => {
                    return Ok(Err(format!(
                        "Date Rated \"{}\" is not a date (YYYY-MM-DD)",
                        crate::text::truncate(d, 40)
                    )));
                }
            },
        };
        let kind = row.get(kind);
        if !kind.is_empty() && !is_film(kind) {
            sink.skip("IMDb ratings: not a film (a TV series, an episode, a game, …)");
            return Ok(Ok(()));
        }
        let year = match parse_year(row.get(year)) {
            Ok(y) => y,
            Err(e) => return Ok(Err(e)),
        };
        let name = row.get(Some(title)).to_string();
        if name.is_empty() {
            return Ok(Err("the row has no Title".into()));
        }
        let original_title = row.get(original).to_string();
        let ids = ExternalIds {
            imdb: Some(id.to_string()),
            ..ExternalIds::default()
        };
        let inc = Incoming {
            candidate: Candidate {
                title: name.clone(),
                alt_titles: (!original_title.is_empty() && original_title != name)
                    .then(|| original_title.clone())
                    .into_iter()
                    .collect(),
                year,
                ids: ids.clone(),
            },
            film: FilmData {
                title: name,
                original_title,
                year,
                runtime: row.get(runtime).parse().ok().filter(|r| *r > 0),
                genres: list(row.get(genres)),
                directors: list(row.get(directors)),
                imdb_id: ids.imdb,
                ..FilmData::default()
            },
        };
        let resolved = sink.resolve(&inc)?;
        let film_id = resolved.id();
        if let (Ok(m), Ok(n)) = (
            row.get(mean).parse::<f64>(),
            row.get(votes).replace(',', "").parse::<u64>(),
        ) {
            sink.tx.set_popularity(film_id, "imdb", n, Some(m))?;
        }
        match rating {
            Some(r) => rate(sink, viewings.get_mut(&film_id), film_id, r, marked_on)?,
            None if watchlist => {
                let added = parse_day(row.get(created)).map(|d| format!("{d}T00:00:00Z"));
                if sink.tx.add_to_watchlist(film_id, added.as_deref())? {
                    sink.imported();
                } else {
                    sink.skip("IMDb watchlist: already on the watchlist");
                }
            }
            None if resolved.is_created() => sink.imported(),
            None => sink.skip("IMDb list: the film is in the catalog already"),
        }
        Ok(Ok(()))
    })
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// Gives the film its rating: on its newest viewing when none is rated, else as a mark.
fn rate(
    sink: &mut Sink<'_>,
    viewings: Option<&mut Vec<WatchKey>>,
    film_id: i64,
    rating: Rating,
    marked_on: Option<String>,
) -> Result<()> {
    if let Some(list) = viewings {
        let rated = list.iter().any(|w| w.has_rating);
        // The newest viewing (the list is newest first).
        if let Some(newest) = list.first_mut() {
            if rated {
                sink.skip("IMDb ratings: a viewing of this film in the diary has a rating already");
            } else {
                sink.tx.set_rating(newest.id, rating)?;
                newest.has_rating = true;
                sink.imported();
            }
            return Ok(());
        }
    }
    let marked = sink.tx.mark(
        &Mark {
            film_id,
            rating: Some(rating),
            liked: false,
            marked_on,
            source: "import:imdb".into(),
        },
        Some("import:imdb"),
    )?;
    match marked {
        Marked::Added => sink.imported(),
        Marked::Updated => sink.updated(),
        Marked::Same => sink.skip("IMDb ratings: already marked seen with this rating"),
    }
    Ok(())
}

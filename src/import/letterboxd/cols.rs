//! The columns of a Letterboxd file, and its date and rating cells.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::files::Kind;
use crate::error::Result;
use crate::import::table::Table;
use crate::model::Rating;

/// The columns a Letterboxd file may have.
pub(super) struct Cols {
    pub(super) name: usize,
    pub(super) year: Option<usize>,
    pub(super) uri: Option<usize>,
    pub(super) date: Option<usize>,
    pub(super) watched_date: Option<usize>,
    pub(super) rating: Option<usize>,
    pub(super) rewatch: Option<usize>,
    pub(super) tags: Option<usize>,
    pub(super) review: Option<usize>,
    /// nightreel's own export: the like, and the viewing's moment when its time is known.
    pub(super) liked: Option<usize>,
    pub(super) at: Option<usize>,
}

impl Cols {
    pub(super) fn of(t: &Table, kind: Kind) -> Result<Cols> {
        let what = "a Letterboxd export file";
        crate::import::imdb_ratings::refuse_elsewhere(t, what)?;
        refuse_other_export_files(t)?;
        let c = Cols {
            name: t.require(&["Name", "Title"], what)?,
            year: t.col(&["Year"]),
            uri: t.col(&["Letterboxd URI", "LetterboxdURI", "URL"]),
            date: t.col(&["Date"]),
            watched_date: t.col(&["Watched Date", "WatchedDate"]),
            rating: t.col(&["Rating"]),
            rewatch: t.col(&["Rewatch"]),
            tags: t.col(&["Tags"]),
            review: t.col(&["Review"]),
            liked: t.col(&["Liked"]),
            at: t.col(&["Watched At"]),
        };
        if c.year.is_none() && c.uri.is_none() {
            t.require(&["Year"], what)?;
        }
        if kind == Kind::Ratings {
            t.require(&["Rating"], "a Letterboxd ratings file")?;
        }
        if matches!(kind, Kind::Diary | Kind::Reviews) && c.watched_date.or(c.date).is_none() {
            t.require(&["Watched Date"], "a Letterboxd diary")?;
        }
        Ok(c)
    }
}

/// Refuses the export's files that hold no diary, ratings or lists of films nightreel reads,
/// saying what they are (they were refused as having no "Name" column).
fn refuse_other_export_files(t: &Table) -> Result<()> {
    let has = |n: &str| t.col(&[n]).is_some();
    let first = t.header.first().map_or("", String::as_str);
    let what = if first.starts_with("Letterboxd list export") {
        "a Letterboxd list (lists/*.csv in the export); lists are not imported: import the \
         export's zip or folder for the diary, reviews, ratings, watched films, likes and \
         watchlist"
    } else if has("Username") && has("Date Joined") {
        "the export's profile.csv, which holds no films"
    } else if has("Content") && has("Comment") {
        "the export's comments.csv, which holds no films"
    } else {
        return Ok(());
    };
    Err(crate::error::Error::Parse {
        file: t.file.clone(),
        line: 1,
        message: format!("this is {what}"),
    })
}

pub(super) fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "\"{}\" is not a date (YYYY-MM-DD)",
            crate::text::truncate(s, 40)
        )
    })
}

pub(super) fn parse_rating(s: &str) -> std::result::Result<Option<Rating>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    // A spreadsheet in a European locale writes 4,5 (and `;` between cells).
    s.trim()
        .replacen(',', ".", 1)
        .parse::<f64>()
        .ok()
        .and_then(Rating::from_stars)
        .map(Some)
        .ok_or_else(|| {
            format!(
                "rating \"{}\" is not 0.5 to 5 stars in halves",
                crate::text::truncate(s, 40)
            )
        })
}

/// A yes/no cell ("Yes", "true", "1" are yes; anything else no).
pub(super) fn is_yes(s: &str) -> bool {
    matches!(s.trim().to_ascii_lowercase().as_str(), "yes" | "true" | "1")
}

/// The `Watched At` cell: empty, or a moment with its offset (RFC 3339) on the row's date or
/// the morning after it (a film night's date is the evening's).
pub(super) fn parse_at(
    s: &str,
    night: NaiveDate,
) -> std::result::Result<Option<DateTime<FixedOffset>>, String> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let t = DateTime::parse_from_rfc3339(s.trim()).map_err(|_| {
        format!(
            "Watched At \"{}\" is not a date and time with its offset (RFC 3339)",
            crate::text::truncate(s, 40)
        )
    })?;
    let day = t.date_naive();
    if day != night && night.succ_opt() != Some(day) {
        return Err(format!(
            "Watched At {} is not on the night of WatchedDate {night}",
            t.to_rfc3339()
        ));
    }
    Ok(Some(t))
}

//! Letterboxd exports (the .zip, its folder, or one of its CSV files): diary, reviews,
//! ratings, likes, watched films and the watchlist.

mod cols;
mod days;
mod files;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::NaiveDate;

use self::days::day_key;
use super::matcher::Candidate;
use super::table::{Dialect, Row, Table};
use super::{Importer, Incoming, RowResult, Seen, Sink, each_row, parse_year, refresh};
use crate::error::Result;
use crate::model::{FilmData, NewWatch, Rating};
use crate::store::{ExternalIds, Mark, Marked, WatchKey, WatchUpdate};
use crate::time::WatchedAt;
use cols::{Cols, is_yes, parse_at, parse_date, parse_rating};
use files::{Kind, ORDER, entry_uri, film_uri, locate};

/// The Letterboxd importer.
pub struct Letterboxd;

/// The state one export's files share.
struct Run {
    seen: Seen,
    /// Viewings by film, newest first (refreshed after the diary is in).
    viewings: HashMap<i64, Vec<WatchKey>>,
    /// Films from watched.csv (with the day they were marked), checked for viewings at the end.
    watched: Vec<(i64, Option<String>)>,
    /// The diary entries (by URI) read so far: a row repeated in the file is one viewing.
    entries: HashSet<String>,
    /// Films whose diary rows carry a rating: their viewings' ratings come from the diary,
    /// not from ratings.csv.
    diary_rated: HashSet<i64>,
}

impl Run {
    fn refresh(&mut self, sink: &Sink<'_>) -> Result<()> {
        self.viewings.clear();
        for w in sink.tx.watch_keys()? {
            self.viewings.entry(w.film_id).or_default().push(w);
        }
        Ok(())
    }

    fn film(&self, sink: &mut Sink<'_>, row: &Row, c: &Cols, kind: Kind) -> Result<FilmRow> {
        let title = row.get(Some(c.name)).to_string();
        let year = match parse_year(row.get(c.year)) {
            Ok(y) => y,
            Err(e) => return Ok(Err(e)),
        };
        if title.is_empty() {
            return Ok(Err("the row has no film name".into()));
        }
        let inc = Incoming {
            candidate: Candidate {
                title: title.clone(),
                alt_titles: Vec::new(),
                year,
                ids: ExternalIds {
                    letterboxd_uri: film_uri(row.get(c.uri), kind),
                    ..ExternalIds::default()
                },
            },
            film: FilmData {
                title,
                year,
                ..FilmData::default()
            },
        };
        Ok(Ok(sink.resolve(&inc)?.id()))
    }

    fn row(&mut self, sink: &mut Sink<'_>, row: &Row, c: &Cols, kind: Kind) -> RowResult {
        // Check the cells of the row before its film is looked up or created.
        let date_cell = row.get(c.watched_date.or(c.date));
        // A diary-shaped row without a date (Letterboxd's import format allows it) says the
        // film was seen, not when.
        let kind = if kind == Kind::Diary && date_cell.is_empty() {
            Kind::Undated
        } else {
            kind
        };
        let date = match kind {
            Kind::Diary | Kind::Reviews => match parse_date(date_cell) {
                Ok(d) => Some(d),
                Err(e) => return Ok(Err(e)),
            },
            _ => None,
        };
        let at = match (kind, date) {
            (Kind::Diary, Some(d)) => match parse_at(row.get(c.at), d) {
                Ok(Some(t)) => Some(WatchedAt::At(t)),
                Ok(None) => Some(WatchedAt::Date(d)),
                Err(e) => return Ok(Err(e)),
            },
            _ => None,
        };
        if let Some(why) = at.as_ref().and_then(|at| sink.in_future(at)) {
            return Ok(Err(why));
        }
        let rating = match parse_rating(row.get(c.rating)) {
            Ok(r) => r,
            Err(e) if matches!(kind, Kind::Diary | Kind::Ratings | Kind::Undated) => {
                return Ok(Err(e));
            }
            Err(_) => None,
        };
        let film_id = match self.film(sink, row, c, kind)? {
            Ok(id) => id,
            Err(e) => return Ok(Err(e)),
        };
        let marked_on = parse_date(row.get(c.date)).ok().map(|d| d.to_string());
        match (kind, date) {
            (Kind::Watched, _) => self.watched.push((film_id, marked_on)),
            (Kind::Diary, Some(date)) => {
                let at = at.unwrap_or(WatchedAt::Date(date));
                self.diary(sink, row, c, film_id, (date, at), rating)?
            }
            (Kind::Reviews, Some(date)) => self.review(sink, row.get(c.review), film_id, date)?,
            (Kind::Ratings, _) => match rating {
                Some(r) => self.attach(sink, film_id, Attach::Rating(r), marked_on)?,
                None => sink.skip("ratings.csv: no rating in the row"),
            },
            (Kind::Likes, _) => self.attach(sink, film_id, Attach::Like, None)?,
            (Kind::Undated, _) => mark(sink, film_id, rating, is_yes(row.get(c.liked)), None)?,
            (Kind::Watchlist, _) => {
                let added = parse_date(row.get(c.date))
                    .ok()
                    .map(|d| format!("{d}T00:00:00Z"));
                if sink.tx.add_to_watchlist(film_id, added.as_deref())? {
                    sink.imported();
                } else {
                    sink.skip("watchlist: already on the watchlist");
                }
            }
            _ => {}
        }
        Ok(Ok(()))
    }

    fn diary(
        &mut self,
        sink: &mut Sink<'_>,
        row: &Row,
        c: &Cols,
        film_id: i64,
        (date, at): (NaiveDate, WatchedAt),
        rating: Option<Rating>,
    ) -> Result<()> {
        if let Some(uri) = entry_uri(row.get(c.uri))
            && !self.entries.insert(uri.to_string())
        {
            sink.skip("diary: the same entry (Letterboxd URI) is in the file twice");
            return Ok(());
        }
        let rewatch = is_yes(row.get(c.rewatch));
        let liked = is_yes(row.get(c.liked));
        let tags = row.get(c.tags);
        let review = row.get(c.review);
        if rating.is_some() {
            self.diary_rated.insert(film_id);
        }
        if let Some(id) = self.seen.matching(film_id, date.to_string()) {
            // The same viewing: an empty cell clears nothing (a rating may come from
            // ratings.csv, a note from reviews.csv).
            let update = WatchUpdate {
                rating: rating.map(Some),
                rewatch: c.rewatch.map(|_| rewatch),
                liked: c.liked.map(|_| liked),
                mood: (!tags.is_empty()).then(|| Some(tags.to_string())),
                note: (!review.is_empty()).then(|| Some(review.to_string())),
                ..WatchUpdate::default()
            };
            let same = "diary: this viewing is already in the diary";
            return refresh(sink, id, &update, same, "diary");
        }
        let origin = sink.origin().to_string();
        sink.tx.insert_watch(
            &NewWatch {
                film_id,
                watched_at: at,
                rating,
                rewatch,
                liked,
                mood: (!tags.is_empty()).then(|| tags.to_string()),
                mood_after: None,
                note: Some(review.to_string()).filter(|n| !n.is_empty()),
                source: "import:letterboxd".into(),
            },
            Some(&origin),
        )?;
        sink.imported();
        Ok(())
    }

    fn review(
        &mut self,
        sink: &mut Sink<'_>,
        text: &str,
        film_id: i64,
        date: NaiveDate,
    ) -> Result<()> {
        if text.is_empty() {
            sink.skip("reviews: empty review");
            return Ok(());
        }
        let day = date.to_string();
        let on_day: Vec<&WatchKey> = self
            .viewings
            .get(&film_id)
            .into_iter()
            .flatten()
            .filter(|w| day_key(&w.watched_at) == day)
            .collect();
        match on_day.iter().find(|w| !w.has_note) {
            Some(w) => {
                sink.tx.set_note(w.id, text)?;
                let id = w.id;
                self.mark(film_id, id, |w| w.has_note = true);
                sink.imported();
            }
            None if on_day.is_empty() => sink.skip("reviews: no diary entry on the review's date"),
            None => sink.skip("reviews: the viewing already has a note"),
        }
        Ok(())
    }

    /// Attaches a rating or a like to the film's newest viewing, or, when the diary has none,
    /// to a mark that the film was seen.
    fn attach(
        &mut self,
        sink: &mut Sink<'_>,
        film_id: i64,
        what: Attach,
        marked_on: Option<String>,
    ) -> Result<()> {
        let list = self
            .viewings
            .get(&film_id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let Some(latest) = list.first() else {
            let (rating, liked) = match what {
                Attach::Rating(r) => (Some(r), false),
                Attach::Like => (None, true),
            };
            return mark(sink, film_id, rating, liked, marked_on);
        };
        let id = latest.id;
        let rated = list.iter().find(|w| w.has_rating).map(|w| w.id);
        match what {
            // Re-rated since an earlier import of this export put the rating on a viewing
            // (a rating from the diary itself wins).
            Attach::Rating(r) if rated.is_some() && !self.diary_rated.contains(&film_id) => {
                let update = WatchUpdate {
                    rating: Some(Some(r)),
                    ..WatchUpdate::default()
                };
                let same = "ratings: a viewing of this film already has a rating";
                refresh(sink, rated.unwrap_or(id), &update, same, "ratings")?;
            }
            Attach::Rating(_) if rated.is_some() => {
                sink.skip("ratings: a viewing of this film already has a rating")
            }
            Attach::Like if list.iter().any(|w| w.liked) => {
                sink.skip("likes: a viewing of this film is already liked")
            }
            Attach::Rating(r) => {
                sink.tx.set_rating(id, r)?;
                self.mark(film_id, id, |w| w.has_rating = true);
                sink.imported();
            }
            Attach::Like => {
                sink.tx.set_liked(id)?;
                self.mark(film_id, id, |w| w.liked = true);
                sink.imported();
            }
        }
        Ok(())
    }

    fn mark(&mut self, film_id: i64, watch_id: i64, f: impl FnOnce(&mut WatchKey)) {
        if let Some(w) = self
            .viewings
            .get_mut(&film_id)
            .and_then(|l| l.iter_mut().find(|w| w.id == watch_id))
        {
            f(w);
        }
    }
}

type FilmRow = std::result::Result<i64, String>;

#[derive(Clone, Copy)]
enum Attach {
    Rating(Rating),
    Like,
}

impl Importer for Letterboxd {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        let mut files = locate(path)?;
        files.sort_by_key(|(k, _)| ORDER.iter().position(|o| o == k));
        // Refuse any file not of the format before anything is written.
        let mut tables = Vec::new();
        for (kind, source) in files {
            let t = Table::open(source, Dialect::Csv)?;
            let cols = Cols::of(&t, kind)?;
            tables.push((kind, t, cols));
        }
        let mut run = Run {
            seen: Seen::default(),
            viewings: HashMap::new(),
            watched: Vec::new(),
            entries: HashSet::new(),
            diary_rated: HashSet::new(),
        };
        for w in sink.tx.watch_keys()? {
            for day in days::answers_to(&w.watched_at) {
                run.seen.existing(w.film_id, day, w.id);
            }
        }
        for (kind, table, cols) in tables {
            if matches!(kind, Kind::Reviews | Kind::Ratings | Kind::Likes)
                && run.viewings.is_empty()
            {
                run.refresh(sink)?;
            }
            // nightreel's own export defused formula-like cells: undo exactly that, and only
            // in a file with its header.
            let ours = table.header == crate::export::letterboxd::HEADER
                || table.header == crate::export::letterboxd::OLD_HEADER;
            each_row(table, sink, |sink, row| {
                if !ours {
                    return run.row(sink, row, &cols, kind);
                }
                let fields = row.fields.iter();
                let row = Row {
                    line: row.line,
                    fields: fields
                        .map(|f| crate::export::undo_spreadsheet_safe(f).to_string())
                        .collect(),
                };
                run.row(sink, &row, &cols, kind)
            })?;
        }
        run.refresh(sink)?;
        for (film_id, marked_on) in std::mem::take(&mut run.watched) {
            if run.viewings.contains_key(&film_id) {
                sink.skip("watched: the viewings come from the diary");
            } else {
                mark(sink, film_id, None, false, marked_on)?;
            }
        }
        Ok(())
    }
}

/// Records that a film was seen, with no diary entry to date a viewing.
fn mark(
    sink: &mut Sink<'_>,
    film_id: i64,
    rating: Option<Rating>,
    liked: bool,
    marked_on: Option<String>,
) -> Result<()> {
    let marked = sink.tx.mark(
        &Mark {
            film_id,
            rating,
            liked,
            marked_on,
            source: "import:letterboxd".into(),
        },
        Some("import:letterboxd"),
    )?;
    match marked {
        Marked::Added => sink.imported(),
        Marked::Updated => sink.updated(),
        Marked::Same => sink.skip("seen without a diary entry: already marked"),
    }
    Ok(())
}

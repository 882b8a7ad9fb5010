//! Letterboxd exports (the .zip, its folder, or one of its CSV files): diary, reviews,
//! ratings, likes, watched films and the watchlist.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use super::matcher::Candidate;
use super::table::{Dialect, Row, Source, Table};
use super::{Importer, Incoming, RowResult, Seen, Sink, each_row, parse_year};
use crate::error::{Error, Result};
use crate::model::{Film, NewWatch, Rating};
use crate::store::{ExternalIds, WatchKey};
use crate::time::WatchedAt;

/// The Letterboxd importer.
pub struct Letterboxd;

/// The files of an export, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Watched,
    Diary,
    Reviews,
    Ratings,
    Likes,
    Watchlist,
}

/// The order files are applied in: films first, then viewings, then what attaches to them.
const ORDER: [Kind; 6] = [
    Kind::Watched,
    Kind::Diary,
    Kind::Reviews,
    Kind::Ratings,
    Kind::Likes,
    Kind::Watchlist,
];

fn kind_of(member: &str) -> Option<Kind> {
    let m = member.replace('\\', "/").to_ascii_lowercase();
    // Deleted and orphaned entries are not part of the history.
    if m.contains("deleted/") || m.contains("orphaned/") {
        return None;
    }
    let name = m.rsplit('/').next().unwrap_or(&m);
    match name {
        "diary.csv" => Some(Kind::Diary),
        "reviews.csv" => Some(Kind::Reviews),
        "ratings.csv" => Some(Kind::Ratings),
        "watched.csv" => Some(Kind::Watched),
        "watchlist.csv" => Some(Kind::Watchlist),
        "films.csv" if m.ends_with("likes/films.csv") => Some(Kind::Likes),
        _ => None,
    }
}

/// A zip member may not grow past this when unpacked.
const MAX_MEMBER: u64 = 512 << 20;

fn locate(path: &Path) -> Result<Vec<(Kind, Source)>> {
    let mut found = Vec::new();
    if path.is_dir() {
        for rel in [
            "diary.csv",
            "reviews.csv",
            "ratings.csv",
            "watched.csv",
            "watchlist.csv",
            "likes/films.csv",
        ] {
            let p = path.join(rel);
            if let (true, Some(k)) = (p.is_file(), kind_of(rel)) {
                found.push((k, Source::file(&p)?));
            }
        }
    } else if is_zip(path)? {
        let io = |e: zip::result::ZipError| Error::Io {
            path: path.to_path_buf(),
            message: format!("not a readable zip archive ({e})"),
        };
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(io)?;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).map_err(io)?;
            let Some(k) = kind_of(entry.name()) else {
                continue;
            };
            let name = format!("{}:{}", path.display(), entry.name());
            let mut bytes = Vec::new();
            (&mut entry)
                .take(MAX_MEMBER)
                .read_to_end(&mut bytes)
                .map_err(|e| Error::Io {
                    path: name.clone().into(),
                    message: e.to_string(),
                })?;
            found.push((k, Source::bytes(name, bytes)));
        }
    } else {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let kind = name.as_deref().and_then(kind_of).unwrap_or(Kind::Diary);
        found.push((kind, Source::file(path)?));
    }
    if found.is_empty() {
        return Err(Error::Io {
            path: path.to_path_buf(),
            message: "not a Letterboxd export: it holds none of diary.csv, reviews.csv, \
                      ratings.csv, watched.csv, watchlist.csv, likes/films.csv"
                .into(),
        });
    }
    Ok(found)
}

fn is_zip(path: &Path) -> Result<bool> {
    let mut magic = [0u8; 4];
    let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let n = f.read(&mut magic).map_err(|e| Error::io(path, e))?;
    Ok(n == 4 && &magic == b"PK\x03\x04")
}

/// The film's URI: film-level files name the film; a diary or review URI names the entry,
/// except the long form `letterboxd.com/<user>/film/<slug>/…`, which names the film too.
fn film_uri(uri: &str, kind: Kind) -> Option<String> {
    let uri = uri.trim();
    if uri.is_empty() {
        return None;
    }
    if !matches!(kind, Kind::Diary | Kind::Reviews) {
        return Some(uri.to_string());
    }
    let rest = uri
        .strip_prefix("https://letterboxd.com/")
        .or_else(|| uri.strip_prefix("http://letterboxd.com/"))?;
    let parts: Vec<&str> = rest.split('/').collect();
    match parts.as_slice() {
        [_user, "film", slug, ..] if !slug.is_empty() => {
            Some(format!("https://letterboxd.com/film/{slug}/"))
        }
        _ => None,
    }
}

/// The columns a Letterboxd file may have.
struct Cols {
    name: usize,
    year: Option<usize>,
    uri: Option<usize>,
    date: Option<usize>,
    watched_date: Option<usize>,
    rating: Option<usize>,
    rewatch: Option<usize>,
    tags: Option<usize>,
    review: Option<usize>,
}

impl Cols {
    fn of(t: &Table, kind: Kind) -> Result<Cols> {
        let what = "a Letterboxd export file";
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

fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        format!(
            "\"{}\" is not a date (YYYY-MM-DD)",
            crate::text::truncate(s, 40)
        )
    })
}

fn parse_rating(s: &str) -> std::result::Result<Option<Rating>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>()
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

/// The day a viewing is compared by: its date, or the local date of its moment.
fn day_key(stored: &str) -> String {
    match WatchedAt::from_stored(stored) {
        Some(WatchedAt::At(t)) => t.date_naive().to_string(),
        Some(WatchedAt::Date(d)) => d.to_string(),
        None => stored.to_string(),
    }
}

/// The state one export's files share.
struct Run {
    seen: Seen,
    /// Viewings by film, newest first (refreshed after the diary is in).
    viewings: HashMap<i64, Vec<WatchKey>>,
    /// Films from watched.csv, checked for viewings at the end.
    watched: Vec<i64>,
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
            film: Film {
                title,
                year,
                ..Film::default()
            },
        };
        Ok(Ok(sink.resolve(&inc)?.id()))
    }

    fn row(&mut self, sink: &mut Sink<'_>, row: &Row, c: &Cols, kind: Kind) -> RowResult {
        // Check the cells of the row before its film is looked up or created.
        let date = match kind {
            Kind::Diary | Kind::Reviews => match parse_date(row.get(c.watched_date.or(c.date))) {
                Ok(d) => Some(d),
                Err(e) => return Ok(Err(e)),
            },
            _ => None,
        };
        let rating = match parse_rating(row.get(c.rating)) {
            Ok(r) => r,
            Err(e) if matches!(kind, Kind::Diary | Kind::Ratings) => return Ok(Err(e)),
            Err(_) => None,
        };
        let film_id = match self.film(sink, row, c, kind)? {
            Ok(id) => id,
            Err(e) => return Ok(Err(e)),
        };
        match (kind, date) {
            (Kind::Watched, _) => self.watched.push(film_id),
            (Kind::Diary, Some(date)) => self.diary(sink, row, c, film_id, date, rating)?,
            (Kind::Reviews, Some(date)) => self.review(sink, row.get(c.review), film_id, date)?,
            (Kind::Ratings, _) => match rating {
                Some(r) => self.attach(sink, film_id, Attach::Rating(r))?,
                None => sink.skip("ratings.csv: no rating in the row"),
            },
            (Kind::Likes, _) => self.attach(sink, film_id, Attach::Like)?,
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
        date: NaiveDate,
        rating: Option<Rating>,
    ) -> Result<()> {
        if self.seen.is_duplicate(film_id, date.to_string()) {
            sink.skip("diary: this viewing is already in the diary");
            return Ok(());
        }
        let rewatch = matches!(
            row.get(c.rewatch).to_ascii_lowercase().as_str(),
            "yes" | "true" | "1"
        );
        let tags = row.get(c.tags);
        sink.tx.insert_watch(&NewWatch {
            film_id,
            watched_at: WatchedAt::Date(date),
            rating,
            rewatch,
            liked: false,
            mood: (!tags.is_empty()).then(|| tags.to_string()),
            mood_after: None,
            note: Some(row.get(c.review).to_string()).filter(|n| !n.is_empty()),
            source: "import:letterboxd".into(),
        })?;
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

    fn attach(&mut self, sink: &mut Sink<'_>, film_id: i64, what: Attach) -> Result<()> {
        let list = self
            .viewings
            .get(&film_id)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let Some(latest) = list.first() else {
            sink.skip(match what {
                Attach::Rating(_) => "ratings: rated, but no diary entry to attach the rating to",
                Attach::Like => "likes: liked, but no diary entry to attach the like to",
            });
            return Ok(());
        };
        let id = latest.id;
        match what {
            Attach::Rating(_) if list.iter().any(|w| w.has_rating) => {
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
        };
        for w in sink.tx.watch_keys()? {
            run.seen.existing(w.film_id, day_key(&w.watched_at));
        }
        for (kind, table, cols) in tables {
            if matches!(kind, Kind::Reviews | Kind::Ratings | Kind::Likes)
                && run.viewings.is_empty()
            {
                run.refresh(sink)?;
            }
            each_row(table, sink, |sink, row| run.row(sink, row, &cols, kind))?;
        }
        run.refresh(sink)?;
        for film_id in std::mem::take(&mut run.watched) {
            if run.viewings.contains_key(&film_id) {
                sink.skip("watched: the viewings come from the diary");
            } else {
                sink.skip(
                    "watched: no diary entry, so no date to log (the film is in the catalog)",
                );
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn film_uris() {
        let long = "https://letterboxd.com/someone/film/stalker/1/";
        assert_eq!(
            film_uri(long, Kind::Diary).as_deref(),
            Some("https://letterboxd.com/film/stalker/")
        );
        assert_eq!(film_uri("https://boxd.it/4Erwc5", Kind::Diary), None);
        assert_eq!(
            film_uri("https://boxd.it/a5fa", Kind::Ratings).as_deref(),
            Some("https://boxd.it/a5fa")
        );
    }

    #[test]
    fn members_by_name() {
        assert_eq!(kind_of("letterboxd-x/diary.csv"), Some(Kind::Diary));
        assert_eq!(kind_of("likes/films.csv"), Some(Kind::Likes));
        assert_eq!(kind_of("deleted/diary.csv"), None);
        assert_eq!(kind_of("lists/films.csv"), None);
    }
}

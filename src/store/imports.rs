//! SQL for imports: one transaction that adds films, viewings and watchlist entries, all or nothing.

use rusqlite::{OptionalExtension, Transaction, params};

use super::{Store, now_utc};
use crate::error::Result;
use crate::model::{FilmData, NewWatch, Rating};

/// A catalog film as the import matcher sees it: titles, year and every source id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilmKeys {
    pub id: i64,
    pub title: String,
    pub original_title: String,
    pub year: Option<i32>,
    pub ids: ExternalIds,
}

/// The source ids a film can carry (each unique across the catalog).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExternalIds {
    pub tmdb: Option<i64>,
    pub imdb: Option<String>,
    pub movielens: Option<i64>,
    pub letterboxd_uri: Option<String>,
}

/// Facts to fill into an existing film where it has none (lists only when empty).
#[derive(Debug, Clone, Default)]
pub struct FilmPatch {
    pub original_title: Option<String>,
    pub year: Option<i32>,
    pub runtime: Option<u32>,
    pub directors: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub genres: Vec<String>,
    pub keywords: Vec<String>,
    pub ids: ExternalIds,
}

/// An existing viewing, as imports compare against it.
#[derive(Debug, Clone)]
pub struct WatchKey {
    pub id: i64,
    pub film_id: i64,
    pub watched_at: String,
    pub has_rating: bool,
    pub liked: bool,
    pub has_note: bool,
}

/// One import's transaction. Dropping it without [`ImportTx::commit`] rolls everything back.
pub struct ImportTx<'a> {
    pub(super) tx: Transaction<'a>,
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Starts an import transaction (which voids the start-up image: imports add films).
    pub fn import_tx(&mut self) -> Result<ImportTx<'_>> {
        // A large import touches many index pages: a bigger page cache (64 MiB) keeps them
        // from being spilled to the WAL and read back mid-transaction.
        self.conn.execute_batch("PRAGMA cache_size = -65536;")?;
        let tx = self.conn.transaction()?;
        super::void_image(&tx)?;
        Ok(ImportTx { tx })
    }

    /// The source ids of every film (movielens id and Letterboxd URI are not in [`Film`]).
    pub fn external_ids(&self) -> Result<Vec<(i64, ExternalIds)>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, tmdb_id, imdb_id, movielens_id, letterboxd_uri FROM films ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                ExternalIds {
                    tmdb: r.get(1)?,
                    imdb: r.get(2)?,
                    movielens: r.get(3)?,
                    letterboxd_uri: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

impl ImportTx<'_> {
    /// Every film's titles, year and ids.
    pub fn film_keys(&self) -> Result<Vec<FilmKeys>> {
        let mut stmt = self.tx.prepare(
            "SELECT id, title, original_title, year, tmdb_id, imdb_id, movielens_id,
                    letterboxd_uri FROM films ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FilmKeys {
                id: r.get(0)?,
                title: r.get(1)?,
                original_title: r.get(2)?,
                year: r.get(3)?,
                ids: ExternalIds {
                    tmdb: r.get(4)?,
                    imdb: r.get(5)?,
                    movielens: r.get(6)?,
                    letterboxd_uri: r.get(7)?,
                },
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Adds a film with all its source ids and returns its id.
    pub fn insert_film(&self, f: &FilmData, ids: &ExternalIds) -> Result<i64> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO films (title, original_title, year, directors, countries, languages,
                                runtime, genres, tags, keywords, source, tmdb_id, imdb_id,
                                movielens_id, letterboxd_uri)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        stmt.execute(params![
            f.title,
            f.original_title,
            f.year,
            json(&f.directors),
            json(&f.countries),
            json(&f.languages),
            f.runtime,
            json(&f.genres),
            json(&f.tags),
            json(&f.keywords),
            f.source,
            ids.tmdb,
            ids.imdb,
            ids.movielens,
            ids.letterboxd_uri
        ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Fills facts and ids a film lacks; never overwrites what it has. Ids already taken by
    /// another film are left out.
    pub fn enrich_film(&self, id: i64, p: &FilmPatch) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "UPDATE films SET
                original_title = CASE WHEN original_title = '' AND ?2 IS NOT NULL THEN ?2
                                      ELSE original_title END,
                year = coalesce(year, ?3),
                runtime = coalesce(runtime, ?4),
                directors = CASE WHEN directors = '[]' THEN ?5 ELSE directors END,
                countries = CASE WHEN countries = '[]' THEN ?6 ELSE countries END,
                languages = CASE WHEN languages = '[]' THEN ?7 ELSE languages END,
                genres = CASE WHEN genres = '[]' THEN ?8 ELSE genres END,
                keywords = CASE WHEN keywords = '[]' THEN ?9 ELSE keywords END,
                tmdb_id = coalesce(tmdb_id,
                    (SELECT ?10 WHERE NOT EXISTS (SELECT 1 FROM films WHERE tmdb_id = ?10))),
                imdb_id = coalesce(imdb_id,
                    (SELECT ?11 WHERE NOT EXISTS (SELECT 1 FROM films WHERE imdb_id = ?11))),
                movielens_id = coalesce(movielens_id,
                    (SELECT ?12 WHERE NOT EXISTS (SELECT 1 FROM films WHERE movielens_id = ?12))),
                letterboxd_uri = coalesce(letterboxd_uri,
                    (SELECT ?13 WHERE NOT EXISTS (SELECT 1 FROM films WHERE letterboxd_uri = ?13)))
             WHERE id = ?1",
        )?;
        stmt.execute(params![
            id,
            p.original_title,
            p.year,
            p.runtime,
            json(&p.directors),
            json(&p.countries),
            json(&p.languages),
            json(&p.genres),
            json(&p.keywords),
            p.ids.tmdb,
            p.ids.imdb,
            p.ids.movielens,
            p.ids.letterboxd_uri
        ])?;
        Ok(())
    }

    /// Every viewing's film, stored time and which fields are filled.
    pub fn watch_keys(&self) -> Result<Vec<WatchKey>> {
        let mut stmt = self.tx.prepare(
            "SELECT id, film_id, watched_at, rating IS NOT NULL, liked, coalesce(note, '') != ''
             FROM watches ORDER BY sort_key DESC, id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(WatchKey {
                id: r.get(0)?,
                film_id: r.get(1)?,
                watched_at: r.get(2)?,
                has_rating: r.get(3)?,
                liked: r.get(4)?,
                has_note: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Adds a viewing, marked as put in by the import `origin` ("import:<format>"; `None` for
    /// one that is the user's own), and returns its id.
    pub fn insert_watch(&self, w: &NewWatch, origin: Option<&str>) -> Result<i64> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO watches (film_id, watched_at, sort_key, rating, rewatch, liked, mood,
                                  mood_after, note, source, created_at, import_origin)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        stmt.execute(params![
            w.film_id,
            w.watched_at.to_stored(),
            w.watched_at.sort_key(),
            w.rating.map(Rating::halves),
            w.rewatch,
            w.liked,
            w.mood,
            w.mood_after,
            w.note,
            w.source,
            now_utc(),
            origin
        ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Sets a viewing's rating.
    pub fn set_rating(&self, watch_id: i64, rating: Rating) -> Result<()> {
        self.tx.execute(
            "UPDATE watches SET rating = ?2 WHERE id = ?1",
            params![watch_id, rating.halves()],
        )?;
        Ok(())
    }

    /// Marks a viewing as liked.
    pub fn set_liked(&self, watch_id: i64) -> Result<()> {
        self.tx
            .execute("UPDATE watches SET liked = 1 WHERE id = ?1", [watch_id])?;
        Ok(())
    }

    /// Sets a viewing's note.
    pub fn set_note(&self, watch_id: i64, note: &str) -> Result<()> {
        self.tx.execute(
            "UPDATE watches SET note = ?2 WHERE id = ?1",
            params![watch_id, note],
        )?;
        Ok(())
    }

    /// Puts a film on the watchlist; false when it was already there.
    pub fn add_to_watchlist(&self, film_id: i64, added_at: Option<&str>) -> Result<bool> {
        let on: Option<i64> = self
            .tx
            .query_row(
                "SELECT film_id FROM watchlist WHERE film_id = ?1",
                [film_id],
                |r| r.get(0),
            )
            .optional()?;
        if on.is_some() {
            return Ok(false);
        }
        self.tx.execute(
            "INSERT INTO watchlist (film_id, added_at) VALUES (?1, ?2)",
            params![film_id, added_at.map_or_else(now_utc, str::to_string)],
        )?;
        Ok(true)
    }

    /// Records how many people rated a film at a source and their mean (0–10 scale).
    pub fn set_popularity(
        &self,
        film_id: i64,
        source: &str,
        votes: u64,
        mean: Option<f64>,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO film_popularity (film_id, source, votes, mean) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(film_id, source) DO UPDATE SET votes = excluded.votes, mean = excluded.mean",
        )?;
        stmt.execute(params![film_id, source, votes as i64, mean])?;
        Ok(())
    }

    /// Makes every change of the import permanent.
    pub fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// How many people rated a film at one source, and their mean on a 0–10 scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Popularity {
    pub source: String,
    pub votes: u64,
    pub mean: Option<f64>,
}

/// A film marked as seen without a dated viewing.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub film_id: i64,
    pub rating: Option<Rating>,
    pub liked: bool,
    /// `YYYY-MM-DD`: when the source recorded it (not when the film was watched).
    pub marked_on: Option<String>,
    pub source: String,
}

impl Store {
    /// Films marked as seen without a dated viewing, by film id.
    pub fn marks(&self) -> Result<Vec<Mark>> {
        let mut stmt = self.conn.prepare(
            "SELECT film_id, rating, liked, marked_on, source FROM film_marks ORDER BY film_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Mark {
                film_id: r.get(0)?,
                rating: r.get::<_, Option<u8>>(1)?.and_then(Rating::from_halves),
                liked: r.get(2)?,
                marked_on: r.get(3)?,
                source: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Popularity by film, from catalog imports (TMDB, MovieLens, IMDb).
    pub fn popularity(&self) -> Result<std::collections::HashMap<i64, Vec<Popularity>>> {
        let mut stmt = self.conn.prepare(
            "SELECT film_id, source, votes, mean FROM film_popularity ORDER BY film_id, source",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                Popularity {
                    source: r.get(1)?,
                    votes: r.get::<_, i64>(2)?.max(0) as u64,
                    mean: r.get(3)?,
                },
            ))
        })?;
        let mut out: std::collections::HashMap<i64, Vec<Popularity>> = Default::default();
        for row in rows {
            let (id, p) = row?;
            out.entry(id).or_default().push(p);
        }
        Ok(out)
    }

    /// The watchlist with the time each film was added, newest first.
    pub fn watchlist_entries(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT film_id, added_at FROM watchlist ORDER BY added_at DESC, film_id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

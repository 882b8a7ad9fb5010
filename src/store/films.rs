//! SQL for films: reading the catalog and keeping the seed catalog in step with assets/.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Row, params};

use super::Store;
use crate::error::Result;
use crate::film::{FilmHead, ListBuf, Text};
use crate::model::{Film, FilmData};
use crate::names::Sym;

const FILM_COLUMNS: &str = "id, title, original_title, year, directors, countries, languages, \
                            runtime, genres, tags, keywords, source, tmdb_id, imdb_id";

/// What syncing the seed catalog changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SeedReport {
    pub inserted: usize,
    pub updated: usize,
    pub removed: usize,
    /// Seed films gone from assets/ but kept because the diary or watchlist refers to them.
    pub retired: usize,
}

/// A JSON list column read straight into symbols as the film's next list (no string is
/// allocated for a name seen before); a damaged list reads as empty.
fn syms(r: &Row<'_>, i: usize, buf: &mut ListBuf) -> rusqlite::Result<()> {
    let text = r.get_ref(i)?.as_str_or_null()?.unwrap_or("[]");
    if !plain_list(text, buf) {
        buf.reset_list();
        let names: Vec<Sym> = serde_json::from_str(text).unwrap_or_default();
        names.into_iter().for_each(|n| buf.push(n));
    }
    buf.end_list();
    Ok(())
}

/// The common case of a list column, read without a JSON parser: `["a", "b"]` whose strings
/// hold no escapes and no control characters. Anything else is false (the caller forgets
/// what was added and parses the text as JSON), so both read every list alike.
fn plain_list(text: &str, buf: &mut ListBuf) -> bool {
    let Some(inner) = text
        .trim()
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
    else {
        return false;
    };
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let Some(body) = rest.strip_prefix('"') else {
            return false;
        };
        let Some(end) = body.find('"') else {
            return false;
        };
        let name = &body[..end];
        if name.bytes().any(|b| b == b'\\' || b < 0x20) {
            return false;
        }
        buf.push(Sym::new(name));
        rest = body[end + 1..].trim_start();
        if let Some(next) = rest.strip_prefix(',') {
            rest = next.trim_start();
            if rest.is_empty() {
                return false;
            }
        } else if !rest.is_empty() {
            return false;
        }
    }
    true
}

fn json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}

fn text(r: &Row<'_>, i: usize) -> rusqlite::Result<Text> {
    Ok(Text::from(r.get_ref(i)?.as_str_or_null()?.unwrap_or("")))
}

fn film_from_row(r: &Row<'_>, buf: &mut ListBuf) -> rusqlite::Result<Film> {
    let head = FilmHead {
        id: r.get(0)?,
        title: text(r, 1)?,
        original_title: text(r, 2)?,
        year: r.get(3)?,
        runtime: r.get(7)?,
        source: Sym::new(r.get_ref(11)?.as_str_or_null()?.unwrap_or("")),
        tmdb_id: r.get(12)?,
        imdb_id: r.get_ref(13)?.as_str_or_null()?.map(Text::from),
    };
    // Directors, countries, languages, genres, tags, keywords: the order of `List`.
    for column in [4, 5, 6, 8, 9, 10] {
        syms(r, column, buf)?;
    }
    Ok(buf.film(head))
}

impl Store {
    /// Every film, ordered by id.
    pub fn films(&self) -> Result<Vec<Film>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {FILM_COLUMNS} FROM films ORDER BY id"))?;
        let mut buf = ListBuf::default();
        let rows = stmt.query_map([], |r| film_from_row(r, &mut buf))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The films with `lo <= id <= hi`, ordered by id; `progress` gets the count read so far
    /// every 8192 rows (start-up splits the catalog read over two connections this way).
    pub fn films_between(
        &self,
        lo: i64,
        hi: i64,
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<Film>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FILM_COLUMNS} FROM films WHERE id BETWEEN ?1 AND ?2 ORDER BY id"
        ))?;
        let mut rows = stmt.query([lo, hi])?;
        // Ids are dense in practice: room for the range (up to a bound, for sparse ids).
        let room = usize::try_from(hi.saturating_sub(lo).saturating_add(1)).unwrap_or(0);
        let mut out = Vec::with_capacity(room.min(1 << 22));
        crate::heap::advise_huge(out.spare_capacity_mut());
        let mut buf = ListBuf::default();
        while let Some(r) = rows.next()? {
            out.push(film_from_row(r, &mut buf)?);
            if out.len() % 8192 == 0 {
                progress(out.len());
            }
        }
        progress(out.len());
        Ok(out)
    }

    /// One film by id.
    pub fn film(&self, id: i64) -> Result<Option<Film>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {FILM_COLUMNS} FROM films WHERE id = ?1"),
                [id],
                |r| film_from_row(r, &mut ListBuf::default()),
            )
            .optional()?)
    }

    /// Adds a film and returns its id.
    pub fn insert_film(&self, f: &FilmData) -> Result<i64> {
        super::void_image(&self.conn)?;
        self.conn.execute(
            "INSERT INTO films (title, original_title, year, directors, countries, languages,
                                runtime, genres, tags, keywords, source, tmdb_id, imdb_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
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
                f.tmdb_id,
                f.imdb_id
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Brings the seed films in line with `films` (each with its stable key) in one
    /// transaction, and records `hash`. Viewings, the watchlist and imported films are untouched;
    /// a seed film that left assets/ but is in the diary is kept.
    pub fn sync_seed(&mut self, films: &[(String, FilmData)], hash: &str) -> Result<SeedReport> {
        let tx = self.conn.transaction()?;
        let mut report = SeedReport::default();
        // Another process may have synced while this one waited for the write lock.
        let current: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'seed_hash'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if current.as_deref() == Some(hash) {
            return Ok(report);
        }
        super::void_image(&tx)?;
        {
            let mut find = tx.prepare("SELECT id FROM films WHERE seed_key = ?1")?;
            let mut insert = tx.prepare(
                "INSERT INTO films (title, original_title, year, directors, countries, languages,
                                    runtime, genres, tags, keywords, source, tmdb_id, imdb_id,
                                    seed_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'seed', ?11, ?12, ?13)",
            )?;
            let mut update = tx.prepare(
                "UPDATE films SET title = ?1, original_title = ?2, year = ?3, directors = ?4,
                        countries = ?5, languages = ?6, runtime = ?7, genres = ?8, tags = ?9,
                        keywords = ?10, tmdb_id = ?11, imdb_id = ?12
                 WHERE id = ?13",
            )?;
            for (key, f) in films {
                let lists = [
                    json(&f.directors),
                    json(&f.countries),
                    json(&f.languages),
                    json(&f.genres),
                    json(&f.tags),
                    json(&f.keywords),
                ];
                let [dirs, countries, langs, genres, tags, keywords] = &lists;
                let existing: Option<i64> = find.query_row([key], |r| r.get(0)).optional()?;
                match existing {
                    Some(id) => {
                        report.updated += update.execute(params![
                            f.title,
                            f.original_title,
                            f.year,
                            dirs,
                            countries,
                            langs,
                            f.runtime,
                            genres,
                            tags,
                            keywords,
                            f.tmdb_id,
                            f.imdb_id,
                            id
                        ])?;
                    }
                    None => {
                        insert.execute(params![
                            f.title,
                            f.original_title,
                            f.year,
                            dirs,
                            countries,
                            langs,
                            f.runtime,
                            genres,
                            tags,
                            keywords,
                            f.tmdb_id,
                            f.imdb_id,
                            key
                        ])?;
                        report.inserted += 1;
                    }
                }
            }
            let keys: HashSet<&str> = films.iter().map(|(k, _)| k.as_str()).collect();
            let mut stale = tx.prepare(
                "SELECT id, seed_key,
                        EXISTS(SELECT 1 FROM watches w WHERE w.film_id = films.id)
                        OR EXISTS(SELECT 1 FROM watchlist l WHERE l.film_id = films.id)
                 FROM films WHERE seed_key IS NOT NULL",
            )?;
            let rows: Vec<(i64, String, bool)> = stale
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<std::result::Result<_, _>>()?;
            for (id, key, referenced) in rows {
                if keys.contains(key.as_str()) {
                    continue;
                }
                if referenced {
                    tx.execute(
                        "UPDATE films SET seed_key = NULL, source = 'retired-seed' WHERE id = ?1",
                        [id],
                    )?;
                    report.retired += 1;
                } else {
                    tx.execute("DELETE FROM film_vectors WHERE film_id = ?1", [id])?;
                    tx.execute("DELETE FROM films WHERE id = ?1", [id])?;
                    report.removed += 1;
                }
            }
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('seed_hash', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [hash],
        )?;
        tx.commit()?;
        Ok(report)
    }
}

#[cfg(test)]
#[path = "films_tests.rs"]
mod tests;

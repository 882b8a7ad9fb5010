//! SQL for viewings and the watchlist.

use rusqlite::{OptionalExtension, Row, params};

use super::{Store, now_utc};
use crate::error::{Error, Result};
use crate::model::{NewWatch, Rating, Watch};
use crate::time::WatchedAt;

const WATCH_COLUMNS: &str =
    "id, film_id, watched_at, rating, rewatch, liked, mood, mood_after, note, source";

fn watch_from_row(r: &Row<'_>) -> rusqlite::Result<Watch> {
    let at: String = r.get(2)?;
    let watched_at = WatchedAt::from_stored(&at).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            2,
            rusqlite::types::Type::Text,
            format!("watched_at {at:?} is not RFC 3339 or a date").into(),
        )
    })?;
    Ok(Watch {
        id: r.get(0)?,
        film_id: r.get(1)?,
        watched_at,
        rating: r.get::<_, Option<u8>>(3)?.and_then(Rating::from_halves),
        rewatch: r.get(4)?,
        liked: r.get(5)?,
        mood: r.get(6)?,
        mood_after: r.get(7)?,
        note: r.get(8)?,
        source: r.get(9)?,
    })
}

impl Store {
    /// Writes a viewing (in its own transaction) and returns its id.
    pub fn insert_watch(&mut self, w: &NewWatch) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO watches (film_id, watched_at, sort_key, rating, rewatch, liked, mood,
                                  mood_after, note, source, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
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
                now_utc()
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(id)
    }

    /// Replaces the fields of an existing viewing. The viewing is the user's from then on: no
    /// later import changes it (its `import_origin` is cleared, see schema 5).
    pub fn update_watch(&mut self, id: i64, w: &NewWatch) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE watches SET film_id = ?1, watched_at = ?2, sort_key = ?3, rating = ?4,
                    rewatch = ?5, liked = ?6, mood = ?7, mood_after = ?8, note = ?9,
                    import_origin = NULL
             WHERE id = ?10",
            params![
                w.film_id,
                w.watched_at.to_stored(),
                w.watched_at.sort_key(),
                w.rating.map(Rating::halves),
                w.rewatch,
                w.liked,
                w.mood,
                w.mood_after,
                w.note,
                id
            ],
        )?;
        if n == 0 {
            return Err(Error::Invalid(format!("no viewing with id {id}")));
        }
        Ok(())
    }

    /// Deletes a viewing and returns what it was (for undo).
    pub fn delete_watch(&mut self, id: i64) -> Result<Watch> {
        let tx = self.conn.transaction()?;
        let w = tx
            .query_row(
                &format!("SELECT {WATCH_COLUMNS} FROM watches WHERE id = ?1"),
                [id],
                watch_from_row,
            )
            .map_err(|_| Error::Invalid(format!("no viewing with id {id}")))?;
        tx.execute("DELETE FROM watches WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(w)
    }

    /// Every viewing, newest first.
    pub fn watches(&self) -> Result<Vec<Watch>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {WATCH_COLUMNS} FROM watches ORDER BY sort_key DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], watch_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Film ids on the watchlist.
    pub fn watchlist(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT film_id FROM watchlist ORDER BY added_at DESC")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Puts a film on the watchlist or takes it off; returns whether it is on it now.
    /// Marks a film seen without a diary entry, as `m` says (replacing a mark it had).
    pub fn put_mark(&mut self, m: &super::Mark) -> Result<()> {
        self.conn.execute(
            "INSERT INTO film_marks (film_id, rating, liked, marked_on, source)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(film_id) DO UPDATE SET rating = excluded.rating,
                 liked = excluded.liked, marked_on = excluded.marked_on,
                 source = excluded.source",
            params![
                m.film_id,
                m.rating.map(Rating::halves),
                m.liked,
                m.marked_on,
                m.source
            ],
        )?;
        Ok(())
    }

    /// Takes a film's seen-mark away and returns it (`None`: it had none).
    pub fn remove_mark(&mut self, film_id: i64) -> Result<Option<super::Mark>> {
        let tx = self.conn.transaction()?;
        let old = tx
            .query_row(
                "SELECT rating, liked, marked_on, source FROM film_marks WHERE film_id = ?1",
                [film_id],
                |r| {
                    Ok(super::Mark {
                        film_id,
                        rating: r.get::<_, Option<u8>>(0)?.and_then(Rating::from_halves),
                        liked: r.get(1)?,
                        marked_on: r.get(2)?,
                        source: r.get(3)?,
                    })
                },
            )
            .optional()?;
        tx.execute("DELETE FROM film_marks WHERE film_id = ?1", [film_id])?;
        tx.commit()?;
        Ok(old)
    }

    pub fn toggle_watchlist(&mut self, film_id: i64) -> Result<bool> {
        let removed = self
            .conn
            .execute("DELETE FROM watchlist WHERE film_id = ?1", [film_id])?;
        if removed > 0 {
            return Ok(false);
        }
        self.conn.execute(
            "INSERT INTO watchlist (film_id, added_at) VALUES (?1, ?2)",
            params![film_id, now_utc()],
        )?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FilmData;
    use chrono::DateTime;

    fn setup() -> (Store, i64) {
        let s = Store::open_in_memory().unwrap();
        let id = s
            .insert_film(&FilmData {
                title: "Stalker".into(),
                original_title: "Сталкер".into(),
                year: Some(1979),
                source: "seed".into(),
                ..FilmData::default()
            })
            .unwrap();
        (s, id)
    }

    fn new_watch(film_id: i64, at: &str) -> NewWatch {
        NewWatch {
            film_id,
            watched_at: WatchedAt::At(DateTime::parse_from_rfc3339(at).unwrap()),
            rating: Rating::from_stars(4.5),
            rewatch: false,
            liked: true,
            mood: Some("quiet awe".into()),
            mood_after: None,
            note: Some("the dog".into()),
            source: "nightreel".into(),
        }
    }

    #[test]
    fn insert_list_update_delete() {
        let (mut s, f) = setup();
        let a = s
            .insert_watch(&new_watch(f, "2026-11-24T23:00:00+01:00"))
            .unwrap();
        let b = s
            .insert_watch(&new_watch(f, "2026-11-25T02:14:00+01:00"))
            .unwrap();
        let all = s.watches().unwrap();
        assert_eq!(all.iter().map(|w| w.id).collect::<Vec<_>>(), vec![b, a]);
        assert_eq!(all[0].watched_at.to_stored(), "2026-11-25T02:14:00+01:00");
        assert_eq!(all[0].rating, Rating::from_stars(4.5));
        let mut changed = new_watch(f, "2026-11-25T02:14:00+01:00");
        changed.rating = None;
        s.update_watch(b, &changed).unwrap();
        assert_eq!(s.watches().unwrap()[0].rating, None);
        let gone = s.delete_watch(a).unwrap();
        assert_eq!(gone.id, a);
        assert_eq!(s.watches().unwrap().len(), 1);
        assert!(s.delete_watch(a).is_err());
    }

    #[test]
    fn watchlist_toggles() {
        let (mut s, f) = setup();
        assert!(s.toggle_watchlist(f).unwrap());
        assert_eq!(s.watchlist().unwrap(), vec![f]);
        assert!(!s.toggle_watchlist(f).unwrap());
        assert!(s.watchlist().unwrap().is_empty());
    }
}

//! SQL for what a re-import may change: a viewing or a seen-mark that an earlier import of the
//! same format put in takes the newer file's values; anything the user logged or edited in
//! nightreel is kept.

use rusqlite::{OptionalExtension, params};

use super::imports::{ImportTx, Mark};
use crate::error::Result;
use crate::model::Rating;

/// The fields a re-imported row brings to the viewing it matched; `None` leaves one as it is
/// (the file has no such column, or an empty cell that must not clear it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WatchUpdate {
    pub rating: Option<Option<Rating>>,
    pub rewatch: Option<bool>,
    pub liked: Option<bool>,
    pub mood: Option<Option<String>>,
    pub mood_after: Option<Option<String>>,
    pub note: Option<Option<String>>,
}

/// What a re-imported row did to the viewing (or mark) it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// Nothing differs.
    Same,
    /// The viewing was the import's own and took the newer values.
    Updated,
    /// Something differs, but the viewing is the user's (logged or edited in nightreel, or put
    /// in by another kind of import): kept as it is.
    Kept,
}

/// What [`ImportTx::mark`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    /// A new mark, or a rating, like or date a mark lacked.
    Added,
    /// A mark the same source made took the source's newer rating.
    Updated,
    /// Nothing changed.
    Same,
}

type Row = (
    Option<String>,
    Option<u8>,
    bool,
    bool,
    Option<String>,
    Option<String>,
    Option<String>,
);

impl ImportTx<'_> {
    /// Brings `u` to viewing `id` when the import `origin` put it in and nothing in nightreel
    /// has edited it since (see schema 5); says what it did.
    pub fn refresh_watch(&self, id: i64, origin: &str, u: &WatchUpdate) -> Result<Refreshed> {
        let old: Option<Row> = self
            .tx
            .query_row(
                "SELECT import_origin, rating, rewatch, liked, mood, mood_after, note
                 FROM watches WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((own, rating, rewatch, liked, mood, mood_after, note)) = old else {
            return Ok(Refreshed::Same);
        };
        let new_rating = u.rating.map_or(rating, |r| r.map(Rating::halves));
        let new = (
            new_rating,
            u.rewatch.unwrap_or(rewatch),
            u.liked.unwrap_or(liked),
            u.mood.clone().unwrap_or_else(|| mood.clone()),
            u.mood_after.clone().unwrap_or_else(|| mood_after.clone()),
            u.note.clone().unwrap_or_else(|| note.clone()),
        );
        if new == (rating, rewatch, liked, mood, mood_after, note) {
            return Ok(Refreshed::Same);
        }
        if own.as_deref() != Some(origin) {
            return Ok(Refreshed::Kept);
        }
        self.tx.execute(
            "UPDATE watches SET rating = ?2, rewatch = ?3, liked = ?4, mood = ?5,
                    mood_after = ?6, note = ?7
             WHERE id = ?1 AND import_origin = ?8",
            params![id, new.0, new.1, new.2, new.3, new.4, new.5, origin],
        )?;
        Ok(Refreshed::Updated)
    }

    /// Marks a film as seen without a dated viewing, merging with an existing mark: a rating
    /// or date already there is kept (a like is added), except that a mark the import
    /// `origin` made itself (its source is `origin`) takes the newer rating.
    pub fn mark(&self, m: &Mark, origin: Option<&str>) -> Result<Marked> {
        let old: Option<(Option<u8>, bool, Option<String>, String)> = self
            .tx
            .query_row(
                "SELECT rating, liked, marked_on, source FROM film_marks WHERE film_id = ?1",
                [m.film_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let incoming = m.rating.map(Rating::halves);
        let rerated = old.as_ref().is_some_and(|o| {
            origin == Some(o.3.as_str()) && o.0.is_some() && incoming.is_some() && o.0 != incoming
        });
        let rating = if rerated {
            incoming
        } else {
            old.as_ref().and_then(|o| o.0).or(incoming)
        };
        let liked = old.as_ref().is_some_and(|o| o.1) || m.liked;
        let marked_on = old
            .as_ref()
            .and_then(|o| o.2.clone())
            .or(m.marked_on.clone());
        if let Some(o) = &old
            && (o.0, o.1, &o.2) == (rating, liked, &marked_on)
        {
            return Ok(Marked::Same);
        }
        self.tx.execute(
            "INSERT INTO film_marks (film_id, rating, liked, marked_on, source)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(film_id) DO UPDATE SET rating = excluded.rating,
                 liked = excluded.liked, marked_on = excluded.marked_on",
            params![m.film_id, rating, liked, marked_on, m.source],
        )?;
        Ok(if rerated {
            Marked::Updated
        } else {
            Marked::Added
        })
    }
}

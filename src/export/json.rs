//! The whole diary as JSON: every viewing, watchlist entry and seen-mark with every field,
//! times with their offsets, and the films they refer to. `import json` reads it back.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use serde::{Deserialize, Serialize};

use super::Exported;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::FilmData;

/// The `format` value of a nightreel diary export.
pub const FORMAT: &str = "nightreel-diary";
pub const VERSION: u32 = 1;

/// A film as exported: every catalog field and every source id.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FilmOut {
    #[serde(flatten)]
    pub film: FilmData,
    #[serde(default)]
    pub movielens_id: Option<i64>,
    #[serde(default)]
    pub letterboxd_uri: Option<String>,
}

/// A viewing as exported; `film_night` and `late_night` are derived and ignored on import.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WatchOut {
    pub id: i64,
    pub film_id: i64,
    /// RFC 3339 with the UTC offset, or `YYYY-MM-DD` when only the date is known.
    pub watched_at: String,
    #[serde(default, skip_deserializing)]
    pub film_night: String,
    #[serde(default, skip_deserializing)]
    pub late_night: Option<bool>,
    /// Stars, in halves from 0.5 to 5.
    pub rating: Option<f64>,
    pub rewatch: bool,
    pub liked: bool,
    pub mood: Option<String>,
    pub mood_after: Option<String>,
    pub note: Option<String>,
    pub source: String,
}

/// A watchlist entry as exported.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct WatchlistOut {
    pub film_id: i64,
    pub added_at: String,
}

/// A film marked as seen without a dated viewing.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MarkOut {
    pub film_id: i64,
    /// Stars, in halves from 0.5 to 5.
    pub rating: Option<f64>,
    pub liked: bool,
    /// When the source recorded it (`YYYY-MM-DD`), not when the film was watched.
    pub marked_on: Option<String>,
    pub source: String,
}

/// The top of the file.
#[derive(Debug, Serialize, Deserialize)]
pub struct Head {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub exported_at: String,
}

fn line(out: &mut dyn Write, s: &str) -> Result<()> {
    writeln!(out, "{s}").map_err(|e| Error::Invalid(format!("writing JSON: {e}")))
}

fn compact<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Invalid(format!("writing JSON: {e}")))
}

/// Writes the export. Each film, viewing and watchlist entry is one line, so messages about
/// a file read back can name the line.
pub fn write(lib: &Library, out: &mut dyn Write) -> Result<Exported> {
    let watchlist = lib.store().watchlist_entries()?;
    let marks = lib.store().marks()?;
    let ids: HashMap<i64, _> = lib.store().external_ids()?.into_iter().collect();
    let film_ids: BTreeSet<i64> = lib
        .watches()
        .iter()
        .map(|w| w.film_id)
        .chain(watchlist.iter().map(|(f, _)| *f))
        .chain(marks.iter().map(|m| m.film_id))
        .collect();
    let head = Head {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: lib.clock.now().to_rfc3339(),
    };
    let head = compact(&head)?;
    line(out, &format!("{},", &head[..head.len() - 1]))?;
    line(out, "\"films\":[")?;
    let mut first = true;
    for id in &film_ids {
        let Some(film) = lib.film(*id) else { continue };
        let ext = ids.get(id);
        let f = FilmOut {
            film: film.data(),
            movielens_id: ext.and_then(|e| e.movielens),
            letterboxd_uri: ext.and_then(|e| e.letterboxd_uri.clone()),
        };
        line(
            out,
            &format!("{}{}", if first { "" } else { "," }, compact(&f)?),
        )?;
        first = false;
    }
    line(out, "],")?;
    line(out, "\"watches\":[")?;
    let rules = &lib.config.night;
    for (i, w) in lib.watches().iter().enumerate() {
        let o = WatchOut {
            id: w.id,
            film_id: w.film_id,
            watched_at: w.watched_at.to_stored(),
            film_night: w.watched_at.film_night(rules).to_string(),
            late_night: w.watched_at.late_night(rules),
            rating: w.rating.map(|r| r.stars()),
            rewatch: w.rewatch,
            liked: w.liked,
            mood: w.mood.clone(),
            mood_after: w.mood_after.clone(),
            note: w.note.clone(),
            source: w.source.clone(),
        };
        line(
            out,
            &format!("{}{}", if i == 0 { "" } else { "," }, compact(&o)?),
        )?;
    }
    line(out, "],")?;
    line(out, "\"watchlist\":[")?;
    for (i, (film_id, added_at)) in watchlist.iter().enumerate() {
        let o = WatchlistOut {
            film_id: *film_id,
            added_at: added_at.clone(),
        };
        line(
            out,
            &format!("{}{}", if i == 0 { "" } else { "," }, compact(&o)?),
        )?;
    }
    line(out, "],")?;
    line(out, "\"marks\":[")?;
    for (i, m) in marks.iter().enumerate() {
        let o = MarkOut {
            film_id: m.film_id,
            rating: m.rating.map(|r| r.stars()),
            liked: m.liked,
            marked_on: m.marked_on.clone(),
            source: m.source.clone(),
        };
        line(
            out,
            &format!("{}{}", if i == 0 { "" } else { "," }, compact(&o)?),
        )?;
    }
    line(out, "]}")?;
    Ok(Exported {
        viewings: lib.watches().len(),
        marks: marks.len(),
        films: film_ids.len(),
    })
}

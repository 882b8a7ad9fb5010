//! nightreel's own JSON diary export, read back: viewings restored exactly, films matched by
//! id or title (or added), the watchlist restored.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::matcher::Candidate;
use super::{Importer, Incoming, Seen, Sink, refresh};
use crate::error::{Error, Result};
use crate::export::json::{FORMAT, FilmOut, Head, MarkOut, VERSION, WatchOut, WatchlistOut};
use crate::model::{NewWatch, Rating};
use crate::store::{ExternalIds, Mark, Marked, WatchUpdate};
use crate::time::WatchedAt;

/// The JSON importer.
pub struct Json;

/// The line of each element of the three arrays, when the file has the layout nightreel
/// writes (one element per line); otherwise 0 (unknown) and messages name the element.
fn element_lines(text: &str) -> HashMap<&'static str, Vec<usize>> {
    let mut lines: HashMap<&'static str, Vec<usize>> = HashMap::new();
    let mut section: Option<&'static str> = None;
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        match l {
            "\"films\":[" => section = Some("films"),
            "\"watches\":[" => section = Some("watches"),
            "\"watchlist\":[" => section = Some("watchlist"),
            "\"marks\":[" => section = Some("marks"),
            "]," | "]}" | "]" => section = None,
            _ if l.starts_with('{') || l.starts_with(",{") => {
                if let Some(s) = section {
                    lines.entry(s).or_default().push(i + 1);
                }
            }
            _ => {}
        }
    }
    lines
}

struct Doc<'a> {
    file: String,
    lines: HashMap<&'static str, Vec<usize>>,
    root: &'a serde_json::Map<String, Value>,
}

impl Doc<'_> {
    /// The elements of one array with their lines, refusing a file where it is not an array.
    fn items(&self, key: &'static str) -> Result<Vec<(usize, &Value)>> {
        let arr = match self.root.get(key) {
            None if key == "watchlist" || key == "marks" => return Ok(Vec::new()),
            Some(Value::Array(a)) => a,
            _ => {
                return Err(Error::Parse {
                    file: self.file.clone(),
                    line: 1,
                    message: format!("not a nightreel diary export: no \"{key}\" array"),
                });
            }
        };
        let lines = self.lines.get(key).filter(|l| l.len() == arr.len());
        Ok(arr
            .iter()
            .enumerate()
            .map(|(i, v)| (lines.map_or(0, |l| l[i]), v))
            .collect())
    }
}

fn parse<T: DeserializeOwned>(key: &str, i: usize, v: &Value) -> std::result::Result<T, String> {
    // serde quotes the whole offending value: keep the message short.
    T::deserialize(v)
        .map_err(|e| format!("{key}[{i}]: {}", crate::text::truncate(&e.to_string(), 200)))
}

impl Importer for Json {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let refuse = |line: usize, message: String| Error::Parse {
            file: file.clone(),
            line,
            message,
        };
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            refuse(
                line,
                format!(
                    "not UTF-8 text (byte 0x{:02X}); this is binary data or another encoding, not JSON",
                    bytes[at]
                ),
            )
        })?;
        if text.trim().is_empty() {
            return Err(refuse(1, "the file is empty".into()));
        }
        let root: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| refuse(e.line(), format!("not valid JSON: {e}")))?;
        let head: Head = serde_json::from_value(root.clone())
            .ok()
            .filter(|h: &Head| h.format == FORMAT)
            .ok_or_else(|| {
                refuse(
                    1,
                    format!("not a nightreel diary export (no \"format\": \"{FORMAT}\")"),
                )
            })?;
        if head.version > VERSION {
            return Err(refuse(
                1,
                format!(
                    "written by a newer nightreel (version {}; this build reads up to {VERSION})",
                    head.version
                ),
            ));
        }
        let Value::Object(map) = &root else {
            return Err(refuse(1, "not a JSON object".into()));
        };
        let doc = Doc {
            file: file.clone(),
            lines: element_lines(text),
            root: map,
        };
        let (films, watches, watchlist, marks) = (
            doc.items("films")?,
            doc.items("watches")?,
            doc.items("watchlist")?,
            doc.items("marks")?,
        );
        let mut film_map = HashMap::new();
        for (i, (line, v)) in films.into_iter().enumerate() {
            match parse::<FilmOut>("films", i, v) {
                Ok(f) => {
                    let id = sink.resolve(&incoming(&f))?.id();
                    film_map.insert(f.film.id, id);
                }
                Err(e) => sink.bad_row(&file, line, e),
            }
        }
        let mut seen = Seen::default();
        for w in sink.tx.watch_keys()? {
            seen.existing(w.film_id, w.watched_at, w.id);
        }
        // Bad rows are listed in file order; the good ones go in from the last to the first,
        // so that viewings sharing a date or a moment (which the diary shows newest id
        // first) keep the order of the file.
        let mut good = Vec::new();
        for (i, (line, v)) in watches.into_iter().enumerate() {
            sink.read_row();
            let w = parse::<WatchOut>("watches", i, v).and_then(|w| {
                let new = new_watch(&w, &film_map)?;
                match sink.in_future(&new.watched_at) {
                    Some(why) => Err(format!("viewing {}: {why}", w.id)),
                    None => Ok(new),
                }
            });
            match w {
                Ok(w) => good.push(w),
                Err(e) => sink.bad_row(&file, line, e),
            }
        }
        for w in good.into_iter().rev() {
            if let Some(id) = seen.matching(w.film_id, w.watched_at.to_stored()) {
                let update = WatchUpdate {
                    rating: Some(w.rating),
                    rewatch: Some(w.rewatch),
                    liked: Some(w.liked),
                    mood: Some(w.mood),
                    mood_after: Some(w.mood_after),
                    note: Some(w.note),
                };
                refresh(sink, id, &update, "viewing already in the diary", "watches")?;
            } else {
                let origin = sink.origin().to_string();
                sink.tx.insert_watch(&w, Some(&origin))?;
                sink.imported();
            }
        }
        for (i, (line, v)) in watchlist.into_iter().enumerate() {
            sink.read_row();
            let entry = parse::<WatchlistOut>("watchlist", i, v).and_then(|e| {
                film_map
                    .get(&e.film_id)
                    .map(|id| (*id, e.added_at))
                    .ok_or_else(|| {
                        format!("watchlist[{i}]: film {} is not in \"films\"", e.film_id)
                    })
            });
            match entry {
                Ok((id, at)) if sink.tx.add_to_watchlist(id, Some(&at))? => sink.imported(),
                Ok(_) => sink.skip("already on the watchlist"),
                Err(e) => sink.bad_row(&file, line, e),
            }
        }
        for (i, (line, v)) in marks.into_iter().enumerate() {
            sink.read_row();
            match parse::<MarkOut>("marks", i, v)
                .and_then(|m| new_mark(&m, &film_map).map_err(|e| format!("marks[{i}]: {e}")))
            {
                // A mark keeps the source the file names: never re-rated from a file.
                Ok(m) => match sink.tx.mark(&m, None)? {
                    Marked::Added => sink.imported(),
                    Marked::Updated => sink.updated(),
                    Marked::Same => sink.skip("already marked as seen"),
                },
                Err(e) => sink.bad_row(&file, line, e),
            }
        }
        Ok(())
    }
}

fn incoming(f: &FilmOut) -> Incoming {
    let film = &f.film;
    Incoming {
        candidate: Candidate {
            title: film.title.clone(),
            alt_titles: vec![film.original_title.clone()],
            year: film.year,
            ids: ExternalIds {
                tmdb: film.tmdb_id,
                imdb: film.imdb_id.clone(),
                movielens: f.movielens_id,
                letterboxd_uri: f.letterboxd_uri.clone(),
            },
        },
        film: film.clone(),
    }
}

fn new_watch(w: &WatchOut, films: &HashMap<i64, i64>) -> std::result::Result<NewWatch, String> {
    let film_id = *films
        .get(&w.film_id)
        .ok_or_else(|| format!("viewing {}: film {} is not in \"films\"", w.id, w.film_id))?;
    let watched_at = WatchedAt::from_stored(&w.watched_at).ok_or_else(|| {
        format!(
            "viewing {}: watched_at \"{}\" is not RFC 3339 or a date",
            w.id,
            crate::text::truncate(&w.watched_at, 40)
        )
    })?;
    let rating = match w.rating {
        None => None,
        Some(s) => Some(
            Rating::from_stars(s)
                .ok_or_else(|| format!("viewing {}: rating {s} is not 0.5 to 5 in halves", w.id))?,
        ),
    };
    Ok(NewWatch {
        film_id,
        watched_at,
        rating,
        rewatch: w.rewatch,
        liked: w.liked,
        mood: w.mood.clone(),
        mood_after: w.mood_after.clone(),
        note: w.note.clone(),
        source: w.source.clone(),
    })
}

fn new_mark(m: &MarkOut, films: &HashMap<i64, i64>) -> std::result::Result<Mark, String> {
    let film_id = *films
        .get(&m.film_id)
        .ok_or_else(|| format!("film {} is not in \"films\"", m.film_id))?;
    let rating = match m.rating {
        None => None,
        Some(s) => Some(
            Rating::from_stars(s).ok_or_else(|| format!("rating {s} is not 0.5 to 5 in halves"))?,
        ),
    };
    Ok(Mark {
        film_id,
        rating,
        liked: m.liked,
        marked_on: m.marked_on.clone(),
        source: m.source.clone(),
    })
}

//! TMDB as JSON lines (`.json`, `.jsonl`, or gzipped): one movie object a line, as TMDB's API
//! gives it (`/movie/{id}`, with `credits` and `keywords` appended or not), or TMDB's daily
//! id export (`movie_ids_MM_DD_YYYY.json.gz`: id, original_title, adult, popularity).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use super::table::{Row, Source};
use super::tmdb::{Cols, film};
use super::{Sink, tmdb_cells::list};
use crate::error::{Error, Result};

/// The longest line read (a movie object with its credits is well under a megabyte).
const MAX_LINE: u64 = 16 << 20;

/// The fields read from each object, in the order of the row made of it.
const FIELDS: [&str; 14] = [
    "id",
    "title",
    "original_title",
    "release_date",
    "genres",
    "keywords",
    "production_countries",
    "original_language",
    "spoken_languages",
    "runtime",
    "vote_average",
    "vote_count",
    "imdb_id",
    "adult",
];

/// True when the file's text starts with `{`: JSON, not a CSV table.
pub(super) fn is_json(path: &Path) -> Result<bool> {
    let mut head = Vec::new();
    Source::file(path)?
        .into_reader()
        .take(4096)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    Ok(text
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{'))
}

/// A JSON value as a cell: text as it is, lists and objects as JSON, nothing as "".
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// The row of one movie object, and its directors (from appended credits).
fn row_of(obj: &serde_json::Map<String, Value>, line: usize) -> (Row, Vec<String>) {
    let mut fields: Vec<String> = FIELDS.iter().map(|f| cell(obj.get(*f))).collect();
    if fields[1].is_empty() {
        // The daily id export names a film by its original title only.
        fields[1] = fields[2].clone();
    }
    // Appended keywords are `{"keywords": [...]}`.
    if let Some(inner) = obj.get("keywords").and_then(|k| k.get("keywords")) {
        fields[5] = inner.to_string();
    }
    let crew = obj
        .get("credits")
        .and_then(|c| c.get("crew"))
        .map(|c| cell(Some(c)))
        .unwrap_or_default();
    let directors = list(&crew, "credits.crew")
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.job.as_deref() == Some("Director"))
        .map(|p| p.name)
        .collect();
    (Row { line, fields }, directors)
}

/// Imports the movies of a JSON lines file.
pub(super) fn run(path: &Path, sink: &mut Sink<'_>) -> Result<()> {
    let source = Source::file(path)?;
    let name = source.name.clone();
    let total = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    let mut reader = BufReader::new(source.into_reader());
    let cols = Cols {
        id: 0,
        title: 1,
        original_title: Some(2),
        release_date: Some(3),
        genres: Some(4),
        keywords: Some(5),
        countries: Some(6),
        original_language: Some(7),
        spoken: Some(8),
        runtime: Some(9),
        vote_average: Some(10),
        vote_count: Some(11),
        imdb_id: Some(12),
        adult: Some(13),
    };
    let no_words = HashMap::new();
    let (mut buf, mut n, mut rows) = (String::new(), 0usize, 0usize);
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(MAX_LINE)
            .read_line(&mut buf)
            .map_err(|e| Error::Parse {
                file: name.clone(),
                line: n + 1,
                message: format!(
                    "the file cannot be read past this line ({e}); nothing was imported"
                ),
            })?;
        if read == 0 {
            break;
        }
        n += 1;
        if read as u64 == MAX_LINE && !buf.ends_with('\n') {
            return Err(Error::Parse {
                file: name,
                line: n,
                message: format!(
                    "the line is longer than {MAX_LINE} bytes: not TMDB movies as JSON lines"
                ),
            });
        }
        let text = buf.trim().trim_start_matches('\u{feff}');
        if text.is_empty() {
            continue;
        }
        let obj = match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(o)) if o.contains_key("id") => Ok(o),
            Ok(_) => Err("the line is not a JSON object with an \"id\"".to_string()),
            Err(e) => Err(format!("the line is not JSON ({e})")),
        }
        .map_err(|reason| (reason, rows == 0));
        let obj = match obj {
            Ok(o) => o,
            Err((reason, true)) => {
                return Err(Error::Parse {
                    file: name,
                    line: n,
                    message: format!(
                        "not TMDB movies as JSON lines (one movie object a line): {reason}"
                    ),
                });
            }
            Err((reason, false)) => {
                sink.read_row();
                sink.bad_row(&name, n, reason);
                continue;
            }
        };
        rows += 1;
        sink.read_row();
        let (row, directors) = row_of(&obj, n);
        if row.get(cols.adult).eq_ignore_ascii_case("true") {
            sink.skip("tmdb: adult title");
            continue;
        }
        let id = row.get(Some(cols.id)).parse::<i64>().unwrap_or_default();
        let dirs = HashMap::from([(id, directors)]);
        let (inc, votes) = match film(&row, &cols, &dirs, &no_words) {
            Ok(f) => f,
            Err(reason) => {
                sink.bad_row(&name, n, reason);
                continue;
            }
        };
        let film_id = sink.resolve(&inc)?.id();
        if let Some((votes, mean)) = votes {
            sink.tx.set_popularity(film_id, "tmdb", votes, Some(mean))?;
        }
        sink.imported();
    }
    sink.progress(total, total);
    Ok(())
}

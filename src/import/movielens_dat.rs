//! The older MovieLens releases: ml-1m and ml-10m (`movies.dat`, `MovieID::Title::Genres`,
//! with `ratings.dat` and, in ml-10m, `tags.dat` beside it) and ml-100k (`u.item`, pipe
//! separated with 19 genre flags, and `u.data` beside it). Lines are UTF-8 or, as ml-1m and
//! ml-100k ship them, Latin-1.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use super::matcher::Candidate;
use super::movielens::split_title;
use super::{Incoming, Sink};
use crate::error::{Error, Result};
use crate::model::FilmData;
use crate::store::ExternalIds;

/// The longest line read (a real line is under a kilobyte).
const MAX_LINE: u64 = 16 << 20;

/// Which release's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// ml-1m, ml-10m: `::` between fields.
    Dat,
    /// ml-100k: `|` between fields, genres as flags.
    Item,
}

/// ml-100k's genres, in the order of u.item's flags (its u.genre).
const ITEM_GENRES: [&str; 19] = [
    "", // "unknown"
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western",
];

/// The movies file of an older release at `path` (the file, or in a folder), and its shape.
pub fn find(path: &Path) -> Option<(PathBuf, Shape)> {
    let shape_of = |p: &Path| match p.file_name()?.to_str()?.to_ascii_lowercase().as_str() {
        "movies.dat" => Some(Shape::Dat),
        "u.item" => Some(Shape::Item),
        _ => None,
    };
    if path.is_file() {
        return shape_of(path).map(|s| (path.to_path_buf(), s));
    }
    ["movies.dat", "u.item"]
        .iter()
        .map(|n| path.join(n))
        .find(|p| p.is_file())
        .and_then(|p| shape_of(&p).map(|s| (p, s)))
}

/// A line as text: UTF-8, or else Latin-1 (every byte one character).
fn text(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Calls `f` with (line number, fields) for every non-blank line of `path`, split at `sep`.
/// The file is refused when it is empty, binary, or its first line has fewer than `min`
/// fields (then it is not of the shape, named by `what`).
fn lines(
    path: &Path,
    sep: &str,
    min: usize,
    what: &str,
    sink: &mut Sink<'_>,
    mut f: impl FnMut(&mut Sink<'_>, usize, &[&str]) -> Result<std::result::Result<(), String>>,
) -> Result<()> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let total = file.metadata().map_err(|e| Error::io(path, e))?.len();
    let refuse = |line: usize, message: String| Error::Parse {
        file: name.clone(),
        line,
        message,
    };
    let mut reader = BufReader::new(file);
    let (mut buf, mut n, mut done, mut rows) = (Vec::new(), 0usize, 0u64, 0usize);
    loop {
        buf.clear();
        let read = (&mut reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut buf)
            .map_err(|e| {
                refuse(
                    n + 1,
                    format!("the file cannot be read past this line ({e})"),
                )
            })?;
        if read == 0 {
            break;
        }
        n += 1;
        done += read as u64;
        if read as u64 == MAX_LINE && buf.last() != Some(&b'\n') {
            return Err(refuse(
                n,
                format!("the line is longer than {MAX_LINE} bytes: not {what}"),
            ));
        }
        if buf.contains(&0) {
            return Err(refuse(n, format!("binary data, not {what}")));
        }
        let line = text(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(sep).collect();
        if fields.len() < min {
            let reason = format!(
                "not {what}: expected {min} fields separated by \"{sep}\", found {}",
                fields.len()
            );
            if rows == 0 {
                return Err(refuse(n, reason));
            }
            rows += 1;
            sink.read_row();
            sink.bad_row(&name, n, reason);
            continue;
        }
        rows += 1;
        sink.read_row();
        if let Err(reason) = f(sink, n, &fields)? {
            sink.bad_row(&name, n, reason);
        }
        if n.is_multiple_of(512) {
            sink.progress(done, total);
        }
    }
    if rows == 0 {
        return Err(refuse(1, format!("the file is empty (expected {what})")));
    }
    sink.progress(total, total);
    Ok(())
}

/// Reads ratings (`ratings.dat` or `u.data`): movie id → (count, sum of stars).
fn ratings(path: &Path, shape: Shape, sink: &mut Sink<'_>) -> Result<HashMap<i64, (u64, f64)>> {
    let (sep, what) = match shape {
        Shape::Dat => (
            "::",
            "a MovieLens ratings.dat (UserID::MovieID::Rating::Timestamp)",
        ),
        Shape::Item => ("\t", "a MovieLens u.data (user, item, rating, timestamp)"),
    };
    let mut out: HashMap<i64, (u64, f64)> = HashMap::new();
    lines(path, sep, 4, what, sink, |sink, _, f| {
        let (Ok(movie), Ok(stars)) = (f[1].trim().parse::<i64>(), f[2].trim().parse::<f64>())
        else {
            return Ok(Err("MovieID or Rating is not a number".into()));
        };
        if let Err(e) = super::movielens::add_rating(&mut out, movie, stars) {
            return Ok(Err(e));
        }
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

/// Reads ml-10m's tags.dat: movie id → its most used tags (lowercased).
fn tags(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<i64, Vec<String>>> {
    let what = "a MovieLens tags.dat (UserID::MovieID::Tag::Timestamp)";
    let mut counts: HashMap<i64, HashMap<String, usize>> = HashMap::new();
    lines(path, "::", 4, what, sink, |sink, _, f| {
        let Ok(movie) = f[1].trim().parse::<i64>() else {
            return Ok(Err("MovieID is not a number".into()));
        };
        // A tag may hold "::" itself: it is everything between the ids and the timestamp.
        let tag = f[2..f.len() - 1].join("::").trim().to_lowercase();
        if tag.is_empty() || tag.chars().count() > 100 || tag.starts_with("not ") {
            sink.skip("tags: empty, overlong or negated tag");
            return Ok(Ok(()));
        }
        *counts.entry(movie).or_default().entry(tag).or_default() += 1;
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(super::movielens::most_used(counts))
}

/// Imports an older release's movies file and the files beside it.
pub fn run(movies: &Path, shape: Shape, sink: &mut Sink<'_>) -> Result<()> {
    let dir = movies.parent().unwrap_or(Path::new("."));
    let beside = |n: &str| Some(dir.join(n)).filter(|p| p.is_file());
    let (sep, min, what, rated) = match shape {
        Shape::Dat => (
            "::",
            3,
            "a MovieLens movies.dat (MovieID::Title::Genres, as in ml-1m and ml-10m)",
            beside("ratings.dat"),
        ),
        Shape::Item => (
            "|",
            5 + ITEM_GENRES.len(),
            "a MovieLens u.item (ml-100k: id|title|release date|video release date|IMDb URL|19 \
             genre flags)",
            beside("u.data"),
        ),
    };
    let ratings = rated.map_or(Ok(HashMap::new()), |p| ratings(&p, shape, sink))?;
    let tags = match (shape, beside("tags.dat")) {
        (Shape::Dat, Some(p)) => tags(&p, sink)?,
        _ => HashMap::new(),
    };
    lines(movies, sep, min, what, sink, |sink, _, f| {
        let Ok(movie) = f[0].trim().parse::<i64>() else {
            return Ok(Err(format!(
                "the id \"{}\" is not a number",
                crate::text::truncate(f[0], 40)
            )));
        };
        let (name, alt, year) = split_title(f[1]);
        if name.is_empty() || name.eq_ignore_ascii_case("unknown") {
            return Ok(Err("the row has no title".into()));
        }
        let genres: Vec<String> = match shape {
            Shape::Dat => f[2..]
                .join("::")
                .split('|')
                .map(str::trim)
                .filter(|g| !g.is_empty() && !g.starts_with('('))
                .map(String::from)
                .collect(),
            Shape::Item => ITEM_GENRES
                .iter()
                .zip(&f[5..])
                .filter(|(g, flag)| !g.is_empty() && flag.trim() == "1")
                .map(|(g, _)| g.to_string())
                .collect(),
        };
        // ml-100k numbers its films its own way: its ids are not MovieLens movie ids.
        let ids = ExternalIds {
            movielens: (shape == Shape::Dat).then_some(movie),
            ..ExternalIds::default()
        };
        let inc = Incoming {
            candidate: Candidate {
                title: name.clone(),
                alt_titles: alt.iter().cloned().collect(),
                year,
                ids,
            },
            film: FilmData {
                title: name.clone(),
                original_title: alt.unwrap_or(name),
                year,
                genres,
                keywords: tags.get(&movie).cloned().unwrap_or_default(),
                ..FilmData::default()
            },
        };
        let id = sink.resolve(&inc)?.id();
        if let Some((n, sum)) = ratings.get(&movie) {
            sink.tx
                .set_popularity(id, "movielens", *n, Some(sum / *n as f64 * 2.0))?;
        }
        sink.imported();
        Ok(Ok(()))
    })
}

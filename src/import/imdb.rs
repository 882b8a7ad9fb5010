//! IMDb datasets: title.basics (movies only), and beside it title.ratings, title.crew and
//! name.basics for popularity and directors; `.tsv` or `.tsv.gz`, `\N` as null.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::matcher::Candidate;
use super::table::{Dialect, Source, Table};
use super::{Importer, Incoming, Sink, each_row, find_file, main_file, parse_year};
use crate::error::Result;
use crate::model::FilmData;
use crate::store::{ExternalIds, FilmPatch};

/// The IMDb importer.
pub struct Imdb;

fn names(stem: &str) -> [String; 2] {
    [format!("{stem}.tsv"), format!("{stem}.tsv.gz")]
}

fn beside(main: &Path, stem: &str) -> Option<PathBuf> {
    let n = names(stem);
    find_file(main, &[n[0].as_str(), n[1].as_str()]).filter(|p| p != main)
}

fn null(s: &str) -> &str {
    if s == "\\N" { "" } else { s }
}

fn tsv(path: &Path) -> Result<Table> {
    Table::open(Source::file(path)?, Dialect::Tsv)
}

/// Reads title.basics, adding or matching each movie; returns tconst → film id.
fn basics(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<String, i64>> {
    let t = tsv(path)?;
    let what = "an IMDb title.basics file";
    let tconst = t.require(&["tconst"], what)?;
    let kind = t.require(&["titleType"], what)?;
    let primary = t.require(&["primaryTitle"], what)?;
    let original = t.col(&["originalTitle"]);
    let adult = t.col(&["isAdult"]);
    let start = t.require(&["startYear"], what)?;
    let runtime = t.col(&["runtimeMinutes"]);
    let genres = t.col(&["genres"]);
    let mut films = HashMap::new();
    each_row(t, sink, |sink, row| {
        let id = match title_id(row.get(Some(tconst)), "tconst") {
            Ok(id) => id,
            Err(e) => return Ok(Err(e)),
        };
        let kind = row.get(Some(kind));
        if kind != "movie" {
            sink.skip("title.basics: not a movie (series, episode, short, …)");
            return Ok(Ok(()));
        }
        if row.get(adult) == "1" {
            sink.skip("title.basics: adult title");
            return Ok(Ok(()));
        }
        let year = match parse_year(null(row.get(Some(start)))) {
            Ok(y) => y,
            Err(e) => return Ok(Err(e)),
        };
        let title = null(row.get(Some(primary))).to_string();
        if title.is_empty() {
            return Ok(Err("the row has no primaryTitle".into()));
        }
        let original_title = null(row.get(original)).to_string();
        let ids = ExternalIds {
            imdb: Some(id.to_string()),
            ..ExternalIds::default()
        };
        let inc = Incoming {
            candidate: Candidate {
                title: title.clone(),
                alt_titles: (original_title != title)
                    .then(|| original_title.clone())
                    .into_iter()
                    .collect(),
                year,
                ids: ids.clone(),
            },
            film: FilmData {
                title,
                original_title,
                year,
                runtime: null(row.get(runtime)).parse().ok().filter(|r| *r > 0),
                genres: null(row.get(genres))
                    .split(',')
                    .filter(|g| !g.is_empty())
                    .map(String::from)
                    .collect(),
                imdb_id: ids.imdb,
                ..FilmData::default()
            },
        };
        let film_id = sink.resolve(&inc)?.id();
        films.insert(id.to_string(), film_id);
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(films)
}

/// Reads title.ratings for the movies imported.
fn ratings(path: &Path, films: &HashMap<String, i64>, sink: &mut Sink<'_>) -> Result<()> {
    let t = tsv(path)?;
    let what = "an IMDb title.ratings file";
    let (tconst, avg, votes) = (
        t.require(&["tconst"], what)?,
        t.require(&["averageRating"], what)?,
        t.require(&["numVotes"], what)?,
    );
    each_row(t, sink, |sink, row| {
        let Some(&film_id) = films.get(row.get(Some(tconst))) else {
            sink.skip("title.ratings: not a movie of this import");
            return Ok(Ok(()));
        };
        let (Ok(mean), Ok(n)) = (
            row.get(Some(avg)).parse::<f64>(),
            row.get(Some(votes)).parse::<u64>(),
        ) else {
            return Ok(Err("averageRating or numVotes is not a number".into()));
        };
        sink.tx.set_popularity(film_id, "imdb", n, Some(mean))?;
        sink.imported();
        Ok(Ok(()))
    })
}

/// Reads title.crew: movie → director ids.
fn crew(
    path: &Path,
    films: &HashMap<String, i64>,
    sink: &mut Sink<'_>,
) -> Result<HashMap<i64, Vec<String>>> {
    let t = tsv(path)?;
    let what = "an IMDb title.crew file";
    let (tconst, directors) = (
        t.require(&["tconst"], what)?,
        t.require(&["directors"], what)?,
    );
    let mut out = HashMap::new();
    each_row(t, sink, |sink, row| {
        let Some(&film_id) = films.get(row.get(Some(tconst))) else {
            sink.skip("title.crew: not a movie of this import");
            return Ok(Ok(()));
        };
        let ids: Vec<String> = null(row.get(Some(directors)))
            .split(',')
            .filter(|d| d.starts_with("nm"))
            .map(String::from)
            .collect();
        out.insert(film_id, ids);
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

/// Reads name.basics for the people wanted: nconst → name.
fn people(
    path: &Path,
    wanted: &HashSet<&str>,
    sink: &mut Sink<'_>,
) -> Result<HashMap<String, String>> {
    let t = tsv(path)?;
    let what = "an IMDb name.basics file";
    let (nconst, name) = (
        t.require(&["nconst"], what)?,
        t.require(&["primaryName"], what)?,
    );
    let mut out = HashMap::new();
    each_row(t, sink, |sink, row| {
        let id = row.get(Some(nconst));
        if !wanted.contains(id) {
            sink.skip("name.basics: not a director of this import");
            return Ok(Ok(()));
        }
        out.insert(id.to_string(), null(row.get(Some(name))).to_string());
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

/// The IMDb ratings export at `path` (the file, or ratings.csv in a folder without
/// title.basics), opened, or `None` when `path` is something else.
fn user_ratings(path: &Path) -> Result<Option<Table>> {
    let n = names("title.basics");
    let file = if path.is_file() {
        path.to_path_buf()
    } else if find_file(path, &[n[0].as_str(), n[1].as_str()]).is_none()
        && let Some(p) = find_file(path, &["ratings.csv"])
    {
        p
    } else {
        return Ok(None);
    };
    let t = Table::open(Source::file(&file)?, Dialect::Csv)?;
    Ok(super::imdb_ratings::is_ratings_export(&t.header).then_some(t))
}

impl Importer for Imdb {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        if let Some(t) = user_ratings(path)? {
            return super::imdb_ratings::import(t, sink);
        }
        let n = names("title.basics");
        let main = main_file(
            path,
            &[n[0].as_str(), n[1].as_str()],
            "an IMDb dataset folder",
        )?;
        companion_alone(&main)?;
        // Refuse companion files not of the format before anything is written.
        for stem in ["title.ratings", "title.crew", "name.basics"] {
            if let Some(p) = beside(&main, stem) {
                tsv(&p)?;
            }
        }
        let films = basics(&main, sink)?;
        if let Some(p) = beside(&main, "title.ratings") {
            ratings(&p, &films, sink)?;
        }
        let Some(crew_path) = beside(&main, "title.crew") else {
            return Ok(());
        };
        let crew = crew(&crew_path, &films, sink)?;
        let wanted: HashSet<&str> = crew.values().flatten().map(String::as_str).collect();
        let names = match beside(&main, "name.basics") {
            Some(p) => people(&p, &wanted, sink)?,
            None => HashMap::new(),
        };
        for (film_id, ids) in &crew {
            let directors: Vec<String> = ids.iter().filter_map(|i| names.get(i).cloned()).collect();
            if !directors.is_empty() {
                let patch = FilmPatch {
                    directors,
                    ..FilmPatch::default()
                };
                sink.tx.enrich_film(*film_id, &patch)?;
            }
        }
        Ok(())
    }
}

/// Refuses a companion file given in title.basics' place, saying what it is and what to give.
fn companion_alone(main: &Path) -> Result<()> {
    let t = tsv(main)?;
    let has = |n: &str| t.col(&[n]).is_some();
    if has("titleType") {
        return Ok(());
    }
    let which = [
        ("averageRating", "title.ratings"),
        ("directors", "title.crew"),
        ("nconst", "name.basics"),
        ("titleId", "title.akas"),
        ("parentTconst", "title.episode"),
        ("ordering", "title.principals"),
    ]
    .into_iter()
    .find(|(col, _)| has(col));
    match which {
        Some((_, name)) => Err(crate::error::Error::Parse {
            file: t.file.clone(),
            line: 1,
            message: format!(
                "this is IMDb's {name}, not title.basics: import title.basics.tsv (or .tsv.gz, \
                 or their folder); title.ratings, title.crew and name.basics beside it are read \
                 with it"
            ),
        }),
        None => Ok(()),
    }
}

/// The IMDb title id in a cell of `column` ("tt0111161"), or why it is none.
pub(super) fn title_id<'a>(id: &'a str, column: &str) -> std::result::Result<&'a str, String> {
    if id.starts_with("tt") {
        Ok(id)
    } else {
        Err(format!(
            "{column} \"{}\" is not an IMDb title id",
            crate::text::truncate(id, 40)
        ))
    }
}

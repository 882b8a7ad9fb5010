//! TMDB catalogs: the TMDB 5000 movies CSV (genres, keywords, countries and languages as
//! JSON cells) and, when it is beside it, the credits CSV for directors; Kaggle's "The Movies
//! Dataset" (movies_metadata.csv, the same columns as Python literals, with credits.csv and
//! keywords.csv beside it) and "TMDB movies dataset" (names as plain comma lists).

use std::collections::HashMap;
use std::path::Path;

use super::matcher::Candidate;
use super::table::{Dialect, Row, Source, Table};
use super::tmdb_cells::{country_code, iso_language, language_code, list};
use super::{Importer, Incoming, Sink, each_row, find_file, main_file, parse_year};
use crate::error::Result;
use crate::model::FilmData;
use crate::store::ExternalIds;

/// The TMDB importer.
pub struct Tmdb;

const MOVIES: &[&str] = &[
    "tmdb_5000_movies.csv",
    "movies_metadata.csv",
    "TMDB_movie_dataset_v11.csv",
    "movies.csv",
];
const CREDITS: &[&str] = &["tmdb_5000_credits.csv", "credits.csv"];
const KEYWORDS: &[&str] = &["keywords.csv"];
const WHAT: &str = "a TMDB movies file (tmdb_5000_movies.csv, movies_metadata.csv or \
                    TMDB_movie_dataset_v11.csv)";

pub(super) struct Cols {
    pub(super) id: usize,
    pub(super) title: usize,
    pub(super) original_title: Option<usize>,
    pub(super) release_date: Option<usize>,
    pub(super) genres: Option<usize>,
    pub(super) keywords: Option<usize>,
    pub(super) countries: Option<usize>,
    pub(super) original_language: Option<usize>,
    pub(super) spoken: Option<usize>,
    pub(super) runtime: Option<usize>,
    pub(super) vote_average: Option<usize>,
    pub(super) vote_count: Option<usize>,
    pub(super) imdb_id: Option<usize>,
    pub(super) adult: Option<usize>,
}

/// The names in a list column of a side file (credits' crew, keywords), by TMDB id;
/// `keep` picks the entries wanted.
fn side_file(
    path: &Path,
    column: &str,
    sink: &mut Sink<'_>,
    keep: fn(&super::tmdb_cells::Named) -> bool,
) -> Result<HashMap<i64, Vec<String>>> {
    let t = Table::open(Source::file(path)?, Dialect::Csv)?;
    let what = match column {
        "crew" => "a TMDB credits file",
        _ => "a TMDB keywords file",
    };
    let id = t.require(&["movie_id", "id"], what)?;
    let cells = t.require(&[column], what)?;
    let mut out = HashMap::new();
    each_row(t, sink, |sink, row| {
        let Ok(movie) = row.get(Some(id)).parse::<i64>() else {
            return Ok(Err(format!(
                "movie_id \"{}\" is not a number",
                crate::text::truncate(row.get(Some(id)), 40)
            )));
        };
        let entries = match list(row.get(Some(cells)), column) {
            Ok(p) => p,
            Err(e) => return Ok(Err(e)),
        };
        let names = entries.into_iter().filter(keep).map(|p| p.name).collect();
        out.insert(movie, names);
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

pub(super) fn film(
    row: &Row,
    c: &Cols,
    dirs: &HashMap<i64, Vec<String>>,
    words: &HashMap<i64, Vec<String>>,
) -> std::result::Result<(Incoming, Option<(u64, f64)>), String> {
    let id: i64 = row.get(Some(c.id)).parse().map_err(|_| {
        format!(
            "id \"{}\" is not a number",
            crate::text::truncate(row.get(Some(c.id)), 40)
        )
    })?;
    let title = row.get(Some(c.title)).to_string();
    if title.is_empty() {
        return Err("the row has no title".into());
    }
    let date = row.get(c.release_date);
    let year = parse_year(date.get(..4).unwrap_or(date))?;
    let names = |col: Option<usize>, label: &str| -> std::result::Result<Vec<String>, String> {
        Ok(list(row.get(col), label)?
            .into_iter()
            .map(|n| n.name)
            .collect())
    };
    let countries = list(row.get(c.countries), "production_countries")?
        .into_iter()
        .filter_map(|n| n.iso_3166_1.or_else(|| country_code(&n.name)))
        .collect();
    let mut languages: Vec<String> = Vec::new();
    if let Some(code) = iso_language(row.get(c.original_language)) {
        languages.push(code);
    }
    for l in list(row.get(c.spoken), "spoken_languages")? {
        let named = l.english_name.as_deref().unwrap_or(&l.name);
        if let Some(code) = l
            .iso_639_1
            .and_then(|c| iso_language(&c))
            .or_else(|| language_code(named))
            .filter(|c| !languages.contains(c))
        {
            languages.push(code);
        }
    }
    let runtime = row
        .get(c.runtime)
        .parse::<f64>()
        .ok()
        .filter(|r| *r > 0.0 && *r < 10_000.0)
        .map(|r| r.round() as u32);
    let original_title = row.get(c.original_title).to_string();
    let imdb = Some(row.get(c.imdb_id))
        .filter(|i| super::imdb::title_id(i, "imdb_id").is_ok())
        .map(String::from);
    let votes = row.get(c.vote_count).parse::<u64>().ok();
    let mean = row.get(c.vote_average).parse::<f64>().ok();
    let film = FilmData {
        title: title.clone(),
        original_title: original_title.clone(),
        year,
        directors: dirs.get(&id).cloned().unwrap_or_default(),
        countries,
        languages,
        runtime,
        genres: names(c.genres, "genres")?,
        keywords: match c.keywords {
            Some(_) => names(c.keywords, "keywords")?,
            None => words.get(&id).cloned().unwrap_or_default(),
        },
        tmdb_id: Some(id),
        imdb_id: imdb.clone(),
        ..FilmData::default()
    };
    let candidate = Candidate {
        title,
        alt_titles: vec![original_title],
        year,
        ids: ExternalIds {
            tmdb: Some(id),
            imdb,
            ..ExternalIds::default()
        },
    };
    Ok((Incoming { candidate, film }, votes.zip(mean)))
}

impl Importer for Tmdb {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        if path.is_file() && super::tmdb_json::is_json(path)? {
            return super::tmdb_json::run(path, sink);
        }
        let movies = main_file(path, MOVIES, WHAT)?;
        let t = Table::open(Source::file(&movies)?, Dialect::Csv)?;
        super::imdb_ratings::refuse_elsewhere(&t, WHAT)?;
        let c = Cols {
            id: t.require(&["id"], WHAT)?,
            title: t.require(&["title"], WHAT)?,
            original_title: t.col(&["original_title"]),
            release_date: Some(t.require(&["release_date"], WHAT)?),
            genres: Some(t.require(&["genres"], WHAT)?),
            keywords: t.col(&["keywords"]),
            countries: t.col(&["production_countries"]),
            original_language: t.col(&["original_language"]),
            spoken: t.col(&["spoken_languages"]),
            runtime: t.col(&["runtime"]),
            vote_average: t.col(&["vote_average"]),
            vote_count: t.col(&["vote_count"]),
            imdb_id: t.col(&["imdb_id"]),
            adult: t.col(&["adult"]),
        };
        let dirs = match find_file(path, CREDITS) {
            Some(p) if p != movies => {
                side_file(&p, "crew", sink, |p| p.job.as_deref() == Some("Director"))?
            }
            _ => HashMap::new(),
        };
        let words = match find_file(path, KEYWORDS) {
            Some(p) if p != movies && c.keywords.is_none() => {
                side_file(&p, "keywords", sink, |_| true)?
            }
            _ => HashMap::new(),
        };
        each_row(t, sink, |sink, row| {
            if row.get(c.adult).eq_ignore_ascii_case("true") {
                sink.skip("tmdb: adult title");
                return Ok(Ok(()));
            }
            let (inc, votes) = match film(row, &c, &dirs, &words) {
                Ok(f) => f,
                Err(e) => return Ok(Err(e)),
            };
            let id = sink.resolve(&inc)?.id();
            if let Some((votes, mean)) = votes {
                sink.tx.set_popularity(id, "tmdb", votes, Some(mean))?;
            }
            sink.imported();
            Ok(Ok(()))
        })
    }
}

//! TMDB 5000: the movies CSV (genres, keywords, countries and languages as JSON cells) and,
//! when it is beside it, the credits CSV for directors.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::matcher::Candidate;
use super::table::{Dialect, Row, Source, Table};
use super::{Importer, Incoming, Sink, each_row, find_file, main_file, parse_year};
use crate::error::Result;
use crate::model::FilmData;
use crate::store::ExternalIds;

/// The TMDB importer.
pub struct Tmdb;

const MOVIES: &[&str] = &["tmdb_5000_movies.csv", "movies.csv"];
const CREDITS: &[&str] = &["tmdb_5000_credits.csv", "credits.csv"];

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    name: String,
    #[serde(default)]
    iso_3166_1: Option<String>,
    #[serde(default)]
    iso_639_1: Option<String>,
    #[serde(default)]
    job: Option<String>,
}

fn json_list(cell: &str, column: &str) -> std::result::Result<Vec<Named>, String> {
    if cell.trim().is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(cell).map_err(|e| format!("{column} is not a JSON list ({e})"))
}

struct Cols {
    id: usize,
    title: usize,
    original_title: Option<usize>,
    release_date: Option<usize>,
    genres: Option<usize>,
    keywords: Option<usize>,
    countries: Option<usize>,
    original_language: Option<usize>,
    spoken: Option<usize>,
    runtime: Option<usize>,
    vote_average: Option<usize>,
    vote_count: Option<usize>,
}

/// Directors by TMDB id, from the credits file.
fn directors(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<i64, Vec<String>>> {
    let t = Table::open(Source::file(path)?, Dialect::Csv)?;
    let id = t.require(&["movie_id", "id"], "a TMDB credits file")?;
    let crew = t.require(&["crew"], "a TMDB credits file")?;
    let mut out = HashMap::new();
    each_row(t, sink, |sink, row| {
        let Ok(movie) = row.get(Some(id)).parse::<i64>() else {
            return Ok(Err(format!(
                "movie_id \"{}\" is not a number",
                crate::text::truncate(row.get(Some(id)), 40)
            )));
        };
        let people = match json_list(row.get(Some(crew)), "crew") {
            Ok(p) => p,
            Err(e) => return Ok(Err(e)),
        };
        let names: Vec<String> = people
            .into_iter()
            .filter(|p| p.job.as_deref() == Some("Director"))
            .map(|p| p.name)
            .collect();
        out.insert(movie, names);
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

fn film(
    row: &Row,
    c: &Cols,
    dirs: &HashMap<i64, Vec<String>>,
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
        Ok(json_list(row.get(col), label)?
            .into_iter()
            .map(|n| n.name)
            .collect())
    };
    let countries = json_list(row.get(c.countries), "production_countries")?
        .into_iter()
        .filter_map(|n| n.iso_3166_1)
        .collect();
    let mut languages: Vec<String> = Vec::new();
    let original_language = row.get(c.original_language);
    if !original_language.is_empty() {
        languages.push(original_language.to_string());
    }
    for l in json_list(row.get(c.spoken), "spoken_languages")? {
        if let Some(code) = l
            .iso_639_1
            .filter(|c| !c.is_empty() && !languages.contains(c))
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
        keywords: names(c.keywords, "keywords")?,
        tmdb_id: Some(id),
        ..FilmData::default()
    };
    let candidate = Candidate {
        title,
        alt_titles: vec![original_title],
        year,
        ids: ExternalIds {
            tmdb: Some(id),
            ..ExternalIds::default()
        },
    };
    Ok((Incoming { candidate, film }, votes.zip(mean)))
}

impl Importer for Tmdb {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        let movies = main_file(path, MOVIES, "a TMDB 5000 movies file")?;
        let t = Table::open(Source::file(&movies)?, Dialect::Csv)?;
        let what = "a TMDB 5000 movies file";
        super::imdb_ratings::refuse_elsewhere(&t, what)?;
        let c = Cols {
            id: t.require(&["id"], what)?,
            title: t.require(&["title"], what)?,
            original_title: t.col(&["original_title"]),
            release_date: Some(t.require(&["release_date"], what)?),
            genres: Some(t.require(&["genres"], what)?),
            keywords: t.col(&["keywords"]),
            countries: t.col(&["production_countries"]),
            original_language: t.col(&["original_language"]),
            spoken: t.col(&["spoken_languages"]),
            runtime: t.col(&["runtime"]),
            vote_average: t.col(&["vote_average"]),
            vote_count: t.col(&["vote_count"]),
        };
        let dirs = match find_file(path, CREDITS) {
            Some(p) if p != movies => directors(&p, sink)?,
            _ => HashMap::new(),
        };
        each_row(t, sink, |sink, row| {
            let (inc, votes) = match film(row, &c, &dirs) {
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

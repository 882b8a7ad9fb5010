//! MovieLens (ml-latest and kin): movies.csv, and beside it links.csv (TMDB and IMDb ids),
//! tags.csv (user tags become keywords) and ratings.csv (a popularity signal). The older
//! `.dat` and ml-100k files are read by [`super::movielens_dat`].

use std::collections::HashMap;
use std::path::Path;

use super::matcher::Candidate;
use super::table::{Dialect, Source, Table};
use super::{Importer, Incoming, Sink, each_row, find_file, main_file};
use crate::error::Result;
use crate::model::FilmData;
use crate::store::ExternalIds;

/// The MovieLens importer.
pub struct MovieLens;

/// How many of a film's most used tags become its keywords.
const MAX_TAGS: usize = 20;

/// Articles MovieLens moves to the end ("Mirror, The").
const ARTICLES: &[&str] = &[
    "The", "A", "An", "Les", "Le", "La", "L'", "Il", "El", "Der", "Die", "Das", "Los", "Las",
];

/// "Mirror, The" → "The Mirror"; "Fabuleux destin d'Amélie Poulain, Le" → "Le Fabuleux…".
pub fn article_first(t: &str) -> String {
    let t = t.trim();
    if let Some((head, tail)) = t.rsplit_once(", ")
        && let Some(a) = ARTICLES.iter().find(|a| tail.eq_ignore_ascii_case(a))
    {
        let sep = if a.ends_with('\'') { "" } else { " " };
        return format!("{a}{sep}{head}");
    }
    t.to_string()
}

/// Splits "Title (Alternative) (1999)" into (title, alternative, year).
pub fn split_title(raw: &str) -> (String, Option<String>, Option<i32>) {
    let mut s = raw.trim();
    let mut year = None;
    if let Some(open) = s.rfind('(')
        && s.ends_with(')')
    {
        let inner = &s[open + 1..s.len() - 1];
        let first = inner.get(..4).unwrap_or("");
        if first.len() == 4 && first.bytes().all(|b| b.is_ascii_digit()) {
            year = first.parse().ok();
            s = s[..open].trim_end();
        }
    }
    let mut alt = None;
    if let Some(open) = s.rfind(" (")
        && s.ends_with(')')
    {
        let inner = s[open + 2..s.len() - 1].trim();
        let inner = inner.strip_prefix("a.k.a. ").unwrap_or(inner);
        if !inner.is_empty() {
            alt = Some(article_first(inner));
            s = &s[..open];
        }
    }
    (article_first(s), alt, year)
}

/// Reads links.csv: movieId → (IMDb id, TMDB id).
fn links(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<i64, ExternalIds>> {
    let t = Table::open(Source::file(path)?, Dialect::Csv)?;
    let what = "a MovieLens links file";
    let (m, i, tm) = (
        t.require(&["movieId"], what)?,
        t.require(&["imdbId"], what)?,
        t.require(&["tmdbId"], what)?,
    );
    let mut out = HashMap::new();
    each_row(t, sink, |sink, row| {
        let Ok(movie) = super::whole(row.get(Some(m))).parse::<i64>() else {
            return Ok(Err(format!(
                "movieId \"{}\" is not a number",
                crate::text::truncate(row.get(Some(m)), 40)
            )));
        };
        let imdb = super::whole(row.get(Some(i)));
        let imdb = (!imdb.is_empty() && imdb.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("tt{:0>7}", imdb));
        let tmdb = super::whole(row.get(Some(tm))).parse::<i64>().ok();
        out.insert(
            movie,
            ExternalIds {
                tmdb,
                imdb,
                movielens: Some(movie),
                letterboxd_uri: None,
            },
        );
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

/// Reads tags.csv: movieId → its most used tags (lowercased).
fn tags(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<i64, Vec<String>>> {
    let t = Table::open(Source::file(path)?, Dialect::Csv)?;
    let what = "a MovieLens tags file";
    let (m, tag) = (t.require(&["movieId"], what)?, t.require(&["tag"], what)?);
    let mut counts: HashMap<i64, HashMap<String, usize>> = HashMap::new();
    each_row(t, sink, |sink, row| {
        let Ok(movie) = super::whole(row.get(Some(m))).parse::<i64>() else {
            return Ok(Err(format!(
                "movieId \"{}\" is not a number",
                crate::text::truncate(row.get(Some(m)), 40)
            )));
        };
        let text = row.get(Some(tag)).to_lowercase();
        if text.is_empty() || text.chars().count() > 100 {
            sink.skip("tags: empty or overlong tag");
            return Ok(Ok(()));
        }
        // "not funny", "not seen": a negation the film vectors would read as its opposite.
        if text.starts_with("not ") {
            sink.imported();
            return Ok(Ok(()));
        }
        *counts.entry(movie).or_default().entry(text).or_default() += 1;
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(most_used(counts))
}

/// Each film's most used tags, from how often each was given (ties in name order).
pub(super) fn most_used(counts: HashMap<i64, HashMap<String, usize>>) -> HashMap<i64, Vec<String>> {
    counts
        .into_iter()
        .map(|(movie, c)| {
            let mut v: Vec<(String, usize)> = c.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (
                movie,
                v.into_iter().take(MAX_TAGS).map(|(t, _)| t).collect(),
            )
        })
        .collect()
}

/// Reads ratings.csv: movieId → (number of ratings, sum of stars).
fn ratings(path: &Path, sink: &mut Sink<'_>) -> Result<HashMap<i64, (u64, f64)>> {
    let t = Table::open(Source::file(path)?, Dialect::Csv)?;
    let what = "a MovieLens ratings file";
    let (m, r) = (
        t.require(&["movieId"], what)?,
        t.require(&["rating"], what)?,
    );
    let mut out: HashMap<i64, (u64, f64)> = HashMap::new();
    each_row(t, sink, |sink, row| {
        let (Ok(movie), Ok(stars)) = (
            super::whole(row.get(Some(m))).parse::<i64>(),
            row.get(Some(r)).parse::<f64>(),
        ) else {
            return Ok(Err("movieId or rating is not a number".into()));
        };
        if let Err(e) = add_rating(&mut out, movie, stars) {
            return Ok(Err(e));
        }
        sink.imported();
        Ok(Ok(()))
    })?;
    Ok(out)
}

/// Counts one rating of `movie` in `out` (number of ratings, sum of stars); a rating outside
/// 0–5 is a bad row.
pub(super) fn add_rating(
    out: &mut HashMap<i64, (u64, f64)>,
    movie: i64,
    stars: f64,
) -> std::result::Result<(), String> {
    if !(0.0..=5.0).contains(&stars) {
        return Err(format!("rating {stars} is outside 0–5"));
    }
    let e = out.entry(movie).or_default();
    e.0 += 1;
    e.1 += stars;
    Ok(())
}

impl Importer for MovieLens {
    fn run(&self, path: &Path, sink: &mut Sink<'_>) -> Result<()> {
        let csv = find_file(path, &["movies.csv"]).filter(|_| path.is_dir());
        if let (None, Some((movies, shape))) = (csv, super::movielens_dat::find(path)) {
            return super::movielens_dat::run(&movies, shape, sink);
        }
        let movies = main_file(
            path,
            &["movies.csv", "movies.dat", "u.item"],
            "a MovieLens folder",
        )?;
        let t = Table::open(Source::file(&movies)?, Dialect::Csv)?;
        let what = "a MovieLens movies file (movies.csv with movieId,title,genres as in \
                    ml-latest, ml-25m and ml-32m; movies.dat of ml-1m or ml-10m; u.item of ml-100k)";
        super::imdb_ratings::refuse_elsewhere(&t, what)?;
        let (m, title, genres) = (
            t.require(&["movieId"], what)?,
            t.require(&["title"], what)?,
            t.col(&["genres"]),
        );
        let beside = |name: &str| find_file(&movies, &[name]).filter(|p| *p != movies);
        let links = beside("links.csv").map_or(Ok(HashMap::new()), |p| links(&p, sink))?;
        let tags = beside("tags.csv").map_or(Ok(HashMap::new()), |p| tags(&p, sink))?;
        let ratings = beside("ratings.csv").map_or(Ok(HashMap::new()), |p| ratings(&p, sink))?;
        each_row(t, sink, |sink, row| {
            let Ok(movie) = super::whole(row.get(Some(m))).parse::<i64>() else {
                return Ok(Err(format!(
                    "movieId \"{}\" is not a number",
                    crate::text::truncate(row.get(Some(m)), 40)
                )));
            };
            let (name, alt, year) = split_title(row.get(Some(title)));
            if name.is_empty() {
                return Ok(Err("the row has no title".into()));
            }
            let genres: Vec<String> = row
                .get(genres)
                .split('|')
                .map(str::trim)
                .filter(|g| !g.is_empty() && !g.starts_with('('))
                .map(String::from)
                .collect();
            let ids = links.get(&movie).cloned().unwrap_or(ExternalIds {
                movielens: Some(movie),
                ..ExternalIds::default()
            });
            let inc = Incoming {
                candidate: Candidate {
                    title: name.clone(),
                    alt_titles: alt.iter().cloned().collect(),
                    year,
                    ids: ids.clone(),
                },
                film: FilmData {
                    title: name.clone(),
                    original_title: alt.unwrap_or(name),
                    year,
                    genres,
                    keywords: tags.get(&movie).cloned().unwrap_or_default(),
                    tmdb_id: ids.tmdb,
                    imdb_id: ids.imdb.clone(),
                    ..FilmData::default()
                },
            };
            let id = sink.resolve(&inc)?.id();
            if let Some((n, sum)) = ratings.get(&movie) {
                // Stars (0.5–5) to the 0–10 scale the other sources use.
                sink.tx
                    .set_popularity(id, "movielens", *n, Some(sum / *n as f64 * 2.0))?;
            }
            sink.imported();
            Ok(Ok(()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movielens_titles() {
        assert_eq!(
            split_title("Mirror, The (Zerkalo) (1975)"),
            ("The Mirror".into(), Some("Zerkalo".into()), Some(1975))
        );
        assert_eq!(
            split_title("Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"),
            (
                "Amelie".into(),
                Some("Le Fabuleux destin d'Amélie Poulain".into()),
                Some(2001)
            )
        );
        assert_eq!(split_title("Babylon 5"), ("Babylon 5".into(), None, None));
        assert_eq!(
            split_title("Toy Story (1995) "),
            ("Toy Story".into(), None, Some(1995))
        );
        assert_eq!(article_first("Homme, L'"), "L'Homme");
    }
}

//! Writing the catalog as JSON lines, one film each, in the shape of DESIGN.md's CLI contract.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::Film;

#[derive(Serialize)]
struct Line<'a> {
    id: i64,
    title: &'a str,
    original_title: &'a str,
    year: Option<i32>,
    directors: &'a [crate::names::Sym],
    countries: &'a [crate::names::Sym],
    languages: &'a [crate::names::Sym],
    runtime: Option<u32>,
    genres: &'a [crate::names::Sym],
    tags: &'a [crate::names::Sym],
    keywords: &'a [crate::names::Sym],
    tmdb_id: Option<i64>,
    imdb_id: Option<&'a str>,
}

/// Writes `films` as JSON lines to `out`.
pub fn write_jsonl(films: &[Film], mut out: impl Write) -> std::io::Result<()> {
    for f in films {
        let line = Line {
            id: f.id,
            title: &f.title,
            original_title: &f.original_title,
            year: f.year,
            directors: f.directors(),
            countries: f.countries(),
            languages: f.languages(),
            runtime: f.runtime,
            genres: f.genres(),
            tags: f.tags(),
            keywords: f.keywords(),
            tmdb_id: f.tmdb_id,
            imdb_id: f.imdb_id.as_deref(),
        };
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Writes the catalog to `path` all or nothing (a temporary file renamed over it, keeping its
/// permissions), through a symbolic link to its target, or straight into a FIFO or device:
/// see [`crate::export::file::write_file`].
pub fn write_file(films: &[Film], path: &Path) -> Result<()> {
    crate::export::file::write_file(path, |out| {
        write_jsonl(films, out).map_err(|e| Error::io(path, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_film_with_every_field() {
        let f = Film::from(crate::model::FilmData {
            id: 7,
            title: "Chungking Express".into(),
            original_title: "重慶森林".into(),
            year: Some(1994),
            countries: vec!["HK".into()],
            languages: vec!["zh".into()],
            ..crate::model::FilmData::default()
        });
        let mut buf = Vec::new();
        write_jsonl(&[f.clone(), f], &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.lines().count(), 2);
        let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        for key in [
            "id",
            "title",
            "original_title",
            "year",
            "directors",
            "countries",
            "languages",
            "runtime",
            "genres",
            "tags",
            "keywords",
            "tmdb_id",
            "imdb_id",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["original_title"], "重慶森林");
    }

    #[test]
    fn a_directory_is_refused_and_nothing_is_left_behind() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_file(&[], dir.path()).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
        let missing = dir.path().join("no/such/dir/c.jsonl");
        assert!(write_file(&[], &missing).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

//! `nightreel search QUERY`: fuzzy search.

use serde::Serialize;

use super::{Context, output, print_json};
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for: part of a title, original title or director.
    query: String,
    /// How many results.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    limit: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct HitJson<'a> {
    id: i64,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [crate::names::Sym],
    score: i64,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if args.query.trim().is_empty() {
        return Err(Error::Invalid("search needs a query".into()));
    }
    let lib = ctx.open_read()?;
    let hits = lib.search(&args.query, args.limit as usize);
    let rows: Vec<HitJson> = hits
        .iter()
        .filter_map(|h| {
            lib.film(h.film_id).map(|f| HitJson {
                id: f.id,
                title: &f.title,
                year: f.year,
                directors: f.directors(),
                score: h.score,
            })
        })
        .collect();
    if args.json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        output::line(&format!(
            "no film matches \"{}\"",
            output::safe(&crate::text::truncate(&args.query, 60))
        ));
    }
    for r in rows {
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        output::line(&output::safe(&format!(
            "{:>5}  {}  ({year})  {}",
            r.id,
            r.title,
            r.directors.join(", ")
        )));
    }
    Ok(())
}

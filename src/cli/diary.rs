//! `nightreel diary`: viewings newest first, grouped by film night.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Context, output, print_json};
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only film nights on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Viewing<'a> {
    watch_id: i64,
    film_id: i64,
    title: &'a str,
    year: Option<i32>,
    watched_at: String,
    film_night: String,
    late_night: Option<bool>,
    rating: Option<f64>,
    rewatch: bool,
    liked: bool,
    mood: Option<&'a str>,
    mood_after: Option<&'a str>,
    note: Option<&'a str>,
    source: &'a str,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|s| {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                Error::Invalid(format!(
                    "--since \"{}\" is not a date like 2026-11-01",
                    crate::text::truncate(s, 40)
                ))
            })
        })
        .transpose()?;
    let lib = ctx.open_read()?;
    let rows: Vec<Viewing> = lib
        .watches()
        .iter()
        .filter_map(|w| {
            let film = lib.film(w.film_id)?;
            let (night, late) = lib.night_of(&w.watched_at);
            if since.is_some_and(|s| night < s) {
                return None;
            }
            Some(Viewing {
                watch_id: w.id,
                film_id: w.film_id,
                title: &film.title,
                year: film.year,
                watched_at: w.watched_at.to_stored(),
                film_night: night.to_string(),
                late_night: late,
                rating: w.rating.map(|r| r.stars()),
                rewatch: w.rewatch,
                liked: w.liked,
                mood: w.mood.as_deref(),
                mood_after: w.mood_after.as_deref(),
                note: w.note.as_deref(),
                source: &w.source,
            })
        })
        .collect();
    if args.json {
        return print_json(&rows);
    }
    if rows.is_empty() {
        output::line(&super::empty_diary(&lib));
    }
    let mut night = String::new();
    for v in &rows {
        if v.film_night != night {
            night = v.film_night.clone();
            let date = NaiveDate::parse_from_str(&night, "%Y-%m-%d").ok();
            let label = date.map_or(night.clone(), |d| d.format("%a %e %b %Y").to_string());
            output::line(&format!("── film night of {label}"));
        }
        let time = v.watched_at.get(11..16).unwrap_or("--:--");
        let late = if v.late_night == Some(true) {
            "☾"
        } else {
            " "
        };
        let stars = v
            .rating
            .and_then(crate::model::Rating::from_stars)
            .map(|r| r.glyphs())
            .unwrap_or_default();
        let mut line = format!(
            "  {time} {late} {}{}  {stars}",
            v.title,
            v.year.map(|y| format!(" ({y})")).unwrap_or_default()
        );
        if v.rewatch {
            line.push_str("  ↻");
        }
        if v.liked {
            line.push_str("  ♥");
        }
        if let Some(n) = v.note {
            line.push_str(&format!("  — {}", crate::markup::plain(n)));
        }
        output::line(&output::safe(&line));
    }
    Ok(())
}

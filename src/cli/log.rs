//! `nightreel log TITLE`: write a viewing to the diary.

use super::{Context, output, print_json};
use crate::error::{Error, Result};
use crate::model::{NewWatch, Rating};
use crate::time::{WatchedAt, parse_watch_time, refuse_future};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The film's title (or original title).
    title: String,
    /// The release year, to choose between films of the same title.
    #[arg(long)]
    year: Option<i32>,
    /// When you watched it (RFC 3339, "YYYY-MM-DD HH:MM", "HH:MM" or a date); default now.
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Your rating in half stars, 0.5 to 5.
    #[arg(long)]
    rating: Option<String>,
    /// You had seen it before.
    #[arg(long)]
    rewatch: bool,
    /// You liked it.
    #[arg(long)]
    liked: bool,
    /// The mood you were in.
    #[arg(long)]
    mood: Option<String>,
    /// How you felt after the film (nightreel learns which films lift or settle you).
    #[arg(long)]
    mood_after: Option<String>,
    /// A note.
    #[arg(long)]
    note: Option<String>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

fn parse_rating(s: &str) -> Result<Rating> {
    s.trim()
        .parse::<f64>()
        .ok()
        .and_then(Rating::from_stars)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "--rating \"{}\" is not a rating: use half stars from 0.5 to 5 (e.g. 3.5)",
                crate::text::truncate(s, 40)
            ))
        })
}

fn non_empty(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let now = ctx.clock.now();
    // Validate everything the user typed before touching the database.
    let watched_at = match &args.at {
        Some(s) => refuse_future(parse_watch_time(s, &now)?, &now)?,
        None => WatchedAt::At(now),
    };
    let rating = args.rating.as_deref().map(parse_rating).transpose()?;
    let mut lib = ctx.open()?;
    let film = lib.resolve_title(&args.title, args.year)?.clone();
    let seen_before = lib.watches_of(film.id).next().is_some();
    let logged = lib.log(NewWatch {
        film_id: film.id,
        watched_at,
        rating,
        rewatch: args.rewatch,
        liked: args.liked,
        mood: non_empty(&args.mood),
        mood_after: non_empty(&args.mood_after),
        note: non_empty(&args.note),
        source: "nightreel".into(),
    })?;
    if args.json {
        return print_json(&logged);
    }
    let late = match logged.late_night {
        Some(true) => ", late night",
        Some(false) => "",
        None => ", time unknown",
    };
    output::line(&output::safe(&format!(
        "logged {} at {} (film night of {}{late})",
        film.label(),
        logged.watched_at,
        logged.film_night
    )));
    if seen_before && !args.rewatch {
        output::line("you have logged this film before; add --rewatch to mark rewatches");
    }
    Ok(())
}

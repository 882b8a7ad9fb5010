//! `nightreel recommend`: films for a mood, ranked by the local embedding model (or, with
//! `--ranker baseline`, by the tag-overlap baseline kept for evaluation).

use serde::Serialize;

use super::{Context, output, print_json};
use crate::error::{Error, Result};
use crate::library::Ranker;
use crate::mood::MoodQuery;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A mood in your own words (English or Chinese).
    #[arg(long, conflicts_with = "preset")]
    mood: Option<String>,
    /// A preset by id or name (see `nightreel moods`).
    #[arg(long)]
    preset: Option<String>,
    /// More of this (a tag or a word); may repeat.
    #[arg(long, value_name = "TAG")]
    more: Vec<String>,
    /// Less of this (a tag or a word); may repeat.
    #[arg(long, value_name = "TAG")]
    less: Vec<String>,
    /// Which ranker: the local embedding model, or the tag-overlap baseline.
    #[arg(long, value_enum, default_value_t = RankerArg::Embedding)]
    ranker: RankerArg,
    /// How many films.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    limit: u32,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum RankerArg {
    Embedding,
    Baseline,
}

impl From<RankerArg> for Ranker {
    fn from(r: RankerArg) -> Ranker {
        match r {
            RankerArg::Embedding => Ranker::Embedding,
            RankerArg::Baseline => Ranker::Baseline,
        }
    }
}

#[derive(Serialize)]
struct RecJson<'a> {
    id: i64,
    title: &'a str,
    year: Option<i32>,
    directors: &'a [crate::names::Sym],
    score: f32,
    mood_fit: f32,
    taste_fit: f32,
    why: String,
    ends_by: Option<String>,
    after_bedtime: bool,
}

fn resolve(lib: &crate::library::Library, args: &Args) -> Result<MoodQuery> {
    let q = match (&args.mood, &args.preset) {
        (_, Some(p)) => {
            let preset = lib.resolver.presets.find(p).ok_or_else(|| {
                Error::Invalid(format!(
                    "no preset named \"{}\"; `nightreel moods` lists them",
                    crate::text::truncate(p, 40)
                ))
            })?;
            lib.mood_with_critiques(&preset.id, &args.more, &args.less)
        }
        (Some(m), None) => lib.mood_with_critiques(m, &args.more, &args.less),
        (None, None) => lib.mood_with_critiques("", &args.more, &args.less),
    };
    let has_text = args.mood.as_deref().is_some_and(|m| !m.trim().is_empty());
    if q.is_empty() && has_text {
        let why = if q.unknown.is_empty() {
            "no mood words in it".to_string()
        } else {
            format!("unknown words: {}", q.unknown.join(", "))
        };
        return Err(Error::Invalid(format!(
            "could not understand the mood \"{}\" ({why}); try `nightreel moods`",
            crate::text::truncate(args.mood.as_deref().unwrap_or_default(), 60),
        )));
    }
    if q.is_empty() && lib.history().is_empty() {
        return Err(Error::Invalid(
            "nothing to rank by yet: give --mood TEXT or --preset NAME (see `nightreel moods`), or log a few films first".into(),
        ));
    }
    Ok(q)
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let lib = ctx.open_read()?;
    let ranker = Ranker::from(args.ranker);
    if ranker == Ranker::Embedding {
        lib.space_with_progress(&mut output::progress("film vectors"))?;
    }
    let q = resolve(&lib, args)?;
    let recs = lib.recommend_with(ranker, &q, args.limit as usize)?;
    if args.json {
        let rows: Vec<RecJson> = recs
            .iter()
            .filter_map(|r| {
                lib.film(r.film_id).map(|f| RecJson {
                    id: f.id,
                    title: &f.title,
                    year: f.year,
                    directors: f.directors(),
                    score: r.score,
                    mood_fit: r.mood_fit,
                    taste_fit: r.taste_fit,
                    why: r.why(),
                    ends_by: r.ends_by.clone(),
                    after_bedtime: r.after_bedtime,
                })
            })
            .collect();
        return print_json(&rows);
    }
    let understood = q.said(ranker == Ranker::Embedding);
    if !q.corrections.is_empty() {
        let read: Vec<String> = q
            .corrections
            .iter()
            .map(|(typed, read)| format!("\"{typed}\" as \"{read}\""))
            .collect();
        output::line(&output::safe(&format!("read {}", read.join(", "))));
    }
    if !understood.is_empty() {
        output::line(&output::safe(&format!("mood: {}", understood.join(", "))));
    }
    if !q.unknown.is_empty() {
        output::line(&output::safe(&format!(
            "not understood: {}",
            q.unknown.join(", ")
        )));
    }
    output::line(ranker.describe());
    for (i, r) in recs.iter().enumerate() {
        let Some(f) = lib.film(r.film_id) else {
            continue;
        };
        let ends = match (&r.ends_by, r.after_bedtime) {
            (Some(t), true) => format!("  ends {t}, after bedtime"),
            (Some(t), false) => format!("  ends {t}"),
            (None, _) => String::new(),
        };
        output::line(&output::safe(&format!(
            "{:>2}. {}  {}  [{:.2}]{ends}",
            i + 1,
            f.label(),
            f.directors().join(", "),
            r.score
        )));
        let why = r.why();
        if !why.is_empty() {
            output::line(&output::safe(&format!("    {why}")));
        }
    }
    Ok(())
}

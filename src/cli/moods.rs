//! `nightreel moods`: the presets.

use serde::Serialize;

use super::{Context, output, print_json};
use crate::error::Result;
use crate::mood::MoodResolver;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct MoodJson<'a> {
    id: &'a str,
    en: &'a str,
    zh: &'a str,
    description: &'a str,
    tags: Vec<&'a str>,
}

pub fn run(_ctx: &Context, args: &Args) -> Result<()> {
    let r = MoodResolver::builtin()?;
    if args.json {
        let list: Vec<MoodJson> = r
            .presets
            .list
            .iter()
            .map(|p| MoodJson {
                id: &p.id,
                en: &p.en,
                zh: &p.zh,
                description: &p.description,
                tags: p.tags.iter().map(|(t, _)| t.as_str()).collect(),
            })
            .collect();
        return print_json(&list);
    }
    for p in &r.presets.list {
        output::line(&format!("{:<22} {}", p.id, p.label()));
        output::line(&format!("{:<22} {}", "", p.description));
        let tags: Vec<&str> = p.tags.iter().map(|(t, _)| t.as_str()).collect();
        output::line(&format!("{:<22} tags: {}", "", tags.join(", ")));
    }
    Ok(())
}

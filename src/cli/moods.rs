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
    for line in TYPED {
        output::line(line);
    }
    Ok(())
}

/// What a typed mood can say besides feelings (after the presets, for people).
const TYPED: &[&str] = &[
    "",
    "Or type a mood of your own, in English or 中文: \"rain on neon, lonely but warm\", \"孤独的夜晚\".",
    "It can also say",
    "  how long        under 90 minutes · 1h45 max · 2 hours or more · 两小时以内",
    "  who is watching for kids · family movie night · 合家欢",
    "  where and when  korean revenge · french new wave · 1970s paranoia · anime",
    "  who made it     kubrick · films by Agnès Varda · lynchian dread · 是枝裕和",
    "  like a film     like Chungking Express · something like Drive but warmer",
    "  what not        no violence · scary but not gory · 恐怖但不血腥",
];

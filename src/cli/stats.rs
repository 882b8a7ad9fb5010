//! `nightreel stats`: your diary in numbers, with an hour-of-night histogram.

use super::{Context, output, print_json};
use crate::catalog::codes::country_name;
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let lib = ctx.open_read()?;
    let s = lib.stats();
    if args.json {
        return print_json(&s);
    }
    if s.viewings == 0 {
        output::line(&super::empty_diary(&lib));
        return Ok(());
    }
    output::line(&format!(
        "{} viewings of {} films · {:.1} hours watched",
        s.viewings,
        s.films,
        s.minutes_watched as f64 / 60.0
    ));
    let share = s
        .late_share
        .map_or("n/a".to_string(), |x| format!("{:.0}%", x * 100.0));
    output::line(&format!(
        "late night: {share} ({} late, {} earlier, {} with unknown time)",
        s.late_night, s.not_late, s.time_unknown
    ));
    if let Some(m) = s.mean_rating {
        output::line(&format!("mean rating: {m:.2} over {} rated", s.rated));
    }
    output::line(&format!(
        "streaks: longest {} film nights in a row, current {}",
        s.longest_streak, s.current_streak
    ));
    output::line("hour of night (from 18:00):");
    let max = *s.by_hour.iter().max().unwrap_or(&0);
    for h in (18..24).chain(0..18) {
        let n = s.by_hour[h];
        if n == 0 && !(18..24).contains(&h) && !(0..6).contains(&h) {
            continue;
        }
        let bar = "█".repeat(if max == 0 { 0 } else { (n * 30).div_ceil(max) });
        output::line(&format!("  {h:02}h {bar} {n}"));
    }
    let list = |name: &str, v: &[(String, usize)], map: &dyn Fn(&str) -> String| {
        if v.is_empty() {
            return;
        }
        let items: Vec<String> = v
            .iter()
            .take(5)
            .map(|(k, n)| format!("{} {n}", map(k)))
            .collect();
        output::line(&output::safe(&format!("{name}: {}", items.join(" · "))));
    };
    list("directors", &s.top_directors, &|k| k.to_string());
    list("countries", &s.top_countries, &|k| {
        country_name(k).unwrap_or(k).to_string()
    });
    list("decades", &s.top_decades, &|k| k.to_string());
    list("moods", &s.top_moods, &|k| k.to_string());
    list("tags", &s.top_tags, &|k| k.to_string());
    for (name, v) in [("lifted you", &s.lifted_by), ("settled you", &s.settled_by)] {
        if !v.is_empty() {
            let items: Vec<String> = v.iter().map(|(t, x)| format!("{t} +{x:.1}")).collect();
            output::line(&output::safe(&format!("{name}: {}", items.join(" · "))));
        }
    }
    Ok(())
}

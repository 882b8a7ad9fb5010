//! `nightreel bench`: in-process latencies on the current database.

use super::{Context, output, print_json};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many times each measurement is repeated (min/median/max are reported).
    #[arg(long, default_value_t = 7)]
    rounds: usize,
    /// Instead of the current database, a synthetic catalog of N films built in memory
    /// (e.g. 10000 or 1000000) with a diary of --watches viewings.
    #[arg(long, value_name = "N")]
    synthetic: Option<usize>,
    /// Diary size for --synthetic.
    #[arg(long, default_value_t = 500)]
    watches: usize,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if let Some(n) = args.synthetic {
        if n == 0 {
            return Err(crate::error::Error::Invalid(
                "--synthetic needs at least one film".into(),
            ));
        }
        let r = crate::bench::synthetic(n, args.watches, ctx.clock, args.rounds)?;
        if args.json {
            return print_json(&r);
        }
        output::line(&format!(
            "nightreel bench · synthetic catalog of {} films, {} viewings · built in {:.0} ms",
            r.films, r.watches, r.build_ms
        ));
        let row = |name: &str, s: &crate::bench::Spread| {
            output::line(&format!(
                "{name:<28} {:>9.3} {:>9.3} {:>9.3} ms",
                s.min, s.median, s.max
            ));
        };
        output::line(&format!(
            "{:<28} {:>9} {:>9} {:>9}",
            "", "min", "median", "max"
        ));
        row("re-rank (50 of all films)", &r.rerank_ms);
        row("vector scan", &r.scan_ms);
        row("bandwidth scan, same bytes", &r.bandwidth_scan_ms);
        output::line(&format!(
            "search per keystroke: p50 {:.3} ms, p99 {:.3} ms; vectors {:.1} MB; resident {:.0} MB",
            r.search_p50_ms,
            r.search_p99_ms,
            r.vector_bytes as f64 / 1e6,
            r.rss_mb
        ));
        return Ok(());
    }
    // Open once first so a missing database is created (and said) before timing starts.
    drop(ctx.open()?);
    let r = crate::bench::run(&ctx.db, &ctx.config, ctx.clock, args.rounds)?;
    if args.json {
        return print_json(&r);
    }
    let d = &r.detail;
    let row = |name: &str, s: &crate::bench::Spread, unit: &str| {
        output::line(&format!(
            "{name:<28} {:>9.3} {:>9.3} {:>9.3} {unit}",
            s.min, s.median, s.max
        ));
    };
    output::line(&format!(
        "nightreel bench · {} films · {} rounds · {}",
        r.films,
        args.rounds.max(3),
        ctx.db.display()
    ));
    output::line(&format!(
        "{:<28} {:>9} {:>9} {:>9}",
        "", "min", "median", "max"
    ));
    row("start to first frame", &d.startup_ms, "ms");
    row("start to ranked list", &d.interactive_ms, "ms");
    row("re-rank (50 of all films)", &d.rerank_ms, "ms");
    row("mood encode", &d.encode_us, "µs");
    row("vector scan", &d.scan_ms, "ms");
    row("bandwidth scan, same bytes", &d.bandwidth_scan_ms, "ms");
    row(&format!("seed {} films", d.seed_films), &d.seed_ms, "ms");
    output::line(&format!(
        "search per keystroke: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms over {} keystrokes",
        r.search_p50_ms, r.search_p99_ms, d.search_max_ms, d.search_keystrokes
    ));
    output::line(&format!(
        "resident memory {:.1} MB; vectors {:.1} MB",
        r.rss_mb,
        d.vector_bytes as f64 / 1e6
    ));
    Ok(())
}

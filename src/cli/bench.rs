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
    /// Diary size for --synthetic and --write-synthetic.
    #[arg(long, default_value_t = 500)]
    watches: usize,
    /// Instead of timing, create the database file given by --db (it must not exist) with a
    /// synthetic catalog of N films, a diary of --watches viewings and cached film vectors,
    /// for start-up figures at that size.
    #[arg(long, value_name = "N", conflicts_with = "synthetic")]
    write_synthetic: Option<usize>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    if let Some(n) = args.write_synthetic {
        let w = crate::bench::write_synthetic(&ctx.db, n, args.watches, ctx.clock)?;
        if args.json {
            return print_json(&w);
        }
        output::line(&format!(
            "wrote {} synthetic films and {} viewings to {} in {:.0} ms; vectors cached in {:.0} ms",
            w.films,
            w.watches,
            ctx.db.display(),
            w.insert_ms,
            w.vectors_ms
        ));
        return Ok(());
    }
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
        row(
            &format!("vector scan ({})", crate::embed::matrix::scan_kernel_name()),
            &r.scan_ms,
        );
        row("bandwidth scan, same bytes", &r.bandwidth_scan_ms);
        output::line(&format!(
            "{:<28} {:>9.1} {:>9.1} {:>9.1} µs",
            "mood encode", r.encode_us.min, r.encode_us.median, r.encode_us.max
        ));
        output::line(&format!(
            "re-rank / bandwidth scan (medians): {:.2}×",
            r.rerank_over_bandwidth
        ));
        search_lines(&r.search, &r.fzf, r.search_p99_over_fzf);
        output::line(&format!(
            "resident {:.0} MB (peak {:.0} MB); vectors {:.1} MB; built: {}",
            r.rss_mb,
            r.peak_mb,
            r.vector_bytes as f64 / 1e6,
            r.memory_mb
                .iter()
                .map(|(what, mb)| format!("{what} {mb:.0} MB"))
                .collect::<Vec<_>>()
                .join(", ")
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
    let from_image = if d.without_image.is_some() {
        " (from the start-up image)"
    } else {
        ""
    };
    row("start to first frame", &d.startup_ms, "ms");
    row("start to search answering", &d.search_ready_ms, "ms");
    row("start to fully interactive", &d.interactive_ms, "ms");
    stage_line(&d.stages, from_image);
    if let Some(cold) = &d.without_image {
        output::line("without the start-up image (the first start after the catalog changed):");
        row("  start to first frame", &cold.startup_ms, "ms");
        row("  start to search answering", &cold.search_ready_ms, "ms");
        row("  start to fully interactive", &cold.interactive_ms, "ms");
        stage_line(&cold.stages, "");
    }
    if let Some(w) = &d.image_write_ms {
        row("writing the start-up image", w, "ms");
    }
    row("re-rank (50 of all films)", &d.rerank_ms, "ms");
    row("mood encode", &d.encode_us, "µs");
    row(
        &format!("vector scan ({})", crate::embed::matrix::scan_kernel_name()),
        &d.scan_ms,
        "ms",
    );
    row("bandwidth scan, same bytes", &d.bandwidth_scan_ms, "ms");
    row(&format!("seed {} films", d.seed_films), &d.seed_ms, "ms");
    search_lines(&d.search, &d.fzf, d.search_p99_over_fzf);
    output::line(&format!(
        "resident memory {:.1} MB (peak {:.1} MB); vectors {:.1} MB",
        r.rss_mb,
        d.peak_mb,
        d.vector_bytes as f64 / 1e6
    ));
    Ok(())
}

/// Search per keystroke, the slowest keystrokes, and fzf beside it.
fn search_lines(
    k: &crate::bench::keystrokes::Keystrokes,
    fzf: &crate::bench::fzf::Fzf,
    ratio: Option<f64>,
) {
    output::line(&format!(
        "search per keystroke: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms over {} keystrokes (each its median of {} rounds)",
        k.p50_ms, k.p99_ms, k.max_ms, k.count, k.rounds
    ));
    output::line(&format!(
        "  slowest: {}",
        k.slowest
            .iter()
            .map(|(q, ms)| format!("{q:?} {ms:.1} ms"))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    output::line(&fzf.describe());
    if let Some(r) = ratio {
        output::line(&format!(
            "search p99 per keystroke / one fzf filter (median): {r:.3}"
        ));
    }
}

/// Where the time to interactive went.
fn stage_line(st: &crate::bench::startup::Stages, from_image: &str) {
    let read = if from_image.is_empty() {
        format!(
            "films {:.0} ms, indexes {:.0} ms (search {:.0} ms beside the series {:.0} ms)",
            st.films_ms, st.index_ms, st.search_index_ms, st.rest_ms
        )
    } else {
        format!(
            "image read {:.0} ms, id index and quality {:.0} ms",
            st.films_ms, st.index_ms
        )
    };
    output::line(&format!(
        "  of which (medians){from_image}: open {:.1} ms, {read}, embedding space {:.0} ms, \
         first ranking {:.0} ms",
        st.open_ms, st.space_ms, st.rank_ms
    ));
}

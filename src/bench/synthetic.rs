//! The bench on a synthetic catalog of any size (built in memory, never stored): search per
//! keystroke next to fzf, mood encode, the re-rank after a log, the vector scan next to a
//! plain read of the same bytes, and what each part of the catalog holds in memory.

use std::time::Instant;

use serde::Serialize;

use super::fzf::Fzf;
use super::keystrokes::{self, Keystrokes};
use super::{Spread, kernels, memory, ms};
use crate::config::Config;
use crate::error::Result;
use crate::time::Clock;

/// Queries typed on synthetic catalogs (their titles and directors use these words).
pub const TYPED: &[&str] = &["silent harbour", "neon rain", "kowalski", "the lost"];

/// Figures on a synthetic catalog of `n` films.
#[derive(Debug, Clone, Serialize)]
pub struct SynthReport {
    pub films: usize,
    pub watches: usize,
    pub build_ms: f64,
    pub search_p50_ms: f64,
    pub search_p99_ms: f64,
    pub search: Keystrokes,
    pub fzf: Fzf,
    /// Search p99 per keystroke over fzf's median time for one filter of the same titles.
    pub search_p99_over_fzf: Option<f64>,
    pub encode_us: Spread,
    pub rerank_ms: Spread,
    pub scan_ms: Spread,
    pub bandwidth_scan_ms: Spread,
    /// Median re-rank over median bandwidth scan of the film vectors.
    pub rerank_over_bandwidth: f64,
    pub vector_bytes: usize,
    pub rss_mb: f64,
    pub peak_mb: f64,
    /// Resident MB added by each part as it was built: films, vectors and terms, search
    /// index, series index.
    pub memory_mb: Vec<(String, f64)>,
}

/// Builds `n` synthetic films with a diary of `watches` viewings and times everything.
pub fn synthetic(n: usize, watches: usize, clock: Clock, rounds: usize) -> Result<SynthReport> {
    let rounds = rounds.max(3);
    let mut parts = Vec::new();
    let mut last = memory::rss_mb();
    let mut step = |name: &str| {
        let now = memory::rss_mb();
        parts.push((name.to_string(), now - last));
        last = now;
    };
    let resolver = crate::mood::MoodResolver::builtin()?;
    let films = crate::synth::films(n, &resolver.vocab, 42);
    let now = clock.now();
    let diary = crate::synth::watches(&films, watches, &now, 42);
    step("films and diary");
    let t = Instant::now();
    let space = crate::synth::space(&films, &resolver)?;
    crate::embed::release_load_memory();
    step("model, film and term vectors");
    let search = crate::search::SearchIndex::new(&films);
    step("search index");
    let series = crate::recommend::series::SeriesIndex::build(&films);
    step("series index");
    // As the TUI does once its space is installed: freed build memory goes back to the system.
    crate::embed::release_load_memory();
    step("returned to the system after building");
    let build_ms = ms(t.elapsed());

    let keys = keystrokes::time(TYPED, 3, |q| {
        std::hint::black_box(search.search(q, 50));
    });
    let fzf = super::fzf::side_by_side(
        films.iter().map(|f| f.title.as_str()),
        &keystrokes::sample_prefixes(TYPED),
    );

    let config = Config::default();
    let moods = super::database::MOODS;
    let mut encode = Vec::new();
    for _ in 0..rounds {
        for m in moods {
            let t = Instant::now();
            let q = resolver.resolve(m);
            std::hint::black_box(space.query_vector(&q));
            encode.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    let priors = crate::recommend::embedding::Priors {
        quality: &[],
        series: Some(&series),
    };
    // Every mood in turn: a preset (one part) and typed moods of several parts.
    let mut rerank = Vec::new();
    for _ in 0..rounds {
        for m in moods {
            let q = resolver.resolve(m);
            let qv = space.query_vector(&q);
            let t = Instant::now();
            let input = crate::recommend::baseline::RankInput {
                films: &films,
                watches: &diary,
                query: &q,
                now,
                limit: 50,
                keep: None,
            };
            std::hint::black_box(crate::recommend::embedding::rank_embedding(
                &input,
                &space,
                qv.as_deref(),
                &config.weights,
                &config.night,
                &[],
                &priors,
            ));
            rerank.push(ms(t.elapsed()));
        }
    }
    let qv = space.query_vector(&resolver.resolve(moods[0]));
    let matrix = space.matrix();
    let qv = qv.unwrap_or_else(|| vec![0.0; matrix.dim]);
    let (mut scan, mut bandwidth, mut out) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds.max(10) {
        let t = Instant::now();
        matrix.scores(&qv, &mut out);
        std::hint::black_box(&out);
        scan.push(ms(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(kernels::byte_sum(&matrix.data));
        bandwidth.push(ms(t.elapsed()));
    }
    let (rerank, bandwidth) = (Spread::of(rerank), Spread::of(bandwidth));
    let mem = memory::now();
    Ok(SynthReport {
        films: n,
        watches,
        build_ms,
        search_p50_ms: keys.p50_ms,
        search_p99_ms: keys.p99_ms,
        search_p99_over_fzf: fzf.median_ms().map(|f| keys.p99_ms / f),
        search: keys,
        fzf,
        encode_us: Spread::of(encode),
        rerank_over_bandwidth: rerank.median / bandwidth.median.max(1e-9),
        rerank_ms: rerank,
        scan_ms: Spread::of(scan),
        bandwidth_scan_ms: bandwidth,
        vector_bytes: matrix.data.len(),
        rss_mb: mem.rss_mb,
        peak_mb: mem.peak_mb,
        memory_mb: parts,
    })
}

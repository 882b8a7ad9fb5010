//! `nightreel bench`: in-process timings on the current database, each measured several times
//! in one run (this machine is noisy: the figures to compare are ratios within one run).
//!
//! Nothing here writes to the user's database: seeding is timed on a temporary file, and the
//! re-rank is the ranking a log triggers, run against the diary as it is.

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::library::Library;
use crate::time::Clock;

/// Minimum, median and maximum of repeated timings, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Spread {
    fn of(mut ms: Vec<f64>) -> Spread {
        ms.sort_by(f64::total_cmp);
        let n = ms.len().max(1);
        Spread {
            min: ms.first().copied().unwrap_or(0.0),
            median: ms.get(n / 2).copied().unwrap_or(0.0),
            max: ms.last().copied().unwrap_or(0.0),
        }
    }
}

/// The report; the top-level fields are the contract of DESIGN.md, `detail` has the spreads.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub films: usize,
    pub startup_ms: f64,
    pub search_p50_ms: f64,
    pub search_p99_ms: f64,
    pub rerank_ms: f64,
    pub encode_us: f64,
    pub scan_ms: f64,
    pub bandwidth_scan_ms: f64,
    pub rss_mb: f64,
    pub seed_ms: f64,
    pub detail: Detail,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    pub startup_ms: Spread,
    /// Until tonight's list is ranked and drawn (the model read, vectors ready).
    pub interactive_ms: Spread,
    pub seed_ms: Spread,
    pub seed_films: usize,
    pub search_keystrokes: usize,
    pub search_max_ms: f64,
    pub rerank_ms: Spread,
    pub encode_us: Spread,
    pub scan_ms: Spread,
    pub bandwidth_scan_ms: Spread,
    pub vector_bytes: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Queries typed one keystroke at a time for the search timing.
const TYPED: &[&str] = &[
    "chungking express",
    "in the mood for love",
    "tarkovsky",
    "amelie",
    "blade runner",
    "花樣年華",
    "kiarostami",
    "the",
];

const MOODS: &[&str] = &[
    "rain on neon, lonely but warm",
    "slow-burn loneliness",
    "孤独的夜晚",
    "something tender before sleep",
];

/// Runs every measurement on the database at `db`.
pub fn run(db: &std::path::Path, config: &Config, clock: Clock, rounds: usize) -> Result<Report> {
    let rounds = rounds.max(3);
    // Start to first frame as the TUI does it: open, one headless frame while the model is
    // read on another thread; then until tonight's list is ranked and drawn.
    let mut startup = Vec::new();
    let mut interactive = Vec::new();
    let mut kept = None;
    for _ in 0..rounds {
        let t = Instant::now();
        let (lib, _) = Library::open(db, config.clone(), clock)?;
        let job = lib.space_job()?;
        let worker = std::thread::spawn(move || job.run(&mut |_, _| {}));
        let mut app = crate::tui::app::App::loading(lib);
        first_frame(&app)?;
        startup.push(ms(t.elapsed()));
        let built = worker
            .join()
            .map_err(|_| Error::Invalid("the model thread panicked".into()))?;
        app.space_arrived(built);
        first_frame(&app)?;
        interactive.push(ms(t.elapsed()));
        kept = Some(app);
    }
    let app = kept.ok_or_else(|| Error::Invalid("no bench round ran".into()))?;
    let lib = &app.lib;
    let rss_mb = rss_mb();

    // Search: every prefix of every typed query.
    let mut keys = Vec::new();
    for _ in 0..rounds {
        for q in TYPED {
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                let t = Instant::now();
                std::hint::black_box(lib.search(&typed, 50));
                keys.push(ms(t.elapsed()));
            }
        }
    }
    keys.sort_by(f64::total_cmp);
    let pct = |p: f64| keys[((keys.len() - 1) as f64 * p).round() as usize];

    // Mood encode (resolve + query vector) and the re-rank a log triggers.
    let space = lib.space()?;
    let mut encode = Vec::new();
    let mut rerank = Vec::new();
    for _ in 0..rounds {
        for m in MOODS {
            let t = Instant::now();
            let q = lib.mood(m);
            std::hint::black_box(space.query_vector(&q));
            encode.push(t.elapsed().as_secs_f64() * 1e6);
            let t = Instant::now();
            std::hint::black_box(lib.recommend(&q, 50)?);
            rerank.push(ms(t.elapsed()));
        }
    }

    // The vector scan against a plain read of the same bytes.
    let matrix = space.matrix();
    let q = space
        .query_vector(&lib.mood(MOODS[0]))
        .unwrap_or_else(|| vec![0.0; matrix.dim]);
    let mut out = Vec::new();
    let mut scan = Vec::new();
    let mut bandwidth = Vec::new();
    for _ in 0..rounds.max(10) {
        let t = Instant::now();
        matrix.scores(&q, &mut out);
        std::hint::black_box(&out);
        scan.push(ms(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(byte_sum(&matrix.data));
        bandwidth.push(ms(t.elapsed()));
    }

    // Seeding the built-in catalog into a fresh temporary database.
    let mut seed = Vec::new();
    let mut seed_films = 0;
    for i in 0..rounds {
        let path =
            std::env::temp_dir().join(format!("nightreel-bench-{}-{i}.db", std::process::id()));
        let t = Instant::now();
        let result = crate::store::Store::open(&path).and_then(|(mut store, _)| {
            crate::catalog::ensure_seeded(&mut store).map(|r| r.map_or(0, |r| r.inserted))
        });
        seed.push(ms(t.elapsed()));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        seed_films = result?;
    }

    let startup = Spread::of(startup);
    let interactive = Spread::of(interactive);
    let (encode, rerank) = (Spread::of(encode), Spread::of(rerank));
    let (scan, bandwidth, seed) = (Spread::of(scan), Spread::of(bandwidth), Spread::of(seed));
    Ok(Report {
        films: lib.films().len(),
        startup_ms: startup.median,
        search_p50_ms: pct(0.5),
        search_p99_ms: pct(0.99),
        rerank_ms: rerank.median,
        encode_us: encode.median,
        scan_ms: scan.median,
        bandwidth_scan_ms: bandwidth.median,
        rss_mb,
        seed_ms: seed.median,
        detail: Detail {
            startup_ms: startup,
            interactive_ms: interactive,
            seed_ms: seed,
            seed_films,
            search_keystrokes: keys.len(),
            search_max_ms: keys.last().copied().unwrap_or(0.0),
            rerank_ms: rerank,
            encode_us: encode,
            scan_ms: scan,
            bandwidth_scan_ms: bandwidth,
            vector_bytes: matrix.data.len(),
        },
    })
}

/// Draws one frame of the TUI into an off-screen 120×40 buffer.
fn first_frame(app: &crate::tui::app::App) -> Result<()> {
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut term = ratatui::Terminal::new(backend)
        .map_err(|e| Error::Invalid(format!("headless terminal: {e}")))?;
    let theme = crate::tui::theme::Theme::from_env();
    term.draw(|f| crate::tui::views::draw(f, app, &theme))
        .map_err(|e| Error::Invalid(format!("headless frame: {e}")))?;
    Ok(())
}

/// Reads every byte once (wide lanes, AVX2 where the CPU has it): the memory-bandwidth
/// floor a vector scan of the same bytes is compared with.
fn byte_sum(bytes: &[i8]) -> i64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was detected just above.
            return unsafe { byte_sum_avx2(bytes) };
        }
    }
    byte_sum_portable(bytes)
}

fn byte_sum_portable(bytes: &[i8]) -> i64 {
    let mut acc = [0i64; 8];
    let chunks = bytes.chunks_exact(8);
    let rest: i64 = chunks.remainder().iter().map(|&b| i64::from(b)).sum();
    for c in chunks {
        for k in 0..8 {
            acc[k] += i64::from(c[k]);
        }
    }
    acc.iter().sum::<i64>() + rest
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn byte_sum_avx2(bytes: &[i8]) -> i64 {
    // 32 lanes of i32; each block of 4 KiB at most adds 127·128 per lane, far from overflow.
    let mut total = 0i64;
    for block in bytes.chunks(4096) {
        let mut acc = [0i32; 32];
        let chunks = block.chunks_exact(32);
        let rest: i32 = chunks.remainder().iter().map(|&b| i32::from(b)).sum();
        for c in chunks {
            for k in 0..32 {
                acc[k] += i32::from(c[k]);
            }
        }
        total += i64::from(acc.iter().sum::<i32>() + rest);
    }
    total
}

/// Resident memory now, in MB (Linux; 0 where /proc is absent).
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_orders_and_picks_the_median() {
        let s = Spread::of(vec![3.0, 1.0, 2.0]);
        assert_eq!((s.min, s.median, s.max), (1.0, 2.0, 3.0));
    }

    #[test]
    fn byte_sum_is_exact() {
        let b: Vec<i8> = (0..1003).map(|i| (i % 255 - 127) as i8).collect();
        let want = b.iter().map(|&x| i64::from(x)).sum::<i64>();
        assert_eq!(byte_sum(&b), want);
        assert_eq!(byte_sum_portable(&b), want);
    }
}

/// Figures on a synthetic catalog of `n` films (built in memory, never stored).
#[derive(Debug, Clone, Serialize)]
pub struct SynthReport {
    pub films: usize,
    pub watches: usize,
    pub build_ms: f64,
    pub search_p50_ms: f64,
    pub search_p99_ms: f64,
    pub rerank_ms: Spread,
    pub scan_ms: Spread,
    pub bandwidth_scan_ms: Spread,
    pub vector_bytes: usize,
    pub rss_mb: f64,
}

/// Builds `n` synthetic films with a diary of `watches` viewings and times search, the
/// re-rank after a log, the vector scan and the bandwidth floor.
pub fn synthetic(n: usize, watches: usize, clock: Clock, rounds: usize) -> Result<SynthReport> {
    use crate::embed::{Embedder, MoodSpace};
    use crate::recommend::baseline::RankInput;
    let rounds = rounds.max(3);
    let resolver = crate::mood::MoodResolver::builtin()?;
    let films = crate::synth::films(n, &resolver.vocab, 42);
    let now = clock.now();
    let diary = crate::synth::watches(&films, watches, &now, 42);
    let t = Instant::now();
    let (space, _) = MoodSpace::build(
        Embedder::builtin()?,
        &films,
        &resolver.vocab,
        resolver.lexicon.stop_en.clone(),
        &Default::default(),
        &Default::default(),
        &mut |_, _| {},
    );
    let search = crate::search::SearchIndex::new(&films);
    let series = crate::recommend::series::SeriesIndex::build(&films);
    let build_ms = ms(t.elapsed());

    let mut keys = Vec::new();
    for q in ["silent harbour", "neon rain", "kowalski", "the lost"] {
        let mut typed = String::new();
        for c in q.chars() {
            typed.push(c);
            let t = Instant::now();
            std::hint::black_box(search.search(&typed, 50));
            keys.push(ms(t.elapsed()));
        }
    }
    keys.sort_by(f64::total_cmp);
    let pct = |p: f64| keys[((keys.len() - 1) as f64 * p).round() as usize];

    let config = Config::default();
    let q = resolver.resolve(MOODS[0]);
    let qv = space.query_vector(&q);
    let priors = crate::recommend::embedding::Priors {
        quality: &[],
        series: Some(&series),
    };
    let mut rerank = Vec::new();
    for _ in 0..rounds {
        let t = Instant::now();
        let input = RankInput {
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
    let matrix = space.matrix();
    let qv = qv.unwrap_or_else(|| vec![0.0; matrix.dim]);
    let (mut scan, mut bandwidth, mut out) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds.max(10) {
        let t = Instant::now();
        matrix.scores(&qv, &mut out);
        std::hint::black_box(&out);
        scan.push(ms(t.elapsed()));
        let t = Instant::now();
        std::hint::black_box(byte_sum(&matrix.data));
        bandwidth.push(ms(t.elapsed()));
    }
    Ok(SynthReport {
        films: n,
        watches,
        build_ms,
        search_p50_ms: pct(0.5),
        search_p99_ms: pct(0.99),
        rerank_ms: Spread::of(rerank),
        scan_ms: Spread::of(scan),
        bandwidth_scan_ms: Spread::of(bandwidth),
        vector_bytes: matrix.data.len(),
        rss_mb: rss_mb(),
    })
}

//! The bench on the current database: start-up, search, mood encode, re-rank, vector scan,
//! seeding, memory, and fzf over the same titles.
//!
//! Nothing here changes the user's catalog or diary: seeding is timed on a temporary file, and
//! the re-rank is the ranking a log triggers, run against the diary as it is. Start-up runs
//! as the TUI's does, so on a large catalog it writes the start-up image (a cache beside the
//! database) and its token, as opening the TUI would; the rounds without the image remove it
//! first.

use std::time::Instant;

use serde::Serialize;

use super::fzf::Fzf;
use super::keystrokes::{self, Keystrokes};
use super::startup::{Stages, start_tui};
use super::{Spread, kernels, memory, ms};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::time::Clock;

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
    /// Start to the first frame (the loading screen), headless.
    pub startup_ms: Spread,
    /// Start until the library is read and search answers.
    pub search_ready_ms: Spread,
    /// Start until tonight's list is ranked and drawn, and search answers: fully interactive.
    pub interactive_ms: Spread,
    /// Where the time to interactive goes (medians over the rounds).
    pub stages: Stages,
    /// On a catalog that has a start-up image, the figures above are starts from it, and
    /// these are starts that read the catalog from the database (the first start after the
    /// catalog changed), which then wrote the image.
    pub without_image: Option<Starts>,
    /// How long writing the start-up image took (after the start was interactive).
    pub image_write_ms: Option<Spread>,
    pub seed_ms: Spread,
    pub seed_films: usize,
    pub search: Keystrokes,
    /// Peak resident memory of the bench process (VmHWM).
    pub peak_mb: f64,
    pub fzf: Fzf,
    /// Search p99 per keystroke over fzf's median time for one filter of the same titles.
    pub search_p99_over_fzf: Option<f64>,
    pub rerank_ms: Spread,
    pub encode_us: Spread,
    pub scan_ms: Spread,
    pub bandwidth_scan_ms: Spread,
    pub vector_bytes: usize,
}

/// Start-up figures over several rounds.
#[derive(Debug, Clone, Serialize)]
pub struct Starts {
    pub startup_ms: Spread,
    pub search_ready_ms: Spread,
    pub interactive_ms: Spread,
    pub stages: Stages,
}

/// Rounds of start-up, gathered.
#[derive(Default)]
struct Rounds {
    first_frame: Vec<f64>,
    search_ready: Vec<f64>,
    interactive: Vec<f64>,
    stages: Vec<Stages>,
}

impl Rounds {
    fn push(&mut self, r: &super::startup::Round) {
        self.first_frame.push(r.first_frame_ms);
        self.search_ready.push(r.search_ms);
        self.interactive.push(r.interactive_ms);
        self.stages.push(r.stages);
    }

    fn starts(self) -> Starts {
        Starts {
            startup_ms: Spread::of(self.first_frame),
            search_ready_ms: Spread::of(self.search_ready),
            interactive_ms: Spread::of(self.interactive),
            stages: Stages::median(&self.stages),
        }
    }
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

pub(super) const MOODS: &[&str] = &[
    "rain on neon, lonely but warm",
    "slow-burn loneliness",
    "孤独的夜晚",
    "something tender before sleep",
];

/// Runs every measurement on the database at `db`.
pub fn run(db: &std::path::Path, config: &Config, clock: Clock, rounds: usize) -> Result<Report> {
    let rounds = rounds.max(3);
    // Start-up as the TUI does it (the same loader and session): the loading screen drawn at
    // once, then the library (search answers), then tonight's list ranked and drawn. First
    // without a start-up image (each such start writes one on a large catalog), then from it.
    let image = crate::image::path_for(db);
    let mut cold = Rounds::default();
    let mut writes = Vec::new();
    let mut kept = None;
    for _ in 0..rounds {
        // One library at a time: the previous round's would double the resident memory.
        drop(kept.take());
        if let Err(e) = std::fs::remove_file(&image)
            && e.kind() != std::io::ErrorKind::NotFound
        {
            return Err(Error::io(&image, e));
        }
        let round = start_tui(db, config, clock)?;
        cold.push(&round);
        writes.extend(round.image_write_ms);
        kept = Some(round.app);
    }
    let mut warm = Rounds::default();
    if image.exists() {
        for _ in 0..rounds {
            drop(kept.take());
            let round = start_tui(db, config, clock)?;
            if !round.from_image {
                return Err(Error::Invalid(format!(
                    "{}: the start-up image was written but not used",
                    image.display()
                )));
            }
            warm.push(&round);
            kept = Some(round.app);
        }
    }
    let (starts, without_image) = if warm.interactive.is_empty() {
        (cold.starts(), None)
    } else {
        (warm.starts(), Some(cold.starts()))
    };
    let app = kept.ok_or_else(|| Error::Invalid("no bench round ran".into()))?;
    let lib = &app.lib;
    let mem = memory::now();

    // Search: every prefix of every typed query.
    let keys = keystrokes::time(TYPED, rounds, |q| {
        std::hint::black_box(lib.search(q, 50));
    });
    let fzf = super::fzf::side_by_side(
        lib.films().iter().map(|f| f.title.as_str()),
        &keystrokes::sample_prefixes(TYPED),
    );

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
        std::hint::black_box(kernels::byte_sum(&matrix.data));
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

    let (encode, rerank) = (Spread::of(encode), Spread::of(rerank));
    let (scan, bandwidth, seed) = (Spread::of(scan), Spread::of(bandwidth), Spread::of(seed));
    Ok(Report {
        films: lib.films().len(),
        startup_ms: starts.startup_ms.median,
        search_p50_ms: keys.p50_ms,
        search_p99_ms: keys.p99_ms,
        rerank_ms: rerank.median,
        encode_us: encode.median,
        scan_ms: scan.median,
        bandwidth_scan_ms: bandwidth.median,
        rss_mb: mem.rss_mb,
        seed_ms: seed.median,
        detail: Detail {
            startup_ms: starts.startup_ms,
            search_ready_ms: starts.search_ready_ms,
            interactive_ms: starts.interactive_ms,
            stages: starts.stages,
            without_image,
            image_write_ms: (!writes.is_empty()).then(|| Spread::of(writes)),
            seed_ms: seed,
            seed_films,
            search_p99_over_fzf: fzf.median_ms().map(|f| keys.p99_ms / f),
            search: keys,
            peak_mb: memory::now().peak_mb,
            fzf,
            rerank_ms: rerank,
            encode_us: encode,
            scan_ms: scan,
            bandwidth_scan_ms: bandwidth,
            vector_bytes: matrix.data.len(),
        },
    })
}

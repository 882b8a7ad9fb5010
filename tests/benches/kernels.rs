//! Criterion benches of the kernels `nightreel bench` times, on synthetic catalogs of 10,000
//! and 100,000 films (and 1,000,000 with `NIGHTREEL_BENCH_1M=1`: building it takes about half
//! a minute and 2 GB, so it is left out of a plain `cargo bench`):
//! search per keystroke (each prefix of a typed query), the re-rank after a log, mood encode,
//! the vector scan and a plain read of the same bytes. Run with `cargo bench --bench kernels`;
//! see tests/benches/BENCHMARKS.md.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use nightreel::bench::kernels::byte_sum;
use nightreel::config::Config;
use nightreel::embed::MoodSpace;
use nightreel::model::{Film, Watch};
use nightreel::mood::MoodResolver;
use nightreel::recommend::baseline::RankInput;
use nightreel::recommend::embedding::{Priors, rank_embedding};
use nightreel::recommend::series::SeriesIndex;
use nightreel::search::SearchIndex;
use nightreel::time::Clock;

const MOOD: &str = "rain on neon, lonely but warm";
const TYPED: &[&str] = nightreel::bench::TYPED_SYNTHETIC;

struct Catalog {
    films: Vec<Film>,
    diary: Vec<Watch>,
    space: MoodSpace,
    series: SeriesIndex,
    resolver: MoodResolver,
    clock: Clock,
}

fn catalog(n: usize) -> Catalog {
    let resolver = MoodResolver::builtin().expect("built-in vocabulary");
    let clock = Clock::from_option(Some("2026-11-25T01:30:00+08:00")).expect("fixed clock");
    let films = nightreel::synth::films(n, &resolver.vocab, 42);
    let diary = nightreel::synth::watches(&films, 500, &clock.now(), 42);
    let space = nightreel::synth::space(&films, &resolver).expect("built-in model");
    let series = SeriesIndex::build(&films);
    Catalog {
        films,
        diary,
        space,
        series,
        resolver,
        clock,
    }
}

fn sizes() -> Vec<usize> {
    let mut s = vec![10_000, 100_000];
    if std::env::var_os("NIGHTREEL_BENCH_1M").is_some() {
        s.push(1_000_000);
    }
    s
}

fn kernels(c: &mut Criterion) {
    for n in sizes() {
        let cat = catalog(n);
        let mut g = c.benchmark_group(format!("{n} films"));
        g.sample_size(10);

        // One sample types every query a key at a time: the time per keystroke is the
        // sample time over the keystrokes typed.
        let keystrokes: usize = TYPED.iter().map(|q| q.chars().count()).sum();
        let search = SearchIndex::new(&cat.films);
        g.bench_function(
            BenchmarkId::new("search, all keystrokes", keystrokes),
            |b| {
                b.iter(|| {
                    for q in TYPED {
                        let mut typed = String::new();
                        for ch in q.chars() {
                            typed.push(ch);
                            black_box(search.search(&typed, 50));
                        }
                    }
                })
            },
        );

        g.bench_function("mood encode", |b| {
            b.iter(|| {
                let q = cat.resolver.resolve(black_box(MOOD));
                black_box(cat.space.query_vector(&q))
            })
        });

        let q = cat.resolver.resolve(MOOD);
        let qv = cat.space.query_vector(&q);
        let config = Config::default();
        let priors = Priors {
            quality: &[],
            series: Some(&cat.series),
        };
        g.bench_function("re-rank after a log", |b| {
            b.iter(|| {
                let input = RankInput {
                    films: &cat.films,
                    watches: &cat.diary,
                    query: &q,
                    now: cat.clock.now(),
                    limit: 50,
                    keep: None,
                };
                black_box(rank_embedding(
                    &input,
                    &cat.space,
                    qv.as_deref(),
                    &config.weights,
                    &config.night,
                    &[],
                    &priors,
                ))
            })
        });

        let matrix = cat.space.matrix();
        let qv = qv.unwrap_or_else(|| vec![0.0; matrix.dim]);
        let mut out = Vec::new();
        g.bench_function("vector scan", |b| {
            b.iter(|| {
                matrix.scores(black_box(&qv), &mut out);
                black_box(&out);
            })
        });
        g.bench_function("bandwidth scan, same bytes", |b| {
            b.iter(|| black_box(byte_sum(black_box(&matrix.data))))
        });
        g.finish();
    }
}

criterion_group!(benches, kernels);
criterion_main!(benches);

//! Reading the library at start-up over both cores: the catalog split by id range over two
//! connections, then the search index beside the series index, quality prior, diary and
//! vector cache; with progress for the loading screen and the time each stage took.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use serde::Serialize;

use super::{Library, SpaceJob};
use crate::config::Config;
use crate::error::Result;
use crate::ids::IdIndex;
use crate::model::Film;
use crate::mood::MoodResolver;
use crate::recommend::series::SeriesIndex;
use crate::search::SearchIndex;
use crate::store::Store;
use crate::time::Clock;

/// What start-up is doing, for the loading screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Reading films: `done` of about `total`.
    Films { done: usize, total: usize },
    /// Building the search and series indexes, the quality prior; reading the diary and the
    /// cached film vectors.
    Indexing { films: usize },
    /// Reading the embedding model and putting the film vectors together.
    Model { films: usize },
    /// Computing film vectors the cache lacks: `done` of `total`.
    Vectors { done: usize, total: usize },
}

/// Called with each step; from more than one thread.
pub type Progress<'a> = &'a (dyn Fn(Step) + Sync);

/// How long each stage of start-up took, in milliseconds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    pub films_ms: f64,
    pub index_ms: f64,
    pub space_ms: f64,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// From this many films on, the catalog is read over two connections.
const SPLIT_FROM: i64 = 50_000;

/// Every film, ordered by id: over two connections for a large catalog in a file (the main
/// one reads the lower half of the ids, a read-only one the upper half), else over one.
fn read_films(store: &Store, progress: Progress<'_>) -> Result<Vec<Film>> {
    let Some((lo, hi)) = store.film_id_bounds()? else {
        return Ok(Vec::new());
    };
    let total = usize::try_from(hi - lo + 1).unwrap_or(usize::MAX);
    let (a, b) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let report = |counter: &AtomicUsize, n: usize| {
        counter.store(n, Ordering::SeqCst);
        let done = a.load(Ordering::SeqCst) + b.load(Ordering::SeqCst);
        progress(Step::Films {
            done,
            total: total.max(done),
        });
    };
    let reader = match store.path() {
        Some(path) if hi - lo >= SPLIT_FROM => Store::open_reader(path)
            .inspect_err(|e| tracing::debug!("one connection for the catalog: {e}"))
            .ok(),
        _ => None,
    };
    let Some(reader) = reader else {
        return store.films_between(lo, hi, &mut |n| report(&a, n));
    };
    let mid = lo + (hi - lo) / 2;
    let (lower, upper) = std::thread::scope(|s| {
        let (report, b) = (&report, &b);
        let upper = s.spawn(move || reader.films_between(mid + 1, hi, &mut |n| report(b, n)));
        let lower = store.films_between(lo, mid, &mut |n| report(&a, n));
        (lower, upper.join())
    });
    let mut films = lower?;
    match upper {
        Ok(upper) => films.extend(upper?),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    Ok(films)
}

/// The quality prior of each film (library order): see [`super::quality_prior`]. Votes come
/// per film in id order, and the films are walked beside them.
pub(super) fn quality(films: &[Film], store: &Store) -> Result<Vec<f32>> {
    let votes = store.max_votes()?;
    let max = votes
        .iter()
        .map(|v| v.1 as f64)
        .fold(0.0, f64::max)
        .max(1.0);
    let denom = (1.0 + max).ln();
    let mut at = 0;
    Ok(films
        .iter()
        .map(|f| {
            // Both are in id order: walk them together.
            while at < votes.len() && votes[at].0 < f.id {
                at += 1;
            }
            let v = votes
                .get(at)
                .filter(|v| v.0 == f.id)
                .map_or(0.0, |v| v.1 as f64);
            let reach = (1.0 + v).ln() / denom;
            (reach * reach) as f32
        })
        .collect())
}

impl Library {
    /// Reads catalog, diary and indexes from an open store over both cores, reporting each
    /// step; with `want_space`, also reads what building the embedding space needs, and
    /// returns that job (the caller runs it, on whichever thread suits it).
    pub fn load(
        store: Store,
        config: Config,
        clock: Clock,
        progress: Progress<'_>,
        want_space: bool,
    ) -> Result<(Library, Option<SpaceJob>, Timings)> {
        let mut timings = Timings::default();
        let t = Instant::now();
        let films = Arc::new(read_films(&store, progress)?);
        timings.films_ms = ms(t);
        progress(Step::Indexing { films: films.len() });
        let t = Instant::now();
        let (search, rest) = std::thread::scope(|s| {
            let search = s.spawn(|| SearchIndex::new(&films));
            let rest = (|| -> Result<_> {
                let by_id = IdIndex::new(films.iter().map(|f| f.id));
                let watches = store.watches()?;
                let watchlist = store.watchlist()?.into_iter().collect();
                let resolver = MoodResolver::builtin()?;
                let quality = quality(&films, &store)?;
                let series = SeriesIndex::build(&films);
                let cached = if want_space {
                    Some((store.cached_vectors()?, store.all_term_vectors()?))
                } else {
                    None
                };
                Ok((by_id, watches, watchlist, resolver, quality, series, cached))
            })();
            (search.join(), rest)
        });
        let search = search.unwrap_or_else(|p| std::panic::resume_unwind(p));
        let (by_id, watches, watchlist, resolver, quality, series, cached) = rest?;
        timings.index_ms = ms(t);
        let job = cached.map(|(cached_films, cached_terms)| SpaceJob {
            model_dir: config.model_dir.clone(),
            films: Arc::clone(&films),
            vocab: resolver.vocab.clone(),
            stop_en: resolver.lexicon.stop_en.clone(),
            cached_films,
            cached_terms,
        });
        let lib = Library {
            store,
            films,
            by_id,
            watches,
            watchlist,
            search,
            quality: Arc::new(quality),
            series: OnceLock::from(Arc::new(series)),
            space: OnceLock::new(),
            building: std::cell::Cell::new(job.is_some()),
            resolver,
            config,
            clock,
        };
        Ok((lib, job, timings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quality_walk_matches_the_prior() {
        let mut s = Store::open_in_memory().unwrap();
        let ids: Vec<i64> = (0..5)
            .map(|i| {
                let f = crate::model::FilmData {
                    title: format!("F{i}"),
                    ..Default::default()
                };
                s.insert_film(&f).unwrap()
            })
            .collect();
        let tx = s.import_tx().unwrap();
        tx.set_popularity(ids[1], "tmdb", 10, None).unwrap();
        tx.set_popularity(ids[1], "imdb", 900, None).unwrap();
        tx.set_popularity(ids[3], "tmdb", 30, None).unwrap();
        tx.commit().unwrap();
        let films = s.films().unwrap();
        let got = quality(&films, &s).unwrap();
        let reach = |v: f64| ((1.0 + v).ln() / 901f64.ln()).powi(2) as f32;
        assert_eq!(got, vec![0.0, 1.0, 0.0, reach(30.0), 0.0]);
    }

    #[test]
    fn a_large_catalog_reads_in_id_order_over_two_connections() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.db");
        let (mut store, _) = Store::open(&path).unwrap();
        let vocab = crate::catalog::vocab::Vocabulary::builtin().unwrap();
        let films = crate::synth::films(60_000, &vocab, 1);
        {
            let tx = store.import_tx().unwrap();
            for f in &films {
                tx.insert_film(&f.data(), &Default::default()).unwrap();
            }
            tx.commit().unwrap();
        }
        let seen = std::sync::Mutex::new(Vec::new());
        let read = read_films(&store, &|s| seen.lock().unwrap().push(s)).unwrap();
        assert_eq!(read.len(), films.len());
        assert!(read.windows(2).all(|w| w[0].id < w[1].id));
        assert_eq!(read[41_234].title, films[41_234].title);
        let seen = seen.into_inner().unwrap();
        assert!(seen.contains(&Step::Films {
            done: 60_000,
            total: 60_000
        }));
    }
}

//! Reading the library at start-up over both cores: the catalog split by id range over two
//! connections, then the search index beside the series index, quality prior, diary and
//! vector cache; with progress for the loading screen and the time each stage took.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use serde::Serialize;

use super::space_job::Source;
use super::{Library, SpaceJob};
use crate::config::Config;
use crate::error::Result;
use crate::ids::IdIndex;
use crate::image;
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
    /// The index stage, and within it the search index (on its own thread) and the series
    /// index beside it (`rest_ms`); from a start-up image, only the id index and quality
    /// prior remain.
    pub index_ms: f64,
    pub search_index_ms: f64,
    pub rest_ms: f64,
    /// The catalog came from the start-up image.
    pub image: bool,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// From this many films on, the rest of the store is read on a second connection while
/// the films are read.
const SIDE_FROM: i64 = 50_000;

/// Every film, ordered by id. With a `second` connection the upper half of the ids is read
/// on it at the same time (names are interned without a shared lock, so the halves do not
/// queue on each other).
fn read_films(
    store: &Store,
    second: Option<Store>,
    bounds: Option<(i64, i64)>,
    progress: Progress<'_>,
) -> Result<Vec<Film>> {
    let Some((lo, hi)) = bounds else {
        return Ok(Vec::new());
    };
    let total = usize::try_from(hi - lo + 1).unwrap_or(usize::MAX);
    let Some(second) = second else {
        return store.films_between(lo, hi, &mut |done| {
            progress(Step::Films {
                done,
                total: total.max(done),
            })
        });
    };
    let mid = lo + (hi - lo) / 2;
    let upper_done = std::sync::atomic::AtomicUsize::new(0);
    let (lower, upper) = std::thread::scope(|s| {
        let upper_done = &upper_done;
        let upper = s.spawn(move || {
            second.films_between(mid + 1, hi, &mut |done| {
                upper_done.store(done, std::sync::atomic::Ordering::Relaxed)
            })
        });
        let lower = store.films_between(lo, mid, &mut |done| {
            let done = done + upper_done.load(std::sync::atomic::Ordering::Relaxed);
            progress(Step::Films {
                done,
                total: total.max(done),
            })
        });
        (lower, upper.join())
    });
    let upper = upper.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
    let mut films = lower?;
    films.extend(upper);
    progress(Step::Films {
        done: films.len(),
        total: total.max(films.len()),
    });
    Ok(films)
}

/// What the library reads from the store besides the films.
struct Side {
    votes: Vec<(i64, u64)>,
    watches: Vec<crate::model::Watch>,
    marks: Vec<crate::store::Mark>,
    watchlist: std::collections::HashSet<i64>,
    /// The film-vector and term-vector caches, when the space will be built from them.
    cached: Option<(crate::store::CachedVectors, Vec<crate::store::TermRow>)>,
}

/// The diary and watchlist; with `votes`, the popularity votes; with `vectors`, the vector
/// caches (for about `expect` films).
fn read_side(store: &Store, expect: usize, votes: bool, vectors: bool) -> Result<Side> {
    Ok(Side {
        votes: if votes {
            store.max_votes()?
        } else {
            Vec::new()
        },
        watches: store.watches()?,
        marks: store.marks()?,
        watchlist: store.watchlist()?.into_iter().collect(),
        cached: if vectors {
            Some((store.cached_vectors(expect)?, store.all_term_vectors()?))
        } else {
            None
        },
    })
}

/// The films, and the rest of the store: on two connections side by side for a large
/// catalog in a file, else one after the other.
fn read_all(
    store: &Store,
    bounds: Option<(i64, i64)>,
    progress: Progress<'_>,
    want_space: bool,
) -> Result<(Vec<Film>, Side)> {
    let expect = bounds.map_or(0, |(lo, hi)| usize::try_from(hi - lo + 1).unwrap_or(0));
    let reader = match (store.path(), bounds) {
        (Some(path), Some((lo, hi))) if hi - lo >= SIDE_FROM => Store::open_reader(path)
            .inspect_err(|e| tracing::debug!("one connection for start-up: {e}"))
            .ok(),
        _ => None,
    };
    let Some(reader) = reader else {
        let films = read_films(store, None, bounds, progress)?;
        return Ok((films, read_side(store, expect, true, want_space)?));
    };
    // A third connection for the upper half of the films; without it, one reads them all.
    let second = store.path().and_then(|path| {
        Store::open_reader(path)
            .inspect_err(|e| tracing::debug!("films on one connection: {e}"))
            .ok()
    });
    let (films, side) = std::thread::scope(|s| {
        let side = s.spawn(move || read_side(&reader, expect, true, want_space));
        (read_films(store, second, bounds, progress), side.join())
    });
    let side = side.unwrap_or_else(|p| std::panic::resume_unwind(p));
    Ok((films?, side?))
}

mod from_image;
use from_image::{forget_image, read_image};

/// The quality prior of each film (library order): see [`super::quality_prior`]. Votes come
/// per film in id order, and the films are walked beside them.
pub(super) fn quality(films: &[Film], votes: &[(i64, u64)]) -> Vec<f32> {
    let max = votes
        .iter()
        .map(|v| v.1 as f64)
        .fold(0.0, f64::max)
        .max(1.0);
    let denom = (1.0 + max).ln();
    let mut at = 0;
    films
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
        .collect()
}

/// What a load produced, before the library is put together.
struct Parts {
    films: Arc<Vec<Film>>,
    votes: Vec<(i64, u64)>,
    search: SearchIndex,
    series: SeriesIndex,
    side: Side,
}

impl Library {
    /// Reads catalog, diary and indexes from an open store over both cores, reporting each
    /// step; with `want_space`, also reads what building the embedding space needs, and
    /// returns that job (the caller runs it, on whichever thread suits it). A large catalog
    /// comes from its start-up image when that matches the database ([`crate::image`]);
    /// else it is read from the store, and the job carries what the next image will hold.
    pub fn load(
        store: Store,
        config: Config,
        clock: Clock,
        progress: Progress<'_>,
        want_space: bool,
    ) -> Result<(Library, Option<SpaceJob>, Timings)> {
        let mut timings = Timings::default();
        let t = Instant::now();
        let model = image::model_key(config.model_dir.as_deref());
        // The search ‖ series stage of a read from the store (none from an image).
        let mut stage_ms = 0.0;
        let from_image = match config.image_from {
            Some(_) => read_image(&store, &model, progress, want_space),
            None => {
                forget_image(&store);
                None
            }
        };
        let (parts, source, pending) = match from_image {
            Some((loaded, side)) => {
                timings.image = true;
                timings.films_ms = ms(t);
                let source = loaded.space.map(|parts| Source::Image {
                    parts,
                    db: store.path().map(Path::to_path_buf),
                });
                let parts = Parts {
                    films: Arc::new(loaded.films),
                    votes: loaded.votes,
                    search: SearchIndex::from_haystack(Arc::new(loaded.hay)),
                    series: loaded.series,
                    side,
                };
                (parts, source, None)
            }
            None => {
                let bounds = store.film_id_bounds()?;
                let expect = bounds.map_or(0, |(lo, hi)| usize::try_from(hi - lo + 1).unwrap_or(0));
                // The token goes in before the catalog is read: a change after it voids it.
                let large = config.image_from.is_some_and(|from| expect >= from);
                let claim = (want_space && large && image::stamp().is_some())
                    .then(|| store.path().map(image::path_for))
                    .flatten()
                    .map(|path| (path, image::new_token()))
                    .filter(|(_, token)| store.claim_image(token));
                let (films, side) = read_all(&store, bounds, progress, want_space)?;
                let films = Arc::new(films);
                timings.films_ms = ms(t);
                progress(Step::Indexing { films: films.len() });
                let t = Instant::now();
                let (search, series) = std::thread::scope(|s| {
                    // The search index on one core, the series index on the other.
                    let search = s.spawn(|| {
                        let t = Instant::now();
                        (SearchIndex::new(&films), ms(t))
                    });
                    let series = SeriesIndex::build(&films);
                    timings.rest_ms = ms(t);
                    (search.join(), series)
                });
                let (search, search_ms) = search.unwrap_or_else(|p| std::panic::resume_unwind(p));
                timings.search_index_ms = search_ms;
                stage_ms = ms(t);
                let mut side = side;
                let source = side
                    .cached
                    .take()
                    .map(|(films, terms)| Source::Cache { films, terms });
                let parts = Parts {
                    films,
                    votes: std::mem::take(&mut side.votes),
                    search,
                    series,
                    side,
                };
                (parts, source, claim)
            }
        };
        progress(Step::Indexing {
            films: parts.films.len(),
        });
        let t = Instant::now();
        let Parts {
            films,
            votes,
            search,
            series,
            side,
        } = parts;
        let by_id = IdIndex::new(films.iter().map(|f| f.id));
        let resolver = MoodResolver::builtin()?;
        let quality = quality(&films, &votes);
        let series = Arc::new(series);
        timings.index_ms = ms(t) + stage_ms;
        let image = pending.map(|(path, token)| image::Pending {
            path,
            token,
            model,
            films: Arc::clone(&films),
            votes: Arc::new(votes),
            hay: Arc::clone(search.haystack()),
            series: Arc::clone(&series),
        });
        let job = want_space
            .then(|| -> Result<SpaceJob> {
                let source = match source {
                    Some(source) => source,
                    None => Source::Cache {
                        films: store.cached_vectors(films.len())?,
                        terms: store.all_term_vectors()?,
                    },
                };
                Ok(SpaceJob {
                    model_dir: config.model_dir.clone(),
                    films: Arc::clone(&films),
                    vocab: resolver.vocab.clone(),
                    stop_en: resolver.lexicon.stop_en.clone(),
                    source,
                    image,
                })
            })
            .transpose()?;
        let (history, diary_len) =
            super::diary::history(side.watches, &side.marks, clock.now().date_naive());
        let data_version = store.data_version()?;
        let lib = Library {
            data_version,
            store,
            films,
            by_id,
            history,
            diary_len,
            watchlist: side.watchlist,
            search,
            quality: Arc::new(quality),
            series: OnceLock::from(series),
            space: OnceLock::new(),
            building: std::cell::Cell::new(job.is_some()),
            words: Arc::new(OnceLock::new()),
            words_started: std::cell::Cell::new(false),
            resolver,
            config,
            clock,
        };
        Ok((lib, job, timings))
    }
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;

//! The open library: catalog and diary in memory over the store — the API the TUI and CLI share.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::catalog::ensure_seeded;
use crate::config::Config;
use crate::embed::{MoodSpace, VectorProgress};
use crate::error::{Error, Result};
use crate::ids::IdIndex;
use crate::model::{Film, Watch};
use crate::mood::{MoodQuery, MoodResolver};
use crate::recommend::Recommendation;
use crate::recommend::embedding::Priors;
use crate::recommend::series::SeriesIndex;
use crate::search::{Hit, SearchIndex};
use crate::store::{OpenReport, SeedReport, Store};
use crate::time::{Clock, WatchedAt};

mod diary;
pub use diary::seen_viewing;
mod directors;
mod directors_zh;
mod load;
mod mood;
mod prepare;
mod rank;
mod space_job;
mod stats;
mod titles;
pub use load::{Progress, Step, Timings};
pub use prepare::{Prepared, prepare_image};
use rank::Parts;
pub use rank::RankSnapshot;
pub use space_job::{Built, SpaceJob, load_model};

/// What opening did: created, migrated, seeded.
#[derive(Debug, Default, Clone)]
pub struct OpenInfo {
    pub open: OpenReport,
    pub seeded: Option<SeedReport>,
}

/// The result of logging a viewing (the `log --json` shape).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Logged {
    pub watch_id: i64,
    pub film_id: i64,
    pub title: String,
    pub year: Option<i32>,
    pub watched_at: String,
    pub film_night: String,
    pub late_night: Option<bool>,
}

/// Each film's quality prior (0–1) from imported popularity: how many people rated it, on a
/// log scale against the most-rated film, squared so the widely seen stand apart from the
/// merely known (the offline evaluation in the README chose the square over the plain log and
/// over mixing in mean ratings, which favour films a handful of people rated highly). Films
/// without such data get 0: with no imported catalog the prior is silent.
pub fn quality_prior(films: &[Film], store: &Store) -> Result<Vec<f32>> {
    Ok(load::quality(films, &store.max_votes()?))
}

/// Which ranker orders recommendations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Ranker {
    /// Mood fit from the local embedding model (the default).
    #[default]
    Embedding,
    /// Mood fit by shared tags only: the first ranker, kept for evaluation.
    Baseline,
}

impl Ranker {
    /// How results are described to the user.
    pub fn describe(self) -> &'static str {
        match self {
            Ranker::Embedding => "ranked by the local embedding model",
            Ranker::Baseline => "ranked by tag overlap (baseline)",
        }
    }
}

/// Catalog, diary and watchlist in memory, written through to the store.
pub struct Library {
    store: Store,
    /// Shared (as are the space, quality and series) so a [`RankSnapshot`] can rank on
    /// another thread.
    films: Arc<Vec<Film>>,
    by_id: IdIndex,
    /// The diary (newest first), then the films marked seen without a dated viewing as
    /// undated viewings (see [`Library::history`]).
    history: Vec<Watch>,
    /// How many of `history` are diary rows.
    diary_len: usize,
    watchlist: HashSet<i64>,
    search: SearchIndex,
    space: OnceLock<Arc<MoodSpace>>,
    /// The quality prior of each film (library order), 0–1.
    quality: Arc<Vec<f32>>,
    /// Title words of the catalog, for series (built on first use).
    series: OnceLock<Arc<SeriesIndex>>,
    /// True while a [`SpaceJob`] is out.
    building: std::cell::Cell<bool>,
    /// The catalog's directors and words, for moods (built on first use; on another thread
    /// while the space is built elsewhere, see [`Library::mood`]).
    words: Arc<OnceLock<mood::CatalogWords>>,
    words_started: std::cell::Cell<bool>,
    /// The database's data version when this library last read it (see
    /// [`Library::catch_up`]).
    data_version: i64,
    pub resolver: MoodResolver,
    pub config: Config,
    pub clock: Clock,
}

impl Library {
    /// Opens the database at `db` (creating and seeding it on first use).
    pub fn open(db: &Path, config: Config, clock: Clock) -> Result<(Library, OpenInfo)> {
        let (mut store, open) = Store::open(db)?;
        let seeded = ensure_seeded(&mut store)?;
        let lib = Library::from_store(store, config, clock)?;
        Ok((lib, OpenInfo { open, seeded }))
    }

    /// Opens the database for a command that only reads: like [`Library::open`], except that
    /// a database this process cannot write is read as it is, leaving nothing beside it (see
    /// [`Store::open_read`]); its seed films are then not brought up to date.
    pub fn open_read(db: &Path, config: Config, clock: Clock) -> Result<(Library, OpenInfo)> {
        let (mut store, open) = Store::open_read(db)?;
        let seeded = if store.is_read_only() {
            None
        } else {
            ensure_seeded(&mut store)?
        };
        let lib = Library::from_store(store, config, clock)?;
        Ok((lib, OpenInfo { open, seeded }))
    }

    /// Wraps an already open store (reading it over both cores, see [`Library::load`]).
    /// The embedding space is built on first use ([`Library::space`]).
    pub fn from_store(store: Store, config: Config, clock: Clock) -> Result<Library> {
        Ok(Library::load(store, config, clock, &|_| {}, false)?.0)
    }

    /// Each film's quality prior (library order).
    pub fn quality(&self) -> &[f32] {
        &self.quality
    }

    /// The title index for series (built on first use).
    pub fn series(&self) -> &SeriesIndex {
        self.series
            .get_or_init(|| Arc::new(SeriesIndex::build(&self.films)))
    }

    /// Quality prior and series index, as the ranker takes them.
    pub fn priors(&self) -> Priors<'_> {
        Priors {
            quality: &self.quality,
            series: Some(self.series()),
        }
    }

    /// The embedding space (model, term and film vectors), built on first use.
    pub fn space(&self) -> Result<&MoodSpace> {
        self.space_with_progress(&mut |_, _| {})
    }

    /// Like [`Library::space`], reporting (done, total) while film vectors are rebuilt (only
    /// films whose vector is not cached for this model and document are counted).
    pub fn space_with_progress(&self, progress: VectorProgress<'_>) -> Result<&MoodSpace> {
        if let Some(s) = self.space.get() {
            return Ok(&**s);
        }
        let job = self.space_job()?;
        let built = job.run(progress);
        self.install_space(built)
    }

    /// True once the embedding space is built.
    pub fn space_ready(&self) -> bool {
        self.space.get().is_some()
    }

    /// Everything needed to build the embedding space on another thread (the TUI draws its
    /// first frame meanwhile). Until [`Library::install_space`], rankings wait for it instead
    /// of building a second space.
    pub fn space_job(&self) -> Result<SpaceJob> {
        let job = SpaceJob {
            model_dir: self.config.model_dir.clone(),
            films: Arc::clone(&self.films),
            vocab: self.resolver.vocab.clone(),
            stop_en: self.resolver.lexicon.stop_en.clone(),
            source: space_job::Source::Cache {
                films: self.store.cached_vectors(self.films.len())?,
                terms: self.store.all_term_vectors()?,
            },
            image: None,
        };
        self.building.set(true);
        Ok(job)
    }

    /// Installs a space built by a [`SpaceJob`] and caches the vectors it computed.
    pub fn install_space(&self, built: Result<Built>) -> Result<&MoodSpace> {
        self.building.set(false);
        let Built { space, fresh, .. } = built?;
        let model_id = space.embedder().id().to_string();
        let t = std::time::Instant::now();
        let write = self
            .store
            .put_term_vectors(&model_id, &fresh.terms)
            .and_then(|()| self.store.put_film_vectors(&fresh.films));
        if let Err(e) = write {
            // The vectors are in memory; only the cache could not be written (read-only file).
            tracing::warn!("could not cache vectors: {e}");
        }
        tracing::debug!(
            "space: {} terms and {} films computed, cached in {:?}",
            fresh.terms.len(),
            fresh.films.len(),
            t.elapsed()
        );
        let space = self.space.get_or_init(|| space);
        self.store.shrink_memory();
        crate::embed::release_load_memory();
        Ok(&**space)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn films(&self) -> &[Film] {
        &self.films
    }

    pub fn film(&self, id: i64) -> Option<&Film> {
        self.by_id.get(id).map(|i| &self.films[i])
    }

    /// Every viewing, newest first.
    pub fn watches(&self) -> &[Watch] {
        &self.history[..self.diary_len]
    }

    /// What the recommender learns from: the diary, then each film an import marked seen
    /// without a dated viewing (a Letterboxd rating or watched film with no diary entry), as a
    /// viewing on the day it was marked (see `diary::seen_viewing`).
    pub fn history(&self) -> &[Watch] {
        &self.history
    }

    /// Viewings of one film, newest first.
    pub fn watches_of(&self, film_id: i64) -> impl Iterator<Item = &Watch> {
        self.watches().iter().filter(move |w| w.film_id == film_id)
    }

    /// The film marked seen without a diary entry (by an import), as [`Library::history`]
    /// holds it: rating, like, and the day it was marked.
    pub fn seen_mark(&self, film_id: i64) -> Option<&Watch> {
        self.history[self.diary_len..]
            .iter()
            .find(|w| w.film_id == film_id)
    }

    /// True when the film is in the diary or marked seen.
    pub fn has_seen(&self, film_id: i64) -> bool {
        self.history.iter().any(|w| w.film_id == film_id)
    }

    pub fn on_watchlist(&self, film_id: i64) -> bool {
        self.watchlist.contains(&film_id)
    }

    /// Fuzzy search.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search.search(query, limit)
    }

    /// Ranks films for a mood with the default ranker (the local embedding model).
    pub fn recommend(&self, query: &MoodQuery, limit: usize) -> Result<Vec<Recommendation>> {
        self.recommend_with(Ranker::Embedding, query, limit)
    }

    /// Ranks films with a chosen ranker (the baseline stays for evaluation).
    pub fn recommend_with(
        &self,
        ranker: Ranker,
        query: &MoodQuery,
        limit: usize,
    ) -> Result<Vec<Recommendation>> {
        self.recommend_where(ranker, query, limit, None)
    }

    /// Like [`Library::recommend_with`], ranking only the films `only` keeps (the TUI's
    /// filters: genre, decade, unwatched...).
    pub fn recommend_where(
        &self,
        ranker: Ranker,
        query: &MoodQuery,
        limit: usize,
        only: Option<&dyn Fn(&Film) -> bool>,
    ) -> Result<Vec<Recommendation>> {
        let parts = |space| Parts {
            films: &self.films,
            by_id: Some(&self.by_id),
            watches: &self.history,
            space,
            config: &self.config,
            now: self.clock.now(),
        };
        match ranker {
            Ranker::Baseline => Ok(parts(None).rank(query, limit, only, None)),
            Ranker::Embedding => {
                if self.building.get() && !self.space_ready() {
                    return Err(Error::Invalid("still reading the embedding model".into()));
                }
                let space = self.space()?;
                let extra = (self.outcomes(), self.priors());
                Ok(parts(Some(space)).rank(query, limit, only, Some((&extra.0, &extra.1))))
            }
        }
    }

    /// Everything a ranking reads, shared or copied, to rank on another thread (the TUI
    /// re-ranks off its UI thread). Builds the embedding space first if needed.
    pub fn rank_snapshot(&self) -> Result<RankSnapshot> {
        if self.building.get() && !self.space_ready() {
            return Err(Error::Invalid("still reading the embedding model".into()));
        }
        self.space()?;
        self.series();
        let (Some(space), Some(series)) = (self.space.get(), self.series.get()) else {
            return Err(Error::Invalid("the embedding space is not built".into()));
        };
        Ok(RankSnapshot {
            films: Arc::clone(&self.films),
            watches: self.history.clone(),
            space: Arc::clone(space),
            quality: Arc::clone(&self.quality),
            series: Arc::clone(series),
            outcomes: self.outcomes(),
            config: self.config.clone(),
            now: self.clock.now(),
        })
    }

    /// The film night and late-night flag of a time, by the configured rules.
    pub fn night_of(&self, at: &WatchedAt) -> (chrono::NaiveDate, Option<bool>) {
        let r = &self.config.night;
        (at.film_night(r), at.late_night(r))
    }
}

/// "Title (Year) — Director" for candidate lists.
pub fn describe(f: &Film) -> String {
    let dirs = f.directors().join(", ");
    if dirs.is_empty() {
        format!("  {}", f.label())
    } else {
        format!("  {} — {dirs}", f.label())
    }
}

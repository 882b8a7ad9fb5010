//! Building the embedding space from owned inputs, so it can run on another thread.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::embed::space::SpaceParts;
use crate::embed::{Embedder, MoodSpace, VectorProgress};
use crate::error::Result;
use crate::image::Pending;
use crate::model::Film;
use crate::store::{CachedVectors, Store, TermRow};

/// A space built by a [`SpaceJob`], with the vectors it had to compute.
pub struct Built {
    pub space: Arc<MoodSpace>,
    pub fresh: crate::embed::space::Fresh,
    /// The start-up image to write, when the space came from the cache alone (computed
    /// vectors change the database, which makes an image written now stale at once).
    pub image: Option<Pending>,
}

/// Where the space's vectors come from.
pub(super) enum Source {
    /// The database's vector cache (what it lacks is computed).
    Cache {
        films: CachedVectors,
        terms: Vec<TermRow>,
    },
    /// A start-up image, read with the catalog. If its model is not the one configured now,
    /// the cache of the database at `db` is read instead.
    Image {
        parts: SpaceParts,
        db: Option<PathBuf>,
    },
}

/// The inputs of the embedding space, owned, so it can be built on another thread.
pub struct SpaceJob {
    pub(super) model_dir: Option<std::path::PathBuf>,
    /// Shared with the library, not copied (a million films take about a gigabyte).
    pub(super) films: Arc<Vec<Film>>,
    pub(super) vocab: crate::catalog::vocab::Vocabulary,
    pub(super) stop_en: HashSet<String>,
    pub(super) source: Source,
    pub(super) image: Option<Pending>,
}

impl SpaceJob {
    /// Loads the model and builds the space (reporting (done, total) for film vectors).
    pub fn run(self, progress: VectorProgress<'_>) -> Result<Built> {
        let embedder = load_model(self.model_dir.as_deref());
        self.run_with(embedder, progress)
    }

    /// [`SpaceJob::run`] with the model already loaded (start-up loads it beside the catalog
    /// read); it must be the model of `model_dir` ([`load_model`]).
    pub fn run_with(
        self,
        embedder: Result<Embedder>,
        progress: VectorProgress<'_>,
    ) -> Result<Built> {
        let t0 = std::time::Instant::now();
        let embedder = embedder?;
        let t1 = t0.elapsed();
        let (cached_films, cached_terms) = match self.source {
            Source::Cache { films, terms } => (films, terms),
            Source::Image { parts, db } => {
                let ids = self.films.iter().map(|f| f.id);
                match MoodSpace::from_image(embedder, parts, self.stop_en.clone(), ids) {
                    Ok(space) => {
                        return Ok(Built {
                            space: Arc::new(space),
                            fresh: Default::default(),
                            image: None,
                        });
                    }
                    Err(embedder) => {
                        tracing::info!("the start-up image was built with another model");
                        let cache = match &db {
                            Some(path) => {
                                let store = Store::open_reader(path)?;
                                (
                                    store.cached_vectors(self.films.len())?,
                                    store.all_term_vectors()?,
                                )
                            }
                            None => Default::default(),
                        };
                        let job = SpaceJob {
                            source: Source::Cache {
                                films: cache.0,
                                terms: cache.1,
                            },
                            ..self
                        };
                        return job.run_with(Ok(embedder), progress);
                    }
                }
            }
        };
        let cached_terms: HashMap<String, (Vec<i8>, f32)> = cached_terms
            .into_iter()
            .filter(|(model, ..)| model == embedder.id())
            .map(|(_, term, v, s)| (term, (v, s)))
            .collect();
        let (space, fresh) = MoodSpace::build(
            embedder,
            &self.films,
            &self.vocab,
            self.stop_en,
            &cached_films,
            &cached_terms,
            progress,
        );
        tracing::debug!("space job: model {t1:?}, build {:?}", t0.elapsed() - t1);
        let clean = fresh.films.is_empty() && fresh.terms.is_empty();
        Ok(Built {
            space: Arc::new(space),
            fresh,
            image: self.image.filter(|_| clean),
        })
    }
}

/// The embedding model a config names: the directory given, else the built-in one.
pub fn load_model(model_dir: Option<&std::path::Path>) -> Result<Embedder> {
    match model_dir {
        Some(dir) => Embedder::from_dir(dir),
        None => Embedder::builtin(),
    }
}

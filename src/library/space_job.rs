//! Building the embedding space from owned inputs, so it can run on another thread.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::embed::{Embedder, MoodSpace, VectorProgress};
use crate::error::Result;
use crate::model::Film;

/// A space built by a [`SpaceJob`], with the vectors it had to compute.
pub struct Built {
    pub space: MoodSpace,
    pub fresh: crate::embed::space::Fresh,
}

/// The inputs of the embedding space, owned, so it can be built on another thread.
pub struct SpaceJob {
    pub(super) model_dir: Option<std::path::PathBuf>,
    /// Shared with the library, not copied (a million films take about a gigabyte).
    pub(super) films: Arc<Vec<Film>>,
    pub(super) vocab: crate::catalog::vocab::Vocabulary,
    pub(super) stop_en: HashSet<String>,
    pub(super) cached_films: crate::store::CachedVectors,
    pub(super) cached_terms: Vec<crate::store::TermRow>,
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
        let cached_terms: HashMap<String, (Vec<i8>, f32)> = self
            .cached_terms
            .into_iter()
            .filter(|(model, ..)| model == embedder.id())
            .map(|(_, term, v, s)| (term, (v, s)))
            .collect();
        let (space, fresh) = MoodSpace::build(
            embedder,
            &self.films,
            &self.vocab,
            self.stop_en,
            &self.cached_films,
            &cached_terms,
            progress,
        );
        tracing::debug!("space job: model {t1:?}, build {:?}", t0.elapsed() - t1);
        Ok(Built { space, fresh })
    }
}

/// The embedding model a config names: the directory given, else the built-in one.
pub fn load_model(model_dir: Option<&std::path::Path>) -> Result<Embedder> {
    match model_dir {
        Some(dir) => Embedder::from_dir(dir),
        None => Embedder::builtin(),
    }
}

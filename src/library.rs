//! The open library: catalog and diary in memory over the store — the API the TUI and CLI share.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use serde::Serialize;

use crate::catalog::ensure_seeded;
use crate::config::Config;
use crate::embed::{Embedder, MoodSpace, VectorProgress};
use crate::error::{Error, Result};
use crate::model::{Film, NewWatch, Watch};
use crate::mood::{MoodQuery, MoodResolver};
use crate::recommend::Recommendation;
use crate::recommend::baseline::{RankInput, rank_tag_overlap};
use crate::recommend::embedding::rank_embedding;
use crate::search::{Hit, SearchIndex};
use crate::store::{OpenReport, SeedReport, Store};
use crate::text::title_key;
use crate::time::{Clock, WatchedAt};

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

/// Catalog, diary and watchlist in memory, written through to the store.
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

pub struct Library {
    store: Store,
    films: Vec<Film>,
    by_id: HashMap<i64, usize>,
    watches: Vec<Watch>,
    watchlist: HashSet<i64>,
    search: SearchIndex,
    space: OnceLock<MoodSpace>,
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

    /// Wraps an already open store.
    /// The embedding space is built on first use ([`Library::space`]).
    pub fn from_store(store: Store, config: Config, clock: Clock) -> Result<Library> {
        let films = store.films()?;
        let by_id = films.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
        let search = SearchIndex::new(&films);
        let watches = store.watches()?;
        let watchlist = store.watchlist()?.into_iter().collect();
        let resolver = MoodResolver::builtin()?;
        Ok(Library {
            store,
            films,
            by_id,
            watches,
            watchlist,
            search,
            space: OnceLock::new(),
            resolver,
            config,
            clock,
        })
    }

    /// The embedding space (model, term and film vectors), built on first use.
    pub fn space(&self) -> Result<&MoodSpace> {
        self.space_with_progress(&mut |_, _| {})
    }

    /// Like [`Library::space`], reporting (done, total) while film vectors are rebuilt (only
    /// films whose vector is not cached for this model and document are counted).
    pub fn space_with_progress(&self, progress: VectorProgress<'_>) -> Result<&MoodSpace> {
        if let Some(s) = self.space.get() {
            return Ok(s);
        }
        let t0 = std::time::Instant::now();
        let embedder = match &self.config.model_dir {
            Some(dir) => Embedder::from_dir(dir)?,
            None => Embedder::builtin()?,
        };
        let t1 = t0.elapsed();
        let cached_films = self.store.film_vectors()?;
        let cached_terms = self.store.term_vectors(embedder.id())?;
        let t2 = t0.elapsed();
        let model_id = embedder.id().to_string();
        let (space, fresh) = MoodSpace::build(
            embedder,
            &self.films,
            &self.resolver.vocab,
            self.resolver.lexicon.stop_en.clone(),
            &cached_films,
            &cached_terms,
            progress,
        );
        let t3 = t0.elapsed();
        let write = self
            .store
            .put_term_vectors(&model_id, &fresh.terms)
            .and_then(|()| self.store.put_film_vectors(&fresh.films));
        if let Err(e) = write {
            // The vectors are in memory; only the cache could not be written (read-only file).
            tracing::warn!("could not cache vectors: {e}");
        }
        tracing::debug!(
            "space: model {t1:?}, cache read {:?}, build {:?} ({} terms, {} films fresh), write {:?}",
            t2 - t1,
            t3 - t2,
            fresh.terms.len(),
            fresh.films.len(),
            t0.elapsed() - t3
        );
        Ok(self.space.get_or_init(|| space))
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn films(&self) -> &[Film] {
        &self.films
    }

    pub fn film(&self, id: i64) -> Option<&Film> {
        self.by_id.get(&id).map(|i| &self.films[*i])
    }

    /// Every viewing, newest first.
    pub fn watches(&self) -> &[Watch] {
        &self.watches
    }

    /// Viewings of one film, newest first.
    pub fn watches_of(&self, film_id: i64) -> impl Iterator<Item = &Watch> {
        self.watches.iter().filter(move |w| w.film_id == film_id)
    }

    pub fn on_watchlist(&self, film_id: i64) -> bool {
        self.watchlist.contains(&film_id)
    }

    /// Puts a film on the watchlist or takes it off.
    pub fn toggle_watchlist(&mut self, film_id: i64) -> Result<bool> {
        let on = self
            .store
            .toggle_watchlist(film_id)
            .map_err(|e| self.db_err(e))?;
        if on {
            self.watchlist.insert(film_id);
        } else {
            self.watchlist.remove(&film_id);
        }
        Ok(on)
    }

    /// Fuzzy search.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search.search(query, limit)
    }

    /// Resolves a typed mood (no critiques). English words the lexicon does not list but the
    /// embedding model knows as whole words count as understood.
    pub fn mood(&self, text: &str) -> MoodQuery {
        let q = self.resolver.resolve(text);
        self.understand(q)
    }

    /// Resolves a mood with "more of" / "less of" critiques.
    pub fn mood_with_critiques(&self, text: &str, more: &[String], less: &[String]) -> MoodQuery {
        let q = self.resolver.resolve(text);
        let q = self.resolver.critique(q, more, less);
        self.understand(q)
    }

    fn understand(&self, mut q: MoodQuery) -> MoodQuery {
        let Ok(space) = self.space() else {
            return q;
        };
        let e = space.embedder();
        let (known, unknown): (Vec<String>, Vec<String>) =
            q.unknown.into_iter().partition(|w| e.knows(w));
        q.unknown = unknown;
        q.understood
            .extend(known.into_iter().map(|w| (w, Vec::new())));
        q
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
        let input = RankInput {
            films: &self.films,
            watches: &self.watches,
            query,
            now: self.clock.now(),
            limit,
        };
        Ok(match ranker {
            Ranker::Baseline => rank_tag_overlap(&input),
            Ranker::Embedding => {
                let space = self.space()?;
                let q = space.query_vector(query);
                rank_embedding(&input, space, q.as_deref())
            }
        })
    }

    /// Finds the one film a typed title means: exact title or original title (case, accents
    /// and a moved article ignored), narrowed by year. Unknown or ambiguous titles are errors
    /// that list candidates.
    pub fn resolve_title(&self, title: &str, year: Option<i32>) -> Result<&Film> {
        let want = title_key(title);
        let exact: Vec<&Film> = self
            .films
            .iter()
            .filter(|f| title_key(&f.title) == want || title_key(&f.original_title) == want)
            .filter(|f| year.is_none_or(|y| f.year == Some(y)))
            .collect();
        match exact.as_slice() {
            [one] => Ok(one),
            [] => {
                let cands: Vec<String> = self
                    .search(title, 5)
                    .iter()
                    .filter_map(|h| self.film(h.film_id))
                    .map(describe)
                    .collect();
                Err(Error::UnknownFilm {
                    query: title.to_string(),
                    hint: if cands.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean:\n{}", cands.join("\n"))
                    },
                })
            }
            many => Err(Error::AmbiguousFilm {
                query: title.to_string(),
                candidates: many
                    .iter()
                    .map(|f| describe(f))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n(add --year to choose)",
            }),
        }
    }

    /// Writes a viewing and returns what was logged.
    pub fn log(&mut self, w: NewWatch) -> Result<Logged> {
        let film = self
            .film(w.film_id)
            .ok_or_else(|| Error::Invalid(format!("no film with id {}", w.film_id)))?
            .clone();
        let id = self.store.insert_watch(&w).map_err(|e| self.db_err(e))?;
        self.reload_diary()?;
        let rules = &self.config.night;
        Ok(Logged {
            watch_id: id,
            film_id: film.id,
            title: film.title,
            year: film.year,
            watched_at: w.watched_at.to_stored(),
            film_night: w.watched_at.film_night(rules).to_string(),
            late_night: w.watched_at.late_night(rules),
        })
    }

    /// Changes a viewing.
    pub fn update_watch(&mut self, id: i64, w: &NewWatch) -> Result<()> {
        self.store.update_watch(id, w).map_err(|e| self.db_err(e))?;
        self.reload_diary()
    }

    /// Deletes a viewing and returns it (so it can be restored).
    pub fn delete_watch(&mut self, id: i64) -> Result<Watch> {
        let w = self.store.delete_watch(id).map_err(|e| self.db_err(e))?;
        self.reload_diary()?;
        Ok(w)
    }

    /// Names the database in an SQLite error and says what it means (disk full, locked...).
    fn db_err(&self, e: Error) -> Error {
        match self.store.path() {
            Some(p) => e.with_db(p),
            None => e,
        }
    }

    fn reload_diary(&mut self) -> Result<()> {
        self.watches = self.store.watches()?;
        Ok(())
    }

    /// Statistics over the whole diary.
    pub fn stats(&self) -> crate::stats::Stats {
        let today = self.config.night.film_night(&self.clock.now());
        crate::stats::compute(&self.watches, |id| self.film(id), &self.config.night, today)
    }

    /// The film night and late-night flag of a time, by the configured rules.
    pub fn night_of(&self, at: &WatchedAt) -> (chrono::NaiveDate, Option<bool>) {
        let r = &self.config.night;
        (at.film_night(r), at.late_night(r))
    }
}

/// "Title (Year) — Director" for candidate lists.
pub fn describe(f: &Film) -> String {
    let dirs = f.directors.join(", ");
    if dirs.is_empty() {
        format!("  {}", f.label())
    } else {
        format!("  {} — {dirs}", f.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys() {
        assert_eq!(title_key("Mirror, The"), "mirror");
        assert_eq!(title_key("The Mirror"), "mirror");
        assert_eq!(title_key("Amélie"), "amelie");
        assert_eq!(title_key("Paris, Texas"), "paris texas");
        assert_eq!(title_key("2046"), "2046");
    }
}

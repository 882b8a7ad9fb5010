//! Ranking over borrowed parts of the library, and the snapshot the TUI's worker thread
//! ranks with.

use std::sync::Arc;

use crate::config::Config;
use crate::embed::MoodSpace;
use crate::model::{Film, Watch};
use crate::mood::MoodQuery;
use crate::recommend::Recommendation;
use crate::recommend::baseline::{RankInput, rank_tag_overlap};
use crate::recommend::embedding::{Priors, rank_embedding};
use crate::recommend::series::SeriesIndex;

/// What one ranking reads, borrowed from a [`Library`] or a [`RankSnapshot`].
pub(super) struct Parts<'a> {
    pub(super) films: &'a [Film],
    /// Film id → index in `films` (else the space's rows tell).
    pub(super) by_id: Option<&'a crate::ids::IdIndex>,
    pub(super) watches: &'a [Watch],
    /// The embedding space; `None` ranks by tag overlap (the baseline).
    pub(super) space: Option<&'a MoodSpace>,
    pub(super) config: &'a Config,
    pub(super) now: chrono::DateTime<chrono::FixedOffset>,
}

impl Parts<'_> {
    /// Ranks for `query` among the films `only` keeps (and not after bedtime when the config
    /// hides those), with "ends by" filled in. `extra` (outcomes, priors) is for the
    /// embedding ranker.
    pub(super) fn rank(
        &self,
        query: &MoodQuery,
        limit: usize,
        only: Option<&dyn Fn(&Film) -> bool>,
        extra: Option<(&[crate::recommend::outcome::Outcome], &Priors<'_>)>,
    ) -> Vec<Recommendation> {
        let now = self.now;
        let rules = &self.config.night;
        let hide = self.config.hide_after_bedtime && rules.bedtime.is_some();
        let after_bedtime = |f: &Film| {
            f.runtime
                .is_some_and(|rt| rules.ends_after_bedtime(&now, rt))
        };
        // Where and when the mood asks ("korean", "the 1970s") keeps those films, when the
        // catalog has any: a catalog without them gets the mood's other parts.
        let facts = query.has_facts() && self.films.iter().any(|f| query.fits_facts(f));
        let keep = |f: &Film| {
            (!hide || !after_bedtime(f))
                && only.is_none_or(|o| o(f))
                && (!facts || query.fits_facts(f))
                && !query.exclude.contains(&f.id)
        };
        let input = RankInput {
            films: self.films,
            watches: self.watches,
            query,
            now,
            limit,
            keep: if hide || only.is_some() || facts || !query.exclude.is_empty() {
                Some(&keep)
            } else {
                None
            },
        };
        let mut recs = match (self.space, extra) {
            (Some(space), Some((outcomes, priors))) => {
                let q = space.query_vector(query);
                rank_embedding(
                    &input,
                    space,
                    q.as_deref(),
                    &self.config.weights,
                    rules,
                    outcomes,
                    priors,
                )
            }
            _ => rank_tag_overlap(&input),
        };
        let film_of = |id: i64| match (self.by_id, self.space) {
            (Some(by_id), _) => by_id.get(id).and_then(|i| self.films.get(i)),
            (None, Some(space)) => space.row_of(id).and_then(|i| self.films.get(i)),
            (None, None) => self.films.iter().find(|f| f.id == id),
        };
        for r in &mut recs {
            if let Some(rt) = film_of(r.film_id).and_then(|f| f.runtime) {
                let end = now + chrono::Duration::minutes(i64::from(rt));
                r.ends_by = Some(end.format("%H:%M").to_string());
                r.after_bedtime = rules.ends_after_bedtime(&now, rt);
            }
        }
        recs
    }
}

/// A library's ranking inputs at one moment, owned or shared, so that ranking can run on
/// another thread (see [`Library::rank_snapshot`]).
pub struct RankSnapshot {
    pub(super) films: Arc<Vec<Film>>,
    pub(super) watches: Vec<Watch>,
    pub(super) space: Arc<MoodSpace>,
    pub(super) quality: Arc<Vec<f32>>,
    pub(super) series: Arc<SeriesIndex>,
    pub(super) outcomes: Vec<crate::recommend::outcome::Outcome>,
    pub(super) config: Config,
    pub(super) now: chrono::DateTime<chrono::FixedOffset>,
}

impl RankSnapshot {
    /// The same ranking as [`Library::recommend_where`] with the embedding ranker.
    pub fn recommend(
        &self,
        query: &MoodQuery,
        limit: usize,
        only: Option<&dyn Fn(&Film) -> bool>,
    ) -> Vec<Recommendation> {
        let parts = Parts {
            films: &self.films,
            by_id: None,
            watches: &self.watches,
            space: Some(&self.space),
            config: &self.config,
            now: self.now,
        };
        let priors = Priors {
            quality: &self.quality,
            series: Some(&self.series),
        };
        parts.rank(query, limit, only, Some((&self.outcomes, &priors)))
    }
}

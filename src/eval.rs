//! Offline evaluation on a real diary: a chronological holdout. The first 80% of the viewings
//! build the profile, with the films marked seen (rated or watched without a diary entry)
//! on a day before the holdout begins; 50 films are recommended without a mood at that
//! moment; a hit is a film of the last 20% (not seen before it, and in the catalog proper, not
//! a stub an import had to create) among the 50. No list holds a film already seen. Three
//! lists are compared: the most popular films, taste alone, and the full model.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::{Config, Weights};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::{Film, Watch};
use crate::mood::MoodQuery;
use crate::recommend::baseline::RankInput;
use crate::recommend::embedding::{Priors, rank_embedding};
use crate::time::WatchedAt;

/// How many films each list holds.
pub const LIST: usize = 50;

/// Hits of each list on one diary.
#[derive(Debug, Clone, Serialize)]
pub struct Holdout {
    pub viewings: usize,
    /// Viewings and earlier marks the profile is built from.
    pub train: usize,
    /// Distinct catalog films first watched in the last 20%.
    pub targets: usize,
    pub popularity: usize,
    pub taste: usize,
    pub full: usize,
}

impl Holdout {
    pub fn rate(hits: usize, targets: usize) -> f64 {
        if targets == 0 {
            0.0
        } else {
            hits as f64 / targets as f64
        }
    }
}

fn when(w: &Watch) -> chrono::NaiveDateTime {
    match w.watched_at {
        WatchedAt::At(t) => t.naive_local(),
        WatchedAt::Date(d) => d.and_hms_opt(12, 0, 0).unwrap_or_default(),
    }
}

/// Films an import created because nothing in the catalog matched them (no facts to rank by).
fn is_stub(f: &Film) -> bool {
    f.source.starts_with("import:letterboxd") || f.source.starts_with("import:json")
}

/// Runs the holdout on the library's whole diary. `popularity` gives each film's popularity
/// (e.g. TMDB votes); films without one count as 0.
pub fn holdout(lib: &Library, popularity: &HashMap<i64, f64>) -> Result<Holdout> {
    holdout_with(lib, popularity, &Config::default().weights)
}

/// [`holdout`] with the full model's weights given (to justify the defaults).
pub fn holdout_with(
    lib: &Library,
    popularity: &HashMap<i64, f64>,
    full: &Weights,
) -> Result<Holdout> {
    holdout_with_prior(lib, popularity, full, lib.quality())
}

/// [`holdout_with`] with the full model's quality prior given too (library order).
pub fn holdout_with_prior(
    lib: &Library,
    popularity: &HashMap<i64, f64>,
    full: &Weights,
    prior: &[f32],
) -> Result<Holdout> {
    let mut watches: Vec<Watch> = lib.watches().to_vec();
    watches.sort_by_key(when);
    if watches.len() < 10 {
        return Err(Error::Invalid(format!(
            "a holdout needs at least 10 viewings; this diary has {}",
            watches.len()
        )));
    }
    let cut = watches.len() * 8 / 10;
    let (train, test) = watches.split_at(cut);
    // What the viewer had marked seen by then (a mark's day is when it was recorded, so the
    // film was seen by that day; undated marks cannot be placed and are left out).
    let start = when(&test[0]).date();
    let mut train = train.to_vec();
    for m in lib.store().marks()? {
        if let Some(w) = crate::library::seen_viewing(&m).filter(|w| when(w).date() < start) {
            train.push(w);
        }
    }
    let train = &train[..];
    let seen: HashSet<i64> = train.iter().map(|w| w.film_id).collect();
    let targets: HashSet<i64> = test
        .iter()
        .map(|w| w.film_id)
        .filter(|id| !seen.contains(id))
        .filter(|id| lib.film(*id).is_some_and(|f| !is_stub(f)))
        .collect();
    // The moment the holdout begins, in the diary's own offset when it has one.
    let first = &test[0];
    let now = match first.watched_at {
        WatchedAt::At(t) => t - chrono::Duration::minutes(1),
        WatchedAt::Date(d) => d
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default()
            .and_utc()
            .fixed_offset(),
    };
    let candidate = |f: &Film| !seen.contains(&f.id) && !is_stub(f);
    let hits = |ids: &[i64]| ids.iter().filter(|id| targets.contains(id)).count();

    let mut popular: Vec<&Film> = lib.films().iter().filter(|f| candidate(f)).collect();
    popular.sort_by(|a, b| {
        let (pa, pb) = (
            popularity.get(&a.id).copied().unwrap_or(0.0),
            popularity.get(&b.id).copied().unwrap_or(0.0),
        );
        pb.total_cmp(&pa).then(a.id.cmp(&b.id))
    });
    let popular_ids: Vec<i64> = popular.iter().take(LIST).map(|f| f.id).collect();

    let space = lib.space()?;
    let query = MoodQuery::default();
    let rank = |weights: &Weights| -> Vec<i64> {
        let input = RankInput {
            films: lib.films(),
            watches: train,
            query: &query,
            now,
            limit: LIST,
            keep: Some(&candidate),
        };
        rank_embedding(
            &input,
            space,
            None,
            weights,
            &lib.config.night,
            &[],
            &Priors {
                quality: prior,
                series: Some(lib.series()),
            },
        )
        .into_iter()
        .map(|r| r.film_id)
        .collect()
    };
    let taste_only = Weights {
        late_night: 0.0,
        diversity: 0.0,
        outcome: 0.0,
        quality: 0.0,
        quality_no_mood: 0.0,
        series: 0.0,
        ..lib.config.weights
    };
    Ok(Holdout {
        viewings: watches.len(),
        train: train.len(),
        targets: targets.len(),
        popularity: hits(&popular_ids),
        taste: hits(&rank(&taste_only)),
        full: hits(&rank(full)),
    })
}

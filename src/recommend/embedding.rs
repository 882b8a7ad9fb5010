//! The default ranker: mood fit from the local embedding model (see `embed::space`), a taste
//! profile and a late-night profile built from the diary as vectors in the same space, minus
//! penalties for films just watched or rated low, then diversity (MMR) over the top.

use super::Recommendation;
use super::baseline::{Penalties, RankInput};
use super::choose::{because, because_of, diversify};
pub use super::directions::Profiles;
use super::directions::outcome_directions;
use super::outcome::{Outcome, affect};
use super::series::SeriesIndex;
use crate::config::Weights;
use crate::embed::MoodSpace;
use crate::model::Watch;
use crate::time::{NightRules, WatchedAt};

/// How far one critique moves a film that carries its direction fully.
const NUDGE_WEIGHT: f32 = 0.3;
/// Catalogs up to this size are scored exactly; larger ones compute the best-three term fit
/// only for this many front-runners.
const EXACT_LIMIT: usize = 50_000;
/// A series share (of title words) from which a watched film of the series is the reason.
const SERIES_BECAUSE: f32 = 0.3;

/// What the ranker knows besides the vectors: each film's quality prior (library order, 0–1)
/// and the title index that finds the rest of a series.
#[derive(Debug, Default, Clone, Copy)]
pub struct Priors<'a> {
    pub quality: &'a [f32],
    pub series: Option<&'a SeriesIndex>,
}

/// Ranks `input.films` (which must be the films `space` was built over, in the same order) for
/// the query vector `q` (`None`: no mood, taste alone). Best first.
///
/// Every film is scored from dense arrays (one pass over the vector matrix for all the
/// directions at once, split over the cores for large catalogs); explanations are built only
/// for the few hundred candidates that reach diversity.
pub fn rank_embedding(
    input: &RankInput<'_>,
    space: &MoodSpace,
    q: Option<&[f32]>,
    weights: &Weights,
    rules: &NightRules,
    outcomes: &[Outcome],
    priors: &Priors<'_>,
) -> Vec<Recommendation> {
    let films = input.films;
    let n = films.len();
    let row_of = |id: i64| space.row_of(id);
    let profiles = Profiles::build(
        input.watches,
        &row_of,
        space,
        rules,
        &input.now,
        weights.half_life_days,
    );
    let penalties = Penalties::new(input.watches, &input.now);
    let nudges: Vec<(Vec<f32>, f32)> = space
        .nudge_directions(input.query)
        .into_iter()
        .map(|(dir, sign)| (space.term_sims(&dir), sign))
        .collect();
    // Films that lifted this viewer count more when the mood is low; films that settled
    // them count more when it is tense. Without a mood, a little of both.
    let (lift_dir, settle_dir) = outcome_directions(outcomes, input.watches, &row_of, space);
    let (lift_gain, settle_gain) = match affect(input.query) {
        Some((valence, arousal)) => (
            weights.outcome * (-valence).max(0.0),
            weights.outcome * arousal.max(0.0),
        ),
        None => (weights.outcome * 0.5, 0.0),
    };
    let taste_weight = if q.is_some() { weights.taste } else { 1.0 };
    // Without a mood, what many people watched carries more (the offline evaluation).
    let quality_weight = if q.is_some() {
        weights.quality
    } else {
        weights.quality_no_mood
    };
    let late_weight = if rules.is_late(&input.now) {
        weights.late_night
    } else {
        weights.late_night / 3.0
    };
    // (direction, weight) pairs scanned together; a zero direction or weight is skipped.
    let zero = |v: &[f32]| v.iter().all(|x| *x == 0.0);
    let mut dirs: Vec<(&[f32], f32)> = Vec::new();
    let mut doc_slot = None;
    if let Some(q) = q {
        doc_slot = Some(dirs.len());
        dirs.push((q, 0.0));
    }
    for (v, w) in [
        (profiles.taste.as_slice(), taste_weight),
        (profiles.late.as_slice(), late_weight),
        (lift_dir.as_slice(), lift_gain),
        (settle_dir.as_slice(), settle_gain),
    ] {
        if w > 0.0 && !zero(v) {
            dirs.push((v, w));
        }
    }
    let slices: Vec<&[f32]> = dirs.iter().map(|(v, _)| *v).collect();
    let scans = space.matrix().scores_many(&slices);
    let taste_slot = (!zero(&profiles.taste) && taste_weight > 0.0)
        .then(|| {
            dirs.iter()
                .position(|(v, _)| std::ptr::eq(*v, profiles.taste.as_slice()))
        })
        .flatten();
    let sims = q.map(|q| space.term_sims(q));
    let prior_of = |i: usize| priors.quality.get(i).copied().unwrap_or(0.0);
    // With a mood, the prior is a share of the film's own fit: among films that fit, the
    // widely seen come first, but popularity cannot lift a film that does not fit.
    let fit_with_prior = |i: usize, fit: f32| fit + quality_weight * prior_of(i) * fit.max(0.0);
    let rest_of = |i: usize| -> f32 {
        // Without a mood the prior adds on its own; with one it scales the mood fit (below).
        let mut s = if q.is_some() {
            0.0
        } else {
            quality_weight * prior_of(i)
        };
        for (j, (_, w)) in dirs.iter().enumerate() {
            if Some(j) != doc_slot {
                s += w * scans[j][i];
            }
        }
        // Critiques ("less bleak") move films that carry the direction, as in the
        // tag-genome Movie Tuner: the query moved too, this makes the move visible.
        for (sims, sign) in &nudges {
            s += sign * NUDGE_WEIGHT * space.carries(i, sims);
        }
        s
    };
    let mut scores = match (&sims, doc_slot) {
        (Some(sims), Some(d)) if n > EXACT_LIMIT => {
            // Large catalogs: the best-three term fit (the costly part) only for the films
            // whose document similarity and profile fits put them in the running; the rest
            // are left out. Up to EXACT_LIMIT films every film is scored exactly.
            let cheap = par_scores(n, &|i| fit_with_prior(i, scans[d][i]) + rest_of(i));
            let mut idx: Vec<u32> = (0..n as u32).collect();
            idx.select_nth_unstable_by(EXACT_LIMIT - 1, |a, b| {
                cheap[*b as usize].total_cmp(&cheap[*a as usize])
            });
            let mut scores = vec![f32::NEG_INFINITY; n];
            for &i in &idx[..EXACT_LIMIT] {
                let i = i as usize;
                scores[i] = fit_with_prior(i, space.fit_score(i, sims, scans[d][i])) + rest_of(i);
            }
            scores
        }
        (Some(sims), Some(d)) => par_scores(n, &|i| {
            fit_with_prior(i, space.fit_score(i, sims, scans[d][i])) + rest_of(i)
        }),
        _ => par_scores(n, &rest_of),
    };
    // The rest of a series the viewer has started (by title words), scaled like taste.
    let series_weight = weights.series * if q.is_some() { weights.taste } else { 1.0 };
    // Row → (share, row of the watched film of the same series), for the "because".
    let mut series_of: std::collections::HashMap<usize, (f32, usize)> = Default::default();
    if let Some(series) = priors.series.filter(|_| series_weight > 0.0) {
        // Most recent first: the series being watched now.
        let mut recent: Vec<&Watch> = input.watches.iter().collect();
        let moment = |w: &Watch| match w.watched_at {
            WatchedAt::At(t) => t.timestamp(),
            WatchedAt::Date(d) => d
                .and_hms_opt(12, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp()),
        };
        recent.sort_by_key(|w| std::cmp::Reverse(moment(w)));
        let watched = recent.into_iter().filter_map(|w| row_of(w.film_id));
        for (i, share, from) in series.scores(watched) {
            if let Some(s) = scores.get_mut(i as usize) {
                *s += series_weight * share;
                series_of.insert(i as usize, (share, from as usize));
            }
        }
    }
    for (film_id, p) in penalties.all() {
        if let Some(r) = row_of(film_id) {
            scores[r] -= p;
        }
    }
    if let Some(keep) = input.keep {
        for (i, f) in films.iter().enumerate() {
            if !keep(f) {
                scores[i] = f32::NEG_INFINITY;
            }
        }
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&i| scores[i as usize] > f32::NEG_INFINITY)
        .collect();
    let k = input.limit.min(order.len());
    if k == 0 {
        return Vec::new();
    }
    let by_score = |a: &u32, b: &u32| {
        scores[*b as usize]
            .total_cmp(&scores[*a as usize])
            .then(films[*a as usize].id.cmp(&films[*b as usize].id))
    };
    // Candidates for diversity: a few times the list, best first.
    let pool = (k * 2).max(60).min(order.len());
    if pool < order.len() {
        order.select_nth_unstable_by(pool - 1, by_score);
        order.truncate(pool);
    }
    order.sort_by(by_score);
    let candidates: Vec<Recommendation> = order
        .iter()
        .map(|&i| {
            let i = i as usize;
            let film = &films[i];
            let terms = match (&sims, doc_slot) {
                (Some(sims), Some(d)) => space.fit(i, sims, scans[d][i]).terms,
                _ => Vec::new(),
            };
            let mood_fit = match (&sims, doc_slot) {
                (Some(sims), Some(d)) => space.fit_score(i, sims, scans[d][i]),
                _ => 0.0,
            };
            Recommendation {
                film_id: film.id,
                score: scores[i],
                mood_fit,
                taste_fit: taste_slot.map_or(0.0, |t| scans[t][i]),
                penalty: penalties.of(film.id),
                shared_tags: terms,
                because: None,
                ends_by: None,
                after_bedtime: false,
            }
        })
        .collect();
    let mut out = diversify(candidates, k, weights.diversity, space, films);
    for r in &mut out {
        let series_from = row_of(r.film_id)
            .and_then(|i| series_of.get(&i))
            .filter(|(share, _)| *share >= SERIES_BECAUSE)
            .map(|(_, from)| &films[*from]);
        r.because = match series_from {
            // The same series is the plainest reason: its latest viewing.
            Some(film) => input
                .watches
                .iter()
                .filter(|w| w.film_id == film.id)
                .max_by_key(|w| w.watched_at.sort_key())
                .map(|w| because_of(w, film.title.to_string())),
            None => None,
        }
        .or_else(|| because(r.film_id, &profiles, input.watches, space, films));
    }
    out
}

/// `f(i)` for every row, split over the cores for large catalogs.
fn par_scores(n: usize, f: &(dyn Fn(usize) -> f32 + Sync)) -> Vec<f32> {
    let parts = crate::embed::space::parallelism(n);
    let mut out = vec![0.0f32; n];
    if parts <= 1 {
        out.iter_mut().enumerate().for_each(|(i, o)| *o = f(i));
        return out;
    }
    let chunk = n.div_ceil(parts);
    std::thread::scope(|scope| {
        for (t, piece) in out.chunks_mut(chunk).enumerate() {
            scope.spawn(move || {
                for (k, o) in piece.iter_mut().enumerate() {
                    *o = f(t * chunk + k);
                }
            });
        }
    });
    out
}

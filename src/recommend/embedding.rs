//! The default ranker: mood fit from the local embedding model (see `embed::space`), a taste
//! profile and a late-night profile built from the diary as vectors in the same space, minus
//! penalties for films just watched or rated low, then diversity (MMR) over the top.

use super::baseline::{Penalties, RankInput};
use super::outcome::{Outcome, affect};
use super::series::SeriesIndex;
use super::{Because, Recommendation};
use crate::config::Weights;
use crate::embed::{MoodSpace, normalise};
use crate::model::{Film, Watch};
use crate::time::{NightRules, WatchedAt};

/// How far one critique moves a film that carries its direction fully.
const NUDGE_WEIGHT: f32 = 0.3;
/// A watched film pulls a result up only when their document vectors are this close.
const BECAUSE_MIN_COSINE: f32 = 0.55;
/// Catalogs up to this size are scored exactly; larger ones compute the best-three term fit
/// only for this many front-runners.
const EXACT_LIMIT: usize = 50_000;
/// A series share (of title words) from which a watched film of the series is the reason.
const SERIES_BECAUSE: f32 = 0.3;
/// Only the strongest viewings are considered as the reason a film is there.
const MAX_PULLS: usize = 100;
/// Extra redundancy for a film by a director already in the list (MMR).
const SAME_DIRECTOR: f32 = 0.5;

/// What the ranker knows besides the vectors: each film's quality prior (library order, 0–1)
/// and the title index that finds the rest of a series.
#[derive(Debug, Default, Clone, Copy)]
pub struct Priors<'a> {
    pub quality: &'a [f32],
    pub series: Option<&'a SeriesIndex>,
}

/// The diary as directions in the film space.
pub struct Profiles {
    /// All viewings (unit vector; zero when the diary gives nothing).
    pub taste: Vec<f32>,
    /// Viewings inside the late-night window only.
    pub late: Vec<f32>,
    /// (index in the diary, weight) of viewings that pull results up.
    pub pulls: Vec<(usize, f32)>,
}

impl Profiles {
    /// Ratings count relative to the viewer's own mean; likes and rewatches count more; low
    /// ratings push away; a viewing's weight halves every `half_life_days`.
    pub fn build(
        watches: &[Watch],
        row_of: &dyn Fn(i64) -> Option<usize>,
        space: &MoodSpace,
        rules: &NightRules,
        now: &chrono::DateTime<chrono::FixedOffset>,
        half_life_days: f32,
    ) -> Profiles {
        let dim = space.matrix().dim;
        let mean = super::profile::mean_rating(watches);
        let (mut taste, mut late) = (vec![0.0f32; dim], vec![0.0f32; dim]);
        let mut pulls = Vec::new();
        for (i, w) in watches.iter().enumerate() {
            let Some(row) = row_of(w.film_id) else {
                continue;
            };
            let weight = super::profile::viewing_weight(w, mean, now, half_life_days);
            if weight == 0.0 {
                continue;
            }
            let v = space.matrix().row_f32(row);
            taste.iter_mut().zip(&v).for_each(|(a, b)| *a += weight * b);
            if w.watched_at.late_night(rules) == Some(true) {
                late.iter_mut().zip(&v).for_each(|(a, b)| *a += weight * b);
            }
            if weight > 0.0 {
                pulls.push((i, weight));
            }
        }
        normalise(&mut taste);
        normalise(&mut late);
        pulls.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Profiles { taste, late, pulls }
    }
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
    let rest_of = |i: usize| -> f32 {
        let mut s = quality_weight * priors.quality.get(i).copied().unwrap_or(0.0);
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
            let cheap = par_scores(n, &|i| scans[d][i] + rest_of(i));
            let mut idx: Vec<u32> = (0..n as u32).collect();
            idx.select_nth_unstable_by(EXACT_LIMIT - 1, |a, b| {
                cheap[*b as usize].total_cmp(&cheap[*a as usize])
            });
            let mut scores = vec![f32::NEG_INFINITY; n];
            for &i in &idx[..EXACT_LIMIT] {
                let i = i as usize;
                scores[i] = space.fit_score(i, sims, scans[d][i]) + rest_of(i);
            }
            scores
        }
        (Some(sims), Some(d)) => {
            par_scores(n, &|i| space.fit_score(i, sims, scans[d][i]) + rest_of(i))
        }
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
                .map(|w| because_of(w, film.title.clone())),
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

/// The directions of films that lifted and that settled this viewer (unit, or zero).
fn outcome_directions(
    outcomes: &[Outcome],
    watches: &[Watch],
    row_of: &dyn Fn(i64) -> Option<usize>,
    space: &MoodSpace,
) -> (Vec<f32>, Vec<f32>) {
    let dim = space.matrix().dim;
    let (mut lift, mut settle) = (vec![0.0f32; dim], vec![0.0f32; dim]);
    for o in outcomes {
        let Some(row) = watches.get(o.watch).and_then(|w| row_of(w.film_id)) else {
            continue;
        };
        let v = space.matrix().row_f32(row);
        lift.iter_mut().zip(&v).for_each(|(a, b)| *a += o.lift * b);
        settle
            .iter_mut()
            .zip(&v)
            .for_each(|(a, b)| *a += o.settle * b);
    }
    normalise(&mut lift);
    normalise(&mut settle);
    (lift, settle)
}

/// Maximal marginal relevance: repeatedly takes the candidate whose score, minus `lambda`
/// times its redundancy with what is already chosen (vector similarity above a floor, more
/// for a shared director), is highest. `lambda` 0 keeps the order. Redundancy only grows, so
/// the scores the picks were made on never increase down the list.
fn diversify(
    candidates: Vec<Recommendation>,
    k: usize,
    lambda: f32,
    space: &MoodSpace,
    films: &[Film],
) -> Vec<Recommendation> {
    if lambda <= 0.0 || candidates.len() <= 1 {
        return candidates.into_iter().take(k).collect();
    }
    let m = space.matrix();
    let rows: Vec<usize> = candidates
        .iter()
        .map(|r| space.row_of(r.film_id).unwrap_or(0))
        .collect();
    let mut redundancy = vec![0.0f32; candidates.len()];
    let mut taken = vec![false; candidates.len()];
    let mut order = Vec::with_capacity(k);
    for _ in 0..k.min(candidates.len()) {
        let Some(best) = (0..candidates.len())
            .filter(|&i| !taken[i])
            .max_by(|&a, &b| {
                let sa = candidates[a].score - lambda * redundancy[a];
                let sb = candidates[b].score - lambda * redundancy[b];
                sa.total_cmp(&sb).then(b.cmp(&a))
            })
        else {
            break;
        };
        taken[best] = true;
        order.push((best, candidates[best].score - lambda * redundancy[best]));
        let chosen = &films[rows[best]];
        for i in 0..candidates.len() {
            if taken[i] {
                continue;
            }
            let cos = crate::embed::space::dot_i8(m.row(rows[i]), m.row(rows[best])) as f32
                * m.scale[rows[i]]
                * m.scale[rows[best]];
            let mut r = (cos - 0.5).max(0.0);
            let f = &films[rows[i]];
            if f.directors.iter().any(|d| chosen.directors.contains(d)) {
                r += SAME_DIRECTOR;
            }
            redundancy[i] = redundancy[i].max(r);
        }
    }
    // The reported score is the one the pick was made on, so the list stays sorted by it.
    let mut slots: Vec<Option<Recommendation>> = candidates.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, score)| {
            slots[i].take().map(|mut r| {
                r.score = score;
                r
            })
        })
        .collect()
}

/// The viewing (of another film) closest to this film in the vector space, weighted by its pull.
fn because(
    film_id: i64,
    profiles: &Profiles,
    watches: &[Watch],
    space: &MoodSpace,
    films: &[Film],
) -> Option<Because> {
    let m = space.matrix();
    let me = space.row_of(film_id)?;
    let mut best: Option<(f32, &Watch)> = None;
    for (i, pull) in profiles.pulls.iter().take(MAX_PULLS) {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let Some(other) = space.row_of(w.film_id) else {
            continue;
        };
        let cos = crate::embed::space::dot_i8(m.row(me), m.row(other)) as f32
            * m.scale[me]
            * m.scale[other];
        if cos < BECAUSE_MIN_COSINE {
            continue;
        }
        let s = cos * pull;
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, w));
        }
    }
    best.map(|(_, w)| {
        let title = space
            .row_of(w.film_id)
            .map(|i| films[i].title.clone())
            .unwrap_or_default();
        because_of(w, title)
    })
}

fn because_of(w: &Watch, title: String) -> Because {
    Because {
        watch_id: w.id,
        film_id: w.film_id,
        title,
        when: match w.watched_at {
            WatchedAt::At(t) => t.format("%H:%M").to_string(),
            WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        },
    }
}

//! The default ranker: mood fit from the local embedding model (see `embed::space`), a taste
//! profile and a late-night profile built from the diary as vectors in the same space, minus
//! penalties for films just watched or rated low, then diversity (MMR) over the top.

use std::collections::HashMap;

use super::baseline::{Penalties, RankInput};
use super::outcome::{Outcome, affect};
use super::{Because, Recommendation};
use crate::config::Weights;
use crate::embed::{MoodSpace, dot, normalise};
use crate::model::{Film, Watch};
use crate::time::{NightRules, WatchedAt};

/// How far one critique moves a film that carries its direction fully.
const NUDGE_WEIGHT: f32 = 0.3;
/// A watched film pulls a result up only when their document vectors are this close.
const BECAUSE_MIN_COSINE: f32 = 0.55;
/// Extra redundancy for a film by a director already in the list (MMR).
const SAME_DIRECTOR: f32 = 0.5;

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
        row_of: &HashMap<i64, usize>,
        space: &MoodSpace,
        rules: &NightRules,
        now: &chrono::DateTime<chrono::FixedOffset>,
        half_life_days: f32,
    ) -> Profiles {
        let dim = space.matrix().dim;
        let rated: Vec<f32> = watches
            .iter()
            .filter_map(|w| w.rating.map(|r| r.stars() as f32))
            .collect();
        let mean = if rated.is_empty() {
            3.0
        } else {
            rated.iter().sum::<f32>() / rated.len() as f32
        };
        let (mut taste, mut late) = (vec![0.0f32; dim], vec![0.0f32; dim]);
        let mut pulls = Vec::new();
        for (i, w) in watches.iter().enumerate() {
            let Some(&row) = row_of.get(&w.film_id) else {
                continue;
            };
            let mut weight = match w.rating {
                Some(r) => (r.stars() as f32 - mean) / 2.0 + 0.25,
                None => 0.25,
            };
            if w.liked {
                weight += 0.5;
            }
            if w.rewatch {
                weight += 0.25;
            }
            let days = match w.watched_at {
                WatchedAt::At(t) => (*now - t).num_hours().max(0) as f32 / 24.0,
                WatchedAt::Date(d) => (now.date_naive() - d).num_days().max(0) as f32,
            };
            weight *= 0.5f32.powf(days / half_life_days);
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
        Profiles { taste, late, pulls }
    }
}

/// Ranks `input.films` (which must be the films `space` was built over, in the same order) for
/// the query vector `q` (`None`: no mood, taste alone). Best first.
pub fn rank_embedding(
    input: &RankInput<'_>,
    space: &MoodSpace,
    q: Option<&[f32]>,
    weights: &Weights,
    rules: &NightRules,
    outcomes: &[Outcome],
) -> Vec<Recommendation> {
    let films = input.films;
    let row_of: HashMap<i64, usize> = films.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
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
    let matrix = space.matrix();
    let scan = |v: &[f32]| {
        let mut out = Vec::new();
        if v.iter().any(|x| *x != 0.0) {
            matrix.scores(v, &mut out);
        }
        out
    };
    let docs = q.map(scan).unwrap_or_default();
    let sims = q.map(|q| space.term_sims(q));
    let taste = scan(&profiles.taste);
    let late = scan(&profiles.late);
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
    let lift = if lift_gain > 0.0 {
        scan(&lift_dir)
    } else {
        Vec::new()
    };
    let settle = if settle_gain > 0.0 {
        scan(&settle_dir)
    } else {
        Vec::new()
    };
    let taste_weight = if q.is_some() { weights.taste } else { 1.0 };
    let late_weight = if rules.is_late(&input.now) {
        weights.late_night
    } else {
        weights.late_night / 3.0
    };
    let mut out: Vec<Recommendation> = films
        .iter()
        .enumerate()
        .map(|(i, film)| {
            let (mood_fit, terms) = match &sims {
                Some(sims) => {
                    let fit = space.fit(i, sims, docs.get(i).copied().unwrap_or(0.0));
                    (fit.score, fit.terms)
                }
                None => (0.0, Vec::new()),
            };
            let taste_fit = taste.get(i).copied().unwrap_or(0.0);
            let late_fit = late.get(i).copied().unwrap_or(0.0);
            let penalty = penalties.of(film.id);
            // Critiques ("less bleak") move films that carry the direction, as in the
            // tag-genome Movie Tuner: the query moved too, this makes the move visible.
            let nudge: f32 = nudges
                .iter()
                .map(|(sims, sign)| sign * NUDGE_WEIGHT * space.carries(i, sims))
                .sum();
            Recommendation {
                film_id: film.id,
                score: mood_fit
                    + nudge
                    + taste_weight * taste_fit
                    + late_weight * late_fit
                    + lift_gain * lift.get(i).copied().unwrap_or(0.0)
                    + settle_gain * settle.get(i).copied().unwrap_or(0.0)
                    - penalty,
                mood_fit,
                taste_fit,
                penalty,
                shared_tags: terms,
                because: None,
                ends_by: None,
                after_bedtime: false,
            }
        })
        .collect();
    if let Some(keep) = input.keep {
        out.retain(|r| keep(&films[row_of[&r.film_id]]));
    }
    let k = input.limit.min(out.len());
    if k == 0 {
        return Vec::new();
    }
    let order = |a: &Recommendation, b: &Recommendation| {
        b.score.total_cmp(&a.score).then(a.film_id.cmp(&b.film_id))
    };
    // Candidates for diversity: a few times the list, best first.
    let pool = (k * 4).max(100).min(out.len());
    out.select_nth_unstable_by(pool - 1, order);
    out.truncate(pool);
    out.sort_by(order);
    let mut out = diversify(out, k, weights.diversity, space, &row_of, films);
    for r in &mut out {
        r.because = because(r.film_id, &profiles, input.watches, &row_of, space, films);
    }
    out
}

/// The directions of films that lifted and that settled this viewer (unit, or zero).
fn outcome_directions(
    outcomes: &[Outcome],
    watches: &[Watch],
    row_of: &HashMap<i64, usize>,
    space: &MoodSpace,
) -> (Vec<f32>, Vec<f32>) {
    let dim = space.matrix().dim;
    let (mut lift, mut settle) = (vec![0.0f32; dim], vec![0.0f32; dim]);
    for o in outcomes {
        let Some(&row) = watches.get(o.watch).and_then(|w| row_of.get(&w.film_id)) else {
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
    row_of: &HashMap<i64, usize>,
    films: &[Film],
) -> Vec<Recommendation> {
    if lambda <= 0.0 || candidates.len() <= 1 {
        return candidates.into_iter().take(k).collect();
    }
    let m = space.matrix();
    let rows: Vec<usize> = candidates.iter().map(|r| row_of[&r.film_id]).collect();
    let vecs: Vec<Vec<f32>> = rows.iter().map(|&r| m.row_f32(r)).collect();
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
            let mut r = (dot(&vecs[i], &vecs[best]) - 0.5).max(0.0);
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
    row_of: &HashMap<i64, usize>,
    space: &MoodSpace,
    films: &[Film],
) -> Option<Because> {
    let m = space.matrix();
    let me = *row_of.get(&film_id)?;
    let mine = m.row_f32(me);
    let mut best: Option<(f32, &Watch)> = None;
    for (i, pull) in &profiles.pulls {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let Some(&other) = row_of.get(&w.film_id) else {
            continue;
        };
        let cos = dot(&mine, &m.row_f32(other));
        if cos < BECAUSE_MIN_COSINE {
            continue;
        }
        let s = cos * pull;
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, w));
        }
    }
    best.map(|(_, w)| Because {
        watch_id: w.id,
        film_id: w.film_id,
        title: row_of
            .get(&w.film_id)
            .map(|&i| films[i].title.clone())
            .unwrap_or_default(),
        when: match w.watched_at {
            WatchedAt::At(t) => t.format("%H:%M").to_string(),
            WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        },
    })
}

//! Choosing the final list and saying why: diversity (MMR) over the front-runners, and the
//! viewing that pulled each result up.

use super::directions::Profiles;
use super::{Because, Recommendation};
use crate::embed::MoodSpace;
use crate::model::{Film, Watch};
use crate::time::WatchedAt;

/// A watched film pulls a result up only when their document vectors are this close.
const BECAUSE_MIN_COSINE: f32 = 0.55;
/// Only the strongest viewings are considered as the reason a film is there.
const MAX_PULLS: usize = 100;
/// Extra redundancy for a film by a director already in the list (MMR).
const SAME_DIRECTOR: f32 = 0.5;

/// Maximal marginal relevance: repeatedly takes the candidate whose score, minus `lambda`
/// times its redundancy with what is already chosen (vector similarity above a floor, and
/// more for each chosen film by the same director), is highest. `lambda` 0 keeps the order. Redundancy only grows, so
/// the scores the picks were made on never increase down the list. `rows` are the
/// candidates' rows; each pick comes back with its row.
pub fn diversify(
    candidates: Vec<Recommendation>,
    rows: &[usize],
    k: usize,
    lambda: f32,
    space: &MoodSpace,
    films: &[Film],
) -> Vec<(usize, Recommendation)> {
    if lambda <= 0.0 || candidates.len() <= 1 {
        return rows.iter().copied().zip(candidates).take(k).collect();
    }
    let m = space.matrix();
    // Redundancy: the closest chosen film's similarity, plus a share for every chosen film
    // by the same director (a third film by one director costs more than a second).
    let mut alike = vec![0.0f32; candidates.len()];
    let mut same_director = vec![0.0f32; candidates.len()];
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
            let cos = m.row_cosine(rows[i], rows[best]);
            alike[i] = alike[i].max((cos - 0.5).max(0.0));
            let f = &films[rows[i]];
            if f.directors().iter().any(|d| chosen.directors().contains(d)) {
                same_director[i] += SAME_DIRECTOR;
            }
            redundancy[i] = alike[i] + same_director[i];
        }
    }
    // The reported score is the one the pick was made on, so the list stays sorted by it.
    let mut slots: Vec<Option<Recommendation>> = candidates.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, score)| {
            slots[i].take().map(|mut r| {
                r.score = score;
                (rows[i], r)
            })
        })
        .collect()
}

/// The viewing (of another film) closest to the film at row `me` in the vector space,
/// weighted by its pull; closeness counts most (cos⁴ × pull), so the reason is the film most
/// like this one among those that pull, not the most loved of the loosely alike ("The
/// Godfather — because you watched Goodfellas", not "... The Killer"). `rows` holds each
/// viewing's film row.
pub fn because(
    me: usize,
    profiles: &Profiles,
    watches: &[Watch],
    rows: &[Option<usize>],
    space: &MoodSpace,
    films: &[Film],
) -> Option<Because> {
    let m = space.matrix();
    let film_id = films[me].id;
    let mut best: Option<(f32, &Watch, usize)> = None;
    for (i, pull) in profiles.pulls.iter().take(MAX_PULLS) {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let Some(other) = rows[*i] else {
            continue;
        };
        let cos = m.row_cosine(me, other);
        if cos < BECAUSE_MIN_COSINE {
            continue;
        }
        let s = cos.powi(4) * pull;
        if best.is_none_or(|(b, ..)| s > b) {
            best = Some((s, w, other));
        }
    }
    best.map(|(_, w, other)| because_of(w, films[other].title.to_string()))
}

pub fn because_of(w: &Watch, title: String) -> Because {
    Because {
        watch_id: w.id,
        film_id: w.film_id,
        title,
        when: match w.watched_at {
            // The day a film was marked seen is not the day it was watched.
            _ if w.is_seen_mark() => String::new(),
            WatchedAt::At(t) => t.format("%H:%M").to_string(),
            WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        },
    }
}

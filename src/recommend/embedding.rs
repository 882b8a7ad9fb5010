//! The default ranker: mood fit from the local embedding model (see `embed::space`), plus the
//! taste profile from the diary, minus penalties for films just watched or rated low.

use std::collections::HashMap;

use super::baseline::{Penalties, RankInput};
use super::{Because, Recommendation, TasteProfile};
use crate::embed::MoodSpace;
use crate::model::Watch;
use crate::time::WatchedAt;

/// Weight of the taste fit next to a mood, and alone.
const TASTE_WITH_MOOD: f32 = 0.35;
const TASTE_ALONE: f32 = 1.0;
/// How far one critique moves a film that carries its direction fully.
const NUDGE_WEIGHT: f32 = 0.3;
/// A watched film pulls a result up only when their document vectors are this close.
const BECAUSE_MIN_COSINE: f32 = 0.55;

/// Ranks `input.films` (which must be the films `space` was built over, in the same order) for
/// the query vector `q` (`None`: no mood, taste alone). Best first.
pub fn rank_embedding(
    input: &RankInput<'_>,
    space: &MoodSpace,
    q: Option<&[f32]>,
) -> Vec<Recommendation> {
    let nudges: Vec<(Vec<f32>, f32)> = space
        .nudge_directions(input.query)
        .into_iter()
        .map(|(dir, sign)| (space.term_sims(&dir), sign))
        .collect();
    let films = input.films;
    let row_of: HashMap<i64, usize> = films.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    let profile = TasteProfile::build(
        input.watches,
        |id| row_of.get(&id).map(|&i| &films[i]),
        &input.now,
    );
    let penalties = Penalties::new(input.watches, &input.now);
    let matrix = space.matrix();
    let mut docs = Vec::new();
    let sims = q.map(|q| {
        matrix.scores(q, &mut docs);
        space.term_sims(q)
    });
    let taste_weight = if q.is_some() {
        TASTE_WITH_MOOD
    } else {
        TASTE_ALONE
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
            let taste_fit = profile.fit(film);
            let penalty = penalties.of(film.id);
            // Critiques ("less bleak") move films that carry the direction, as in the
            // tag-genome Movie Tuner: the query moved too, this makes the move visible.
            let nudge: f32 = nudges
                .iter()
                .map(|(sims, sign)| sign * NUDGE_WEIGHT * space.carries(i, sims))
                .sum();
            Recommendation {
                film_id: film.id,
                score: mood_fit + nudge + taste_weight * taste_fit - penalty,
                mood_fit,
                taste_fit,
                penalty,
                shared_tags: terms,
                because: None,
            }
        })
        .collect();
    let k = input.limit.min(out.len());
    if k == 0 {
        return Vec::new();
    }
    let order = |a: &Recommendation, b: &Recommendation| {
        b.score.total_cmp(&a.score).then(a.film_id.cmp(&b.film_id))
    };
    out.select_nth_unstable_by(k - 1, order);
    out.truncate(k);
    out.sort_by(order);
    for r in &mut out {
        r.because = because(r.film_id, &profile, input.watches, &row_of, space, films);
    }
    out
}

/// The viewing (of another film) closest to this film in the vector space, weighted by its pull.
fn because(
    film_id: i64,
    profile: &TasteProfile,
    watches: &[Watch],
    row_of: &HashMap<i64, usize>,
    space: &MoodSpace,
    films: &[crate::model::Film],
) -> Option<Because> {
    let m = space.matrix();
    let me = *row_of.get(&film_id)?;
    let mine = m.row_f32(me);
    let mut best: Option<(f32, &Watch)> = None;
    for (i, pull) in &profile.pulls {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let Some(&other) = row_of.get(&w.film_id) else {
            continue;
        };
        let cos = crate::embed::dot(&mine, &m.row_f32(other));
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

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
/// The reason's cosine must lie this many standard deviations above the mean cosine of the
/// films that pull: on a TMDB catalog a film is 0.55 close to many of its genre, and
/// "Interstellar — because you watched The Lion King" (2.3 deviations out) or "The Hunger
/// Games — because you watched Ice Princess" (2.3) say nothing, where "Iron Man 2 — because
/// you watched Batman Begins" (2.6) and "The Godfather — … Goodfellas" (2.9) do…
const STANDOUT: f32 = 2.5;
/// …when at least this many pull.
const STANDOUT_MIN_PULLS: usize = 8;
/// Extra redundancy for a film by a director already in the list (MMR).
const SAME_DIRECTOR: f32 = 0.5;

/// What [`diversify`] keeps apart besides films alike.
#[derive(Debug, Clone, Copy)]
pub struct Apart {
    /// Films by one director (not when the mood asks for a director's films).
    pub directors: bool,
    /// Films of one series, as if by one director (with a mood).
    pub series: bool,
}

/// Maximal marginal relevance: repeatedly takes the candidate whose score, minus `lambda`
/// times its redundancy with what is already chosen (vector similarity above a floor, and
/// more for each chosen film by the same director or of the same series), is highest. `lambda` 0 keeps the order.
/// Redundancy only grows, so the scores the picks were made on never increase down the
/// list. `rows` are the candidates' rows; each pick comes back with its row.
pub fn diversify(
    candidates: Vec<Recommendation>,
    rows: &[usize],
    k: usize,
    lambda: f32,
    space: &MoodSpace,
    films: &[Film],
    apart: Apart,
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
    // With `apart.series` (a mood), a series counts as one director: catalogs without
    // directors (TMDB 5000) would list three Twilight films for "vampires". Without a mood
    // the rest of a series the viewer is in is the point (the offline evaluation: these
    // viewers watch series through).
    let series: Vec<Option<String>> = rows
        .iter()
        .map(|&r| {
            apart
                .series
                .then(|| super::title_words::series_key(&films[r].title))?
        })
        .collect();
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
            let one_series = series[i].is_some() && series[i] == series[best];
            let one_director =
                apart.directors && f.directors().iter().any(|d| chosen.directors().contains(d));
            if one_series || one_director {
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
    if !space.is_described(me) {
        return None;
    }
    let mut best: Option<(f32, f32, &Watch, usize)> = None;
    // The cosines with every film that pulls: the reason must stand out from them.
    let (mut n, mut sum, mut sum_sq) = (0usize, 0.0f32, 0.0f32);
    for (i, pull) in profiles.pulls.iter().take(MAX_PULLS) {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let Some(other) = rows[*i].filter(|&r| space.is_described(r)) else {
            continue;
        };
        let cos = m.row_cosine(me, other);
        (n, sum, sum_sq) = (n + 1, sum + cos, sum_sq + cos * cos);
        if cos < BECAUSE_MIN_COSINE {
            continue;
        }
        let s = cos.powi(4) * pull;
        if best.is_none_or(|(b, ..)| s > b) {
            best = Some((s, cos, w, other));
        }
    }
    let (_, cos, w, other) = best?;
    // Among many films that pull, one only as close as most of them (a drama close to every
    // drama the viewer saw) is no reason.
    if n >= STANDOUT_MIN_PULLS {
        let mean = sum / n as f32;
        let sd = (sum_sq / n as f32 - mean * mean).max(0.0).sqrt();
        if cos < mean + STANDOUT * sd {
            return None;
        }
    }
    Some(because_of(w, films[other].title.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::recommend::directions::Profiles;

    /// A watched film is the reason for a result only when it stands out from the other
    /// films that pull: the one close film among far ones is; the closest of a dozen about
    /// as close is not.
    #[test]
    fn the_reason_stands_out_from_the_other_films_that_pull() {
        let resolver = crate::mood::MoodResolver::builtin().unwrap();
        let films = crate::synth::films(400, &resolver.vocab, 11);
        let space = crate::synth::space(&films, &resolver).unwrap();
        let m = space.matrix();
        let me = 7;
        let mut by_cos: Vec<(f32, usize)> = (0..films.len())
            .filter(|&r| r != me)
            .map(|r| (m.row_cosine(me, r), r))
            .collect();
        by_cos.sort_by(|a, b| b.0.total_cmp(&a.0));
        let reason = |watched: &[usize]| {
            let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap();
            let mut watches = crate::synth::watches(&films, watched.len(), &now, 1);
            for (w, &r) in watches.iter_mut().zip(watched) {
                w.film_id = films[r].id;
            }
            let profiles = Profiles {
                taste: Vec::new(),
                late: Vec::new(),
                pulls: (0..watched.len()).map(|i| (i, 1.0)).collect(),
            };
            let rows: Vec<Option<usize>> = watched.iter().map(|&r| Some(r)).collect();
            because(me, &profiles, &watches, &rows, &space, &films).map(|b| b.film_id)
        };
        let nearest = by_cos[0];
        assert!(nearest.0 >= BECAUSE_MIN_COSINE, "{nearest:?}");
        // The nearest film among eleven of the farthest.
        let mut apart = vec![nearest.1];
        apart.extend(by_cos.iter().rev().take(11).map(|p| p.1));
        assert_eq!(reason(&apart), Some(films[nearest.1].id));
        // Twelve films about as close (the 2nd to 13th nearest).
        let band: Vec<usize> = by_cos[1..13].iter().map(|p| p.1).collect();
        let cos: Vec<f32> = by_cos[1..13].iter().map(|p| p.0).collect();
        assert!(cos[0] >= BECAUSE_MIN_COSINE, "{cos:?}");
        assert_eq!(reason(&band), None, "cosines {cos:?}");
        // Fewer than eight films pull: the nearest close enough is the reason.
        assert_eq!(reason(&band[..5]), Some(films[band[0]].id));
    }

    /// With a mood a series counts as one director: of three films alike in score, two of
    /// one series and one apart, the one apart comes second (without a mood, the sequel).
    #[test]
    fn a_series_is_diversified_like_a_director() {
        let resolver = crate::mood::MoodResolver::builtin().unwrap();
        let mut films = crate::synth::films(50, &resolver.vocab, 3);
        let none: [&str; 0] = [];
        for (row, title) in [(0, "Zanzibar"), (1, "Zanzibar 2"), (2, "Kilimanjaro")] {
            films[row].set(crate::film::List::Directors, &none);
            films[row] = Film::from(crate::model::FilmData {
                title: title.into(),
                ..films[row].data()
            });
        }
        let space = crate::synth::space(&films, &resolver).unwrap();
        let rec = |row: usize, score: f32| Recommendation {
            film_id: films[row].id,
            score,
            ..Default::default()
        };
        let order = |lambda: f32| -> Vec<usize> {
            let cands = vec![rec(0, 1.0), rec(1, 0.99), rec(2, 0.98)];
            let apart = Apart {
                directors: true,
                series: true,
            };
            diversify(cands, &[0, 1, 2], 3, lambda, &space, &films, apart)
                .into_iter()
                .map(|(row, _)| row)
                .collect()
        };
        let without_mood = diversify(
            vec![rec(0, 1.0), rec(1, 0.99), rec(2, 0.98)],
            &[0, 1, 2],
            3,
            0.2,
            &space,
            &films,
            Apart {
                directors: true,
                series: false,
            },
        );
        assert_eq!(without_mood[1].0, 1);
        assert_eq!(order(0.0), [0, 1, 2]);
        assert_eq!(order(0.2), [0, 2, 1]);
    }
}

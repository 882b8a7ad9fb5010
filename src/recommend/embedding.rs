//! The default ranker: mood fit from the local embedding model (see `embed::space`), a taste
//! profile and a late-night profile built from the diary as vectors in the same space, minus
//! penalties for films just watched or rated low, then diversity (MMR) over the top.

use super::Recommendation;
use super::baseline::{RankInput, days_ago, penalty};
use super::choose::{because, because_of, diversify};
pub use super::directions::Profiles;
use super::directions::outcome_directions;
use super::outcome::{Outcome, affect};
use super::scoring::{Scored, Scoring, top_k};
use super::series::SeriesIndex;
use super::series::same_series;
use crate::config::Weights;
use crate::embed::MoodSpace;
use crate::model::Watch;
use crate::time::{NightRules, WatchedAt};

/// A series share (of title words) from which a watched film of the series is the reason.
const SERIES_BECAUSE: f32 = 0.3;
/// A mood of several aspects is measured against at least this many of the best films by
/// the plain fit (see `MoodSpace::aspects`).
const COVERAGE_SHORTLIST: usize = 300;

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
/// Every film is scored in one pass over the vector matrix for all the directions at once
/// (split over the cores for large catalogs; see `recommend::scoring`); explanations are
/// built only for the few hundred candidates that reach diversity.
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
    // Each viewing's film row, looked up once.
    let rows: Vec<Option<usize>> = input
        .watches
        .iter()
        .map(|w| space.row_of(w.film_id))
        .collect();
    let profiles = Profiles::build(
        input.watches,
        &rows,
        space,
        rules,
        &input.now,
        weights.half_life_days,
    );
    let nudges: Vec<(Vec<f32>, f32)> = space
        .nudge_directions(input.query)
        .into_iter()
        .map(|(dir, sign)| (space.term_sims(&dir), sign))
        .collect();
    // Films that lifted this viewer count more when the mood is low; films that settled
    // them count more when it is tense. Without a mood, a little of both.
    let (lift_dir, settle_dir) = outcome_directions(outcomes, &rows, space);
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
    // Directions scanned with the mood, with their weights; a zero direction or weight is
    // left out.
    let zero = |v: &[f32]| v.iter().all(|x| *x == 0.0);
    let dirs: Vec<(&[f32], f32)> = [
        (profiles.taste.as_slice(), taste_weight),
        (profiles.late.as_slice(), late_weight),
        (lift_dir.as_slice(), lift_gain),
        (settle_dir.as_slice(), settle_gain),
    ]
    .into_iter()
    .filter(|(v, w)| *w > 0.0 && !zero(v))
    .collect();
    let taste_scanned = taste_weight > 0.0 && !zero(&profiles.taste);
    let sims = q.map(|q| space.term_sims(q));
    let mut scored = Scoring {
        space,
        mood: q.zip(sims.as_deref()),
        dirs,
        nudges: &nudges,
        quality: priors.quality,
        quality_weight,
    }
    .score();
    // The rest of a series the viewer has started (by title words), scaled like taste.
    let series_weight = weights.series * if q.is_some() { weights.taste } else { 1.0 };
    // (row, share, row of the watched film of the same series), by row, for the "because".
    let mut series_of: Vec<(u32, f32, u32)> = Vec::new();
    if let Some(series) = priors.series.filter(|_| series_weight > 0.0) {
        // Most recent first: the series being watched now.
        let moment = |w: &Watch| match w.watched_at {
            WatchedAt::At(t) => t.timestamp(),
            WatchedAt::Date(d) => d
                .and_hms_opt(12, 0, 0)
                .map_or(0, |t| t.and_utc().timestamp()),
        };
        let mut recent: Vec<(i64, usize)> = input
            .watches
            .iter()
            .enumerate()
            .map(|(i, w)| (moment(w), i))
            .collect();
        recent.sort_unstable_by_key(|&(t, i)| (std::cmp::Reverse(t), i));
        series_of = series.scores(recent.iter().filter_map(|&(_, i)| rows[i]));
        // The rest of a series: not the films of it already seen.
        let mut seen: Vec<u32> = rows.iter().flatten().map(|&r| r as u32).collect();
        seen.sort_unstable();
        series_of.retain(|&(i, _, from)| {
            seen.binary_search(&i).is_err() && same_series(space, films, i as usize, from as usize)
        });
        // With a mood, the rest of a series is pulled as far as it fits the mood, relative
        // to the best-scored film: the next Final Destination is no answer to "slow-burn
        // loneliness" because the viewer saw the third.
        let best = scored
            .iter()
            .map(|s| s.score)
            .fold(f32::NEG_INFINITY, f32::max);
        for &(i, share, _) in &series_of {
            if let Some(s) = scored_at(&mut scored, n, i) {
                let gate = match sims.as_deref() {
                    Some(sims) if best > 0.0 => {
                        (space.fit_score(i as usize, sims, s.doc) / best).clamp(0.0, 1.0)
                    }
                    _ => 1.0,
                };
                s.score += series_weight * share * gate;
            }
        }
    }
    // A film already seen loses what pulled it up only because it was seen: without a mood,
    // its quality prior (that many people watched it says nothing once the viewer is one of
    // them; with a mood the prior is only a share of the mood fit); its taste fit (the
    // profile is made of the films seen, so they fit it best); and, above, its series pull.
    // Tonight's list is for films not yet seen; one seen long ago still comes up when it
    // fits the mood.
    let mut penalties = penalty_rows(input.watches, &rows, &input.now);
    let seen_rows: Vec<usize> = penalties.iter().map(|p| p.0 as usize).collect();
    let seen_taste = if taste_scanned {
        space.matrix().cosines(&seen_rows, &profiles.taste)
    } else {
        vec![0.0; seen_rows.len()]
    };
    for ((row, p), fit) in penalties.iter_mut().zip(seen_taste) {
        let prior = match q {
            None => priors.quality.get(*row as usize).copied().unwrap_or(0.0),
            Some(_) => 0.0,
        };
        *p += quality_weight * prior + taste_weight * fit.max(0.0);
    }
    for &(r, p) in &penalties {
        if let Some(s) = scored_at(&mut scored, n, r) {
            s.score -= p;
        }
    }
    if let Some(keep) = input.keep {
        for s in &mut scored {
            if !keep(&films[s.row as usize]) {
                s.score = f32::NEG_INFINITY;
            }
        }
    }
    let valid = scored
        .iter()
        .filter(|s| s.score > f32::NEG_INFINITY)
        .count();
    let k = input.limit.min(valid);
    if k == 0 {
        return Vec::new();
    }
    let by_score = |a: &Scored, b: &Scored| {
        b.score
            .total_cmp(&a.score)
            .then(films[a.row as usize].id.cmp(&films[b.row as usize].id))
    };
    // Candidates for diversity: a few times the list, best first.
    let pool = (k * 2).max(60).min(valid);
    // A mood of several aspects ("samurai revenge"): the films that answer every one move
    // up. Coverage is measured for a shortlist several times the pool, by the plain fit.
    let mut aspects = sims.as_ref().and_then(|_| space.aspects(input.query));
    let mut covered: Vec<(u32, f32)> = Vec::new();
    if let (Some(a), Some(sims)) = (&mut aspects, &sims) {
        let shortlist = top_k(
            scored
                .iter()
                .copied()
                .filter(|s| s.score > f32::NEG_INFINITY),
            (pool * 3).max(COVERAGE_SHORTLIST).min(valid),
            by_score,
        );
        let rows: Vec<usize> = shortlist.iter().map(|s| s.row as usize).collect();
        space.prepare_aspects(a, &rows);
        for s in shortlist {
            let i = s.row as usize;
            let delta = space.coverage_delta(i, a, sims, s.doc);
            let prior = priors.quality.get(i).copied().unwrap_or(0.0);
            if let Some(x) = scored_at(&mut scored, n, s.row) {
                x.score += delta * (1.0 + quality_weight * prior);
            }
            covered.push((s.row, delta));
        }
        covered.sort_unstable_by_key(|c| c.0);
    }
    let order = top_k(
        scored
            .iter()
            .copied()
            .filter(|s| s.score > f32::NEG_INFINITY),
        pool,
        by_score,
    );
    let cand_rows: Vec<usize> = order.iter().map(|s| s.row as usize).collect();
    if let Some(a) = &mut aspects {
        // Candidates the shortlist missed (coverage moved some of it down).
        space.prepare_aspects(a, &cand_rows);
    }
    let taste_fits = taste_scanned.then(|| space.matrix().cosines(&cand_rows, &profiles.taste));
    let penalty_of = |row: usize| {
        penalties
            .binary_search_by_key(&(row as u32), |p| p.0)
            .map_or(0.0, |at| penalties[at].1)
    };
    let candidates: Vec<Recommendation> = order
        .iter()
        .enumerate()
        .map(|(c, s)| {
            let i = s.row as usize;
            let (mood_fit, terms) = match &sims {
                Some(sims) => {
                    let delta = covered
                        .binary_search_by_key(&s.row, |c| c.0)
                        .map_or(0.0, |at| covered[at].1);
                    let mut terms = match &aspects {
                        Some(a) => space.covering_terms(i, a),
                        None => Vec::new(),
                    };
                    for t in space.fit(i, sims, s.doc).terms {
                        if terms.len() < 3 && !terms.contains(&t) {
                            terms.push(t);
                        }
                    }
                    (space.fit_score(i, sims, s.doc) + delta, terms)
                }
                None => (0.0, Vec::new()),
            };
            Recommendation {
                film_id: films[i].id,
                score: s.score,
                mood_fit,
                taste_fit: taste_fits.as_ref().map_or(0.0, |t| t[c]),
                penalty: penalty_of(i),
                shared_tags: terms,
                because: None,
                ends_by: None,
                after_bedtime: false,
                // Without a mood what many people watched counts: the plain reason.
                widely_seen: q.is_none()
                    && quality_weight > 0.0
                    && priors
                        .quality
                        .get(i)
                        .is_some_and(|p| *p >= super::WIDELY_SEEN),
            }
        })
        .collect();
    let out = diversify(
        candidates,
        &cand_rows,
        k,
        weights.diversity,
        space,
        films,
        super::choose::Apart {
            directors: input.query.directors.is_empty(),
            series: q.is_some(),
        },
    );
    out.into_iter()
        .map(|(row, mut r)| {
            let series_from = series_of
                .binary_search_by_key(&(row as u32), |p| p.0)
                .ok()
                .map(|at| series_of[at])
                .filter(|(_, share, _)| *share >= SERIES_BECAUSE)
                .map(|(_, _, from)| &films[from as usize]);
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
            .or_else(|| because(row, &profiles, input.watches, &rows, space, films));
            r
        })
        .collect()
}

/// The scored film at `row`, if it was scored: `scored` holds every one of the `n` films,
/// or the front-runners only (by row either way).
fn scored_at(scored: &mut [Scored], n: usize, row: u32) -> Option<&mut Scored> {
    let at = if scored.len() == n {
        row as usize
    } else {
        scored.binary_search_by_key(&row, |s| s.row).ok()?
    };
    scored.get_mut(at)
}

/// (row, penalty) of every watched film in the space, by row: the penalties of
/// [`Penalties`](super::baseline::Penalties) by library row.
fn penalty_rows(
    watches: &[Watch],
    rows: &[Option<usize>],
    now: &chrono::DateTime<chrono::FixedOffset>,
) -> Vec<(u32, f32)> {
    let mut seen: Vec<(u32, i64, bool)> = watches
        .iter()
        .zip(rows)
        .filter_map(|(w, r)| {
            let low = w.rating.is_some_and(|r| r.stars() <= 2.0);
            r.map(|r| (r as u32, days_ago(&w.watched_at, now), low))
        })
        .collect();
    seen.sort_unstable_by_key(|s| s.0);
    seen.chunk_by(|a, b| a.0 == b.0)
        .map(|run| {
            let days = run.iter().map(|s| s.1).min();
            (run[0].0, penalty(days, run.iter().any(|s| s.2)))
        })
        .collect()
}

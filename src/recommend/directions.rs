//! The diary as directions in the film space: the taste and late-night profiles, and the
//! directions of films that lifted or settled the viewer.

use super::outcome::Outcome;
use crate::embed::{FilmMatrix, MoodSpace, normalise};
use crate::model::Watch;
use crate::time::NightRules;

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
    /// ratings push away; a viewing's weight halves every `half_life_days`. `rows` holds
    /// each viewing's film row (`None`: not in the space).
    pub fn build(
        watches: &[Watch],
        rows: &[Option<usize>],
        space: &MoodSpace,
        rules: &NightRules,
        now: &chrono::DateTime<chrono::FixedOffset>,
        half_life_days: f32,
    ) -> Profiles {
        let m = space.matrix();
        let mean = super::profile::mean_rating(watches);
        let (mut taste, mut late) = (vec![0.0f32; m.dim], vec![0.0f32; m.dim]);
        let mut pulls = Vec::new();
        for (i, (w, row)) in watches.iter().zip(rows).enumerate() {
            // The rows are scattered over the matrix: fetch a few ahead.
            if let Some(ahead) = rows.get(i + 8).copied().flatten() {
                m.prefetch_row(ahead);
            }
            let Some(row) = *row else {
                continue;
            };
            let weight = super::profile::viewing_weight(w, mean, now, half_life_days);
            if weight == 0.0 {
                continue;
            }
            add_row(&mut taste, m, row, weight);
            if w.watched_at.late_night(rules) == Some(true) {
                add_row(&mut late, m, row, weight);
            }
            if weight > 0.0 {
                pulls.push((i, weight));
            }
        }
        // A diary of films rated low only says what not to show: as a direction it would
        // favour whatever lies opposite them (after one 1★ film, films least like it). The
        // low-rated films themselves are penalised apart (see `recommend::embedding`).
        if pulls.is_empty() {
            taste.fill(0.0);
            late.fill(0.0);
        }
        normalise(&mut taste);
        normalise(&mut late);
        pulls.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Profiles { taste, late, pulls }
    }
}

/// `acc += weight * row` (the row as floats), without making the row.
fn add_row(acc: &mut [f32], m: &FilmMatrix, row: usize, weight: f32) {
    let s = m.scale[row];
    for (a, &x) in acc.iter_mut().zip(m.row(row)) {
        *a += weight * (f32::from(x) * s);
    }
}

/// The directions of films that lifted and that settled this viewer (unit, or zero);
/// `rows` holds each viewing's film row.
pub fn outcome_directions(
    outcomes: &[Outcome],
    rows: &[Option<usize>],
    space: &MoodSpace,
) -> (Vec<f32>, Vec<f32>) {
    let m = space.matrix();
    let (mut lift, mut settle) = (vec![0.0f32; m.dim], vec![0.0f32; m.dim]);
    for o in outcomes {
        let Some(row) = rows.get(o.watch).copied().flatten() else {
            continue;
        };
        add_row(&mut lift, m, row, o.lift);
        add_row(&mut settle, m, row, o.settle);
    }
    normalise(&mut lift);
    normalise(&mut settle);
    (lift, settle)
}

//! The diary as directions in the film space: the taste and late-night profiles, and the
//! directions of films that lifted or settled the viewer.

use super::outcome::Outcome;
use crate::embed::{MoodSpace, normalise};
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

/// The directions of films that lifted and that settled this viewer (unit, or zero).
pub fn outcome_directions(
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

//! A taste profile over tags, built from the diary: ratings relative to the viewer's own
//! mean, likes and rewatches count more, recent viewings more than old ones.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use crate::model::{Film, Watch};

/// How strongly each viewing pulls, and the resulting tag weights.
#[derive(Debug, Clone, Default)]
pub struct TasteProfile {
    /// Tag → weight (may be negative: tags of films rated low).
    pub tags: HashMap<String, f32>,
    /// (watch index in the diary, its weight) for viewings that pull results up.
    pub pulls: Vec<(usize, f32)>,
    pub norm: f32,
}

/// Half-life of a viewing's influence, in days.
const HALF_LIFE_DAYS: f32 = 365.0;

/// Ratings of 3 stars (the middle of the scale) the viewer's mean starts from, so that a
/// first rating is judged against the scale until there are more: a first viewing rated 1★
/// pushes its kind of film away (against its own mean it would be average and pull).
const PRIOR_RATINGS: f32 = 3.0;

/// The viewer's mean rating in stars, drawn toward 3 while few films are rated (3 when
/// nothing is rated).
pub fn mean_rating(watches: &[Watch]) -> f32 {
    let (sum, n) = watches
        .iter()
        .filter_map(|w| w.rating.map(|r| r.stars() as f32))
        .fold((0.0f32, 0.0f32), |(s, n), r| (s + r, n + 1.0));
    (sum + 3.0 * PRIOR_RATINGS) / (n + PRIOR_RATINGS)
}

/// How strongly one viewing pulls: its rating relative to the viewer's `mean` (low ratings
/// push away), more for a like or a rewatch, halving every `half_life_days`.
pub fn viewing_weight(
    w: &Watch,
    mean: f32,
    now: &DateTime<FixedOffset>,
    half_life_days: f32,
) -> f32 {
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
        crate::time::WatchedAt::At(t) => (*now - t).num_hours().max(0) as f32 / 24.0,
        crate::time::WatchedAt::Date(d) => (now.date_naive() - d).num_days().max(0) as f32,
    };
    weight * 0.5f32.powf(days / half_life_days)
}

impl TasteProfile {
    /// Builds the profile; `film_of` finds a viewing's film.
    pub fn build<'a>(
        watches: &[Watch],
        film_of: impl Fn(i64) -> Option<&'a Film>,
        now: &DateTime<FixedOffset>,
    ) -> TasteProfile {
        let mean = mean_rating(watches);
        let mut profile = TasteProfile::default();
        for (i, w) in watches.iter().enumerate() {
            let Some(film) = film_of(w.film_id) else {
                continue;
            };
            let weight = viewing_weight(w, mean, now, HALF_LIFE_DAYS);
            if film.tags().is_empty() || weight == 0.0 {
                continue;
            }
            let per_tag = weight / (film.tags().len() as f32).sqrt();
            for t in film.tags() {
                *profile.tags.entry(t.to_string()).or_insert(0.0) += per_tag;
            }
            if weight > 0.0 {
                profile.pulls.push((i, weight));
            }
        }
        profile.norm = profile.tags.values().map(|v| v * v).sum::<f32>().sqrt();
        profile
    }

    /// True when the diary gives nothing to go on.
    pub fn is_empty(&self) -> bool {
        self.norm == 0.0
    }

    /// Cosine between the profile and a film's tag set (−1..1).
    pub fn fit(&self, film: &Film) -> f32 {
        if self.is_empty() || film.tags().is_empty() {
            return 0.0;
        }
        let dot: f32 = film
            .tags()
            .iter()
            .filter_map(|t| self.tags.get(t.as_str()))
            .sum();
        dot / (self.norm * (film.tags().len() as f32).sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::time::WatchedAt;

    fn rated(stars: f64) -> Watch {
        Watch {
            id: 1,
            film_id: 1,
            watched_at: WatchedAt::At(
                DateTime::parse_from_rfc3339("2026-11-24T23:00:00+08:00").unwrap(),
            ),
            rating: Rating::from_stars(stars),
            rewatch: false,
            liked: false,
            mood: None,
            mood_after: None,
            note: None,
            source: "nightreel".into(),
        }
    }

    #[test]
    fn a_first_low_rating_pushes_away_and_many_ratings_set_their_own_mean() {
        let now = DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap();
        let one = [rated(1.0)];
        let w = viewing_weight(&one[0], mean_rating(&one), &now, HALF_LIFE_DAYS);
        assert!(w < 0.0, "{w}");
        let w = viewing_weight(
            &rated(5.0),
            mean_rating(&[rated(5.0)]),
            &now,
            HALF_LIFE_DAYS,
        );
        assert!(w > 0.25, "{w}");
        // A viewer who rates everything 2★ has 2★ as their middle.
        let many: Vec<Watch> = (0..200).map(|_| rated(2.0)).collect();
        assert!((mean_rating(&many) - 2.0).abs() < 0.02);
        assert_eq!(mean_rating(&[]), 3.0);
    }
}

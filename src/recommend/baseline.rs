//! The tag-overlap baseline ranker: kept for evaluation once the embedding ranker exists.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, FixedOffset};

use super::{Because, Recommendation, TasteProfile};
use crate::model::{Film, Watch};
use crate::mood::MoodQuery;
use crate::time::WatchedAt;

/// Everything the ranker looks at.
pub struct RankInput<'a> {
    pub films: &'a [Film],
    pub watches: &'a [Watch],
    pub query: &'a MoodQuery,
    pub now: DateTime<FixedOffset>,
    pub limit: usize,
    /// Films left out of the ranking (e.g. ending after bedtime); `None` keeps all.
    pub keep: Option<&'a dyn Fn(&Film) -> bool>,
}

/// Cosine between the weighted query tags and the film's tag set.
pub fn mood_fit(query: &MoodQuery, film: &Film) -> (f32, Vec<String>) {
    if query.tags.is_empty() || film.tags().is_empty() {
        return (0.0, Vec::new());
    }
    let qnorm = query.tags.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    let mut dot = 0.0;
    let mut shared = Vec::new();
    for (t, w) in &query.tags {
        if film.tags().iter().any(|ft| ft == t) {
            dot += w;
            if *w > 0.0 {
                shared.push(t.clone());
            }
        }
    }
    (dot / (qnorm * (film.tags().len() as f32).sqrt()), shared)
}

/// Ranks by mood-tag overlap plus a tag taste profile, minus penalties for films watched in
/// the last 30 days, already seen, or rated low. Best first.
pub fn rank_tag_overlap(input: &RankInput<'_>) -> Vec<Recommendation> {
    let by_id: HashMap<i64, &Film> = input.films.iter().map(|f| (f.id, f)).collect();
    let profile = TasteProfile::build(input.watches, |id| by_id.get(&id).copied(), &input.now);
    let has_mood = !input.query.is_empty();
    let taste_weight = if has_mood { 0.35 } else { 1.0 };
    let penalties = Penalties::new(input.watches, &input.now);
    let mut out: Vec<Recommendation> = input
        .films
        .iter()
        .map(|film| {
            let (mf, shared) = mood_fit(input.query, film);
            let tf = profile.fit(film);
            let penalty = penalties.of(film.id);
            Recommendation {
                film_id: film.id,
                score: mf + taste_weight * tf - penalty,
                mood_fit: mf,
                taste_fit: tf,
                penalty,
                shared_tags: shared,
                because: None,
                ends_by: None,
                after_bedtime: false,
                widely_seen: false,
            }
        })
        .filter(|r| !has_mood || r.mood_fit > 0.0)
        .filter(|r| {
            input
                .keep
                .is_none_or(|keep| by_id.get(&r.film_id).is_some_and(|f| keep(f)))
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.film_id.cmp(&b.film_id)));
    out.truncate(input.limit);
    for r in &mut out {
        r.because = because(r.film_id, &profile, input.watches, &by_id);
    }
    out
}

/// Penalties for films watched in the last 30 days (1.0), seen before (0.15), rated low (0.3).
pub(crate) struct Penalties {
    last_seen_days: HashMap<i64, i64>,
    low_rated: HashSet<i64>,
}

impl Penalties {
    pub(crate) fn new(watches: &[Watch], now: &DateTime<FixedOffset>) -> Penalties {
        let mut last_seen_days: HashMap<i64, i64> = HashMap::new();
        for w in watches {
            let days = days_ago(&w.watched_at, now);
            let e = last_seen_days.entry(w.film_id).or_insert(days);
            *e = (*e).min(days);
        }
        let low_rated = watches
            .iter()
            .filter(|w| w.rating.is_some_and(|r| r.stars() <= 2.0))
            .map(|w| w.film_id)
            .collect();
        Penalties {
            last_seen_days,
            low_rated,
        }
    }

    pub(crate) fn of(&self, film_id: i64) -> f32 {
        penalty(
            self.last_seen_days.get(&film_id).copied(),
            self.low_rated.contains(&film_id),
        )
    }
}

/// The penalty of a film last seen `days` ago (`None`: never) and rated low or not.
pub(crate) fn penalty(days: Option<i64>, low_rated: bool) -> f32 {
    let mut penalty = 0.0;
    if let Some(days) = days {
        penalty += if days <= 30 { 1.0 } else { 0.15 };
    }
    if low_rated {
        penalty += 0.3;
    }
    penalty
}

pub(crate) fn days_ago(at: &WatchedAt, now: &DateTime<FixedOffset>) -> i64 {
    match at {
        WatchedAt::At(t) => (*now - *t).num_days(),
        WatchedAt::Date(d) => (now.date_naive() - *d).num_days(),
    }
}

/// The viewing (of another film) whose tags most overlap this film's, weighted by its pull.
pub(crate) fn because(
    film_id: i64,
    profile: &TasteProfile,
    watches: &[Watch],
    by_id: &HashMap<i64, &Film>,
) -> Option<Because> {
    let film = by_id.get(&film_id)?;
    let mut best: Option<(f32, &Watch)> = None;
    for (i, pull) in &profile.pulls {
        let w = &watches[*i];
        if w.film_id == film_id {
            continue;
        }
        let other = by_id.get(&w.film_id)?;
        let shared = other
            .tags()
            .iter()
            .filter(|t| film.tags().contains(t))
            .count();
        if shared < 2 {
            continue;
        }
        let s = shared as f32 * pull;
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, w));
        }
    }
    best.map(|(_, w)| Because {
        watch_id: w.id,
        film_id: w.film_id,
        title: by_id
            .get(&w.film_id)
            .map(|f| f.title.to_string())
            .unwrap_or_default(),
        when: match w.watched_at {
            _ if w.is_seen_mark() => String::new(),
            WatchedAt::At(t) => t.format("%H:%M").to_string(),
            WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;

    fn film(id: i64, title: &str, tags: &[&str]) -> Film {
        Film::from(crate::model::FilmData {
            id,
            title: title.into(),
            original_title: title.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..crate::model::FilmData::default()
        })
    }

    fn query(tags: &[(&str, f32)]) -> MoodQuery {
        MoodQuery {
            tags: tags.iter().map(|(t, w)| (t.to_string(), *w)).collect(),
            ..MoodQuery::default()
        }
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap()
    }

    fn watch(id: i64, film_id: i64, at: &str, stars: Option<f64>) -> Watch {
        Watch {
            id,
            film_id,
            watched_at: WatchedAt::At(DateTime::parse_from_rfc3339(at).unwrap()),
            rating: stars.and_then(Rating::from_stars),
            rewatch: false,
            liked: false,
            mood: None,
            mood_after: None,
            note: None,
            source: "nightreel".into(),
        }
    }

    #[test]
    fn more_shared_tags_rank_higher() {
        let films = vec![
            film(1, "A", &["lonely", "neon", "warm"]),
            film(2, "B", &["lonely", "bleak", "war", "epic"]),
            film(3, "C", &["joyful"]),
        ];
        let q = query(&[("lonely", 1.0), ("neon", 1.0)]);
        let r = rank_tag_overlap(&RankInput {
            films: &films,
            watches: &[],
            query: &q,
            now: now(),
            limit: 10,
            keep: None,
        });
        assert_eq!(r.iter().map(|r| r.film_id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(r[0].shared_tags, vec!["lonely", "neon"]);
    }

    #[test]
    fn logging_changes_ranking_and_explains() {
        let films = vec![
            film(
                1,
                "Chungking Express",
                &["lonely", "neon", "city-night", "playful"],
            ),
            film(
                2,
                "Fallen Angels",
                &["lonely", "neon", "city-night", "frenetic"],
            ),
            film(
                3,
                "Quiet Film",
                &["lonely", "serene", "countryside", "long-takes"],
            ),
        ];
        let q = query(&[("lonely", 1.0)]);
        let input = |w: &'static [Watch]| RankInput {
            films: &films,
            watches: w,
            query: &q,
            now: now(),
            limit: 10,
            keep: None,
        };
        let before = rank_tag_overlap(&input(&[]));
        let watches = vec![watch(7, 1, "2026-11-25T00:10:00+08:00", Some(5.0))];
        let leaked: &'static [Watch] = Box::leak(watches.into_boxed_slice());
        let after = rank_tag_overlap(&input(leaked));
        assert_ne!(
            before.iter().map(|r| r.film_id).collect::<Vec<_>>(),
            after.iter().map(|r| r.film_id).collect::<Vec<_>>()
        );
        assert_eq!(after[0].film_id, 2, "similar film pulled up: {after:?}");
        assert_eq!(after.last().unwrap().film_id, 1, "just watched goes down");
        let b = after[0].because.as_ref().unwrap();
        assert_eq!(b.title, "Chungking Express");
        assert_eq!(b.when, "00:10");
        assert!(
            after[0]
                .why()
                .contains("because you watched Chungking Express at 00:10")
        );
    }

    #[test]
    fn no_mood_uses_taste_alone() {
        let films = vec![
            film(1, "Liked", &["tender", "warm"]),
            film(2, "Similar", &["tender", "warm", "cozy"]),
            film(3, "Other", &["brutal", "bleak"]),
        ];
        let watches = vec![watch(1, 1, "2026-11-20T23:00:00+08:00", Some(5.0))];
        let r = rank_tag_overlap(&RankInput {
            films: &films,
            watches: &watches,
            query: &MoodQuery::default(),
            now: now(),
            limit: 3,
            keep: None,
        });
        assert_eq!(r[0].film_id, 2);
    }
}

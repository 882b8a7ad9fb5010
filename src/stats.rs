//! Diary statistics: hours of the night, late-night share, top directors, countries and
//! decades, hours watched, films per month, moods, streaks of consecutive film nights.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Timelike};
use serde::Serialize;

use crate::model::{Film, Watch};
use crate::time::NightRules;

/// Everything the stats view and `nightreel stats` show.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    pub viewings: usize,
    pub films: usize,
    /// Viewings per local hour 0–23 (known times only).
    pub by_hour: [usize; 24],
    pub late_night: usize,
    pub not_late: usize,
    /// Viewings whose time of day is unknown (date-only imports).
    pub time_unknown: usize,
    /// Late-night share of the viewings with a known time (0–1).
    pub late_share: Option<f64>,
    pub minutes_watched: u64,
    /// ("2026-11", count), oldest first.
    pub per_month: Vec<(String, usize)>,
    pub top_directors: Vec<(String, usize)>,
    pub top_countries: Vec<(String, usize)>,
    pub top_decades: Vec<(String, usize)>,
    pub top_moods: Vec<(String, usize)>,
    /// What was logged in the mood field that names no mood (Letterboxd tags such as a
    /// friend's name or "cinema"), after [`Stats::split_moods`].
    pub top_tags: Vec<(String, usize)>,
    pub rated: usize,
    pub mean_rating: Option<f64>,
    pub longest_streak: usize,
    pub current_streak: usize,
    /// Viewings logged with a mood before and after.
    pub outcomes: usize,
    /// Films that lifted the mood most (title, change in valence), best first.
    pub lifted_by: Vec<(String, f32)>,
    /// Films that settled the mood most (title, drop in arousal), best first.
    pub settled_by: Vec<(String, f32)>,
}

fn top(counts: HashMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

/// Computes the stats of `watches`; `film_of` finds each viewing's film; `today` is the
/// current film night (for the current streak).
pub fn compute<'a>(
    watches: &[Watch],
    film_of: impl Fn(i64) -> Option<&'a Film>,
    rules: &NightRules,
    today: NaiveDate,
) -> Stats {
    let mut s = Stats {
        viewings: watches.len(),
        ..Stats::default()
    };
    let mut films = std::collections::HashSet::new();
    let (mut directors, mut countries, mut decades, mut moods) = (
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
        HashMap::new(),
    );
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    let mut nights = std::collections::BTreeSet::new();
    let mut rating_sum = 0.0;
    for w in watches {
        films.insert(w.film_id);
        match w.watched_at.moment() {
            Some(t) => {
                s.by_hour[t.hour() as usize] += 1;
                if rules.is_late(&t) {
                    s.late_night += 1;
                } else {
                    s.not_late += 1;
                }
            }
            None => s.time_unknown += 1,
        }
        let night = w.watched_at.film_night(rules);
        nights.insert(night);
        *months
            .entry(format!("{:04}-{:02}", night.year(), night.month()))
            .or_default() += 1;
        if let Some(r) = w.rating {
            s.rated += 1;
            rating_sum += r.stars();
        }
        if let Some(m) = w.mood.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            *moods.entry(m.to_lowercase()).or_default() += 1;
        }
        let Some(f) = film_of(w.film_id) else {
            continue;
        };
        s.minutes_watched += u64::from(f.runtime.unwrap_or(0));
        for d in f.directors() {
            *directors.entry(d.to_string()).or_default() += 1;
        }
        for c in f.countries() {
            *countries.entry(c.to_string()).or_default() += 1;
        }
        if let Some(y) = f.year {
            *decades
                .entry(format!("{}s", y - y.rem_euclid(10)))
                .or_default() += 1;
        }
    }
    s.films = films.len();
    let known = s.late_night + s.not_late;
    s.late_share = (known > 0).then(|| s.late_night as f64 / known as f64);
    s.mean_rating = (s.rated > 0).then(|| rating_sum / s.rated as f64);
    s.per_month = months.into_iter().collect();
    s.top_directors = top(directors, 10);
    s.top_countries = top(countries, 10);
    s.top_decades = top(decades, 10);
    s.top_moods = top(moods, usize::MAX);
    let (longest, current) = streaks(&nights, today);
    s.longest_streak = longest;
    s.current_streak = current;
    s
}

impl Stats {
    /// Keeps in `top_moods` what `is_mood` says names a mood and moves the rest to
    /// `top_tags`, one tag each of a comma-separated list (as Letterboxd writes them); ten of
    /// each.
    pub fn split_moods(&mut self, is_mood: impl Fn(&str) -> bool) {
        let (moods, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut self.top_moods)
            .into_iter()
            .partition(|(m, _)| is_mood(m));
        let mut tags: HashMap<String, usize> = HashMap::new();
        for (list, n) in rest {
            for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                *tags.entry(t.to_string()).or_default() += n;
            }
        }
        self.top_moods = moods.into_iter().take(10).collect();
        self.top_tags = top(tags, 10);
    }
}

/// (longest run of consecutive film nights, the run ending today or yesterday).
fn streaks(nights: &std::collections::BTreeSet<NaiveDate>, today: NaiveDate) -> (usize, usize) {
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for n in nights {
        run = match prev {
            Some(p) if (*n - p).num_days() == 1 => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(*n);
    }
    let current = match prev {
        Some(last) if (today - last).num_days() <= 1 => run,
        _ => 0,
    };
    (longest, current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rating;
    use crate::time::WatchedAt;
    use chrono::DateTime;

    fn w(film_id: i64, at: &str, stars: Option<f64>) -> Watch {
        let watched_at = if at.len() == 10 {
            WatchedAt::Date(NaiveDate::parse_from_str(at, "%Y-%m-%d").unwrap())
        } else {
            WatchedAt::At(DateTime::parse_from_rfc3339(at).unwrap())
        };
        Watch {
            id: 0,
            film_id,
            watched_at,
            rating: stars.and_then(Rating::from_stars),
            rewatch: false,
            liked: false,
            mood: Some("Quiet awe".into()),
            mood_after: None,
            note: None,
            source: "t".into(),
        }
    }

    #[test]
    fn counts_hours_late_share_and_streaks() {
        let film = Film::from(crate::model::FilmData {
            id: 1,
            directors: vec!["Wong Kar-wai".into()],
            countries: vec!["HK".into()],
            year: Some(1994),
            runtime: Some(102),
            ..crate::model::FilmData::default()
        });
        let watches = vec![
            w(1, "2026-11-25T01:30:00+08:00", Some(4.0)),
            w(1, "2026-11-23T23:00:00+08:00", Some(5.0)),
            w(1, "2026-11-22T20:00:00+08:00", None),
            w(1, "2026-11-10", None),
        ];
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let s = compute(&watches, |_| Some(&film), &NightRules::default(), today);
        assert_eq!(s.viewings, 4);
        assert_eq!(s.by_hour[1], 1);
        assert_eq!(s.by_hour[23], 1);
        assert_eq!((s.late_night, s.not_late, s.time_unknown), (2, 1, 1));
        assert_eq!(s.late_share, Some(2.0 / 3.0));
        assert_eq!(s.minutes_watched, 408);
        assert_eq!(s.top_directors, vec![("Wong Kar-wai".to_string(), 4)]);
        assert_eq!(s.top_decades, vec![("1990s".to_string(), 4)]);
        assert_eq!(s.mean_rating, Some(4.5));
        // Film nights 22, 23, 24 Nov (01:30 on the 25th belongs to the 24th) and 10 Nov.
        assert_eq!((s.longest_streak, s.current_streak), (3, 3));
        assert_eq!(s.per_month, vec![("2026-11".to_string(), 4)]);
        assert_eq!(s.top_moods, vec![("quiet awe".to_string(), 4)]);
        let mut s = s;
        s.top_moods.push(("sierra".into(), 2));
        s.top_moods.push(("sierra, cinema".into(), 1));
        s.split_moods(|m| !m.contains("sierra"));
        assert_eq!(s.top_moods, vec![("quiet awe".to_string(), 4)]);
        assert_eq!(
            s.top_tags,
            vec![("sierra".to_string(), 3), ("cinema".to_string(), 1)]
        );
    }

    #[test]
    fn empty_diary() {
        let s = compute(&[], |_| None, &NightRules::default(), NaiveDate::MIN);
        assert_eq!(s.viewings, 0);
        assert_eq!(s.late_share, None);
        assert_eq!((s.longest_streak, s.current_streak), (0, 0));
    }
}

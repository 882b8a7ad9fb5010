//! Filters: the film list's (genre, decade, country, language, runtime, unwatched,
//! watchlist) and the diary's (month, mood), and the dialog that sets them.

use std::collections::{HashMap, HashSet};

use crate::library::Library;
use crate::model::{Film, Watch};

/// Runtime bands a film list can be narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Runtime {
    /// Under 90 minutes.
    Short,
    /// 90 to 120 minutes.
    Feature,
    /// Over 120 minutes.
    Long,
}

impl Runtime {
    const ALL: [Runtime; 3] = [Runtime::Short, Runtime::Feature, Runtime::Long];

    pub fn label(self) -> &'static str {
        match self {
            Runtime::Short => "under 90 min",
            Runtime::Feature => "90–120 min",
            Runtime::Long => "over 120 min",
        }
    }

    fn holds(self, minutes: u32) -> bool {
        match self {
            Runtime::Short => minutes < 90,
            Runtime::Feature => (90..=120).contains(&minutes),
            Runtime::Long => minutes > 120,
        }
    }
}

/// What the film list is narrowed to; the default keeps every film.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FilmFilter {
    pub genre: Option<String>,
    /// The first year of a decade (1990 for the 1990s).
    pub decade: Option<i32>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// ISO 639-1.
    pub language: Option<String>,
    pub runtime: Option<Runtime>,
    pub unwatched: bool,
    pub watchlist: bool,
}

/// The film ids a filter needs to know about: seen and on the watchlist.
pub struct Marks {
    pub seen: HashSet<i64>,
    pub listed: HashSet<i64>,
}

impl Marks {
    /// What `filter` needs of the library (the watchlist only when it filters by it).
    pub fn of(lib: &Library, filter: &FilmFilter) -> Marks {
        Marks {
            seen: lib.watches().iter().map(|w| w.film_id).collect(),
            listed: if filter.watchlist {
                watchlist(lib)
            } else {
                HashSet::new()
            },
        }
    }
}

/// The films on the watchlist.
pub fn watchlist(lib: &Library) -> HashSet<i64> {
    lib.films()
        .iter()
        .map(|f| f.id)
        .filter(|id| lib.on_watchlist(*id))
        .collect()
}

impl FilmFilter {
    pub fn is_empty(&self) -> bool {
        *self == FilmFilter::default()
    }

    /// True when `film` passes every filter that is set.
    pub fn keeps(&self, film: &Film, marks: &Marks) -> bool {
        self.genre
            .as_ref()
            .is_none_or(|g| film.genres.iter().any(|x| x == g))
            && self
                .decade
                .is_none_or(|d| film.year.is_some_and(|y| y.div_euclid(10) * 10 == d))
            && self
                .country
                .as_ref()
                .is_none_or(|c| film.countries.iter().any(|x| x == c))
            && self
                .language
                .as_ref()
                .is_none_or(|l| film.languages.iter().any(|x| x == l))
            && self
                .runtime
                .is_none_or(|r| film.runtime.is_some_and(|m| r.holds(m)))
            && (!self.unwatched || !marks.seen.contains(&film.id))
            && (!self.watchlist || marks.listed.contains(&film.id))
    }

    /// "Drama · 1990s · unwatched", for the list's title.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.genre.clone());
        parts.extend(self.decade.map(|d| format!("{d}s")));
        parts.extend(self.country.clone());
        parts.extend(self.language.clone());
        parts.extend(self.runtime.map(|r| r.label().to_string()));
        if self.unwatched {
            parts.push("unwatched".into());
        }
        if self.watchlist {
            parts.push("watchlist".into());
        }
        parts.join(" · ")
    }
}

/// What the diary is narrowed to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DiaryFilter {
    /// "2026-11": the month of the film night.
    pub month: Option<String>,
    /// A logged mood, compared without case.
    pub mood: Option<String>,
}

impl DiaryFilter {
    pub fn is_empty(&self) -> bool {
        *self == DiaryFilter::default()
    }

    pub fn keeps(&self, w: &Watch, lib: &Library) -> bool {
        self.month.as_ref().is_none_or(|m| {
            let (night, _) = lib.night_of(&w.watched_at);
            night.format("%Y-%m").to_string() == *m
        }) && self.mood.as_ref().is_none_or(|m| {
            w.mood
                .as_deref()
                .is_some_and(|x| x.trim().to_lowercase() == *m)
        })
    }

    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.month.clone());
        parts.extend(self.mood.clone());
        parts.join(" · ")
    }
}

/// One line of the filter dialog: a name and its choices (the first is "any").
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub name: &'static str,
    /// (shown, value) pairs; `None` is "any".
    pub options: Vec<(String, Option<String>)>,
    pub idx: usize,
}

impl Choice {
    fn new(name: &'static str, values: Vec<(String, String)>, current: Option<&str>) -> Choice {
        let mut options = vec![("any".to_string(), None)];
        options.extend(values.into_iter().map(|(shown, v)| (shown, Some(v))));
        let idx = current
            .and_then(|c| options.iter().position(|(_, v)| v.as_deref() == Some(c)))
            .unwrap_or(0);
        Choice { name, options, idx }
    }

    fn flag(name: &'static str, on: bool) -> Choice {
        Choice {
            name,
            options: vec![("any".into(), None), ("yes".into(), Some("yes".into()))],
            idx: usize::from(on),
        }
    }

    pub fn value(&self) -> Option<&str> {
        self.options.get(self.idx).and_then(|(_, v)| v.as_deref())
    }

    pub fn shown(&self) -> &str {
        self.options.get(self.idx).map_or("any", |(s, _)| s)
    }
}

/// Which filter the dialog edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Films,
    Diary,
}

/// The filter dialog: one choice per line; ← → change the focused one, at once.
#[derive(Debug, Clone, PartialEq)]
pub struct FilterForm {
    pub target: Target,
    pub choices: Vec<Choice>,
    pub focus: usize,
}

/// The values of a field over the catalog, most common first (ties by name).
fn by_count<'a>(items: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *counts.entry(i.as_str()).or_default() += 1;
    }
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(s, _)| s.to_string()).collect()
}

impl FilterForm {
    /// The film filter's dialog, its choices taken from the catalog.
    pub fn films(lib: &Library, f: &FilmFilter) -> FilterForm {
        use crate::catalog::codes::{country_name, language_name};
        let films = lib.films();
        let same = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect();
        let genres = by_count(films.iter().flat_map(|f| f.genres.iter()));
        let mut decades: Vec<i32> = films
            .iter()
            .filter_map(|f| f.year.map(|y| y.div_euclid(10) * 10))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        decades.sort_unstable_by(|a, b| b.cmp(a));
        let named = |v: Vec<String>, name: fn(&str) -> Option<&'static str>| {
            v.into_iter()
                .map(|c| (name(&c).map_or(c.clone(), |n| format!("{n} ({c})")), c))
                .collect()
        };
        let countries = by_count(films.iter().flat_map(|f| f.countries.iter()));
        let languages = by_count(films.iter().flat_map(|f| f.languages.iter()));
        let decade = f.decade.map(|d| d.to_string());
        let runtime = f.runtime.map(|r| r.label().to_string());
        FilterForm {
            target: Target::Films,
            choices: vec![
                Choice::new("Genre", same(genres), f.genre.as_deref()),
                Choice::new(
                    "Decade",
                    decades
                        .into_iter()
                        .map(|d| (format!("{d}s"), d.to_string()))
                        .collect(),
                    decade.as_deref(),
                ),
                Choice::new(
                    "Country",
                    named(countries, country_name),
                    f.country.as_deref(),
                ),
                Choice::new(
                    "Language",
                    named(languages, language_name),
                    f.language.as_deref(),
                ),
                Choice::new(
                    "Runtime",
                    Runtime::ALL
                        .iter()
                        .map(|r| (r.label().to_string(), r.label().to_string()))
                        .collect(),
                    runtime.as_deref(),
                ),
                Choice::flag("Unwatched", f.unwatched),
                Choice::flag("Watchlist", f.watchlist),
            ],
            focus: 0,
        }
    }

    /// The diary filter's dialog: months with viewings (newest first) and logged moods.
    pub fn diary(lib: &Library, f: &DiaryFilter) -> FilterForm {
        let mut months: Vec<String> = lib
            .watches()
            .iter()
            .map(|w| lib.night_of(&w.watched_at).0.format("%Y-%m").to_string())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        months.sort_unstable_by(|a, b| b.cmp(a));
        let moods: Vec<String> = lib
            .watches()
            .iter()
            .filter_map(|w| w.mood.as_deref())
            .map(|m| m.trim().to_lowercase())
            .filter(|m| !m.is_empty())
            .collect();
        let moods = by_count(moods.iter());
        let same = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect();
        FilterForm {
            target: Target::Diary,
            choices: vec![
                Choice::new("Month", same(months), f.month.as_deref()),
                Choice::new("Mood", same(moods), f.mood.as_deref()),
            ],
            focus: 0,
        }
    }

    pub fn next(&mut self) {
        self.focus = (self.focus + 1) % self.choices.len().max(1);
    }

    pub fn prev(&mut self) {
        let n = self.choices.len().max(1);
        self.focus = (self.focus + n - 1) % n;
    }

    /// Moves the focused choice by `delta` (wrapping).
    pub fn cycle(&mut self, delta: isize) {
        if let Some(c) = self.choices.get_mut(self.focus) {
            let n = c.options.len() as isize;
            c.idx = (c.idx as isize + delta).rem_euclid(n.max(1)) as usize;
        }
    }

    /// Sets the focused choice back to "any".
    pub fn clear_focused(&mut self) {
        if let Some(c) = self.choices.get_mut(self.focus) {
            c.idx = 0;
        }
    }

    fn value(&self, i: usize) -> Option<String> {
        self.choices
            .get(i)
            .and_then(|c| c.value())
            .map(str::to_string)
    }

    /// The film filter the dialog describes.
    pub fn film_filter(&self) -> FilmFilter {
        FilmFilter {
            genre: self.value(0),
            decade: self.value(1).and_then(|d| d.parse().ok()),
            country: self.value(2),
            language: self.value(3),
            runtime: self
                .value(4)
                .and_then(|l| Runtime::ALL.into_iter().find(|r| r.label() == l)),
            unwatched: self.value(5).is_some(),
            watchlist: self.value(6).is_some(),
        }
    }

    /// The diary filter the dialog describes.
    pub fn diary_filter(&self) -> DiaryFilter {
        DiaryFilter {
            month: self.value(0),
            mood: self.value(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn film(id: i64, year: i32, runtime: u32, genre: &str) -> Film {
        Film {
            id,
            title: format!("F{id}"),
            year: Some(year),
            runtime: Some(runtime),
            genres: vec![genre.into()],
            countries: vec!["FR".into()],
            languages: vec!["fr".into()],
            ..Film::default()
        }
    }

    #[test]
    fn keeps_what_every_set_filter_allows() {
        let marks = Marks {
            seen: [1].into_iter().collect(),
            listed: [2].into_iter().collect(),
        };
        let a = film(1, 1994, 85, "Drama");
        let b = film(2, 2001, 130, "Comedy");
        let all = FilmFilter::default();
        assert!(all.keeps(&a, &marks) && all.keeps(&b, &marks));
        let f = FilmFilter {
            decade: Some(1990),
            ..FilmFilter::default()
        };
        assert!(f.keeps(&a, &marks) && !f.keeps(&b, &marks));
        let f = FilmFilter {
            runtime: Some(Runtime::Long),
            ..FilmFilter::default()
        };
        assert!(!f.keeps(&a, &marks) && f.keeps(&b, &marks));
        let f = FilmFilter {
            unwatched: true,
            ..FilmFilter::default()
        };
        assert!(!f.keeps(&a, &marks) && f.keeps(&b, &marks));
        let f = FilmFilter {
            watchlist: true,
            genre: Some("Drama".into()),
            ..FilmFilter::default()
        };
        assert!(!f.keeps(&a, &marks) && !f.keeps(&b, &marks));
        assert_eq!(f.describe(), "Drama · watchlist");
    }
}

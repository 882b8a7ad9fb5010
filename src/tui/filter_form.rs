//! The filter dialog: one choice per line, taken from the catalog (or the diary); ← → change
//! the focused one.

use std::collections::{HashMap, HashSet};

use super::filter::{DiaryFilter, FilmFilter, Runtime};
use crate::library::Library;

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
fn by_count<'a, S: AsRef<str> + 'a>(items: impl Iterator<Item = &'a S>) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *counts.entry(i.as_ref()).or_default() += 1;
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
        let genres = by_count(films.iter().flat_map(|f| f.genres().iter()));
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
        let countries = by_count(films.iter().flat_map(|f| f.countries().iter()));
        let languages = by_count(films.iter().flat_map(|f| f.languages().iter()));
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

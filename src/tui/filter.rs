//! Filters: the film list's (genre, decade, country, language, runtime, unwatched,
//! watchlist) and the diary's (month, mood). The dialog that sets them is `filter_form`.

pub use super::filter_form::{Choice, FilterForm, Target};

use std::collections::HashSet;

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
    pub(super) const ALL: [Runtime; 3] = [Runtime::Short, Runtime::Feature, Runtime::Long];

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
        let mut seen: HashSet<i64> = lib.watches().iter().map(|w| w.film_id).collect();
        if filter.unwatched {
            // Films marked seen without a dated viewing (imported) are watched too.
            match lib.store().marks() {
                Ok(marks) => seen.extend(marks.iter().map(|m| m.film_id)),
                Err(e) => tracing::warn!("cannot read seen-marks: {e}"),
            }
        }
        Marks {
            seen,
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
            .is_none_or(|g| film.genres().iter().any(|x| x == g))
            && self
                .decade
                .is_none_or(|d| film.year.is_some_and(|y| y.div_euclid(10) * 10 == d))
            && self
                .country
                .as_ref()
                .is_none_or(|c| film.countries().iter().any(|x| x == c))
            && self
                .language
                .as_ref()
                .is_none_or(|l| film.languages().iter().any(|x| x == l))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn film(id: i64, year: i32, runtime: u32, genre: &str) -> Film {
        Film::from(crate::model::FilmData {
            id,
            title: format!("F{id}"),
            year: Some(year),
            runtime: Some(runtime),
            genres: vec![genre.into()],
            countries: vec!["FR".into()],
            languages: vec!["fr".into()],
            ..crate::model::FilmData::default()
        })
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

//! A film in the catalog, compact enough that a million of them fit in a few hundred
//! megabytes: short titles are stored inline, and the lists (directors, countries, languages,
//! genres, tags, keywords) are interned [`Sym`]s in one allocation per film.
//!
//! [`FilmData`] is the same film with plain strings, for building films and for the JSON
//! shape (both serialize alike).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::names::Sym;

/// A short string stored inline up to 24 bytes (most titles), on the heap beyond.
pub type Text = compact_str::CompactString;

/// The lists of a film, in their order of storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Directors,
    Countries,
    Languages,
    Genres,
    Tags,
    Keywords,
}

/// How many lists a film has.
pub const LISTS: usize = 6;

/// A film in the catalog.
#[derive(Clone, PartialEq, Default)]
pub struct Film {
    pub id: i64,
    pub title: Text,
    pub original_title: Text,
    pub year: Option<i32>,
    pub runtime: Option<u32>,
    /// Where the film came from: "seed", or "import:<format>".
    pub source: Sym,
    pub tmdb_id: Option<i64>,
    pub imdb_id: Option<Text>,
    /// Every list back to back; list `l` ends at `ends[l]`.
    names: Box<[Sym]>,
    ends: [u16; LISTS],
}

/// A film with plain strings: what importers build and what JSON holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct FilmData {
    pub id: i64,
    pub title: String,
    pub original_title: String,
    pub year: Option<i32>,
    pub directors: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub runtime: Option<u32>,
    pub genres: Vec<String>,
    pub tags: Vec<String>,
    pub keywords: Vec<String>,
    /// Where the film came from: "seed", or "import:<format>".
    pub source: String,
    pub tmdb_id: Option<i64>,
    pub imdb_id: Option<String>,
}

/// The film as borrowed fields, in [`FilmData`]'s order (for serializing and debugging).
#[derive(Debug, Serialize)]
struct View<'a> {
    id: i64,
    title: &'a str,
    original_title: &'a str,
    year: Option<i32>,
    directors: &'a [Sym],
    countries: &'a [Sym],
    languages: &'a [Sym],
    runtime: Option<u32>,
    genres: &'a [Sym],
    tags: &'a [Sym],
    keywords: &'a [Sym],
    source: &'a str,
    tmdb_id: Option<i64>,
    imdb_id: Option<&'a str>,
}

impl Film {
    /// "Title (Year)", the way people name films.
    pub fn label(&self) -> String {
        match self.year {
            Some(y) => format!("{} ({y})", self.title),
            None => self.title.to_string(),
        }
    }

    /// One list.
    pub fn list(&self, list: List) -> &[Sym] {
        let l = list as usize;
        let start = if l == 0 { 0 } else { self.ends[l - 1] };
        &self.names[usize::from(start)..usize::from(self.ends[l])]
    }

    pub fn directors(&self) -> &[Sym] {
        self.list(List::Directors)
    }
    pub fn countries(&self) -> &[Sym] {
        self.list(List::Countries)
    }
    pub fn languages(&self) -> &[Sym] {
        self.list(List::Languages)
    }
    pub fn genres(&self) -> &[Sym] {
        self.list(List::Genres)
    }
    pub fn tags(&self) -> &[Sym] {
        self.list(List::Tags)
    }
    pub fn keywords(&self) -> &[Sym] {
        self.list(List::Keywords)
    }

    /// Replaces one list.
    pub fn set<S: AsRef<str>>(&mut self, list: List, names: &[S]) {
        let mut buf = ListBuf::default();
        for l in ALL {
            if l == list {
                names.iter().for_each(|n| buf.push(Sym::new(n.as_ref())));
            } else {
                self.list(l).iter().for_each(|&n| buf.push(n));
            }
            buf.end_list();
        }
        (self.names, self.ends) = buf.take();
    }

    /// The film with plain strings.
    pub fn data(&self) -> FilmData {
        let strings = |l: List| self.list(l).iter().map(|s| s.to_string()).collect();
        FilmData {
            id: self.id,
            title: self.title.to_string(),
            original_title: self.original_title.to_string(),
            year: self.year,
            directors: strings(List::Directors),
            countries: strings(List::Countries),
            languages: strings(List::Languages),
            runtime: self.runtime,
            genres: strings(List::Genres),
            tags: strings(List::Tags),
            keywords: strings(List::Keywords),
            source: self.source.to_string(),
            tmdb_id: self.tmdb_id,
            imdb_id: self.imdb_id.as_ref().map(|s| s.to_string()),
        }
    }

    fn view(&self) -> View<'_> {
        View {
            id: self.id,
            title: &self.title,
            original_title: &self.original_title,
            year: self.year,
            directors: self.directors(),
            countries: self.countries(),
            languages: self.languages(),
            runtime: self.runtime,
            genres: self.genres(),
            tags: self.tags(),
            keywords: self.keywords(),
            source: &self.source,
            tmdb_id: self.tmdb_id,
            imdb_id: self.imdb_id.as_deref(),
        }
    }

    /// Builds a film from its scalar fields and its lists already interned (the store's
    /// loading path, which interns while parsing).
    pub fn from_parts(head: FilmHead, lists: [Vec<Sym>; LISTS]) -> Film {
        let mut buf = ListBuf::default();
        for l in lists {
            l.into_iter().for_each(|n| buf.push(n));
            buf.end_list();
        }
        buf.film(head)
    }
}

/// Builds films' lists in one buffer reused from film to film (the store's loading path):
/// each film then costs one allocation for all its names.
#[derive(Debug, Default)]
pub struct ListBuf {
    names: Vec<Sym>,
    ends: [u16; LISTS],
    /// Lists closed so far for the current film.
    closed: usize,
}

impl ListBuf {
    /// Adds a name to the current list (lists come in [`List`] order). A film holds at most
    /// 65,535 names in all; any beyond are dropped.
    pub fn push(&mut self, name: Sym) {
        if self.names.len() < usize::from(u16::MAX) && self.closed < LISTS {
            self.names.push(name);
        }
    }

    /// Forgets the names added to the current list (it is read again another way).
    pub fn reset_list(&mut self) {
        let start = if self.closed == 0 {
            0
        } else {
            usize::from(self.ends[self.closed - 1])
        };
        self.names.truncate(start);
    }

    /// Ends the current list; the next names go to the next one.
    pub fn end_list(&mut self) {
        if self.closed < LISTS {
            self.ends[self.closed] = self.names.len() as u16;
            self.closed += 1;
        }
    }

    /// The film with the lists added (those not ended are empty); the buffer is then empty
    /// for the next film.
    pub fn film(&mut self, head: FilmHead) -> Film {
        let (names, ends) = self.take();
        Film {
            id: head.id,
            title: head.title,
            original_title: head.original_title,
            year: head.year,
            runtime: head.runtime,
            source: head.source,
            tmdb_id: head.tmdb_id,
            imdb_id: head.imdb_id,
            names,
            ends,
        }
    }

    /// The lists added, packed (those not ended are empty); the buffer is then empty.
    fn take(&mut self) -> (Box<[Sym]>, [u16; LISTS]) {
        while self.closed < LISTS {
            self.end_list();
        }
        let packed = (self.names.as_slice().into(), self.ends);
        self.names.clear();
        self.ends = [0; LISTS];
        self.closed = 0;
        packed
    }
}

/// A film's fields other than its lists.
#[derive(Debug, Clone, Default)]
pub struct FilmHead {
    pub id: i64,
    pub title: Text,
    pub original_title: Text,
    pub year: Option<i32>,
    pub runtime: Option<u32>,
    pub source: Sym,
    pub tmdb_id: Option<i64>,
    pub imdb_id: Option<Text>,
}

/// The lists in their order of storage.
pub const ALL: [List; LISTS] = [
    List::Directors,
    List::Countries,
    List::Languages,
    List::Genres,
    List::Tags,
    List::Keywords,
];

impl From<FilmData> for Film {
    fn from(d: FilmData) -> Film {
        let lists = [
            Sym::list(&d.directors),
            Sym::list(&d.countries),
            Sym::list(&d.languages),
            Sym::list(&d.genres),
            Sym::list(&d.tags),
            Sym::list(&d.keywords),
        ];
        Film::from_parts(
            FilmHead {
                id: d.id,
                title: d.title.into(),
                original_title: d.original_title.into(),
                year: d.year,
                runtime: d.runtime,
                source: Sym::new(&d.source),
                tmdb_id: d.tmdb_id,
                imdb_id: d.imdb_id.map(Text::from),
            },
            lists,
        )
    }
}

impl From<&Film> for FilmData {
    fn from(f: &Film) -> FilmData {
        f.data()
    }
}

impl fmt::Debug for Film {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.view(), f)
    }
}

impl Serialize for Film {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.view().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Film {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Film, D::Error> {
        FilmData::deserialize(d).map(Film::from)
    }
}

#[cfg(test)]
#[path = "film_tests.rs"]
mod tests;

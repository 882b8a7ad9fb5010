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

const LISTS: usize = 6;

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
        let mut lists: [Vec<Sym>; LISTS] = Default::default();
        for (i, l) in lists.iter_mut().enumerate() {
            *l = self.list(ALL[i]).to_vec();
        }
        lists[list as usize] = Sym::list(names);
        (self.names, self.ends) = pack(lists);
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
        let (names, ends) = pack(lists);
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
        while self.closed < LISTS {
            self.end_list();
        }
        let film = Film {
            id: head.id,
            title: head.title,
            original_title: head.original_title,
            year: head.year,
            runtime: head.runtime,
            source: head.source,
            tmdb_id: head.tmdb_id,
            imdb_id: head.imdb_id,
            names: self.names.as_slice().into(),
            ends: self.ends,
        };
        self.names.clear();
        self.ends = [0; LISTS];
        self.closed = 0;
        film
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

const ALL: [List; LISTS] = [
    List::Directors,
    List::Countries,
    List::Languages,
    List::Genres,
    List::Tags,
    List::Keywords,
];

/// Lists back to back. A film holds at most 65,535 names in all; any beyond are dropped
/// (no real film comes near).
fn pack(lists: [Vec<Sym>; LISTS]) -> (Box<[Sym]>, [u16; LISTS]) {
    let mut names = Vec::with_capacity(lists.iter().map(Vec::len).sum::<usize>().min(65_535));
    let mut ends = [0u16; LISTS];
    for (i, l) in lists.into_iter().enumerate() {
        let room = usize::from(u16::MAX) - names.len();
        names.extend(l.into_iter().take(room));
        ends[i] = names.len() as u16;
    }
    (names.into_boxed_slice(), ends)
}

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
mod tests {
    use super::*;

    fn data() -> FilmData {
        FilmData {
            id: 7,
            title: "Chungking Express".into(),
            original_title: "重慶森林".into(),
            year: Some(1994),
            directors: vec!["Wong Kar-wai".into()],
            countries: vec!["HK".into()],
            languages: vec!["cn".into(), "ja".into()],
            runtime: Some(102),
            genres: vec!["Drama".into(), "Romance".into()],
            tags: vec!["neon".into(), "loneliness".into()],
            keywords: vec![],
            source: "seed".into(),
            tmdb_id: Some(11104),
            imdb_id: Some("tt0109424".into()),
        }
    }

    #[test]
    fn a_film_keeps_every_field_and_list() {
        let d = data();
        let f = Film::from(d.clone());
        assert_eq!(f.data(), d);
        assert_eq!(f.languages(), ["cn", "ja"]);
        assert!(f.keywords().is_empty());
        assert_eq!(f.label(), "Chungking Express (1994)");
        let json = serde_json::to_string(&f).unwrap_or_default();
        assert_eq!(json, serde_json::to_string(&d).unwrap_or_default());
        let back: Film = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, f);
    }

    #[test]
    fn replacing_a_list_leaves_the_others() {
        let mut f = Film::from(data());
        f.set(List::Countries, &["HK", "FR"]);
        f.set(List::Keywords, &["rain"]);
        assert_eq!(f.countries(), ["HK", "FR"]);
        assert_eq!(f.genres(), ["Drama", "Romance"]);
        assert_eq!(f.keywords(), ["rain"]);
        assert_eq!(f.tags(), ["neon", "loneliness"]);
    }

    #[test]
    fn a_reused_list_buffer_builds_each_film_alone() {
        let mut buf = ListBuf::default();
        let head = |id| FilmHead {
            id,
            ..FilmHead::default()
        };
        buf.push(Sym::new("Wong Kar-wai"));
        buf.end_list();
        buf.push(Sym::new("HK"));
        buf.push(Sym::new("oops"));
        buf.reset_list();
        buf.push(Sym::new("FR"));
        buf.end_list();
        let a = buf.film(head(1));
        assert_eq!(a.directors(), ["Wong Kar-wai"]);
        assert_eq!(a.countries(), ["FR"]);
        assert!(a.tags().is_empty() && a.keywords().is_empty());
        for _ in 0..5 {
            buf.end_list();
        }
        buf.push(Sym::new("rain"));
        let b = buf.film(head(2));
        assert_eq!(b.keywords(), ["rain"]);
        assert!(b.directors().is_empty() && b.countries().is_empty());
        buf.push(Sym::new("x"));
        buf.reset_list();
        let c = buf.film(head(3));
        assert_eq!(
            c.data(),
            Film::from(FilmData {
                id: 3,
                ..FilmData::default()
            })
            .data()
        );
    }

    #[test]
    fn a_film_is_small() {
        assert!(
            std::mem::size_of::<Film>() <= 160,
            "{}",
            std::mem::size_of::<Film>()
        );
    }
}

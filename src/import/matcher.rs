//! Matching incoming films to the catalog: source ids first, then title and year.

use std::collections::HashMap;

use crate::store::{ExternalIds, FilmKeys};
use crate::text::title_key;

/// How an incoming film names itself.
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub title: String,
    /// Original and alternative titles.
    pub alt_titles: Vec<String>,
    pub year: Option<i32>,
    pub ids: ExternalIds,
}

/// Comparable keys of a title: its [`title_key`], and for "Title (Other)" both parts.
pub fn title_keys(t: &str) -> Vec<String> {
    let mut keys = vec![title_key(t)];
    let t = t.trim();
    if let (Some(open), true) = (t.rfind('('), t.ends_with(')')) {
        let (outer, inner) = (&t[..open], &t[open + 1..t.len() - 1]);
        keys.push(title_key(outer));
        keys.push(title_key(inner));
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

/// The catalog's films, indexed by every id and title key; films added during an import are
/// indexed too, so later rows find them.
#[derive(Default)]
pub struct Matcher {
    films: Vec<FilmKeys>,
    pos: HashMap<i64, usize>,
    by_key: HashMap<String, Vec<usize>>,
    /// The same films by (title key, year), so a title shared by thousands of films (real
    /// IMDb has them) costs a few comparisons, not thousands, per row.
    by_key_year: HashMap<(String, i32), Vec<usize>>,
    /// Films without a year, by title key.
    by_key_no_year: HashMap<String, Vec<usize>>,
    by_tmdb: HashMap<i64, usize>,
    by_imdb: HashMap<String, usize>,
    by_movielens: HashMap<i64, usize>,
    by_uri: HashMap<String, usize>,
}

fn conflict<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    matches!((a, b), (Some(x), Some(y)) if x != y)
}

impl Matcher {
    pub fn new(films: Vec<FilmKeys>) -> Matcher {
        let mut m = Matcher::default();
        for f in films {
            m.add(f);
        }
        m
    }

    /// Indexes a film.
    pub fn add(&mut self, f: FilmKeys) {
        let i = self.films.len();
        self.pos.insert(f.id, i);
        let mut keys = title_keys(&f.title);
        if f.original_title != f.title {
            keys.extend(title_keys(&f.original_title));
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            match f.year {
                Some(y) => self.by_key_year.entry((k.clone(), y)).or_default().push(i),
                None => self.by_key_no_year.entry(k.clone()).or_default().push(i),
            }
            self.by_key.entry(k).or_default().push(i);
        }
        let ids = f.ids.clone();
        self.films.push(f);
        self.add_ids_at(i, &ids);
    }

    /// Records ids a film gained; ids already held by another film stay with that film.
    pub fn add_ids(&mut self, film_id: i64, ids: &ExternalIds) {
        if let Some(&i) = self.pos.get(&film_id) {
            self.add_ids_at(i, ids);
        }
    }

    fn add_ids_at(&mut self, i: usize, ids: &ExternalIds) {
        let f = &mut self.films[i];
        if let Some(v) = ids.tmdb
            && f.ids.tmdb.is_none_or(|x| x == v)
            && !self.by_tmdb.contains_key(&v)
        {
            f.ids.tmdb = Some(v);
            self.by_tmdb.insert(v, i);
        }
        if let Some(v) = &ids.imdb
            && f.ids.imdb.as_ref().is_none_or(|x| x == v)
            && !self.by_imdb.contains_key(v)
        {
            f.ids.imdb = Some(v.clone());
            self.by_imdb.insert(v.clone(), i);
        }
        if let Some(v) = ids.movielens
            && f.ids.movielens.is_none_or(|x| x == v)
            && !self.by_movielens.contains_key(&v)
        {
            f.ids.movielens = Some(v);
            self.by_movielens.insert(v, i);
        }
        if let Some(v) = &ids.letterboxd_uri
            && f.ids.letterboxd_uri.as_ref().is_none_or(|x| x == v)
            && !self.by_uri.contains_key(v)
        {
            f.ids.letterboxd_uri = Some(v.clone());
            self.by_uri.insert(v.clone(), i);
        }
    }

    /// The film an id names, if any.
    fn by_ids(&self, ids: &ExternalIds) -> Option<usize> {
        ids.tmdb
            .and_then(|v| self.by_tmdb.get(&v))
            .or_else(|| ids.imdb.as_ref().and_then(|v| self.by_imdb.get(v)))
            .or_else(|| ids.movielens.and_then(|v| self.by_movielens.get(&v)))
            .or_else(|| ids.letterboxd_uri.as_ref().and_then(|v| self.by_uri.get(v)))
            .copied()
    }

    /// The catalog film a candidate is: by a shared source id, else by title (any of its
    /// titles against title and original title; accents, case, punctuation and moved articles
    /// ignored) and year (exact, else ±1; a missing year matches only a single candidate).
    /// Films whose ids contradict the candidate's are never title matches.
    pub fn find(&self, c: &Candidate) -> Option<i64> {
        if let Some(i) = self.by_ids(&c.ids) {
            return Some(self.films[i].id);
        }
        let primary = title_key(&c.title);
        let contradicts = |i: usize| {
            let f = &self.films[i].ids;
            conflict(&f.tmdb, &c.ids.tmdb)
                || conflict(&f.imdb, &c.ids.imdb)
                || conflict(&f.movielens, &c.ids.movielens)
        };
        let keys: Vec<String> = std::iter::once(&c.title)
            .chain(c.alt_titles.iter())
            .flat_map(|t| title_keys(t))
            .collect();
        // With a year, only films of that year, a year either side, or no year can match.
        let mut seen: Vec<usize> = Vec::new();
        let mut any_yearless = false;
        for key in &keys {
            match c.year {
                Some(y) => {
                    for y in [y - 1, y, y + 1] {
                        if let Some(list) = self.by_key_year.get(&(key.clone(), y)) {
                            seen.extend(list);
                        }
                    }
                    if let Some(list) = self.by_key_no_year.get(key) {
                        seen.extend(list);
                        any_yearless = true;
                    }
                }
                None => {
                    if let Some(list) = self.by_key.get(key) {
                        seen.extend(list);
                        any_yearless = true;
                    }
                }
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let plausible: Vec<usize> = seen.into_iter().filter(|&i| !contradicts(i)).collect();
        // Without a year on one side, a film matches only when it is the one plausible film
        // of that title at all (counted over every year, stopping at two).
        let single: Option<usize> = if any_yearless {
            let mut found: Vec<usize> = Vec::new();
            'keys: for key in &keys {
                for &i in self.by_key.get(key).into_iter().flatten() {
                    if !found.contains(&i) && !contradicts(i) {
                        found.push(i);
                        if found.len() > 1 {
                            break 'keys;
                        }
                    }
                }
            }
            (found.len() == 1).then(|| found[0])
        } else {
            None
        };
        let alt_keys: Vec<String> = c.alt_titles.iter().flat_map(|t| title_keys(t)).collect();
        // A year off by one is a festival-versus-release date only when the original titles
        // (where both are known) agree; otherwise it is likely a remake.
        let originals_agree = |i: usize| {
            let f = &self.films[i];
            alt_keys.is_empty()
                || f.original_title.is_empty()
                || title_keys(&f.original_title)
                    .iter()
                    .any(|k| alt_keys.contains(k))
        };
        let distance = |i: usize| match (self.films[i].year, c.year) {
            (Some(a), Some(b)) if a == b => Some(0),
            (Some(a), Some(b)) => ((a - b).abs() == 1 && originals_agree(i)).then_some(1),
            _ => (single == Some(i)).then_some(2),
        };
        plausible
            .iter()
            .filter_map(|&i| {
                distance(i).map(|d| (d, title_key(&self.films[i].title) != primary, i))
            })
            .min()
            .map(|(_, _, i)| self.films[i].id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(id: i64, title: &str, original: &str, year: i32) -> FilmKeys {
        FilmKeys {
            id,
            title: title.into(),
            original_title: original.into(),
            year: Some(year),
            ids: ExternalIds::default(),
        }
    }

    fn cand(title: &str, year: Option<i32>) -> Candidate {
        Candidate {
            title: title.into(),
            year,
            ..Candidate::default()
        }
    }

    #[test]
    fn matches_accents_articles_and_original_titles() {
        let m = Matcher::new(vec![
            keys(1, "Amélie", "Le Fabuleux Destin d'Amélie Poulain", 2001),
            keys(2, "Mirror", "Зеркало", 1975),
            keys(3, "Spirited Away", "千と千尋の神隠し", 2001),
        ]);
        assert_eq!(m.find(&cand("Amelie", Some(2001))), Some(1));
        assert_eq!(m.find(&cand("Mirror, The", Some(1975))), Some(2));
        assert_eq!(m.find(&cand("千と千尋の神隠し", Some(2002))), Some(3));
        assert_eq!(m.find(&cand("Mirror", Some(1978))), None);
        let ml = cand("Amelie (Fabuleux destin d'Amélie Poulain, Le)", Some(2001));
        assert_eq!(m.find(&ml), Some(1));
    }

    #[test]
    fn ids_win_and_contradicting_ids_refuse() {
        let mut a = keys(1, "Solaris", "Солярис", 1972);
        a.ids.tmdb = Some(593);
        let m = Matcher::new(vec![a, keys(2, "Solaris", "Solaris", 2002)]);
        let mut c = cand("Solaris", Some(2002));
        c.ids.tmdb = Some(593);
        assert_eq!(m.find(&c), Some(1));
        let mut c = cand("Solaris", Some(1972));
        c.ids.tmdb = Some(1);
        assert_eq!(m.find(&c), None);
        assert_eq!(m.find(&cand("Solaris", Some(2003))), Some(2));
    }

    #[test]
    fn a_remake_a_year_later_is_not_the_original() {
        let m = Matcher::new(vec![keys(1, "The Silent House", "La casa muda", 2010)]);
        let mut remake = cand("Silent House", Some(2011));
        remake.alt_titles = vec!["Silent House".into()];
        assert_eq!(m.find(&remake), None);
        let mut same = cand("The Silent House", Some(2011));
        same.alt_titles = vec!["La casa muda".into()];
        assert_eq!(m.find(&same), Some(1));
    }

    #[test]
    fn a_film_without_a_year_matches_only_as_the_one_film_of_its_title() {
        let no_year = FilmKeys {
            year: None,
            ..keys(2, "Hamlet", "", 0)
        };
        let m = Matcher::new(vec![keys(1, "Hamlet", "", 1948), no_year.clone()]);
        assert_eq!(m.find(&cand("Hamlet", Some(1948))), Some(1));
        // Two Hamlets: a 1996 one is neither.
        assert_eq!(m.find(&cand("Hamlet", Some(1996))), None);
        assert_eq!(m.find(&cand("Hamlet", None)), None);
        let m = Matcher::new(vec![no_year]);
        assert_eq!(m.find(&cand("Hamlet", Some(1996))), Some(2));
        let m = Matcher::new(vec![keys(1, "Hamlet", "", 1948)]);
        assert_eq!(m.find(&cand("Hamlet", None)), Some(1));
    }

    #[test]
    fn thousands_of_films_with_one_title_stay_apart_by_year_and_id() {
        let films: Vec<FilmKeys> = (0..5000)
            .map(|i| FilmKeys {
                ids: ExternalIds {
                    imdb: Some(format!("tt{i:07}")),
                    ..ExternalIds::default()
                },
                ..keys(i, "Night", "", 1900 + (i as i32 % 120))
            })
            .collect();
        let m = Matcher::new(films);
        let other = Candidate {
            ids: ExternalIds {
                imdb: Some("tt9999999".into()),
                ..ExternalIds::default()
            },
            ..cand("Night", Some(1950))
        };
        assert_eq!(m.find(&other), None, "another IMDb id is another film");
        let same = Candidate {
            ids: ExternalIds {
                imdb: Some("tt0000050".into()),
                ..ExternalIds::default()
            },
            ..cand("Night", Some(1950))
        };
        assert_eq!(m.find(&same), Some(50));
        assert_eq!(
            m.find(&cand("Night", Some(1950))).map(|id| id % 120),
            Some(50)
        );
    }
}

//! Series: people watch films in runs — the next Mission: Impossible, the rest of the Alien
//! films, another SpongeBob film. The film vectors are built from moods, tags and keywords,
//! which say little about "the same series", but titles say it plainly. This index keeps the
//! rare words of every title (folded, no stop words, no numbers) as hashed (word, film) pairs
//! sorted by word, so the films sharing a word with a watched title are one binary search away,
//! and each film's total word weight (IDF) for normalising.

use super::title_words::title_words;
use crate::embed::space::MoodSpace;
use crate::model::Film;

/// Words in more titles than this say nothing about a series ("night", "love").
const MAX_TITLES: usize = 50;
/// Only the films watched most recently start a series (a bounded cost at any diary size).
pub const MAX_SOURCES: usize = 200;

/// Films whose titles lead alike are of one series when their vectors are at least this
/// close (about one random pair of films in twenty is, on a TMDB catalog: the median is
/// 0.29): "Harry Potter and the Chamber of Secrets" and "... Philosopher's Stone" 0.83,
/// "Jurassic Park" and "Jurassic World" 0.68, "Alien" and "Aliens" 0.56; not "The Killer" and
/// "The Killers" 0.48, "Mirror" and "Mirrors" 0.38, "Deep Red" and "The Deep Blue Sea" 0.42.
pub(crate) const SERIES_MIN_COSINE: f32 = 0.5;
/// Or this close, when their titles number them apart ("Ocean's Eleven" and "Ocean's
/// Twelve" 0.33, "Scream" and "Scream 2" 0.43) or share two rare words or more ("Star Trek",
/// "Mission: Impossible").
pub(crate) const SEQUEL_MIN_COSINE: f32 = 0.3;
/// Title words of every film, for finding the films of a watched film's series.
#[derive(Debug, Default, Clone)]
pub struct SeriesIndex {
    /// (word hash, film row), sorted.
    pairs: Vec<(u32, u32)>,
    /// Per film row: the sum of its rare words' IDF.
    norm: Vec<f32>,
    /// Per film row: its word hashes, in `hashes[start[row]..start[row + 1]]`.
    start: Vec<u32>,
    hashes: Vec<u32>,
}

fn hash(word: &str) -> u32 {
    // FNV-1a: stable across runs and platforms.
    let mut h: u32 = 0x811c_9dc5;
    for b in word.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

impl SeriesIndex {
    /// Indexes the titles of `films` (library order).
    pub fn build(films: &[Film]) -> SeriesIndex {
        let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(films.len() * 3);
        let mut start: Vec<u32> = Vec::with_capacity(films.len() + 1);
        let mut hashes: Vec<u32> = Vec::with_capacity(films.len() * 3);
        for (row, f) in films.iter().enumerate() {
            start.push(hashes.len() as u32);
            for w in title_words(&f.title) {
                let h = hash(&w);
                if !hashes[start[row] as usize..].contains(&h) {
                    hashes.push(h);
                    pairs.push((h, row as u32));
                }
            }
        }
        start.push(hashes.len() as u32);
        pairs.sort_unstable();
        pairs.dedup();
        let mut norm = vec![0.0f32; films.len()];
        let n = films.len().max(1) as f32;
        let mut at = 0;
        while at < pairs.len() {
            let h = pairs[at].0;
            let end = at + pairs[at..].partition_point(|p| p.0 == h);
            let df = end - at;
            if df <= MAX_TITLES {
                let idf = (n / df as f32).ln().max(0.0);
                for p in &pairs[at..end] {
                    norm[p.1 as usize] += idf;
                }
            }
            at = end;
        }
        SeriesIndex {
            pairs,
            norm,
            start,
            hashes,
        }
    }

    /// Writes the index into a start-up image section.
    pub fn write_image(&self, out: &mut crate::image::codec::Out<'_>) -> std::io::Result<()> {
        let pairs: Vec<[u32; 2]> = self.pairs.iter().map(|&(h, r)| [h, r]).collect();
        out.pods(&pairs)?;
        out.pods(&self.norm)?;
        out.pods(&self.start)?;
        out.pods(&self.hashes)
    }

    /// Reads what [`SeriesIndex::write_image`] wrote for `films` films, checked.
    pub fn read_image(buf: &[u8], films: usize) -> std::io::Result<SeriesIndex> {
        let mut r = crate::image::codec::In::new(buf);
        let pairs: Vec<(u32, u32)> = (r.pods::<[u32; 2]>()?.into_iter())
            .map(|[h, row]| (h, row))
            .collect();
        let norm: Vec<f32> = r.pods()?;
        let start: Vec<u32> = r.pods()?;
        let hashes: Vec<u32> = r.pods()?;
        let ok = r.is_empty()
            && norm.len() == films
            && start.len() == films + 1
            && start[0] == 0
            && start.windows(2).all(|w| w[0] <= w[1])
            && start[films] as usize == hashes.len()
            && pairs.windows(2).all(|w| w[0] < w[1])
            && pairs.iter().all(|p| (p.1 as usize) < films);
        if !ok {
            return Err(crate::image::codec::bad(
                "the series index does not hold together",
            ));
        }
        Ok(SeriesIndex {
            pairs,
            norm,
            start,
            hashes,
        })
    }

    pub fn len(&self) -> usize {
        self.norm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    fn postings(&self, h: u32) -> &[(u32, u32)] {
        let start = self.pairs.partition_point(|p| p.0 < h);
        let end = start + self.pairs[start..].partition_point(|p| p.0 == h);
        &self.pairs[start..end]
    }

    /// For the films that share rare title words with one of the `watched` film rows (the
    /// first [`MAX_SOURCES`] distinct ones count: pass the most recent first),
    /// their best share: the IDF of the shared words over the larger of the two titles' word
    /// weights (1 for the same title words, 0 for none). Sparse: (row, share, row of the
    /// watched film it shares the most with), by row.
    pub fn scores(&self, watched: impl IntoIterator<Item = usize>) -> Vec<(u32, f32, u32)> {
        let n = self.norm.len().max(1) as f32;
        // (film row, source number, share, source row) for every pair found.
        let mut found: Vec<(u32, u32, f32, u32)> = Vec::new();
        // (film row, IDF of one shared word) for the current source, in the order met.
        let mut shared: Vec<(u32, f32)> = Vec::new();
        let mut done = vec![0u64; self.norm.len().div_ceil(64)];
        let mut sources = 0u32;
        for j in watched {
            if sources as usize >= MAX_SOURCES {
                break;
            }
            if j >= self.norm.len() || done[j / 64] >> (j % 64) & 1 == 1 {
                continue;
            }
            done[j / 64] |= 1 << (j % 64);
            sources += 1;
            shared.clear();
            let (a, b) = (self.start[j] as usize, self.start[j + 1] as usize);
            for &h in &self.hashes[a..b] {
                let postings = self.postings(h);
                if postings.is_empty() || postings.len() > MAX_TITLES {
                    continue;
                }
                let idf = (n / postings.len() as f32).ln().max(0.0);
                shared.extend(
                    postings
                        .iter()
                        .filter(|p| p.1 as usize != j)
                        .map(|p| (p.1, idf)),
                );
            }
            // Stable: each film's word weights add up in the order they were met.
            shared.sort_by_key(|s| s.0);
            for run in shared.chunk_by(|x, y| x.0 == y.0) {
                let i = run[0].0;
                let s = run.iter().fold(0.0f32, |acc, x| acc + x.1);
                let denom = self.norm[i as usize].max(self.norm[j]);
                if denom > 0.0 {
                    found.push((i, sources, (s / denom).min(1.0), j as u32));
                }
            }
        }
        // Per film, the first source with the best share.
        found.sort_unstable_by_key(|f| (f.0, f.1));
        found
            .chunk_by(|x, y| x.0 == y.0)
            .map(|run| {
                let mut best = (0.0f32, run[0].3);
                for f in run {
                    if f.2 > best.0 {
                        best = (f.2, f.3);
                    }
                }
                (run[0].0, best.0, best.1)
            })
            .collect()
    }
}

/// Whether the films at rows `i` and `from` (which share rare title words) are of one
/// series: their titles lead alike (see `series_key`: "Jurassic World" and "Jurassic Park",
/// not "Gosford Park"; "Heat", not "In the Heat of the Sun") but are not one title (namesakes
/// and remakes: "Heat" and "The Heat"), and their vectors are close, or less close and their
/// titles number them apart ("Toy Story 2") or share more than one word; and they were not
/// made in different languages in different countries (see `made_apart`).
pub(super) fn same_series(space: &MoodSpace, films: &[Film], i: usize, from: usize) -> bool {
    use super::title_words::{bare_title, sequel_marks, series_key, title_words};
    let (a, b) = (&films[i].title, &films[from].title);
    if series_key(a) != series_key(b) || bare_title(a) == bare_title(b) {
        return false;
    }
    if made_apart(&films[i], &films[from]) {
        return false;
    }
    let numbered_apart = sequel_marks(a) != sequel_marks(b);
    let (wa, wb) = (title_words(a), title_words(b));
    // A film known by its title alone (an import found it nowhere) has a vector of its
    // title: only the same words numbered apart tie it to a series ("Scream" and "Scream 4",
    // not "Kill Bill: Vol. 1" and "Kill Boksoon").
    if !space.is_described(i) || !space.is_described(from) {
        return numbered_apart && wa == wb;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    let sequel_like = shared > 1 || numbered_apart;
    let cos = space.matrix().row_cosine(i, from);
    cos >= SERIES_MIN_COSINE || (sequel_like && cos >= SEQUEL_MIN_COSINE)
}

/// Whether two films were made in different languages in different countries (their first
/// language, the original one, differs and no country is shared): namesakes such as Hong
/// Kong's "The Killer" and Hollywood's "Killers", not one series. Films whose language or
/// country is unknown are not told apart this way.
fn made_apart(a: &Film, b: &Film) -> bool {
    let (Some(la), Some(lb)) = (a.languages().first(), b.languages().first()) else {
        return false;
    };
    if la == lb || a.countries().is_empty() || b.countries().is_empty() {
        return false;
    }
    !a.countries().iter().any(|c| b.countries().contains(c))
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn film(title: &str) -> Film {
        Film::from(crate::model::FilmData {
            id: 0,
            title: title.into(),
            original_title: title.into(),
            year: None,
            directors: vec![],
            countries: vec![],
            languages: vec![],
            runtime: None,
            genres: vec![],
            tags: vec![],
            keywords: vec![],
            source: "seed".into(),
            tmdb_id: None,
            imdb_id: None,
        })
    }

    #[test]
    fn films_of_a_watched_series_score_and_others_do_not() {
        let mut titles: Vec<String> = vec![
            "Mission: Impossible".into(),
            "Mission: Impossible II".into(),
            "Mission: Impossible – Ghost Protocol".into(),
            "Alien".into(),
            "Aliens".into(),
            "In the Mood for Love".into(),
        ];
        // Filler so the series words are rare.
        titles.extend((0..200).map(|i| format!("Filler number {i} night")));
        let films: Vec<Film> = titles.iter().map(|t| film(t)).collect();
        let idx = SeriesIndex::build(&films);
        let s: HashMap<u32, f32> = idx
            .scores([0])
            .into_iter()
            .map(|(i, s, from)| {
                assert_eq!(from, 0);
                (i, s)
            })
            .collect();
        assert!(s[&1] > 0.9, "{s:?}");
        assert!(s[&2] > 0.3 && s[&2] < s[&1], "{s:?}");
        assert!(!s.contains_key(&0), "a film is not its own series: {s:?}");
        assert!(!s.contains_key(&3) && !s.contains_key(&5), "{s:?}");
        let s = idx.scores([3]);
        assert_eq!(s.iter().map(|p| p.0).collect::<Vec<_>>(), vec![4]);
    }

    #[test]
    fn common_words_link_nothing() {
        let titles: Vec<String> = (0..300).map(|i| format!("Night {i}")).collect();
        let films: Vec<Film> = titles.iter().map(|t| film(t)).collect();
        let idx = SeriesIndex::build(&films);
        assert!(idx.scores([0]).is_empty());
        assert!(
            idx.scores([9999]).is_empty(),
            "rows out of range are ignored"
        );
    }

    #[test]
    fn everyday_title_words_pair_nothing() {
        // A seed-sized catalog, where "love" is in fewer titles than MAX_TITLES.
        let mut titles: Vec<String> = vec![
            "In the Mood for Love".into(),
            "Love Affair".into(),
            "Women in Love".into(),
            "Star Wars".into(),
            "Star Wars: The Empire Strikes Back".into(),
        ];
        titles.extend((0..2000).map(|i| format!("Filler {i}")));
        let films: Vec<Film> = titles.iter().map(|t| film(t)).collect();
        let idx = SeriesIndex::build(&films);
        assert!(idx.scores([0]).is_empty(), "{:?}", idx.scores([0]));
        let s = idx.scores([3]);
        assert_eq!(s.iter().map(|p| p.0).collect::<Vec<_>>(), vec![4]);
    }
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod same_series_tests;

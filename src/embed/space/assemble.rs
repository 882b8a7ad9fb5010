//! Assembling a [`MoodSpace`] at start-up: each film's term ids, and the film matrix from the
//! vector cache, split over the cores. Document hashes are computed without building each
//! film's document, and term keys are folded once per distinct text, not once per film.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Write;
use std::ops::Range;

use super::build::{film_vector, genre_key, keyword_key, tag_key, term_text};
use super::{
    DOC_CONTEXT, DOC_GENRE, DOC_KEYWORD, FilmMatrix, FilmTerm, Fresh, MoodSpace, VectorProgress,
    parallelism, quantise,
};
use crate::catalog::codes::country_name;
use crate::catalog::vocab::Vocabulary;
use crate::embed::{Embedder, Fnv};
use crate::model::Film;
use crate::names::Sym;
use crate::store::CachedVectors;
use crate::text::fold;

/// A multiplicative hasher for the small integer keys below (a name's address, a kind).
#[derive(Default)]
struct Quick(u64);

impl Hasher for Quick {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u8(&mut self, x: u8) {
        self.write_u64(u64::from(x));
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<Quick>>;

/// A name's identity as a number: each distinct name is stored once for the process, so its
/// address tells names apart without hashing their text.
fn key(s: Sym) -> usize {
    s.as_str().as_ptr() as usize ^ (s.len() << 48)
}

/// Contiguous ranges of `n` rows, one per thread a pass over them deserves.
fn chunks(n: usize) -> Vec<Range<usize>> {
    let parts = parallelism(n).max(1);
    let size = n.div_ceil(parts).max(1);
    (0..n).step_by(size).map(|s| s..(s + size).min(n)).collect()
}

/// Runs `f` on each range of rows, on its own thread when there is more than one.
fn par_map<T: Send>(n: usize, f: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
    let parts = chunks(n);
    if parts.len() <= 1 {
        return parts.into_iter().map(&f).collect();
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|r| {
                let f = &f;
                s.spawn(move || f(r))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Term keys of one range of films, numbered locally in order of first appearance.
struct LocalTerms {
    /// The key of each local id.
    keys: Vec<String>,
    /// Per film of the range: (local id, kind), in `terms[start[i]..start[i + 1]]`.
    start: Vec<u32>,
    terms: Vec<(u32, u8)>,
}

fn local_terms(films: &[Film]) -> LocalTerms {
    // Keyed by the text as the film has it: folding happens once per distinct text.
    let mut ids: QuickMap<(u8, usize), u32> = QuickMap::default();
    let mut out = LocalTerms {
        keys: Vec::new(),
        start: Vec::with_capacity(films.len() + 1),
        terms: Vec::new(),
    };
    for f in films {
        out.start.push(out.terms.len() as u32);
        let texts = (f.tags().iter().map(|&t| (0u8, t)))
            .chain(f.keywords().iter().map(|&k| (1u8, k)))
            .chain(f.genres().iter().map(|&g| (2u8, g)));
        for (kind, text) in texts {
            let next = out.keys.len() as u32;
            let id = *ids.entry((kind, key(text))).or_insert_with(|| {
                out.keys.push(match kind {
                    0 => tag_key(&text),
                    1 => keyword_key(&text),
                    _ => genre_key(&text),
                });
                next
            });
            out.terms.push((id, kind));
        }
    }
    out.start.push(out.terms.len() as u32);
    out
}

/// The term index, the term names, and each film's terms (`start` offsets into `film_terms`).
pub(super) type Interned = (HashMap<String, u32>, Vec<String>, Vec<u32>, Vec<FilmTerm>);

/// Term names (the vocabulary's tags first, then in order of first appearance in `films`),
/// and each film's distinct terms (a word once, as its first kind: tag, keyword, genre) in
/// `film_terms[start[i]..start[i+1]]`: the same numbering a single pass over the films gives.
pub(super) fn intern_terms(films: &[Film], vocab: &Vocabulary) -> Interned {
    let locals = par_map(films.len(), |r| local_terms(&films[r]));
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut intern = |key: &str, names: &mut Vec<String>| -> u32 {
        if let Some(&id) = index.get(key) {
            return id;
        }
        let id = names.len() as u32;
        index.insert(key.to_string(), id);
        names.push(key.to_string());
        id
    };
    for t in &vocab.tags {
        intern(&tag_key(&t.name), &mut names);
    }
    // Local ids to global ones, chunk by chunk in film order; keys of two letters or fewer
    // are left out, as one pass would.
    let maps: Vec<Vec<u32>> = locals
        .iter()
        .map(|l| {
            l.keys
                .iter()
                .map(|k| {
                    if k.len() > 2 {
                        intern(k, &mut names)
                    } else {
                        u32::MAX
                    }
                })
                .collect()
        })
        .collect();
    let mut start = Vec::with_capacity(films.len() + 1);
    let mut film_terms = Vec::new();
    for (l, map) in locals.iter().zip(&maps) {
        for w in l.start.windows(2) {
            start.push(film_terms.len() as u32);
            let from = film_terms.len();
            for &(local, kind) in &l.terms[w[0] as usize..w[1] as usize] {
                let id = map[local as usize];
                // One word once: a keyword or genre that repeats one of the film's tags
                // ("revenge" as tag and keyword) would count twice in its best three.
                let word = |id: u32| names.get(id as usize).map(|n| &n[2..]);
                if id != u32::MAX
                    && !film_terms[from..]
                        .iter()
                        .any(|t: &FilmTerm| t.id() == id || word(t.id()) == word(id))
                {
                    film_terms.extend(FilmTerm::new(id, usize::from(kind)));
                }
            }
        }
    }
    start.push(film_terms.len() as u32);
    (index, names, start, film_terms)
}

/// Folded names already seen, by name.
#[derive(Default)]
pub(super) struct Folds {
    keywords: QuickMap<usize, String>,
    genres: QuickMap<usize, String>,
}

/// The hash of `film`'s document (what `doc_hash(&document(film))` gives), built in `buf`
/// part by part instead of as a list of strings.
pub(super) fn doc_hash_of(film: &Film, buf: &mut Vec<u8>, folds: &mut Folds) -> u64 {
    let mut h = Fnv::new();
    let mut part = |bytes: &[u8], w: f32| {
        h.bytes(bytes);
        h.bytes(&w.to_le_bytes());
    };
    for t in film.tags() {
        buf.clear();
        buf.extend(t.bytes().map(|b| if b == b'-' { b' ' } else { b }));
        part(buf, 1.0);
    }
    for k in film.keywords() {
        let folded = folds
            .keywords
            .entry(key(*k))
            .or_insert_with(|| fold(k.trim()));
        part(folded.as_bytes(), DOC_KEYWORD);
    }
    for g in film.genres() {
        let folded = folds.genres.entry(key(*g)).or_insert_with(|| fold(g));
        part(folded.as_bytes(), DOC_GENRE);
    }
    if film.tags().is_empty() && film.keywords().is_empty() && film.genres().is_empty() {
        buf.clear();
        buf.extend_from_slice(film.title.as_bytes());
        buf.push(b' ');
        buf.extend_from_slice(film.original_title.as_bytes());
        part(buf, 1.0);
    }
    for d in film.directors() {
        part(d.as_bytes(), DOC_CONTEXT);
    }
    for c in film.countries().iter().filter_map(|c| country_name(c)) {
        part(c.as_bytes(), DOC_CONTEXT);
    }
    if let Some(y) = film.year {
        buf.clear();
        let _ = write!(buf, "{}s", y / 10 * 10);
        part(buf, DOC_CONTEXT);
    }
    h.finish()
}

/// Copies the cached vectors still valid for `films[rows]` (same model, same document, right
/// length) into `data` and `scale` (that range's rows), and returns the films (library
/// indices) whose vector must be computed.
fn fill_cached(
    films: &[Film],
    rows: Range<usize>,
    cached: &CachedVectors,
    model: &str,
    dim: usize,
    data: &mut [i8],
    scale: &mut [f32],
) -> Vec<usize> {
    let mut stale = Vec::new();
    let mut buf = Vec::new();
    let mut folds = Folds::default();
    let mut at = 0;
    for (k, i) in rows.enumerate() {
        let f = &films[i];
        let found = cached.find_from(at, f.id);
        if let Some(pos) = found {
            at = pos;
        }
        let row = found.map(|p| cached.row(p)).filter(|c| {
            c.model == model
                && c.vec.len() == dim
                && c.doc_hash == Some(doc_hash_of(f, &mut buf, &mut folds))
        });
        match row {
            Some(c) => {
                data[k * dim..(k + 1) * dim].copy_from_slice(c.vec);
                scale[k] = c.scale;
            }
            None => stale.push(i),
        }
    }
    stale
}

/// The film matrix of `films` from the cache, with the vectors it lacked computed (they are
/// returned to be cached). `term_space` is the term index and matrix film vectors lean on.
pub(super) fn film_matrix(
    embedder: &Embedder,
    films: &[Film],
    cached: &CachedVectors,
    term_space: (&HashMap<String, u32>, &FilmMatrix),
    progress: VectorProgress<'_>,
) -> (FilmMatrix, Vec<(i64, crate::store::StoredVector)>) {
    let dim = embedder.dim();
    let n = films.len();
    let mut matrix = FilmMatrix {
        dim,
        data: vec![0; n * dim],
        scale: vec![0.0; n],
    };
    crate::heap::advise_huge(&mut matrix.data);
    let parts = chunks(n);
    let mut stale = Vec::new();
    {
        let mut data = matrix.data.as_mut_slice();
        let mut scale = matrix.scale.as_mut_slice();
        let mut jobs = Vec::new();
        for r in &parts {
            let (d, rest_d) = data.split_at_mut(r.len() * dim);
            let (s, rest_s) = scale.split_at_mut(r.len());
            jobs.push((r.clone(), d, s));
            data = rest_d;
            scale = rest_s;
        }
        let model = embedder.id();
        std::thread::scope(|sc| {
            let handles: Vec<_> = jobs
                .into_iter()
                .map(|(r, d, s)| sc.spawn(move || fill_cached(films, r, cached, model, dim, d, s)))
                .collect();
            for h in handles {
                stale.extend(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
            }
        });
    }
    let total = stale.len();
    let mut fresh = Vec::with_capacity(total);
    let mut context: HashMap<String, Vec<f32>> = HashMap::new();
    for (done, &i) in stale.iter().enumerate() {
        let v = film_vector(embedder, &films[i], term_space, dim, &mut context);
        matrix.data[i * dim..(i + 1) * dim].copy_from_slice(&v.vec);
        matrix.scale[i] = v.scale;
        fresh.push((films[i].id, v));
        if (done + 1) % 256 == 0 || done + 1 == total {
            progress(done + 1, total);
        }
    }
    (matrix, fresh)
}

impl MoodSpace {
    /// Builds the space for `films`, reusing cached film vectors that match the model and the
    /// film's document and cached term vectors of this model; returns the space and the vectors
    /// that were (re)computed, to be cached.
    pub fn build(
        embedder: Embedder,
        films: &[Film],
        vocab: &Vocabulary,
        stop_en: HashSet<String>,
        cached: &CachedVectors,
        cached_terms: &HashMap<String, (Vec<i8>, f32)>,
        progress: VectorProgress<'_>,
    ) -> (MoodSpace, Fresh) {
        let (index, names, start, film_terms) = intern_terms(films, vocab);
        let dim = embedder.dim();
        let missing: Vec<usize> = (0..names.len())
            .filter(|&i| {
                cached_terms
                    .get(&names[i])
                    .is_none_or(|(v, _)| v.len() != dim)
            })
            .collect();
        let texts: Vec<String> = missing.iter().map(|&i| term_text(&names[i])).collect();
        let mut encoded = embedder.encode_many(&texts).into_iter();
        let mut fresh_terms = Vec::with_capacity(missing.len());
        let mut terms = FilmMatrix {
            dim,
            data: Vec::with_capacity(names.len() * dim),
            scale: Vec::with_capacity(names.len()),
        };
        let mut missing_iter = missing.iter().peekable();
        for (i, name) in names.iter().enumerate() {
            // Fresh vectors go through the same int8 round trip as cached ones, so a ranking
            // does not depend on whether the cache was warm.
            let (q, scale) = if missing_iter.peek() == Some(&&i) {
                missing_iter.next();
                let (q, scale) = quantise(&encoded.next().unwrap_or_else(|| vec![0.0; dim]));
                fresh_terms.push((name.clone(), q.clone(), scale));
                (q, scale)
            } else {
                cached_terms[name].clone()
            };
            terms.data.extend_from_slice(&q);
            terms.scale.push(scale);
        }
        let (matrix, fresh) = film_matrix(&embedder, films, cached, (&index, &terms), progress);
        (
            MoodSpace {
                embedder,
                index,
                names,
                terms,
                start,
                film_terms,
                matrix,
                stop_en,
                rows: crate::ids::IdIndex::new(films.iter().map(|f| f.id)),
            },
            Fresh {
                films: fresh,
                terms: fresh_terms,
            },
        )
    }
}

#[cfg(test)]
#[path = "assemble_tests.rs"]
mod tests;

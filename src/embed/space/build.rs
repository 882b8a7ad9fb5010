//! Building a space: the catalog's terms and their vectors, each film's document and its
//! vector (reused from the cache when the model and the document are unchanged).

use std::collections::{HashMap, HashSet};

use super::{
    DOC_CONTEXT, DOC_GENRE, DOC_KEYWORD, FilmMatrix, FilmTerm, Fresh, MoodSpace, VectorProgress,
    quantise,
};
use crate::catalog::codes::country_name;
use crate::catalog::vocab::Vocabulary;
use crate::embed::{Embedder, Fnv, normalise};
use crate::model::Film;
use crate::store::StoredVector;
use crate::text::fold;

pub(super) fn tag_key(t: &str) -> String {
    format!("t:{t}")
}

fn keyword_key(k: &str) -> String {
    format!("k:{}", fold(k.trim()))
}

fn genre_key(g: &str) -> String {
    format!("g:{}", fold(g))
}

/// The text the model reads for a term key.
fn term_text(key: &str) -> String {
    key[2..].replace('-', " ")
}

/// The weighted parts of a film's document: (text, weight).
fn document(film: &Film) -> Vec<(String, f32)> {
    let mut parts: Vec<(String, f32)> = Vec::new();
    parts.extend(film.tags().iter().map(|t| (t.replace('-', " "), 1.0)));
    parts.extend(
        film.keywords()
            .iter()
            .map(|k| (fold(k.trim()), DOC_KEYWORD)),
    );
    parts.extend(film.genres().iter().map(|g| (fold(g), DOC_GENRE)));
    if parts.is_empty() {
        // Nothing but facts: the titles are all the model can read.
        parts.push((format!("{} {}", film.title, film.original_title), 1.0));
    }
    parts.extend(
        film.directors()
            .iter()
            .map(|d| (d.to_string(), DOC_CONTEXT)),
    );
    parts.extend(
        film.countries()
            .iter()
            .filter_map(|c| country_name(c))
            .map(|c| (c.to_string(), DOC_CONTEXT)),
    );
    if let Some(y) = film.year {
        parts.push((format!("{}s", y / 10 * 10), DOC_CONTEXT));
    }
    parts
}

fn doc_hash(parts: &[(String, f32)]) -> String {
    let mut h = Fnv::new();
    for (t, w) in parts {
        h.bytes(t.as_bytes());
        h.bytes(&w.to_le_bytes());
    }
    format!("{:016x}", h.finish())
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
        cached: &HashMap<i64, StoredVector>,
        cached_terms: &HashMap<String, (Vec<i8>, f32)>,
        progress: VectorProgress<'_>,
    ) -> (MoodSpace, Fresh) {
        let mut index: HashMap<String, u32> = HashMap::new();
        let mut names: Vec<String> = Vec::new();
        let mut intern = |key: String, names: &mut Vec<String>| -> u32 {
            let next = names.len() as u32;
            *index.entry(key.clone()).or_insert_with(|| {
                names.push(key);
                next
            })
        };
        for t in &vocab.tags {
            intern(tag_key(&t.name), &mut names);
        }
        let mut start = Vec::with_capacity(films.len() + 1);
        let mut film_terms = Vec::new();
        for f in films {
            start.push(film_terms.len() as u32);
            let mut seen = HashSet::new();
            let keys = f
                .tags()
                .iter()
                .map(|t| (tag_key(t), 0))
                .chain(f.keywords().iter().map(|k| (keyword_key(k), 1)))
                .chain(f.genres().iter().map(|g| (genre_key(g), 2)));
            for (key, kind) in keys {
                if key.len() > 2 && seen.insert(key.clone()) {
                    let id = intern(key, &mut names);
                    film_terms.extend(FilmTerm::new(id, kind));
                }
            }
        }
        start.push(film_terms.len() as u32);
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

        let mut matrix = FilmMatrix {
            dim,
            data: Vec::with_capacity(films.len() * dim),
            scale: Vec::with_capacity(films.len()),
        };
        let mut fresh = Vec::new();
        let stale: Vec<usize> = films
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                let hash = doc_hash(&document(f));
                !cached.get(&f.id).is_some_and(|c| {
                    c.model == embedder.id() && c.doc_hash == hash && c.vec.len() == dim
                })
            })
            .map(|(i, _)| i)
            .collect();
        let total = stale.len();
        let mut done = 0;
        let mut stale_iter = stale.iter().peekable();
        let mut context: HashMap<String, Vec<f32>> = HashMap::new();
        let space_terms = (&index, &terms);
        for (i, f) in films.iter().enumerate() {
            if stale_iter.peek() == Some(&&i) {
                stale_iter.next();
                let v = film_vector(&embedder, f, space_terms, dim, &mut context);
                matrix.push(&v);
                fresh.push((f.id, v));
                done += 1;
                if done % 256 == 0 || done == total {
                    progress(done, total);
                }
            } else if let Some(c) = cached.get(&f.id) {
                matrix.push(c);
            }
        }
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

fn film_vector(
    embedder: &Embedder,
    film: &Film,
    (index, terms): (&HashMap<String, u32>, &FilmMatrix),
    dim: usize,
    context: &mut HashMap<String, Vec<f32>>,
) -> StoredVector {
    let parts = document(film);
    let mut acc = vec![0.0f32; dim];
    for (text, w) in &parts {
        let key_tag = tag_key(&text.replace(' ', "-"));
        let known = index
            .get(&key_tag)
            .or_else(|| index.get(&format!("k:{text}")))
            .or_else(|| index.get(&format!("g:{text}")));
        match known {
            Some(&t) => {
                let v = terms.row_f32(t as usize);
                acc.iter_mut().zip(&v).for_each(|(a, b)| *a += w * b);
            }
            None => {
                // Directors, countries and decades repeat across films: encode each once.
                let v = context
                    .entry(text.clone())
                    .or_insert_with(|| embedder.encode(text));
                acc.iter_mut().zip(v.iter()).for_each(|(a, b)| *a += w * b);
            }
        }
    }
    normalise(&mut acc);
    let (vec, scale) = quantise(&acc);
    StoredVector {
        model: embedder.id().to_string(),
        doc_hash: doc_hash(&parts),
        scale,
        vec,
    }
}

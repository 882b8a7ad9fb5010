//! The parts a space is built from: term keys, each film's document, its hash and its vector
//! (the assembly over the cores is in `assemble.rs`).

use std::collections::HashMap;

use super::{DOC_CONTEXT, DOC_GENRE, DOC_KEYWORD, FilmMatrix, quantise};
use crate::catalog::codes::country_name;
use crate::embed::{Embedder, Fnv, normalise};
use crate::model::Film;
use crate::store::StoredVector;
use crate::text::fold;

pub(super) fn tag_key(t: &str) -> String {
    format!("t:{t}")
}

pub(super) fn keyword_key(k: &str) -> String {
    format!("k:{}", fold(k.trim()))
}

pub(super) fn genre_key(g: &str) -> String {
    format!("g:{}", fold(g))
}

/// The text the model reads for a term key.
pub(super) fn term_text(key: &str) -> String {
    key[2..].replace('-', " ")
}

/// The weighted parts of a film's document: (text, weight).
pub(super) fn document(film: &Film) -> Vec<(String, f32)> {
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

pub(super) fn doc_hash(parts: &[(String, f32)]) -> String {
    let mut h = Fnv::new();
    for (t, w) in parts {
        h.bytes(t.as_bytes());
        h.bytes(&w.to_le_bytes());
    }
    format!("{:016x}", h.finish())
}

pub(super) fn film_vector(
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

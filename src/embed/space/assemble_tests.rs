//! Tests of the space assembly: term numbering, document hashes and cache reuse match the
//! one-thread build.

use super::super::build::{doc_hash, document};
use super::*;
use crate::film::List;
use crate::store::StoredVector;

fn catalog() -> (Vec<Film>, Vocabulary) {
    let vocab = Vocabulary::builtin().unwrap();
    let mut films = crate::synth::films(300, &vocab, 3);
    films.extend(
        crate::catalog::seed::SeedCatalog::builtin()
            .unwrap()
            .films
            .into_iter()
            .map(|(_, f)| f),
    );
    let none: [&str; 0] = [];
    let mut bare = films[0].clone();
    for list in [List::Tags, List::Keywords, List::Genres] {
        bare.set(list, &none);
    }
    bare.title = "Amélie".into();
    films.push(bare);
    let mut odd = films[1].clone();
    odd.set(List::Keywords, &["  Hong Kong ", "CAFÉ", "ab"]);
    odd.set(List::Genres, &["Drama", "drama"]);
    odd.year = None;
    films.push(odd);
    // A word that is the film's tag, keyword and genre at once.
    let mut again = films[2].clone();
    again.set(List::Tags, &["revenge", "war"]);
    again.set(List::Keywords, &["Revenge", "samurai", "war"]);
    again.set(List::Genres, &["War", "Drama"]);
    films.push(again);
    for (i, f) in films.iter_mut().enumerate() {
        f.id = i as i64 + 1;
    }
    (films, vocab)
}

#[test]
fn document_hashes_match_the_document() {
    let (films, _) = catalog();
    let (mut buf, mut folds) = (Vec::new(), Folds::default());
    for f in &films {
        let want = doc_hash(&document(f));
        let got = format!("{:016x}", doc_hash_of(f, &mut buf, &mut folds));
        assert_eq!(got, want, "{}", f.title);
    }
}

/// The numbering of one sequential pass, as the space was first built.
fn sequential(films: &[Film], vocab: &Vocabulary) -> (Vec<String>, Vec<u32>, Vec<(u32, f32)>) {
    use super::super::{GENRE_WEIGHT, KEYWORD_WEIGHT, TAG_WEIGHT};
    let mut index: HashMap<String, u32> = HashMap::new();
    let mut names = Vec::new();
    let mut intern = |k: String, names: &mut Vec<String>| {
        let next = names.len() as u32;
        *index.entry(k.clone()).or_insert_with(|| {
            names.push(k);
            next
        })
    };
    for t in &vocab.tags {
        intern(tag_key(&t.name), &mut names);
    }
    let (mut start, mut terms) = (Vec::new(), Vec::new());
    for f in films {
        start.push(terms.len() as u32);
        let mut seen = HashSet::new();
        let keys = f
            .tags()
            .iter()
            .map(|t| (tag_key(t), TAG_WEIGHT))
            .chain(
                f.keywords()
                    .iter()
                    .map(|k| (keyword_key(k), KEYWORD_WEIGHT)),
            )
            .chain(f.genres().iter().map(|g| (genre_key(g), GENRE_WEIGHT)));
        for (key, w) in keys {
            // Every key is a term; a film has a word once, as its first kind.
            if key.len() > 2 {
                let word = key[2..].to_string();
                let id = intern(key, &mut names);
                if seen.insert(word) {
                    terms.push((id, w));
                }
            }
        }
    }
    start.push(terms.len() as u32);
    (names, start, terms)
}

#[test]
fn terms_are_numbered_as_one_pass_numbers_them() {
    let (films, vocab) = catalog();
    // Enough films for the parallel split.
    let many: Vec<Film> = (0..60_000)
        .map(|i| films[i % films.len()].clone())
        .collect();
    for set in [&films[..], &many[..]] {
        let (index, names, start, terms) = intern_terms(set, &vocab);
        let terms: Vec<(u32, f32)> = terms.iter().map(|t| (t.id(), t.weight())).collect();
        assert_eq!((names.clone(), start, terms), sequential(set, &vocab));
        assert!(names.iter().enumerate().all(|(i, n)| index[n] == i as u32));
    }
    use super::super::{GENRE_WEIGHT, KEYWORD_WEIGHT, TAG_WEIGHT};
    let (_, names, start, terms) = intern_terms(&films, &vocab);
    let last = films.len() - 1;
    let words: Vec<(&str, f32)> = terms[start[last] as usize..start[last + 1] as usize]
        .iter()
        .map(|t| (names[t.id() as usize].as_str(), t.weight()))
        .collect();
    assert_eq!(
        words,
        [
            ("t:revenge", TAG_WEIGHT),
            ("t:war", TAG_WEIGHT),
            ("k:samurai", KEYWORD_WEIGHT),
            ("g:drama", GENRE_WEIGHT)
        ]
    );
}

#[test]
fn cached_vectors_are_reused_and_stale_ones_recomputed() {
    let (mut films, vocab) = catalog();
    let none = CachedVectors::default();
    let build = |films: &[Film], cache: &CachedVectors| {
        MoodSpace::build(
            Embedder::builtin().unwrap(),
            films,
            &vocab,
            HashSet::new(),
            cache,
            &HashMap::new(),
            &mut |_, _| {},
        )
    };
    let (first, fresh) = build(&films, &none);
    assert_eq!(fresh.films.len(), films.len());
    let cache = CachedVectors::from_rows(fresh.films.iter().map(|(id, v)| (*id, v)));
    let (again, fresh_again) = build(&films, &cache);
    assert!(fresh_again.films.is_empty());
    assert_eq!(again.matrix.data, first.matrix.data);
    assert_eq!(again.matrix.scale, first.matrix.scale);
    // A changed document, another model's vector and a missing one are computed again.
    let mut tags: Vec<&str> = films[5].tags().iter().map(|t| t.as_str()).collect();
    tags.push("tender");
    films[5].set(List::Tags, &tags);
    let mut rows: Vec<(i64, StoredVector)> = fresh.films.clone();
    rows[7].1.model = "another".into();
    rows.remove(9);
    let cache = CachedVectors::from_rows(rows.iter().map(|(id, v)| (*id, v)));
    let (_, fresh) = build(&films, &cache);
    let ids: Vec<i64> = fresh.films.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, vec![films[5].id, rows[7].0, films[9].id]);
}

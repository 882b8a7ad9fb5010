//! Tests of start-up loading from the store.

use super::*;

#[test]
fn the_quality_walk_matches_the_prior() {
    let mut s = Store::open_in_memory().unwrap();
    let ids: Vec<i64> = (0..5)
        .map(|i| {
            let f = crate::model::FilmData {
                title: format!("F{i}"),
                ..Default::default()
            };
            s.insert_film(&f).unwrap()
        })
        .collect();
    let tx = s.import_tx().unwrap();
    tx.set_popularity(ids[1], "tmdb", 10, None).unwrap();
    tx.set_popularity(ids[1], "imdb", 900, None).unwrap();
    tx.set_popularity(ids[3], "tmdb", 30, None).unwrap();
    tx.commit().unwrap();
    let films = s.films().unwrap();
    let got = quality(&films, &s.max_votes().unwrap());
    let reach = |v: f64| ((1.0 + v).ln() / 901f64.ln()).powi(2) as f32;
    assert_eq!(got, vec![0.0, 1.0, 0.0, reach(30.0), 0.0]);
}

#[test]
fn a_large_catalog_reads_beside_the_rest_of_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("n.db");
    let (mut store, _) = Store::open(&path).unwrap();
    let vocab = crate::catalog::vocab::Vocabulary::builtin().unwrap();
    let films = crate::synth::films(60_000, &vocab, 1);
    {
        let tx = store.import_tx().unwrap();
        for f in &films {
            tx.insert_film(&f.data(), &Default::default()).unwrap();
        }
        tx.commit().unwrap();
    }
    let seen = std::sync::Mutex::new(Vec::new());
    let bounds = store.film_id_bounds().unwrap();
    let (read, side) = read_all(&store, bounds, &|s| seen.lock().unwrap().push(s), true).unwrap();
    assert_eq!(read.len(), films.len());
    assert!(read.windows(2).all(|w| w[0].id < w[1].id));
    assert_eq!(read[41_234].title, films[41_234].title);
    assert!(side.cached.is_some_and(|(v, _)| v.is_empty()));
    let seen = seen.into_inner().unwrap();
    assert!(seen.contains(&Step::Films {
        done: 60_000,
        total: 60_000
    }));
}

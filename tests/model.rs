//! The shipped static embedding model (assets/model), loaded with model2vec-rs.
//! Rebuild it with:
//! `cargo run --release --features distill --bin nightreel-distill -- --wheel WHEEL --out assets/model`

use std::path::{Path, PathBuf};

use model2vec_rs::model::StaticModel;

fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join("model")
}

fn load() -> StaticModel {
    StaticModel::from_pretrained(model_dir(), None, None, None).expect("load assets/model")
}

fn cos(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn dimension_and_normalisation() {
    let m = load();
    assert_eq!(m.dim(), 256);
    for text in [
        "melancholic",
        "rainy night",
        "a lonely walk through the neon city",
        "comedy",
    ] {
        let v = m.encode_single(text);
        assert_eq!(v.len(), 256);
        assert!((norm(&v) - 1.0).abs() < 1e-4, "{text}: norm {}", norm(&v));
    }
}

#[test]
fn similarities_make_sense() {
    let m = load();
    let e = |s: &str| m.encode_single(s);
    let (mel, sad, ship) = (e("melancholic"), e("sad"), e("spaceship"));
    let (a, b) = (cos(&mel, &sad), cos(&mel, &ship));
    eprintln!("cos(melancholic, sad) = {a:.3}, cos(melancholic, spaceship) = {b:.3}");
    assert!(a > b);
    let (rn, rain, comedy) = (e("rainy night"), e("rain"), e("comedy"));
    let (a, b) = (cos(&rn, &rain), cos(&rn, &comedy));
    eprintln!("cos(rainy night, rain) = {a:.3}, cos(rainy night, comedy) = {b:.3}");
    assert!(a > b);
}

#[test]
fn empty_string_gives_zeros() {
    let m = load();
    let v = m.encode_single("");
    assert_eq!(v.len(), 256);
    assert!(v.iter().all(|x| *x == 0.0 || x.is_nan()), "{:?}", &v[..4]);
}

/// Reads a safetensors file's header (8-byte little-endian length + JSON).
fn safetensors_header(bytes: &[u8]) -> (serde_json::Value, usize) {
    let n = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    (serde_json::from_slice(&bytes[8..8 + n]).unwrap(), 8 + n)
}

#[test]
fn whole_word_is_one_token_and_ids_fit() {
    let dir = model_dir();
    let tok: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("tokenizer.json")).unwrap()).unwrap();
    let vocab = tok["model"]["vocab"].as_object().unwrap();
    let id = vocab
        .get("melancholic")
        .and_then(|v| v.as_u64())
        .expect("melancholic in model.vocab") as usize;

    let st = std::fs::read(dir.join("model.safetensors")).unwrap();
    let (header, data_start) = safetensors_header(&st);
    let emb = &header["embeddings"];
    assert_eq!(emb["dtype"], "I8");
    let shape: Vec<usize> = emb["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect();
    let (rows, dim) = (shape[0], shape[1]);
    assert_eq!(dim, 256);
    assert_eq!(header["weights"]["dtype"], "F32");
    // Every vocabulary id has a row (model2vec-rs panics while encoding otherwise).
    for (t, v) in vocab {
        assert!((v.as_u64().unwrap() as usize) < rows, "{t} → {v} ≥ {rows}");
    }

    // Encoding "melancholic" equals its own (weighted, normalised) row: it is one token.
    let off = emb["data_offsets"][0].as_u64().unwrap() as usize;
    let row: Vec<f32> = st[data_start + off + id * dim..data_start + off + (id + 1) * dim]
        .iter()
        .map(|&b| b as i8 as f32)
        .collect();
    let n = norm(&row);
    let row: Vec<f32> = row.iter().map(|x| x / n).collect();
    let v = load().encode_single("melancholic");
    assert!(cos(&row, &v) > 0.9999, "cos {}", cos(&row, &v));
    // And so does the capitalised, accented form (the normaliser lowercases and strips accents).
    let v2 = load().encode_single("Mélancholic");
    assert!(cos(&v2, &v) > 0.9999);
}

#[test]
fn model_is_small() {
    let total: u64 = std::fs::read_dir(model_dir())
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    assert!(total <= 10 * 1024 * 1024, "assets/model is {total} bytes");
}

/// Every word of the tag vocabulary and of the English lexicon is a whole-word entry of the
/// model (distilled through the transformer as a word), not a bag of noisy word pieces.
#[test]
fn project_words_are_whole_words_of_the_model() {
    let e = nightreel::embed::Embedder::builtin().unwrap();
    let vocab = nightreel::catalog::vocab::Vocabulary::builtin().unwrap();
    let mut missing = Vec::new();
    for t in &vocab.tags {
        for w in t.name.split('-').filter(|w| w.len() >= 2) {
            if !e.knows(w) {
                missing.push(w.to_string());
            }
        }
    }
    let resolver = nightreel::mood::MoodResolver::builtin().unwrap();
    for key in resolver.lexicon.en.keys() {
        for w in key
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| w.len() >= 2)
        {
            if !e.knows(w) {
                missing.push(w.to_string());
            }
        }
    }
    for w in ["melancholic", "bittersweet", "uplifting", "heist"] {
        assert!(e.knows(w), "{w}");
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "not whole words: {missing:?}");
}

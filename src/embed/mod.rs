//! The local text-embedding model (Model2Vec format, loaded with model2vec-rs) and the vector
//! space nightreel builds on it: one vector per tag, keyword and genre, one cached vector per
//! film, and the query vector of a mood.
//!
//! The built-in model (assets/model, distilled from all-MiniLM-L6-v2 by `nightreel-distill`) is
//! compiled into the binary; `[model] dir` in the config names another Model2Vec directory.

mod kernels;
pub mod matrix;
pub mod scan;
pub mod space;

use std::collections::HashSet;
use std::path::Path;

use model2vec_rs::model::StaticModel;

use crate::error::{Error, Result};
use crate::text::fold;

pub use space::{FilmMatrix, MoodSpace, VectorProgress};

const BUILTIN_TOKENIZER: &[u8] = include_bytes!("../../assets/model/tokenizer.json");
const BUILTIN_MODEL: &[u8] = include_bytes!("../../assets/model/model.safetensors");
const BUILTIN_CONFIG: &[u8] = include_bytes!("../../assets/model/config.json");

/// Gives back memory that loading the model and building the space left behind: the pages
/// of the compiled-in model files (their contents were copied into the model while loading;
/// should they be read again, the kernel pages them back in from the binary) and heap that
/// temporaries freed (glibc keeps it otherwise). Resident memory drops by about a third at
/// the seed catalog.
pub fn release_load_memory() {
    #[cfg(unix)]
    {
        // SAFETY: sysconf has no preconditions.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
        for part in [BUILTIN_TOKENIZER, BUILTIN_MODEL] {
            let (lo, hi) = (part.as_ptr() as usize, part.as_ptr() as usize + part.len());
            let (start, end) = (lo.div_ceil(page) * page, hi / page * page);
            if end > start {
                // SAFETY: the range lies inside a read-only static (whole pages only); for a
                // private file mapping MADV_DONTNEED only drops the resident copies, and the
                // same bytes are read from the file on the next access.
                unsafe {
                    libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_DONTNEED);
                }
            }
        }
    }
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Keeps the heap from holding on to large freed buffers. glibc raises its mmap threshold
/// each time a large mmapped block is freed, after which buffers of several megabytes (a
/// ranking's per-film scores at a million films) come from the heap and stay resident once
/// freed; a fixed threshold of 1 MiB keeps them mmapped, so they are returned on free and
/// the resident size stays what the catalog needs.
pub fn steady_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called first thing in main.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// A loaded static embedding model.
pub struct Embedder {
    model: StaticModel,
    id: String,
    source: String,
    /// Whole words the tokenizer knows as one token (lowercase, no accents).
    words: HashSet<String>,
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Embedder")
            .field("id", &self.id)
            .field("source", &self.source)
            .field("dim", &self.dim())
            .finish()
    }
}

impl Embedder {
    /// The model compiled into nightreel (assets/model).
    pub fn builtin() -> Result<Embedder> {
        Embedder::from_parts(
            BUILTIN_TOKENIZER,
            BUILTIN_MODEL,
            BUILTIN_CONFIG,
            "built-in model (assets/model)".into(),
        )
    }

    /// A Model2Vec model directory: config.json, tokenizer.json and model.safetensors.
    pub fn from_dir(dir: &Path) -> Result<Embedder> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| Error::Io {
                path: p.clone(),
                message: format!("cannot read the embedding model file: {e}"),
            })
        };
        let (tok, model, config) = (
            read("tokenizer.json")?,
            read("model.safetensors")?,
            read("config.json")?,
        );
        Embedder::from_parts(&tok, &model, &config, dir.display().to_string())
    }

    fn from_parts(tok: &[u8], model: &[u8], config: &[u8], source: String) -> Result<Embedder> {
        let static_model = StaticModel::from_bytes(tok, model, config, Some(true))
            .map_err(|e| Error::Invalid(format!("{source}: not a usable Model2Vec model: {e}")))?;
        let words = whole_words(tok);
        let mut h = Fnv::new();
        for part in [tok, model, config] {
            h.bytes(part);
        }
        Ok(Embedder {
            model: static_model,
            id: format!("m2v-{:016x}", h.finish()),
            source,
            words,
        })
    }

    /// Identifies the model's exact bytes: cached vectors are valid for one id only.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Where the model came from, for messages.
    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn dim(&self) -> usize {
        self.model.dim()
    }

    /// A unit vector for `text` (all zeros when the model finds nothing in it).
    pub fn encode(&self, text: &str) -> Vec<f32> {
        let mut v = self.model.encode_single(text);
        normalise(&mut v);
        v
    }

    /// Unit vectors for many texts at once (uses every core when built with rayon).
    pub fn encode_many(&self, texts: &[String]) -> Vec<Vec<f32>> {
        let mut out = self.model.encode_with_args(texts, Some(64), 1024);
        for v in &mut out {
            normalise(v);
        }
        out
    }

    /// True when the model knows `word` as a whole (not only from word pieces): its meaning is
    /// then understood even if the lexicon does not list it.
    /// The whole words the model knows (lowercase, no accents).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    pub fn knows(&self, word: &str) -> bool {
        let w = fold(word);
        w.chars().count() >= 2
            && w.chars()
                .all(|c| c.is_alphabetic() && !crate::mood::is_cjk(c))
            && self.words.contains(&w)
    }
}

/// Scales `v` to unit length (leaves a zero vector alone).
pub fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// Dot product with four accumulators (the compiler vectorises this form).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += x[k] * y[k];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc[0] + acc[1] + acc[2] + acc[3] + tail
}

/// The whole-word entries of a WordPiece tokenizer.json (`model.vocab`); empty for others.
fn whole_words(tokenizer_json: &[u8]) -> HashSet<String> {
    // Only model.vocab is read (other fields are skipped, not built into a tree).
    #[derive(serde::Deserialize)]
    struct Tok {
        model: Model,
    }
    #[derive(serde::Deserialize)]
    struct Model {
        #[serde(default)]
        vocab: Option<std::collections::HashMap<String, serde::de::IgnoredAny>>,
    }
    let Ok(Tok {
        model: Model { vocab: Some(vocab) },
    }) = serde_json::from_slice::<Tok>(tokenizer_json)
    else {
        return HashSet::new();
    };
    vocab
        .keys()
        .filter(|k| !k.starts_with("##") && !k.starts_with('[') && k.chars().count() >= 2)
        .map(|k| fold(k))
        .collect()
}

/// FNV-1a over 8-byte words: a fast fingerprint of model files and documents.
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        let chunks = b.chunks_exact(8);
        let rest = chunks.remainder();
        for c in chunks {
            let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0 ^ w).wrapping_mul(0x0000_0100_0000_01b3);
        }
        for &x in rest {
            self.0 = (self.0 ^ u64::from(x)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        // Mark the end of each part so ("ab","c") and ("a","bc") differ.
        self.0 = (self.0 ^ b.len() as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_encodes_unit_vectors() {
        let e = Embedder::builtin().unwrap();
        assert_eq!(e.dim(), 256);
        let v = e.encode("rain on neon");
        let n: f32 = v.iter().map(|x| x * x).sum();
        assert!((n - 1.0).abs() < 1e-4);
        assert!(e.encode("").iter().all(|x| *x == 0.0));
    }

    #[test]
    fn knows_whole_words_only() {
        let e = Embedder::builtin().unwrap();
        assert!(e.knows("rain"));
        assert!(e.knows("Lonely"));
        assert!(!e.knows("qzxvbnm"));
        assert!(!e.knows("孤独"));
    }

    #[test]
    fn dot_matches_naive() {
        let a: Vec<f32> = (0..259).map(|i| (i as f32 * 0.37).sin()).collect();
        let b: Vec<f32> = (0..259).map(|i| (i as f32 * 0.11).cos()).collect();
        let naive: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
        assert!((dot(&a, &b) - naive).abs() < 1e-3);
    }

    #[test]
    fn fingerprint_separates_parts() {
        let mut a = Fnv::new();
        a.bytes(b"ab");
        a.bytes(b"c");
        let mut b = Fnv::new();
        b.bytes(b"a");
        b.bytes(b"bc");
        assert_ne!(a.finish(), b.finish());
    }
}

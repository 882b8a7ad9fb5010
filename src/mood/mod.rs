//! Moods: the presets, the bilingual lexicon, and turning typed moods into weighted tags.

mod facts;
mod facts_zh;
pub mod lexicon;
pub mod presets;
pub mod query;
mod scan;

pub use facts::Runtime;
pub use lexicon::Lexicon;
pub use presets::{Preset, Presets};
pub use query::{MoodQuery, MoodResolver, Nudge, is_cjk};
pub use scan::NEGATORS_EN;

/// Splits "tag:0.5" into the tag and its weight (1.0 when absent).
pub(crate) fn weighted(entry: &str) -> Option<(String, f32)> {
    match entry.split_once(':') {
        None => Some((entry.trim().to_string(), 1.0)),
        Some((t, w)) => {
            let w: f32 = w.trim().parse().ok()?;
            (w > 0.0 && w <= 1.0).then(|| (t.trim().to_string(), w))
        }
    }
}

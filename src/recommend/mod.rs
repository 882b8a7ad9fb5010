//! Recommendations: the embedding ranker (default) and the tag-overlap baseline; mood fit, a tag-based
//! taste profile from the diary, and penalties for films just watched or rated low.

pub mod baseline;
mod choose;
pub mod directions;
pub mod embedding;
pub mod outcome;
pub mod profile;
pub mod scoring;
pub mod series;
pub mod title_words;

use serde::Serialize;

pub use baseline::rank_tag_overlap;
pub use profile::TasteProfile;

/// The viewing that pulled a result up.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Because {
    pub watch_id: i64,
    pub film_id: i64,
    pub title: String,
    /// "02:14" for a known time, the date ("2021-10-24") for a diary entry without one, empty
    /// for a film marked seen without a diary entry.
    pub when: String,
}

/// One ranked film with the parts of its score and the reasons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Recommendation {
    pub film_id: i64,
    pub score: f32,
    pub mood_fit: f32,
    pub taste_fit: f32,
    pub penalty: f32,
    /// Mood tags the film shares with the query.
    pub shared_tags: Vec<String>,
    pub because: Option<Because>,
    /// When the film would end if started now ("03:23"), when its runtime is known.
    pub ends_by: Option<String>,
    /// True when it would end after the configured bedtime.
    pub after_bedtime: bool,
}

impl Recommendation {
    /// The short "why" line: shared tags, then the viewing that pulled it up.
    pub fn why(&self) -> String {
        let mut parts = Vec::new();
        if !self.shared_tags.is_empty() {
            parts.push(self.shared_tags.join(", "));
        }
        if let Some(b) = &self.because {
            parts.push(if b.when.is_empty() {
                format!("because you watched {}", b.title)
            } else if b.when.contains('-') {
                format!("because you watched {} on {}", b.title, b.when)
            } else {
                format!("because you watched {} at {}", b.title, b.when)
            });
        }
        parts.join("; ")
    }
}

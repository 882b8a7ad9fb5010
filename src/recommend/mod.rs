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
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
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
    /// Without a mood: among the most watched films of the catalog (its quality prior is
    /// high), the reason it is there when no viewing stands out.
    pub widely_seen: bool,
}

/// The quality prior (0–1) from which a film counts as widely seen: with TMDB votes, about
/// the thousand most voted of five thousand.
pub const WIDELY_SEEN: f32 = 0.6;

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
        if parts.is_empty() && self.widely_seen {
            parts.push("widely seen".to_string());
        }
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The "why" gives the plainest true reason: the mood words, the viewing that stands
    /// out, and only when neither is there, that the film is widely seen.
    #[test]
    fn why_names_the_mood_the_viewing_or_else_that_the_film_is_widely_seen() {
        let base = Recommendation {
            film_id: 1,
            score: 1.0,
            mood_fit: 0.0,
            taste_fit: 0.4,
            penalty: 0.0,
            shared_tags: Vec::new(),
            because: None,
            ends_by: None,
            after_bedtime: false,
            widely_seen: false,
        };
        assert_eq!(base.why(), "");
        let popular = Recommendation {
            widely_seen: true,
            ..base.clone()
        };
        assert_eq!(popular.why(), "widely seen");
        let pulled = Recommendation {
            because: Some(Because {
                watch_id: 3,
                film_id: 2,
                title: "Goodfellas".into(),
                when: "2024-01-15".into(),
            }),
            ..popular.clone()
        };
        assert_eq!(pulled.why(), "because you watched Goodfellas on 2024-01-15");
        let moody = Recommendation {
            shared_tags: vec!["lonely".into(), "neon".into()],
            ..popular
        };
        assert_eq!(moody.why(), "lonely, neon");
    }
}

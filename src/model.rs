//! Plain data shared by every module: films, viewings, ratings.

use crate::time::WatchedAt;

pub use crate::film::{Film, FilmData};

/// A rating in half stars, 0.5 to 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rating(u8);

impl Rating {
    /// From a number of half stars (1–10).
    pub fn from_halves(h: u8) -> Option<Rating> {
        (1..=10).contains(&h).then_some(Rating(h))
    }

    /// From stars (0.5 steps between 0.5 and 5).
    pub fn from_stars(s: f64) -> Option<Rating> {
        let h = s * 2.0;
        if h.fract() != 0.0 || !(1.0..=10.0).contains(&h) {
            return None;
        }
        Rating::from_halves(h as u8)
    }

    pub fn halves(self) -> u8 {
        self.0
    }

    pub fn stars(self) -> f64 {
        f64::from(self.0) / 2.0
    }

    /// Five-star text such as "★★★½".
    pub fn glyphs(self) -> String {
        let mut s = "★".repeat(usize::from(self.0 / 2));
        if self.0 % 2 == 1 {
            s.push('½');
        }
        s
    }
}

/// One viewing of one film.
#[derive(Debug, Clone, PartialEq)]
pub struct Watch {
    pub id: i64,
    pub film_id: i64,
    pub watched_at: WatchedAt,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub liked: bool,
    pub mood: Option<String>,
    pub mood_after: Option<String>,
    pub note: Option<String>,
    pub source: String,
}

/// The `source` prefix of a film marked seen without a dated viewing (Letterboxd's
/// watched.csv or ratings.csv without a diary entry), when it stands in for a viewing in the
/// taste profile (see `Library::history`).
pub const SEEN_MARK: &str = "seen:";
/// After [`SEEN_MARK`], for a film marked seen on no known day.
pub const UNDATED: &str = "undated:";

impl Watch {
    /// True for a film marked seen, standing in for a viewing (not a diary row: id 0).
    pub fn is_seen_mark(&self) -> bool {
        self.id == 0 && self.source.starts_with(SEEN_MARK)
    }

    /// True for a film marked seen on no known day (its date is a stand-in).
    pub fn is_undated_mark(&self) -> bool {
        self.is_seen_mark() && self.source[SEEN_MARK.len()..].starts_with(UNDATED)
    }

    /// The viewing as it would be written again (for edits and undo).
    pub fn to_new(&self) -> NewWatch {
        NewWatch {
            film_id: self.film_id,
            watched_at: self.watched_at,
            rating: self.rating,
            rewatch: self.rewatch,
            liked: self.liked,
            mood: self.mood.clone(),
            mood_after: self.mood_after.clone(),
            note: self.note.clone(),
            source: self.source.clone(),
        }
    }
}

/// A viewing about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWatch {
    pub film_id: i64,
    pub watched_at: WatchedAt,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub liked: bool,
    pub mood: Option<String>,
    pub mood_after: Option<String>,
    pub note: Option<String>,
    pub source: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings() {
        assert_eq!(Rating::from_stars(3.5).unwrap().halves(), 7);
        assert_eq!(Rating::from_stars(3.5).unwrap().glyphs(), "★★★½");
        assert!(Rating::from_stars(0.0).is_none());
        assert!(Rating::from_stars(5.5).is_none());
        assert!(Rating::from_stars(3.2).is_none());
        assert_eq!(Rating::from_halves(1).unwrap().glyphs(), "½");
    }
}

//! The log dialog's state: fields, editing and validation into a `NewWatch`.

use chrono::{DateTime, FixedOffset};

use crate::model::{NewWatch, Rating};
use crate::time::{parse_watch_time, refuse_future};

/// The fields, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    When,
    Rating,
    Rewatch,
    Liked,
    Mood,
    /// The mood after the film.
    After,
    Note,
}

const ORDER: [Field; 7] = [
    Field::When,
    Field::Rating,
    Field::Rewatch,
    Field::Liked,
    Field::Mood,
    Field::After,
    Field::Note,
];

/// A viewing being logged.
#[derive(Debug, Clone, PartialEq)]
pub struct LogForm {
    pub film_id: i64,
    pub title: String,
    pub when: String,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub liked: bool,
    pub mood: String,
    pub mood_after: String,
    pub note: String,
    pub focus: Field,
    pub error: Option<String>,
    /// The film was logged before (rewatch is suggested).
    pub seen_before: bool,
    /// Set when the form edits an existing viewing (its id) instead of logging a new one.
    pub editing: Option<i64>,
    /// Where an edited viewing came from (kept on save).
    pub source: String,
}

impl LogForm {
    /// A form for `film`, time defaulting to `now`, mood to the current mood.
    pub fn new(
        film_id: i64,
        title: String,
        now: &DateTime<FixedOffset>,
        mood: String,
        seen_before: bool,
    ) -> LogForm {
        LogForm {
            film_id,
            title,
            when: now.format("%Y-%m-%d %H:%M").to_string(),
            rating: None,
            rewatch: seen_before,
            liked: false,
            mood,
            mood_after: String::new(),
            note: String::new(),
            focus: Field::When,
            error: None,
            seen_before,
            editing: None,
            source: "nightreel".into(),
        }
    }

    /// A form holding an existing viewing, to edit it. The time keeps its own UTC offset
    /// (written in full when it differs from now's).
    pub fn edit(
        watch: &crate::model::Watch,
        title: String,
        now: &DateTime<FixedOffset>,
    ) -> LogForm {
        let when = match watch.watched_at {
            crate::time::WatchedAt::At(t) if t.offset() == now.offset() => {
                t.format("%Y-%m-%d %H:%M").to_string()
            }
            crate::time::WatchedAt::At(t) => t.to_rfc3339(),
            crate::time::WatchedAt::Date(d) => d.format("%Y-%m-%d").to_string(),
        };
        LogForm {
            film_id: watch.film_id,
            title,
            when,
            rating: watch.rating,
            rewatch: watch.rewatch,
            liked: watch.liked,
            mood: watch.mood.clone().unwrap_or_default(),
            mood_after: watch.mood_after.clone().unwrap_or_default(),
            note: watch.note.clone().unwrap_or_default(),
            focus: Field::When,
            error: None,
            seen_before: false,
            editing: Some(watch.id),
            source: watch.source.clone(),
        }
    }

    pub fn next(&mut self) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = ORDER[(i + 1) % ORDER.len()];
    }

    pub fn prev(&mut self) {
        let i = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = ORDER[(i + ORDER.len() - 1) % ORDER.len()];
    }

    /// ← on the rating lowers it by half a star (below ½ is no rating); toggles flip.
    pub fn decrease(&mut self) {
        match self.focus {
            Field::Rating => {
                self.rating = self
                    .rating
                    .and_then(|r| Rating::from_halves(r.halves().saturating_sub(1)));
            }
            Field::Rewatch => self.rewatch = !self.rewatch,
            Field::Liked => self.liked = !self.liked,
            _ => {}
        }
    }

    /// → on the rating raises it by half a star (up to 5); toggles flip.
    pub fn increase(&mut self) {
        match self.focus {
            Field::Rating => {
                let h = self.rating.map_or(1, |r| (r.halves() + 1).min(10));
                self.rating = Rating::from_halves(h);
            }
            Field::Rewatch => self.rewatch = !self.rewatch,
            Field::Liked => self.liked = !self.liked,
            _ => {}
        }
    }

    /// A typed character: text fields take it; the rating takes digits; toggles take space.
    pub fn input(&mut self, c: char) {
        self.error = None;
        match self.focus {
            Field::When => self.when.push(c),
            Field::Mood => self.mood.push(c),
            Field::After => self.mood_after.push(c),
            Field::Note => self.note.push(c),
            Field::Rating => match c {
                '0' | '-' => self.rating = None,
                '1'..='5' => self.rating = Rating::from_halves((c as u8 - b'0') * 2),
                '+' | '=' => self.increase(),
                _ => {}
            },
            Field::Rewatch if c == ' ' => self.rewatch = !self.rewatch,
            Field::Liked if c == ' ' => self.liked = !self.liked,
            _ => {}
        }
    }

    /// Pasted text (one line, see `Action::paste`): the text fields take it whole; the rating
    /// and the toggles ignore it.
    pub fn paste(&mut self, text: &str) {
        let field = match self.focus {
            Field::When => &mut self.when,
            Field::Mood => &mut self.mood,
            Field::After => &mut self.mood_after,
            Field::Note => &mut self.note,
            Field::Rating | Field::Rewatch | Field::Liked => return,
        };
        field.push_str(text);
        self.error = None;
    }

    pub fn backspace(&mut self) {
        match self.focus {
            Field::When => drop(self.when.pop()),
            Field::Mood => drop(self.mood.pop()),
            Field::After => drop(self.mood_after.pop()),
            Field::Note => drop(self.note.pop()),
            Field::Rating => self.rating = None,
            _ => {}
        }
    }

    /// Validates the form into a viewing; the error names the field.
    pub fn to_watch(&self, now: &DateTime<FixedOffset>) -> Result<NewWatch, String> {
        let watched_at = parse_watch_time(&self.when, now)
            .and_then(|at| refuse_future(at, now))
            .map_err(|e| format!("When: {e}"))?;
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(NewWatch {
            film_id: self.film_id,
            watched_at,
            rating: self.rating,
            rewatch: self.rewatch,
            liked: self.liked,
            mood: text(&self.mood),
            mood_after: text(&self.mood_after),
            note: text(&self.note),
            source: self.source.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-25T01:30:00+08:00").unwrap()
    }

    #[test]
    fn half_stars_by_keys() {
        let mut f = LogForm::new(1, "T".into(), &now(), String::new(), false);
        f.focus = Field::Rating;
        f.increase();
        assert_eq!(f.rating, Rating::from_stars(0.5));
        f.input('4');
        f.increase();
        assert_eq!(f.rating, Rating::from_stars(4.5));
        for _ in 0..20 {
            f.increase();
        }
        assert_eq!(f.rating, Rating::from_stars(5.0));
        f.decrease();
        assert_eq!(f.rating, Rating::from_stars(4.5));
        f.input('0');
        assert_eq!(f.rating, None);
    }

    #[test]
    fn validates_time() {
        let mut f = LogForm::new(1, "T".into(), &now(), "lonely".into(), true);
        assert!(f.rewatch, "rewatch suggested when seen before");
        let w = f.to_watch(&now()).unwrap();
        assert_eq!(w.watched_at.to_stored(), "2026-11-25T01:30:00+08:00");
        assert_eq!(w.mood.as_deref(), Some("lonely"));
        f.when = "tomorrow".into();
        assert!(f.to_watch(&now()).unwrap_err().starts_with("When:"));
        f.when = "2026-11-26 10:00".into();
        assert!(f.to_watch(&now()).unwrap_err().contains("future"));
    }
}

//! The log dialog's state: fields, editing and validation into a `NewWatch`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

use super::text_field::{Edit, TextField};
use crate::model::{NewWatch, Rating};
use crate::time::{parse_watch_time, refuse_future, time_on_night};

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

impl Field {
    /// The fields that hold typed text.
    pub fn is_text(self) -> bool {
        matches!(self, Field::When | Field::Mood | Field::After | Field::Note)
    }

    /// The field's line in the dialog (the tab order).
    pub fn row(self) -> usize {
        ORDER.iter().position(|f| *f == self).unwrap_or(0)
    }
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
    pub when: TextField,
    pub rating: Option<Rating>,
    pub rewatch: bool,
    pub liked: bool,
    pub mood: TextField,
    pub mood_after: TextField,
    pub note: TextField,
    pub focus: Field,
    pub error: Option<String>,
    /// The film was logged before (rewatch is suggested).
    pub seen_before: bool,
    /// Set when the form edits an existing viewing (its id) instead of logging a new one.
    pub editing: Option<i64>,
    /// Where an edited viewing came from (kept on save).
    pub source: String,
    /// An edited viewing's film night and the day boundary: a time typed alone ("01:30")
    /// stays on that night.
    pub night: Option<(NaiveDate, NaiveTime)>,
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
            when: now.format("%Y-%m-%d %H:%M").to_string().into(),
            rating: None,
            rewatch: seen_before,
            liked: false,
            mood: mood.into(),
            mood_after: TextField::default(),
            note: TextField::default(),
            focus: Field::When,
            error: None,
            seen_before,
            editing: None,
            source: "nightreel".into(),
            night: None,
        }
    }

    /// A form holding an existing viewing, to edit it. The time keeps its own UTC offset
    /// (written in full when it differs from now's).
    pub fn edit(
        watch: &crate::model::Watch,
        title: String,
        now: &DateTime<FixedOffset>,
        rules: &crate::time::NightRules,
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
            when: when.into(),
            rating: watch.rating,
            rewatch: watch.rewatch,
            liked: watch.liked,
            mood: watch.mood.clone().unwrap_or_default().into(),
            mood_after: watch.mood_after.clone().unwrap_or_default().into(),
            note: watch.note.clone().unwrap_or_default().into(),
            focus: Field::When,
            error: None,
            seen_before: false,
            editing: Some(watch.id),
            source: watch.source.clone(),
            night: Some((watch.watched_at.film_night(rules), rules.day_boundary)),
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

    /// The focused text field (when, mood, after, note); `None` on the rating and toggles.
    pub fn text_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Field::When => Some(&mut self.when),
            Field::Mood => Some(&mut self.mood),
            Field::After => Some(&mut self.mood_after),
            Field::Note => Some(&mut self.note),
            Field::Rating | Field::Rewatch | Field::Liked => None,
        }
    }

    /// The focused text field, to draw.
    pub fn focused_text(&self) -> Option<&TextField> {
        match self.focus {
            Field::When => Some(&self.when),
            Field::Mood => Some(&self.mood),
            Field::After => Some(&self.mood_after),
            Field::Note => Some(&self.note),
            Field::Rating | Field::Rewatch | Field::Liked => None,
        }
    }

    /// True when the focus is on a text field (its keys edit text).
    pub fn on_text(&self) -> bool {
        Field::is_text(self.focus)
    }

    /// A typed character: text fields take it at the cursor; the rating takes digits;
    /// toggles take space.
    pub fn input(&mut self, c: char) {
        self.error = None;
        if let Some(t) = self.text_mut() {
            t.insert(c);
            return;
        }
        match self.focus {
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

    /// Pasted text (one line, see `Action::paste`): the text fields take it whole at the
    /// cursor; the rating and the toggles ignore it.
    pub fn paste(&mut self, text: &str) {
        if let Some(t) = self.text_mut() {
            t.insert_str(text);
            self.error = None;
        }
    }

    /// A cursor movement or deletion in the focused text field.
    pub fn edit_text(&mut self, e: Edit) {
        if let Some(t) = self.text_mut() {
            t.edit(e);
        }
    }

    pub fn backspace(&mut self) {
        if self.focus == Field::Rating {
            self.rating = None;
        } else if let Some(t) = self.text_mut() {
            t.backspace();
        }
    }

    /// Validates the form into a viewing; the error names the field.
    pub fn to_watch(&self, now: &DateTime<FixedOffset>) -> Result<NewWatch, String> {
        let on_night = self
            .night
            .and_then(|(night, boundary)| time_on_night(&self.when, night, boundary, now));
        let watched_at = on_night
            .unwrap_or_else(|| parse_watch_time(&self.when, now))
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

    /// Editing a viewing of another night, a time typed alone stays on that night ("01:30"
    /// on the night of 20 November is 21 November 01:30; it went to last night).
    #[test]
    fn an_edited_viewings_time_alone_stays_on_its_night() {
        let rules = crate::time::NightRules::default();
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T23:40:00+08:00").unwrap();
        let watch = crate::model::Watch {
            id: 7,
            film_id: 1,
            watched_at: crate::time::WatchedAt::At(at),
            rating: None,
            rewatch: false,
            liked: false,
            mood: None,
            mood_after: None,
            note: None,
            source: "nightreel".into(),
        };
        let mut f = LogForm::edit(&watch, "T".into(), &now(), &rules);
        for (typed, stored) in [
            ("01:30", "2026-11-21T01:30:00+08:00"),
            ("22:05", "2026-11-20T22:05:00+08:00"),
            ("2026-11-22 23:00", "2026-11-22T23:00:00+08:00"),
        ] {
            f.when = typed.into();
            assert_eq!(f.to_watch(&now()).unwrap().watched_at.to_stored(), stored);
        }
        // A new viewing: the latest such time, as before.
        let mut f = LogForm::new(1, "T".into(), &now(), String::new(), false);
        f.when = "01:00".into();
        let w = f.to_watch(&now()).unwrap();
        assert_eq!(w.watched_at.to_stored(), "2026-11-25T01:00:00+08:00");
    }
}

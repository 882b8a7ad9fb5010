//! Changing the diary and the catalog: resolving typed titles, logging, editing and
//! deleting viewings, the watchlist, imports, and reloading what changed.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::{Library, Logged, describe, quality_prior};
use crate::error::{Error, Result};
use crate::ids::IdIndex;
use crate::model::{Film, NewWatch, SEEN_MARK, UNDATED, Watch};
use crate::search::SearchIndex;
use crate::store::Mark;
use crate::text::title_key;
use crate::time::WatchedAt;

impl Library {
    /// Puts a film on the watchlist or takes it off.
    pub fn toggle_watchlist(&mut self, film_id: i64) -> Result<bool> {
        let on = self
            .store
            .toggle_watchlist(film_id)
            .map_err(|e| self.db_err(e))?;
        if on {
            self.watchlist.insert(film_id);
        } else {
            self.watchlist.remove(&film_id);
        }
        Ok(on)
    }

    /// Marks a film seen without a diary entry (today, no rating), or takes its mark away.
    /// `Ok(None)`: it was marked now; `Ok(Some(mark))`: this mark was taken away (give it to
    /// [`Library::restore_mark`] to undo). A film in the diary is seen already: an error.
    pub fn toggle_seen(&mut self, film_id: i64) -> Result<Option<Mark>> {
        let label = self.film(film_id).map(Film::label).unwrap_or_default();
        if let Some(old) = self.unmark(film_id)? {
            return Ok(Some(old));
        }
        if self.watches_of(film_id).next().is_some() {
            return Err(Error::Invalid(format!(
                "{label} is in your diary: it counts as seen already"
            )));
        }
        let today = self.clock.now().date_naive();
        let mark = Mark {
            film_id,
            rating: None,
            liked: false,
            marked_on: Some(today.format("%Y-%m-%d").to_string()),
            source: "tui".into(),
        };
        self.store.put_mark(&mark).map_err(|e| self.db_err(e))?;
        self.reload_marks()?;
        Ok(None)
    }

    /// Takes a film's seen-mark away and returns it (give it to [`Library::restore_mark`] to
    /// put it back); `Ok(None)` when the film had no mark.
    pub fn unmark(&mut self, film_id: i64) -> Result<Option<Mark>> {
        let old = self
            .store
            .remove_mark(film_id)
            .map_err(|e| self.db_err(e))?;
        if old.is_some() {
            self.reload_marks()?;
        }
        Ok(old)
    }

    /// Puts back a mark [`Library::toggle_seen`] or [`Library::unmark`] took away.
    pub fn restore_mark(&mut self, mark: &Mark) -> Result<()> {
        self.store.put_mark(mark).map_err(|e| self.db_err(e))?;
        self.reload_marks()
    }

    fn reload_marks(&mut self) -> Result<()> {
        let today = self.clock.now().date_naive();
        self.history.truncate(self.diary_len);
        let watches = std::mem::take(&mut self.history);
        self.set_history(watches, &self.store.marks()?, today);
        Ok(())
    }

    /// Finds the one film a typed title means: exact title or original title (case, accents
    /// and a moved article ignored), narrowed by year. Unknown or ambiguous titles are errors
    /// that list candidates.
    pub fn resolve_title(&self, title: &str, year: Option<i32>) -> Result<&Film> {
        let want = title_key(title);
        let exact: Vec<&Film> = self
            .films
            .iter()
            .filter(|f| title_key(&f.title) == want || title_key(&f.original_title) == want)
            .filter(|f| year.is_none_or(|y| f.year == Some(y)))
            .collect();
        match exact.as_slice() {
            [one] => Ok(one),
            [] => {
                let cands: Vec<String> = self
                    .search(title, 5)
                    .iter()
                    .filter_map(|h| self.film(h.film_id))
                    .map(describe)
                    .collect();
                Err(Error::UnknownFilm {
                    query: crate::text::truncate(title, 60),
                    hint: if cands.is_empty() {
                        String::new()
                    } else {
                        format!("; did you mean:\n{}", cands.join("\n"))
                    },
                })
            }
            many => Err(Error::AmbiguousFilm {
                query: crate::text::truncate(title, 60),
                candidates: many
                    .iter()
                    .map(|f| describe(f))
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n(add --year to choose)",
            }),
        }
    }

    /// Writes a viewing and returns what was logged.
    pub fn log(&mut self, w: NewWatch) -> Result<Logged> {
        let film = self
            .film(w.film_id)
            .ok_or_else(|| Error::Invalid(format!("no film with id {}", w.film_id)))?
            .clone();
        let id = self.store.insert_watch(&w).map_err(|e| self.db_err(e))?;
        self.reload_diary()?;
        let rules = &self.config.night;
        Ok(Logged {
            watch_id: id,
            film_id: film.id,
            title: film.title.to_string(),
            year: film.year,
            watched_at: w.watched_at.to_stored(),
            film_night: w.watched_at.film_night(rules).to_string(),
            late_night: w.watched_at.late_night(rules),
        })
    }

    /// Changes a viewing.
    pub fn update_watch(&mut self, id: i64, w: &NewWatch) -> Result<()> {
        self.store.update_watch(id, w).map_err(|e| self.db_err(e))?;
        self.reload_diary()
    }

    /// Deletes a viewing and returns it (so it can be restored).
    pub fn delete_watch(&mut self, id: i64) -> Result<Watch> {
        let w = self.store.delete_watch(id).map_err(|e| self.db_err(e))?;
        self.reload_diary()?;
        Ok(w)
    }

    /// Imports a file or export in one transaction, then reloads catalog and diary (new films
    /// get their vectors when [`Library::space`] is next used). `progress` gets (bytes done,
    /// bytes in all) of the file being read.
    pub fn import(
        &mut self,
        format: crate::import::Format,
        path: &Path,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<crate::import::Summary> {
        let now = self.clock.now();
        let summary = crate::import::run(&mut self.store, format, path, now, progress)?;
        self.reload()?;
        Ok(summary)
    }

    /// Re-reads catalog, diary and watchlist from the store and drops the embedding space,
    /// so it is rebuilt (from cached vectors where they are still valid) on next use.
    pub fn reload(&mut self) -> Result<()> {
        self.films = Arc::new(self.store.films()?);
        self.by_id = IdIndex::new(self.films.iter().map(|f| f.id));
        self.search = SearchIndex::new(&self.films);
        let today = self.clock.now().date_naive();
        self.set_history(self.store.watches()?, &self.store.marks()?, today);
        self.watchlist = self.store.watchlist()?.into_iter().collect();
        self.space = OnceLock::new();
        self.series = OnceLock::new();
        self.quality = Arc::new(quality_prior(&self.films, &self.store)?);
        self.data_version = self.store.data_version()?;
        Ok(())
    }

    /// Catches up with another program's writes (`nightreel log` or an import in another
    /// terminal while the TUI is open): when the database changed since it was last read, the
    /// diary, the films marked seen and the watchlist are read again, and the whole catalog
    /// when they name a film it does not have. `Ok(true)` when something was read again.
    pub fn catch_up(&mut self) -> Result<bool> {
        let v = self.store.data_version()?;
        if v == self.data_version {
            return Ok(false);
        }
        self.data_version = v;
        let watches = self.store.watches()?;
        let marks = self.store.marks()?;
        let new_film = watches
            .iter()
            .map(|w| w.film_id)
            .chain(marks.iter().map(|m| m.film_id))
            .any(|id| self.film(id).is_none());
        if new_film {
            self.reload()?;
            return Ok(true);
        }
        let watchlist: HashSet<i64> = self.store.watchlist()?.into_iter().collect();
        // Another connection's write need not touch the diary (the film vectors cached on
        // another thread while the TUI starts).
        let today = self.clock.now().date_naive();
        let (history, diary_len) = history(watches, &marks, today);
        if history == self.history && diary_len == self.diary_len && watchlist == self.watchlist {
            return Ok(false);
        }
        (self.history, self.diary_len) = (history, diary_len);
        self.watchlist = watchlist;
        Ok(true)
    }

    /// Names the database in an SQLite error and says what it means (disk full, locked...).
    fn db_err(&self, e: Error) -> Error {
        match self.store.path() {
            Some(p) => e.with_db(p),
            None => e,
        }
    }

    fn reload_diary(&mut self) -> Result<()> {
        let seen = self.history.split_off(self.diary_len);
        self.history = self.store.watches()?;
        self.diary_len = self.history.len();
        self.history.extend(seen);
        Ok(())
    }

    /// The diary followed by the films marked seen (see [`Library::history`]).
    pub(super) fn set_history(&mut self, watches: Vec<Watch>, marks: &[Mark], today: NaiveDate) {
        (self.history, self.diary_len) = history(watches, marks, today);
    }
}

/// The diary followed by the films marked seen, and the diary's length.
pub(super) fn history(
    mut watches: Vec<Watch>,
    marks: &[Mark],
    today: NaiveDate,
) -> (Vec<Watch>, usize) {
    let n = watches.len();
    // A mark without a date counts as seen a year ago (one half-life of the taste profile):
    // seen before, pulling half as much as a film seen today.
    let undated = today - chrono::Duration::days(365);
    watches.extend(marks.iter().map(|m| {
        seen_viewing(m).unwrap_or_else(|| Watch {
            source: format!("{SEEN_MARK}{UNDATED}{}", m.source),
            ..mark_viewing(m, undated)
        })
    }));
    (watches, n)
}

/// A film marked seen as a viewing on the day it was marked (the film was seen by then);
/// `None` when the mark has no date.
pub fn seen_viewing(m: &Mark) -> Option<Watch> {
    let day = m.marked_on.as_deref()?.get(..10)?;
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some(mark_viewing(m, day))
}

fn mark_viewing(m: &Mark, day: NaiveDate) -> Watch {
    Watch {
        id: 0,
        film_id: m.film_id,
        watched_at: WatchedAt::Date(day),
        rating: m.rating,
        rewatch: false,
        liked: m.liked,
        mood: None,
        mood_after: None,
        note: None,
        source: format!("{SEEN_MARK}{}", m.source),
    }
}

//! Matching incoming viewings with the ones the diary holds: importing the same rows twice adds
//! nothing, and a viewing an earlier import of the same format put in takes the newer file's
//! rating, likes, rewatch and note (never one the user logged or edited in nightreel).

use std::collections::HashMap;

use super::Sink;
use crate::error::Result;
use crate::store::{Refreshed, WatchUpdate};

/// Existing viewings by key (film, day or moment), so that importing the same rows twice adds
/// nothing, while a film truly seen twice on one day (two rows) stays two viewings.
#[derive(Default)]
pub struct Seen {
    /// Watch ids under each key, oldest first once `sorted`.
    existing: HashMap<(i64, String), Vec<i64>>,
    incoming: HashMap<(i64, String), usize>,
    sorted: bool,
}

impl Seen {
    /// Records an existing viewing under `key`.
    pub fn existing(&mut self, film_id: i64, key: String, watch_id: i64) {
        self.existing
            .entry((film_id, key))
            .or_default()
            .push(watch_id);
        self.sorted = false;
    }

    /// The existing viewing this incoming row stands for, or `None` when it is a new one: the
    /// n-th row under a key is the n-th viewing under it, oldest first (the order they were
    /// put in).
    pub fn matching(&mut self, film_id: i64, key: String) -> Option<i64> {
        if !self.sorted {
            for ids in self.existing.values_mut() {
                ids.sort_unstable();
                ids.dedup();
            }
            self.sorted = true;
        }
        let k = (film_id, key);
        let n = self.incoming.entry(k.clone()).or_default();
        *n += 1;
        self.existing.get(&k)?.get(*n - 1).copied()
    }
}

/// Brings a row that matched an existing viewing to it: updated when an earlier import of this
/// format put the viewing in (and the user has not edited it since) and the row differs;
/// otherwise skipped under `same` (nothing differs) or as kept (the viewing is the user's).
pub fn refresh(
    sink: &mut Sink<'_>,
    watch_id: i64,
    update: &WatchUpdate,
    same: &str,
    what: &str,
) -> Result<()> {
    let origin = sink.origin().to_string();
    match sink.tx.refresh_watch(watch_id, &origin, update)? {
        Refreshed::Same => sink.skip(same),
        Refreshed::Updated => sink.updated(),
        Refreshed::Kept => sink.skip(&format!(
            "{what}: differs from a viewing that is yours (logged or edited in nightreel, \
             or imported before nightreel recorded which import made a viewing); kept as it is"
        )),
    }
    Ok(())
}

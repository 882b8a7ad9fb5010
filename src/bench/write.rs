//! Writes a synthetic catalog to a new database file, for start-up figures at any size: the
//! films of `crate::synth` through the store's import path in one transaction, a diary, a
//! quality prior for one film in ten, and the film vectors computed and cached as a first run
//! would leave them.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use super::ms;
use crate::error::{Error, Result};
use crate::model::NewWatch;
use crate::store::{ExternalIds, Store};
use crate::time::Clock;

/// What writing the catalog did.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub films: usize,
    pub watches: usize,
    pub insert_ms: f64,
    pub vectors_ms: f64,
}

/// Creates `db` (which must not exist: a user's database is never touched) with `n` synthetic
/// films and `watches` viewings, then computes and caches every film vector.
pub fn write_synthetic(db: &Path, n: usize, watches: usize, clock: Clock) -> Result<Written> {
    if n == 0 {
        return Err(Error::Invalid(
            "--write-synthetic needs at least one film".into(),
        ));
    }
    if db.exists() {
        return Err(Error::Invalid(format!(
            "{} exists; --write-synthetic only creates new database files",
            db.display()
        )));
    }
    let t = Instant::now();
    let (mut store, _) = Store::open(db)?;
    store.set_meta("seed", "none")?;
    let resolver = crate::mood::MoodResolver::builtin()?;
    let films = crate::synth::films(n, &resolver.vocab, 42);
    let diary = crate::synth::watches(&films, watches, &clock.now(), 42);
    {
        let tx = store.import_tx()?;
        for (i, f) in films.iter().enumerate() {
            let id = tx.insert_film(&f.data(), &ExternalIds::default())?;
            if i % 10 == 0 {
                tx.set_popularity(id, "synthetic", (i as u64 * 7919) % 50_000, None)?;
            }
        }
        for w in &diary {
            tx.insert_watch(
                &NewWatch {
                    film_id: w.film_id,
                    watched_at: w.watched_at,
                    rating: w.rating,
                    rewatch: w.rewatch,
                    liked: w.liked,
                    mood: w.mood.clone(),
                    mood_after: w.mood_after.clone(),
                    note: w.note.clone(),
                    source: w.source.clone(),
                },
                None,
            )?;
        }
        tx.commit()?;
    }
    drop((films, store));
    let insert_ms = ms(t.elapsed());
    let t = Instant::now();
    let config = crate::config::Config::default();
    let prepared = crate::library::prepare_image(db, &config, clock, &mut |_, _| {})?;
    if prepared == crate::library::Prepared::NotNeeded {
        let (lib, _) = crate::library::Library::open(db, config, clock)?;
        lib.space()?;
    }
    Ok(Written {
        films: n,
        watches,
        insert_ms,
        vectors_ms: ms(t.elapsed()),
    })
}

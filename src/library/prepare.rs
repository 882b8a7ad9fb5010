//! Getting a large catalog ready for fast starts after it changed: its film vectors computed
//! and cached, and its start-up image written ([`crate::image`]), as the TUI's first starts
//! would otherwise do. Imports call it, so the next start reads the image.

use std::path::Path;
use std::sync::Arc;

use super::Library;
use crate::config::Config;
use crate::embed::VectorProgress;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::time::Clock;

/// What [`prepare_image`] found or did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prepared {
    /// Below `[startup] image_from` films, or images are off: nothing to do.
    NotNeeded,
    /// The image already matched the database.
    Ready,
    /// The image was written (after the vectors the cache lacked were computed).
    Written,
}

/// Computes the film vectors the database at `db` lacks and writes its start-up image, when
/// its catalog is large enough to have one.
pub fn prepare_image(
    db: &Path,
    config: &Config,
    clock: Clock,
    progress: VectorProgress<'_>,
) -> Result<Prepared> {
    let Some(from) = config.image_from else {
        return Ok(Prepared::NotNeeded);
    };
    // Two passes at most: the first may compute vectors (a change that voids its image).
    for _ in 0..2 {
        let (store, _) = Store::open(db)?;
        if usize::try_from(store.counts()?.0).unwrap_or(0) < from {
            return Ok(Prepared::NotNeeded);
        }
        let (lib, job, timings) = Library::load(store, config.clone(), clock, &|_| {}, true)?;
        if timings.image {
            return Ok(Prepared::Ready);
        }
        let Some(job) = job else {
            return Ok(Prepared::NotNeeded);
        };
        if job.image.is_none() {
            // The token could not be written (another process is writing): next time.
            return Ok(Prepared::NotNeeded);
        }
        let mut built = job.run(&mut *progress)?;
        let image = built.image.take();
        let space = Arc::clone(&built.space);
        lib.install_space(Ok(built))?;
        if let Some(image) = image {
            image.write(&space).map_err(|e| Error::io(&image.path, e))?;
            return Ok(Prepared::Written);
        }
    }
    Ok(Prepared::NotNeeded)
}

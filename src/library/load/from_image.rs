//! Start-up from the database's start-up image ([`crate::image`]), when it matches.

use super::{Progress, Side, Step, read_side};
use crate::image;
use crate::store::Store;

/// Removes the database's start-up image (images are turned off).
pub(super) fn forget_image(store: &Store) {
    if let Some(path) = store.path().map(image::path_for)
        && let Err(e) = std::fs::remove_file(&path)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        tracing::debug!("cannot remove {}: {e}", path.display());
    }
}

/// The catalog from the database's start-up image, when there is one that matches the
/// database now (else `None`, and a stale or damaged image is removed); the diary is read
/// from the store meanwhile.
pub(super) fn read_image(
    store: &Store,
    model: &str,
    progress: Progress<'_>,
    want_space: bool,
) -> Option<(image::Loaded, Side)> {
    let path = image::path_for(store.path()?);
    if !path.exists() {
        return None;
    }
    let token = store
        .meta(image::TOKEN_KEY)
        .ok()
        .flatten()
        .unwrap_or_default();
    let bounds = store.film_id_bounds().ok().flatten();
    let films = |done, total| progress(Step::Films { done, total });
    let (loaded, side) = std::thread::scope(|s| {
        let loaded = s.spawn(|| image::read(&path, &token, model, bounds, want_space, &films));
        let side = read_side(store, 0, false, false);
        (loaded.join(), side)
    });
    let loaded = loaded.unwrap_or_else(|p| std::panic::resume_unwind(p));
    match (loaded, side) {
        (Ok(loaded), Ok(side)) => Some((loaded, side)),
        (Err(e), _) => {
            tracing::info!("start-up image {} not used: {e}", path.display());
            if let Err(e) = std::fs::remove_file(&path) {
                tracing::debug!("cannot remove {}: {e}", path.display());
            }
            None
        }
        (_, Err(e)) => {
            tracing::debug!("diary read beside the image failed: {e}");
            None
        }
    }
}

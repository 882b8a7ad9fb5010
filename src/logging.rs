//! Logging to a file in the state directory (never to the screen), readable by the user alone;
//! level from NIGHTREEL_LOG.

use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `<state dir>/nightreel.log`. Failing to open the file disables logging.
pub fn init() {
    let dir = crate::paths::state_dir();
    if crate::paths::create_private_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = crate::paths::open_private_append(&dir.join("nightreel.log")) else {
        return;
    };
    let filter =
        EnvFilter::try_from_env("NIGHTREEL_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(Mutex::new(file))
        .try_init();
}

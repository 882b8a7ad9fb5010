//! Logging to a file in the state directory (never to the screen); level from NIGHTREEL_LOG.

use std::fs::OpenOptions;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// Starts logging to `<state dir>/nightreel.log`. Failing to open the file disables logging.
pub fn init() {
    let dir = crate::paths::state_dir();
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let Ok(file) = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("nightreel.log"))
    else {
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

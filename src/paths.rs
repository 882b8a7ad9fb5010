//! Where nightreel keeps its files, from the platform's conventions (the `directories` crate).

use std::path::PathBuf;

use directories::ProjectDirs;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "nightreel")
}

/// The default database: `<data dir>/nightreel.db`.
pub fn default_db() -> PathBuf {
    dirs()
        .map(|d| d.data_dir().join("nightreel.db"))
        .unwrap_or_else(|| PathBuf::from("nightreel.db"))
}

/// The default config file: `<config dir>/config.toml`.
pub fn default_config() -> PathBuf {
    dirs()
        .map(|d| d.config_dir().join("config.toml"))
        .unwrap_or_else(|| PathBuf::from("nightreel.toml"))
}

/// The directory for logs: the state dir where the platform has one, else the cache dir.
pub fn state_dir() -> PathBuf {
    dirs()
        .map(|d| {
            d.state_dir()
                .map(|p| p.to_path_buf())
                .unwrap_or_else(|| d.cache_dir().to_path_buf())
        })
        .unwrap_or_else(std::env::temp_dir)
}

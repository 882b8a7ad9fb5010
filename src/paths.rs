//! Where nightreel keeps its files, from the platform's conventions (the `directories` crate).

use std::path::{Path, PathBuf};

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

/// Creates `dir` and any missing parents; on Unix the directories created are private (0700).
pub fn create_private_dir_all(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Opens `path` for appending, creating it if needed; on Unix a new file is private (0600).
pub fn open_private_append(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Creates a new, empty file at `path` (an error if it exists); on Unix it is private (0600).
/// SQLite gives a database's -wal and -shm files the permissions of the database.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop)
}

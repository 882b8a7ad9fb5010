//! The command-line interface: global options, subcommands (one file each), exit codes.

mod bench;
mod db;
mod diary;
mod export;
mod import;
mod log;
mod moods;
pub(crate) mod output;
mod recommend;
mod search;
mod stats;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::library::{Library, OpenInfo};
use crate::time::Clock;

/// Mood-based film discovery and late-night watch logging in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "nightreel",
    version,
    about,
    long_about = None,
    after_help = "Without a command, nightreel opens the terminal UI (press ? there for its keys)."
)]
pub struct Cli {
    /// The database file (default: the platform data directory).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "NIGHTREEL_DB",
        value_name = "PATH"
    )]
    pub db: Option<PathBuf>,
    /// The config file (default: the platform config directory).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "NIGHTREEL_CONFIG",
        value_name = "PATH"
    )]
    pub config: Option<PathBuf>,
    /// Pretend it is this moment (RFC 3339), for scripts and tests.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "NIGHTREEL_NOW",
        value_name = "RFC3339"
    )]
    pub now: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the mood presets.
    Moods(moods::Args),
    /// Films for a mood, ranked by the local embedding model.
    Recommend(recommend::Args),
    /// Fuzzy search over titles, original titles and directors.
    Search(search::Args),
    /// Log a viewing.
    Log(log::Args),
    /// Your viewings, newest first, grouped by film night.
    Diary(diary::Args),
    /// Your diary in numbers: hours of the night, late-night share, top directors, streaks.
    Stats(stats::Args),
    /// Import a Letterboxd export or a catalog file (one transaction; bad rows are listed).
    Import(import::Args),
    /// Write your data to a file: the diary as Letterboxd CSV or full JSON, or the catalog.
    Export(export::Args),
    /// In-process timings on the current database (start, search, re-rank, scans, seeding).
    Bench(bench::Args),
    /// Database maintenance: path, check, backup, init.
    #[command(subcommand)]
    Db(db::DbCommand),
}

/// Everything a subcommand needs before it opens the library.
pub struct Context {
    pub db: PathBuf,
    pub config_path: PathBuf,
    pub config: Config,
    pub clock: Clock,
}

impl Context {
    /// Resolves paths, reads the config and sets up the clock.
    pub fn from_cli(cli: &Cli) -> Result<Context> {
        let config_path = cli
            .config
            .clone()
            .unwrap_or_else(crate::paths::default_config);
        Ok(Context {
            db: cli.db.clone().unwrap_or_else(crate::paths::default_db),
            config: Config::load(&config_path)?,
            config_path,
            clock: Clock::from_option(cli.now.as_deref())?,
        })
    }

    /// Opens the library, telling the user on stderr when a new database was created.
    pub fn open(&self) -> Result<Library> {
        let (lib, info) = Library::open(&self.db, self.config.clone(), self.clock)?;
        report_open(&self.db, &info);
        Ok(lib)
    }

    /// Opens the library for a command that only reads: a database this process cannot
    /// write is read as it is, leaving nothing beside it (or refused, naming the path).
    pub fn open_read(&self) -> Result<Library> {
        let (lib, info) = Library::open_read(&self.db, self.config.clone(), self.clock)?;
        report_open(&self.db, &info);
        Ok(lib)
    }
}

fn report_open(db: &std::path::Path, info: &OpenInfo) {
    if info.open.created {
        let films = info.seeded.as_ref().map_or(0, |s| s.inserted);
        eprintln!(
            "nightreel: created a new database at {} with {films} films from the seed catalog",
            db.display()
        );
    }
    if let Some(b) = &info.open.backup {
        eprintln!(
            "nightreel: upgraded the database schema; the old version is kept at {}",
            b.display()
        );
    }
}

/// Runs a subcommand and maps errors to exit codes: 1 for errors, 2 for bad usage and
/// unknown or ambiguous films.
pub fn run(cli: Cli) -> ExitCode {
    let result = Context::from_cli(&cli)
        .and_then(|ctx| dispatch(&ctx, cli.command).map_err(|e| e.with_db(&ctx.db)));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "nightreel: {}",
                crate::text::sanitize_multiline(&e.to_string())
            );
            if e.is_usage() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn dispatch(ctx: &Context, command: Option<Command>) -> Result<()> {
    match command {
        None => crate::tui::run(ctx),
        Some(Command::Moods(a)) => moods::run(ctx, &a),
        Some(Command::Recommend(a)) => recommend::run(ctx, &a),
        Some(Command::Search(a)) => search::run(ctx, &a),
        Some(Command::Log(a)) => log::run(ctx, &a),
        Some(Command::Diary(a)) => diary::run(ctx, &a),
        Some(Command::Stats(a)) => stats::run(ctx, &a),
        Some(Command::Import(a)) => import::run(ctx, &a),
        Some(Command::Export(a)) => export::run(ctx, &a),
        Some(Command::Bench(a)) => bench::run(ctx, &a),
        Some(Command::Db(c)) => db::run(ctx, c),
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn print_json<T: serde::Serialize>(v: &T) -> Result<()> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Error::Invalid(e.to_string()))?;
    output::line(&s);
    Ok(())
}

/// What `diary` and `stats` say of a diary with no viewing: how many films an import marked
/// seen without one (a Letterboxd rating or watched film), when any, and how to log.
fn empty_diary(lib: &crate::library::Library) -> String {
    let marked = lib.history().len() - lib.watches().len();
    let how = "log a film with `nightreel log TITLE`";
    match marked {
        0 => format!("the diary is empty; {how}"),
        n => format!(
            "the diary has no viewing yet ({} marked seen without a date, by an import); {how}",
            crate::text::plural(n, "film")
        ),
    }
}

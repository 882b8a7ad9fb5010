//! `nightreel db`: where the database is, checking it, backing it up, creating it.

use std::path::PathBuf;

use super::{Context, output};
use crate::error::{Error, Result};
use crate::store::Store;

#[derive(Debug, clap::Subcommand)]
pub enum DbCommand {
    /// Print the database path.
    Path {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the database's integrity and print what it holds.
    Check {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Copy the database to PATH with SQLite's online backup.
    Backup { path: PathBuf },
    /// Create the database (with the seed catalog unless --empty).
    Init {
        /// Create it without the seed catalog.
        #[arg(long)]
        empty: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, cmd: DbCommand) -> Result<()> {
    match cmd {
        DbCommand::Path { json: true } => super::print_json(&serde_json::json!({
            "db": ctx.db,
            "config": ctx.config_path,
            "exists": ctx.db.exists(),
        })),
        DbCommand::Path { json: false } => {
            output::line(&ctx.db.display().to_string());
            Ok(())
        }
        DbCommand::Check { json } => check(ctx, json),
        DbCommand::Backup { path } => {
            if !ctx.db.exists() {
                return Err(Error::Io {
                    path: ctx.db.clone(),
                    message: "no database here to back up".into(),
                });
            }
            let (store, _) = Store::open(&ctx.db)?;
            store.backup_to(&path)?;
            output::line(&format!(
                "backed up {} to {}",
                ctx.db.display(),
                path.display()
            ));
            Ok(())
        }
        DbCommand::Init { empty, json } => init(ctx, empty, json),
    }
}

fn check(ctx: &Context, json: bool) -> Result<()> {
    if !ctx.db.exists() {
        return Err(Error::Io {
            path: ctx.db.clone(),
            message: "no database here yet (`nightreel db init` creates one)".into(),
        });
    }
    let (store, _) = Store::open(&ctx.db)?;
    let integrity = store.integrity_check()?;
    let (films, watches, watchlist) = store.counts()?;
    let ok = integrity == ["ok"];
    if json {
        super::print_json(&serde_json::json!({
            "path": ctx.db,
            "schema_version": store.schema_version()?,
            "integrity": integrity,
            "ok": ok,
            "films": films,
            "watches": watches,
            "watchlist": watchlist,
        }))?;
    } else {
        output::line(&format!("database: {}", ctx.db.display()));
        output::line(&format!("schema version: {}", store.schema_version()?));
        output::line(&format!("integrity: {}", integrity.join("; ")));
        output::line(&format!(
            "films: {films}, viewings: {watches}, watchlist: {watchlist}"
        ));
    }
    if ok {
        Ok(())
    } else {
        Err(Error::Invalid(format!(
            "{}: integrity check failed",
            ctx.db.display()
        )))
    }
}

fn init(ctx: &Context, empty: bool, json: bool) -> Result<()> {
    if ctx.db.exists() {
        return Err(Error::Io {
            path: ctx.db.clone(),
            message: "a file already exists here; nothing was changed".into(),
        });
    }
    if empty {
        let (store, _) = Store::open(&ctx.db)?;
        store.set_meta("seed", "none")?;
        if json {
            return super::print_json(&serde_json::json!({"db": ctx.db, "films": 0}));
        }
        output::line(&format!(
            "created an empty database (no seed catalog) at {}",
            ctx.db.display()
        ));
        return Ok(());
    }
    let (lib, info) = crate::library::Library::open(&ctx.db, ctx.config.clone(), ctx.clock)?;
    let films = info.seeded.as_ref().map_or(0, |s| s.inserted);
    drop(lib);
    if json {
        return super::print_json(&serde_json::json!({"db": ctx.db, "films": films}));
    }
    output::line(&format!(
        "created {} with {films} films from the seed catalog",
        ctx.db.display()
    ));
    Ok(())
}

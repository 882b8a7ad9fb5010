//! `nightreel export FORMAT PATH`: the diary as Letterboxd-import CSV or as full JSON, or the
//! film catalog as JSON lines. Files are replaced all at once, never half-written.

use std::path::{Path, PathBuf};

use super::{Context, output};
use crate::error::{Error, Result};
use crate::export::{ExportFormat, to_file};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A CSV that Letterboxd's importer reads: one row per viewing.
    Letterboxd,
    /// Every viewing and watchlist entry with every field; `import json` reads it back.
    Json,
    /// The film catalog (seed and imported films) as JSON lines.
    Catalog,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to write.
    format: Format,
    /// The file to write (replaced if it exists).
    path: PathBuf,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    refuse_database(&ctx.db, &args.path)?;
    let lib = ctx.open_read()?;
    let format = match args.format {
        Format::Letterboxd => ExportFormat::Letterboxd,
        Format::Json => ExportFormat::Json,
        Format::Catalog => {
            crate::catalog::export::write_file(lib.films(), &args.path)?;
            report(
                &args.path,
                &format!(
                    "wrote {} to {}",
                    crate::text::plural(lib.films().len(), "film"),
                    args.path.display()
                ),
            );
            return Ok(());
        }
    };
    let n = to_file(&lib, format, &args.path)?;
    report(
        &args.path,
        &format!(
            "wrote {} and {} seen without a date ({}) to {}",
            crate::text::plural(n.viewings, "viewing"),
            crate::text::plural(n.marks, "film"),
            crate::text::plural(n.films, "film"),
            args.path.display()
        ),
    );
    Ok(())
}

/// Prints what was written: on stdout, or on stderr when the export itself went into a pipe
/// or device (`export json /dev/stdout | jq`), so the summary does not end up in the data.
fn report(path: &Path, summary: &str) {
    let summary = output::safe(summary);
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => eprintln!("nightreel: {summary}"),
        _ => output::line(&summary),
    }
}

/// Refuses an export aimed at the database itself or at one of SQLite's files beside it
/// (`-wal`, `-shm`, `-journal`): writing there would destroy the diary.
fn refuse_database(db: &Path, path: &Path) -> Result<()> {
    let (Some(db), Some(target)) = (resolved(db), resolved(path)) else {
        return Ok(());
    };
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        if target == Path::new(&name) {
            return Err(Error::Io {
                path: path.to_path_buf(),
                message: "this is nightreel's database (or a file SQLite keeps beside it); \
                          export to another file"
                    .into(),
            });
        }
    }
    Ok(())
}

/// The absolute path a file has (through links) or would have (in an existing directory).
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    Some(dir.canonicalize().ok()?.join(path.file_name()?))
}

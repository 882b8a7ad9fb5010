//! `nightreel export FORMAT PATH`: the diary as Letterboxd-import CSV or as full JSON, or the
//! film catalog as JSON lines. Files are replaced all at once, never half-written.

use std::path::PathBuf;

use super::{Context, output};
use crate::error::Result;
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
    let lib = ctx.open()?;
    let format = match args.format {
        Format::Letterboxd => ExportFormat::Letterboxd,
        Format::Json => ExportFormat::Json,
        Format::Catalog => {
            crate::catalog::export::write_file(lib.films(), &args.path)?;
            output::line(&output::safe(&format!(
                "wrote {} films to {}",
                lib.films().len(),
                args.path.display()
            )));
            return Ok(());
        }
    };
    let n = to_file(&lib, format, &args.path)?;
    output::line(&output::safe(&format!(
        "wrote {} viewings and {} films seen without a date ({} films) to {}",
        n.viewings,
        n.marks,
        n.films,
        args.path.display()
    )));
    Ok(())
}

//! `nightreel export`: take your data anywhere.

use std::path::PathBuf;

use super::{Context, output};
use crate::error::Result;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to export.
    #[arg(value_enum)]
    what: What,
    /// Where to write it (the file is replaced all at once, never half-written).
    path: PathBuf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum What {
    /// The film catalog (seed and imported films) as JSON lines.
    Catalog,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let lib = ctx.open()?;
    match args.what {
        What::Catalog => {
            crate::catalog::export::write_file(lib.films(), &args.path)?;
            output::line(&output::safe(&format!(
                "wrote {} films to {}",
                lib.films().len(),
                args.path.display()
            )));
        }
    }
    Ok(())
}

//! `nightreel import FORMAT PATH`: bring a history or a catalog in, in one transaction.

use std::path::PathBuf;

use super::{Context, output, print_json};
use crate::error::Result;
use crate::import::{Format, Summary};

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// A Letterboxd export: the .zip, its unpacked folder, or one of its CSV files.
    Letterboxd,
    /// TMDB 5000: the movies CSV (or its folder); a credits CSV beside it adds directors.
    Tmdb,
    /// MovieLens: movies.csv (or its folder), with links.csv, tags.csv and ratings.csv beside it.
    Movielens,
    /// IMDb datasets: title.basics (or its folder), with title.ratings, title.crew and
    /// name.basics beside it; .tsv or .tsv.gz. Movies only. Or your IMDb ratings export
    /// (ratings.csv from imdb.com): each film is marked seen with your rating.
    Imdb,
    /// nightreel's own JSON diary export (`nightreel export json`).
    Json,
}

impl From<ImportFormat> for Format {
    fn from(f: ImportFormat) -> Format {
        match f {
            ImportFormat::Letterboxd => Format::Letterboxd,
            ImportFormat::Tmdb => Format::Tmdb,
            ImportFormat::Movielens => Format::Movielens,
            ImportFormat::Imdb => Format::Imdb,
            ImportFormat::Json => Format::Json,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What the file is.
    format: ImportFormat,
    /// The file, archive or folder to import.
    path: PathBuf,
    /// Print the summary as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let mut lib = ctx.open()?;
    let mut bar = Bar::new();
    let summary = lib.import(args.format.into(), &args.path, &mut |d, t| bar.update(d, t))?;
    drop(bar);
    drop(lib);
    prepare(ctx)?;
    if args.json {
        return print_json(&summary);
    }
    print_summary(&summary);
    Ok(())
}

/// A large catalog gets its film vectors and its start-up image now, so that the next start
/// of the TUI is quick (see `crate::image`); said on stderr.
fn prepare(ctx: &Context) -> Result<()> {
    let t = std::time::Instant::now();
    let mut bar = output::progress("film vectors");
    let prepared = crate::library::prepare_image(&ctx.db, &ctx.config, ctx.clock, &mut bar)?;
    if prepared == crate::library::Prepared::Written {
        eprintln!(
            "nightreel: film vectors and the start-up image are ready ({:.1} s): the next start is quick",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// A bar on stderr (bytes of the file being read) when stderr is a terminal and the file is
/// big enough to wait for; cleared when dropped.
struct Bar {
    tty: bool,
    bar: Option<indicatif::ProgressBar>,
}

impl Bar {
    fn new() -> Bar {
        use std::io::IsTerminal;
        Bar {
            tty: std::io::stderr().is_terminal(),
            bar: None,
        }
    }

    fn update(&mut self, done: u64, total: u64) {
        if !self.tty || total < (1 << 20) {
            return;
        }
        let b = self.bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{msg} [{bar:30}] {percent:>3}% ({eta} left)",
            ) {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message("nightreel: importing");
            b
        });
        if b.length() != Some(total) {
            b.set_length(total);
        }
        b.set_position(done);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

fn print_summary(s: &Summary) {
    output::line(&format!(
        "read {} rows: {} imported, {} updated, {} matched catalog films, {} films created, {} skipped",
        s.read, s.imported, s.updated, s.matched, s.created, s.skipped
    ));
    for (reason, n) in &s.skipped_reasons {
        output::line(&output::safe(&format!("  skipped {n}: {reason}")));
    }
    for e in &s.errors {
        output::line(&output::safe(&format!(
            "  {}:{}: {}",
            e.file, e.line, e.reason
        )));
    }
    if s.errors.len()
        < s.skipped_reasons
            .get("unreadable row (see errors)")
            .copied()
            .unwrap_or(0)
    {
        output::line("  (only the first 1,000 unreadable rows are listed)");
    }
}

//! The nightreel binary: parse arguments, set up logging, dispatch.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    nightreel::embed::steady_heap();
    let cli = nightreel::cli::Cli::parse();
    nightreel::logging::init();
    nightreel::cli::run(cli)
}

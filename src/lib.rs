//! nightreel: mood-based film discovery and late-night watch logging in the terminal.
//!
//! The core (store, catalog, mood, recommend, search) knows nothing of screens; the `tui` and
//! `cli` modules are two faces over [`library::Library`].

pub mod bench;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod embed;
pub mod error;
pub mod eval;
pub mod export;
pub mod film;
pub mod heap;
pub mod ids;
pub mod image;
pub mod import;
pub mod library;
pub mod logging;
pub mod markup;
pub mod model;
pub mod mood;
pub mod names;
pub mod paths;
pub mod recommend;
pub mod search;
pub mod stats;
pub mod store;
pub mod synth;
pub mod text;
pub mod time;
pub mod tui;

pub use error::{Error, Result};

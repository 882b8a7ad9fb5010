//! TMDB 5000: the movies CSV, then (after 0x1E) the credits CSV beside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::{import, parts};

fuzz_target!(|data: &[u8]| {
    let files: Vec<(&str, &[u8])> = ["tmdb_5000_movies.csv", "tmdb_5000_credits.csv"]
        .into_iter()
        .zip(parts(data))
        .collect();
    import(Format::Tmdb, &files, "");
});

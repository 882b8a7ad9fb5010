//! MovieLens: movies.csv, then links.csv, tags.csv and ratings.csv (separated by 0x1E).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::{import, parts};

fuzz_target!(|data: &[u8]| {
    let files: Vec<(&str, &[u8])> = ["movies.csv", "links.csv", "tags.csv", "ratings.csv"]
        .into_iter()
        .zip(parts(data))
        .collect();
    import(Format::Movielens, &files, "");
});

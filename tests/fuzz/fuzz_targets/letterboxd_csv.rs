//! A Letterboxd export folder: diary, reviews, ratings, watched, watchlist and likes CSV files
//! (in that order, separated by 0x1E; an empty part is an absent file).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::{import, parts};

const FILES: [&str; 6] = [
    "diary.csv",
    "reviews.csv",
    "ratings.csv",
    "watched.csv",
    "watchlist.csv",
    "likes/films.csv",
];

fuzz_target!(|data: &[u8]| {
    let p = parts(data);
    if p.len() == 1 {
        // One file alone: read as a diary (the importer's rule for an unknown name).
        import(Format::Letterboxd, &[("export.csv", data)], "export.csv");
        return;
    }
    let files: Vec<(&str, &[u8])> = FILES.iter().copied().zip(p).collect();
    import(Format::Letterboxd, &files, "");
});

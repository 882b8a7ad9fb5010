//! IMDb datasets: title.basics, then title.ratings, title.crew and name.basics (separated by
//! 0x1E). A part that starts with the gzip magic is written as `.tsv.gz`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::{import, parts};

const STEMS: [&str; 4] = ["title.basics", "title.ratings", "title.crew", "name.basics"];

fuzz_target!(|data: &[u8]| {
    let names: Vec<String> = parts(data)
        .iter()
        .zip(STEMS)
        .map(|(p, stem)| {
            if p.starts_with(&[0x1f, 0x8b]) {
                format!("{stem}.tsv.gz")
            } else {
                format!("{stem}.tsv")
            }
        })
        .collect();
    let files: Vec<(&str, &[u8])> = names.iter().map(String::as_str).zip(parts(data)).collect();
    import(Format::Imdb, &files, "");
});

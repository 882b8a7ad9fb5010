//! A Letterboxd export .zip, as the bytes of the archive.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::import;

fuzz_target!(|data: &[u8]| {
    import(
        Format::Letterboxd,
        &[("letterboxd-export.zip", data)],
        "letterboxd-export.zip",
    );
});

//! nightreel's own JSON diary export.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::import::Format;
use nightreel_fuzz::import;

fuzz_target!(|data: &[u8]| {
    import(
        Format::Json,
        &[("nightreel-diary.json", data)],
        "nightreel-diary.json",
    );
});

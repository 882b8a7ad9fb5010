//! The config file parser (TOML: [time], [model], [recommend]).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nightreel::Error;
use nightreel::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, "config.toml") {
        Ok(c) => {
            let w = c.weights;
            for x in [
                w.taste,
                w.late_night,
                w.half_life_days,
                w.diversity,
                w.outcome,
                w.quality,
                w.quality_no_mood,
                w.series,
            ] {
                assert!(x.is_finite() && x >= 0.0, "weight {x} accepted");
            }
            assert!(w.half_life_days >= 1.0);
            assert!(w.diversity <= 1.0);
        }
        Err(Error::Parse {
            file,
            line,
            message,
        }) => {
            assert_eq!(file, "config.toml");
            // The line is one of the file's lines (or the line after a final newline).
            assert!(
                line >= 1 && line <= text.lines().count() + 1,
                "line {line}: {message}"
            );
            assert!(!message.trim().is_empty());
        }
        Err(other) => panic!("unexpected error kind: {other:?}"),
    }
});

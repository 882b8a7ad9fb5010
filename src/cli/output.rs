//! Plain-text output: every line goes through here, so nothing from data reaches the terminal
//! as a control sequence, and a closed pipe ends quietly.

use std::io::Write;

/// Prints one line of text (already safe, or sanitized by the caller) to stdout.
pub fn line(s: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{s}").is_err() {
        // The reader went away (e.g. `| head`): stop quietly.
        std::process::exit(0);
    }
}

/// Sanitizes text that came from data before it is printed.
pub fn safe(s: &str) -> String {
    crate::text::sanitize(s)
}

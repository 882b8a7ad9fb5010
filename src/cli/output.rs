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

/// A progress reporter for `(done, total)` callbacks: a bar on stderr when it is a terminal
/// and the work is large enough to notice, nothing otherwise (scripts and pipes stay clean).
pub fn progress(what: &'static str) -> impl FnMut(usize, usize) {
    use std::io::IsTerminal;
    let tty = std::io::stderr().is_terminal();
    let mut bar: Option<indicatif::ProgressBar> = None;
    move |done, total| {
        if !tty || total < 500 {
            return;
        }
        let b = bar.get_or_insert_with(|| {
            let b = indicatif::ProgressBar::new(total as u64);
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)")
            {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message(format!("nightreel: computing {what}"));
            b
        });
        b.set_position(done as u64);
        if done >= total {
            b.finish_and_clear();
        }
    }
}

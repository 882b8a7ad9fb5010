//! The mood parser: typed moods ("rain on neon, lonely but warm", "孤独的夜晚") and critiques.
//!
//! Input lines: the first is the mood; each later line starting with `+` is a "more" critique,
//! with `-` a "less" one.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use nightreel::mood::MoodResolver;

fn resolver() -> &'static MoodResolver {
    static R: OnceLock<MoodResolver> = OnceLock::new();
    R.get_or_init(|| MoodResolver::builtin().expect("built-in mood data"))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let mood = lines.next().unwrap_or("");
    let (mut more, mut less) = (Vec::new(), Vec::new());
    for l in lines {
        if let Some(w) = l.strip_prefix('+') {
            more.push(w.to_string());
        } else if let Some(w) = l.strip_prefix('-') {
            less.push(w.to_string());
        }
    }
    let r = resolver();
    let q = r.resolve(mood);
    assert_eq!(q.text, mood);
    for (tag, w) in &q.tags {
        assert!(w.is_finite() && *w > 0.0 && *w <= 1.0, "{tag}: {w}");
    }
    let q = r.critique(q, &more, &less);
    for (tag, w) in &q.tags {
        assert!(w.is_finite() && w.abs() <= 1.5, "{tag}: {w}");
    }
    assert_eq!(q.nudges.len(), more.len() + less.len());
});

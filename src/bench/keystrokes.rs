//! Search timed the way people type: every prefix of each query, one keystroke at a time.

use std::time::Instant;

use serde::Serialize;

use super::ms;

/// Per-keystroke search latencies.
#[derive(Debug, Clone, Serialize)]
pub struct Keystrokes {
    pub count: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// The slowest keystrokes (the query as typed so far), slowest first.
    pub slowest: Vec<(String, f64)>,
}

/// Types each of `queries` into `search` `rounds` times, a char at a time.
pub fn time(queries: &[&str], rounds: usize, mut search: impl FnMut(&str)) -> Keystrokes {
    let mut keys: Vec<(String, f64)> = Vec::new();
    for _ in 0..rounds.max(1) {
        for q in queries {
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                let t = Instant::now();
                search(&typed);
                keys.push((typed.clone(), ms(t.elapsed())));
            }
        }
    }
    keys.sort_by(|a, b| a.1.total_cmp(&b.1));
    let pct = |p: f64| {
        keys.get(((keys.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(0.0, |k| k.1)
    };
    let (p50_ms, p99_ms) = (pct(0.5), pct(0.99));
    let max_ms = keys.last().map_or(0.0, |k| k.1);
    Keystrokes {
        count: keys.len(),
        p50_ms,
        p99_ms,
        max_ms,
        slowest: keys.iter().rev().take(5).cloned().collect(),
    }
}

/// The prefixes of `queries` that fzf is timed on: the first character, half, and the whole.
pub fn sample_prefixes(queries: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for q in queries {
        let chars: Vec<char> = q.chars().collect();
        for n in [1, chars.len().div_ceil(2), chars.len()] {
            let p: String = chars[..n].iter().collect();
            if !p.trim().is_empty() && !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_is_typed() {
        let mut seen = Vec::new();
        let k = time(&["ab", "c"], 2, |q| seen.push(q.to_string()));
        assert_eq!(seen, ["a", "ab", "c", "a", "ab", "c"]);
        assert_eq!(k.count, 6);
        assert!(k.p50_ms <= k.p99_ms && k.p99_ms <= k.max_ms);
        assert_eq!(sample_prefixes(&["abcd", "x"]), ["a", "ab", "abcd", "x"]);
    }
}

//! Search timed the way people type: every prefix of each query, one keystroke at a time.

use std::time::Instant;

use serde::Serialize;

use super::ms;

/// Per-keystroke search latencies. Each keystroke is typed once per round and counts with
/// its median over the rounds: on a shared machine a keystroke that happens to be descheduled
/// would otherwise set the p99 of a fast search.
#[derive(Debug, Clone, Serialize)]
pub struct Keystrokes {
    /// Distinct keystrokes (the same prefix typed in two queries counts twice).
    pub count: usize,
    pub rounds: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    /// The slowest keystrokes (the query as typed so far), slowest first.
    pub slowest: Vec<(String, f64)>,
}

/// Types each of `queries` into `search` `rounds` times, a char at a time.
pub fn time(queries: &[&str], rounds: usize, mut search: impl FnMut(&str)) -> Keystrokes {
    let rounds = rounds.max(1);
    let mut keys: Vec<(String, Vec<f64>)> = Vec::new();
    for _ in 0..rounds {
        let mut k = 0;
        for q in queries {
            let mut typed = String::new();
            for c in q.chars() {
                typed.push(c);
                let t = Instant::now();
                search(&typed);
                let took = ms(t.elapsed());
                if keys.len() <= k {
                    keys.push((typed.clone(), Vec::new()));
                }
                keys[k].1.push(took);
                k += 1;
            }
        }
    }
    let mut medians: Vec<(String, f64)> = keys
        .into_iter()
        .map(|(q, mut t)| {
            t.sort_by(f64::total_cmp);
            let m = t.get((t.len().max(1) - 1) / 2).copied().unwrap_or(0.0);
            (q, m)
        })
        .collect();
    medians.sort_by(|a, b| a.1.total_cmp(&b.1));
    let pct = |p: f64| {
        medians
            .get(((medians.len().max(1) - 1) as f64 * p).round() as usize)
            .map_or(0.0, |k| k.1)
    };
    let (p50_ms, p99_ms) = (pct(0.5), pct(0.99));
    let max_ms = medians.last().map_or(0.0, |k| k.1);
    Keystrokes {
        count: medians.len(),
        rounds,
        p50_ms,
        p99_ms,
        max_ms,
        slowest: medians.iter().rev().take(5).cloned().collect(),
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
        assert_eq!((k.count, k.rounds), (3, 2));
        assert!(k.p50_ms <= k.p99_ms && k.p99_ms <= k.max_ms);
        assert_eq!(sample_prefixes(&["abcd", "x"]), ["a", "ab", "abcd", "x"]);
    }
}

//! fzf side by side: the same titles written to a temporary file and `fzf --filter QUERY`
//! timed on them in the same run (one process per filter, as a shell user would run it).
//! When fzf is not installed the report says so and the rest of the bench goes on.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde::Serialize;

use super::{Spread, ms};

/// fzf's timings, or why there are none.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fzf {
    Timed {
        version: String,
        titles: usize,
        /// Each filter once: (query, ms).
        filters: Vec<(String, f64)>,
        spread_ms: Spread,
    },
    Skipped {
        reason: String,
    },
}

impl Fzf {
    /// One line for the text report.
    pub fn describe(&self) -> String {
        match self {
            Fzf::Timed {
                version,
                titles,
                spread_ms,
                filters,
            } => format!(
                "fzf {version} --filter over the same {titles} titles: {:.1} / {:.1} / {:.1} ms (min/median/max of {} filters)",
                spread_ms.min,
                spread_ms.median,
                spread_ms.max,
                filters.len()
            ),
            Fzf::Skipped { reason } => format!("fzf side by side skipped: {reason}"),
        }
    }

    /// Median time of one fzf filter, when timed.
    pub fn median_ms(&self) -> Option<f64> {
        match self {
            Fzf::Timed { spread_ms, .. } => Some(spread_ms.median),
            Fzf::Skipped { .. } => None,
        }
    }
}

/// Writes `titles` one a line to a temporary file and times `fzf --filter` for each query.
pub fn side_by_side<'a>(titles: impl Iterator<Item = &'a str>, queries: &[String]) -> Fzf {
    let version = match Command::new("fzf").arg("--version").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .split_whitespace()
            .next()
            .unwrap_or("?")
            .to_string(),
        _ => {
            return Fzf::Skipped {
                reason: "fzf is not installed (apt-get install fzf)".into(),
            };
        }
    };
    let path = std::env::temp_dir().join(format!("nightreel-fzf-{}.txt", std::process::id()));
    let result = write_and_time(&path, titles, queries);
    let _ = std::fs::remove_file(&path);
    match result {
        Ok((count, filters)) => Fzf::Timed {
            version,
            titles: count,
            spread_ms: Spread::of(filters.iter().map(|f| f.1).collect()),
            filters,
        },
        Err(e) => Fzf::Skipped {
            reason: format!("could not run fzf: {e}"),
        },
    }
}

fn write_and_time<'a>(
    path: &std::path::Path,
    titles: impl Iterator<Item = &'a str>,
    queries: &[String],
) -> std::io::Result<(usize, Vec<(String, f64)>)> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut count = 0;
    for t in titles {
        // One title a line: line breaks inside a title would split it.
        out.write_all(t.replace(['\n', '\r'], " ").as_bytes())?;
        out.write_all(b"\n")?;
        count += 1;
    }
    out.flush()?;
    drop(out);
    let mut filters = Vec::new();
    for q in queries {
        let input = std::fs::File::open(path)?;
        let t = Instant::now();
        let status = Command::new("fzf")
            .arg("--filter")
            .arg(q)
            .stdin(input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let took = ms(t.elapsed());
        // fzf exits 1 when nothing matched: still a timed filter.
        if status.code().is_some_and(|c| c <= 1) {
            filters.push((q.clone(), took));
        }
    }
    Ok((count, filters))
}

//! Resident memory of this process, now and at its peak (Linux /proc; 0 elsewhere).

use serde::Serialize;

/// Resident set now (VmRSS) and its high-water mark (VmHWM), in MB.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Memory {
    pub rss_mb: f64,
    pub peak_mb: f64,
}

/// Reads VmRSS and VmHWM.
pub fn now() -> Memory {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    Memory {
        rss_mb: field("VmRSS:"),
        peak_mb: field("VmHWM:"),
    }
}

/// Resident memory now, in MB.
pub fn rss_mb() -> f64 {
    now().rss_mb
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_this_process() {
        let m = super::now();
        if std::path::Path::new("/proc/self/status").exists() {
            assert!(m.rss_mb > 0.0 && m.peak_mb >= m.rss_mb);
        }
    }
}

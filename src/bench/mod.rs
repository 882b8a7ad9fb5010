//! `nightreel bench`: in-process timings, each measured several times in one run (this
//! machine is noisy: the figures to compare are ratios within one run), on the current
//! database or on a synthetic catalog, with fzf and a plain memory read as yardsticks.

use serde::Serialize;

mod database;
pub mod fzf;
pub mod kernels;
pub mod keystrokes;
pub mod memory;
pub mod startup;
mod synthetic;
mod write;

pub use database::{Detail, Report, run};
pub use synthetic::{SynthReport, TYPED as TYPED_SYNTHETIC, synthetic};
pub use write::{Written, write_synthetic};

/// Minimum, median and maximum of repeated timings, in milliseconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(mut ms: Vec<f64>) -> Spread {
        ms.sort_by(f64::total_cmp);
        let n = ms.len().max(1);
        Spread {
            min: ms.first().copied().unwrap_or(0.0),
            median: ms.get(n / 2).copied().unwrap_or(0.0),
            max: ms.last().copied().unwrap_or(0.0),
        }
    }
}

/// Milliseconds of a duration.
pub fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_orders_and_picks_the_median() {
        let s = Spread::of(vec![3.0, 1.0, 2.0]);
        assert_eq!((s.min, s.median, s.max), (1.0, 2.0, 3.0));
    }
}

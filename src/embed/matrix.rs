//! Int8 vector matrices (film and term vectors) and the kernels that scan them: the dot
//! product chosen for this CPU at run time, quantisation, and how many threads a pass deserves.

/// Film vectors, one int8 row per film (in library order) with a per-row scale.
#[derive(Debug, Clone, Default)]
pub struct FilmMatrix {
    pub dim: usize,
    pub data: Vec<i8>,
    pub scale: Vec<f32>,
}

impl FilmMatrix {
    pub fn len(&self) -> usize {
        self.scale.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scale.is_empty()
    }

    pub fn row(&self, i: usize) -> &[i8] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }

    /// The row as floats (unit length up to quantisation).
    pub fn row_f32(&self, i: usize) -> Vec<f32> {
        let s = self.scale[i];
        self.row(i).iter().map(|&x| f32::from(x) * s).collect()
    }

    /// Cosine of every row with the unit vector `q`, written into `out`.
    pub fn scores(&self, q: &[f32], out: &mut Vec<f32>) {
        let mut all = self.scores_many(&[q]);
        *out = all.pop().unwrap_or_default();
    }

    /// Cosines of every row with each of `qs`, reading the matrix once (each row is compared
    /// with every query while it is in cache), split over the CPU's cores for large matrices.
    pub fn scores_many(&self, qs: &[&[f32]]) -> Vec<Vec<f32>> {
        let n = self.len();
        let dim = self.dim.max(1);
        let quantised: Vec<(Vec<i8>, f32)> = qs.iter().map(|q| quantise(q)).collect();
        let dot = dot_kernel();
        let mut outs: Vec<Vec<f32>> = vec![vec![0.0; n]; qs.len()];
        let fill = |rows: std::ops::Range<usize>, outs: &mut [&mut [f32]]| {
            for (k, r) in rows.clone().enumerate() {
                let row = &self.data[r * dim..(r + 1) * dim];
                let s = self.scale[r];
                for (j, (qi, qs)) in quantised.iter().enumerate() {
                    outs[j][k] = dot(qi, row) as f32 * qs * s;
                }
            }
        };
        let parts = parallelism(n);
        if parts <= 1 {
            let mut slices: Vec<&mut [f32]> = outs.iter_mut().map(Vec::as_mut_slice).collect();
            fill(0..n, &mut slices);
            return outs;
        }
        let chunk = n.div_ceil(parts);
        // Split every output the same way; thread t fills rows [t*chunk, (t+1)*chunk).
        let mut per_thread: Vec<Vec<&mut [f32]>> = (0..parts).map(|_| Vec::new()).collect();
        for out in outs.iter_mut() {
            for (t, piece) in out.chunks_mut(chunk).enumerate() {
                per_thread[t].push(piece);
            }
        }
        std::thread::scope(|scope| {
            for (t, mut slices) in per_thread.into_iter().enumerate() {
                let fill = &fill;
                scope.spawn(move || {
                    let start = t * chunk;
                    let end = (start + chunk).min(n);
                    fill(start..end, &mut slices);
                });
            }
        });
        outs
    }
}

/// How many threads a pass over `rows` rows deserves (1 below 50,000 rows).
pub fn parallelism(rows: usize) -> usize {
    if rows < 50_000 {
        return 1;
    }
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rows / 25_000)
        .max(1)
}

/// Integer dot product of two int8 vectors (the best kernel this CPU has, chosen at run time).
pub fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    dot_kernel()(a, b)
}

/// The int8 dot-product kernel for this CPU: AVX2 where available (detected once at run
/// time), else the portable one. Scans fetch it once and call it per row.
pub fn dot_kernel() -> fn(&[i8], &[i8]) -> i32 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            return dot_i8_avx2_entry;
        }
    }
    dot_i8_portable
}

/// Portable kernel: four independent accumulators.
fn dot_i8_portable(a: &[i8], b: &[i8]) -> i32 {
    let mut acc = [0i32; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += i32::from(x[k]) * i32::from(y[k]);
        }
    }
    let tail: i32 = ra
        .iter()
        .zip(rb)
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    acc[0] + acc[1] + acc[2] + acc[3] + tail
}

#[cfg(target_arch = "x86_64")]
fn dot_i8_avx2_entry(a: &[i8], b: &[i8]) -> i32 {
    // SAFETY: only returned by `dot_kernel` after `is_x86_feature_detected!("avx2")`.
    unsafe { dot_i8_avx2(a, b) }
}

/// The same arithmetic compiled for AVX2: 16 lanes the compiler turns into vector
/// multiply-adds.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn dot_i8_avx2(a: &[i8], b: &[i8]) -> i32 {
    let mut acc = [0i32; 16];
    let (ca, cb) = (a.chunks_exact(16), b.chunks_exact(16));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..16 {
            acc[k] += i32::from(x[k]) * i32::from(y[k]);
        }
    }
    let tail: i32 = ra
        .iter()
        .zip(rb)
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum();
    acc.iter().sum::<i32>() + tail
}

/// int8 components and the scale that restores them.
pub fn quantise(v: &[f32]) -> (Vec<i8>, f32) {
    let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if max == 0.0 {
        return (vec![0; v.len()], 0.0);
    }
    let scale = max / 127.0;
    (
        v.iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .collect(),
        scale,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantise_round_trips() {
        let v: Vec<f32> = (0..256).map(|i| ((i as f32) * 0.7).sin() / 16.0).collect();
        let (q, s) = quantise(&v);
        for (a, b) in v.iter().zip(&q) {
            assert!((a - f32::from(*b) * s).abs() <= s);
        }
        assert_eq!(quantise(&[0.0, 0.0]).1, 0.0);
    }

    #[test]
    fn dot_i8_matches_naive() {
        let a: Vec<i8> = (0..259).map(|i| (i % 255 - 127) as i8).collect();
        let b: Vec<i8> = (0..259).map(|i| ((i * 7) % 255 - 127) as i8).collect();
        let naive: i32 = a
            .iter()
            .zip(&b)
            .map(|(x, y)| i32::from(*x) * i32::from(*y))
            .sum();
        assert_eq!(dot_i8(&a, &b), naive);
        assert_eq!(dot_i8_portable(&a, &b), naive);
        let extreme = vec![-127i8; 256];
        assert_eq!(dot_i8(&extreme, &extreme), 127 * 127 * 256);
    }

    #[test]
    fn scores_many_matches_one_at_a_time() {
        let mut m = FilmMatrix {
            dim: 8,
            ..FilmMatrix::default()
        };
        for r in 0..5 {
            let v: Vec<f32> = (0..8).map(|i| ((r * 8 + i) as f32 * 0.3).sin()).collect();
            let (q, s) = quantise(&v);
            m.data.extend_from_slice(&q);
            m.scale.push(s);
        }
        let q1 = [1.0f32, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let q2 = [0.0f32, 0.5, 0.5, 0.0, 0.0, 0.0, 0.5, 0.5];
        let both = m.scores_many(&[&q1, &q2]);
        let (mut one, mut two) = (Vec::new(), Vec::new());
        m.scores(&q1, &mut one);
        m.scores(&q2, &mut two);
        assert_eq!(both, vec![one, two]);
    }
}

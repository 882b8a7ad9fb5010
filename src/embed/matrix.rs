//! Int8 vector matrices (film and term vectors): quantisation, how many threads a pass
//! deserves, and cosines with a few queries (see `embed::scan` and `embed::kernels`).

pub use super::kernels::{dot_i8, dot_kernel, scan_kernel_name};

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

    /// Cosine between rows `a` and `b` (their vectors are unit length up to quantisation).
    pub fn row_cosine(&self, a: usize, b: usize) -> f32 {
        dot_kernel()(self.row(a), self.row(b)) as f32 * self.scale[a] * self.scale[b]
    }

    /// The row as floats (unit length up to quantisation).
    pub fn row_f32(&self, i: usize) -> Vec<f32> {
        let s = self.scale[i];
        self.row(i).iter().map(|&x| f32::from(x) * s).collect()
    }

    /// Cosine of every row with the unit vector `q`, written into `out`.
    pub fn scores(&self, q: &[f32], out: &mut Vec<f32>) {
        out.clear();
        out.resize(self.len(), 0.0);
        self.scan_rows(&[q], out, || (), |_, _, cos, o| *o = cos[0]);
    }

    /// Cosines of every row with each of `qs`, reading the matrix once (each row is compared
    /// with every query while it is in cache), split over the CPU's cores for large matrices.
    pub fn scores_many(&self, qs: &[&[f32]]) -> Vec<Vec<f32>> {
        let k = qs.len();
        if k == 0 {
            return Vec::new();
        }
        let mut flat = vec![0.0f32; self.len() * k];
        let mut rows: Vec<&mut [f32]> = flat.chunks_mut(k).collect();
        self.scan_rows(
            qs,
            &mut rows,
            || (),
            |_, _, cos, out| out.copy_from_slice(cos),
        );
        (0..k)
            .map(|j| flat.iter().skip(j).step_by(k).copied().collect())
            .collect()
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

//! The fused scan of an int8 matrix: every row compared with several queries while it is in
//! cache (the matrix is read from memory once), split over the cores for large matrices, and
//! the int8 dot-product kernels it uses.

use std::ops::Range;

use super::matrix::{FilmMatrix, parallelism, quantise};

/// Queries are compared with a row in groups of at most this many (one register each).
const GROUP: usize = 4;

/// Queries ready for a scan: int8 components widened to i16 (`dim` each, back to back) and
/// the scale that turns an integer dot product back into a cosine.
struct Prepared {
    dim: usize,
    lanes: Vec<i16>,
    scales: Vec<f32>,
}

impl Prepared {
    fn new(qs: &[&[f32]], dim: usize) -> Prepared {
        let mut lanes = Vec::with_capacity(qs.len() * dim);
        let mut scales = Vec::with_capacity(qs.len());
        for q in qs {
            let (v, s) = quantise(q);
            lanes.extend(v.iter().map(|&x| i16::from(x)));
            lanes.resize(scales.len() * dim + dim, 0);
            scales.push(s);
        }
        Prepared { dim, lanes, scales }
    }

    fn len(&self) -> usize {
        self.scales.len()
    }

    fn query(&self, j: usize) -> &[i16] {
        &self.lanes[j * self.dim..(j + 1) * self.dim]
    }
}

/// Calls `each(r, dots)` for every row `r` in `rows` of `m`, `dots` being its integer dot
/// products with the prepared queries (the best kernel this CPU has).
fn scan_range<F: FnMut(usize, &[i32])>(m: &FilmMatrix, rows: Range<usize>, p: &Prepared, each: F) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was detected just above.
            return unsafe { avx2::scan_range(&m.data, m.dim, rows, p, each) };
        }
    }
    scan_range_portable(m, rows, p, each);
}

fn scan_range_portable<F: FnMut(usize, &[i32])>(
    m: &FilmMatrix,
    rows: Range<usize>,
    p: &Prepared,
    mut each: F,
) {
    let mut dots = vec![0i32; p.len()];
    for r in rows {
        let row = m.row(r);
        for (j, d) in dots.iter_mut().enumerate() {
            *d = row
                .iter()
                .zip(p.query(j))
                .map(|(&a, &b)| i32::from(a) * i32::from(b))
                .sum();
        }
        each(r, &dots);
    }
}

impl FilmMatrix {
    /// For every row `r`, its cosines with each of `qs` (unit vectors; in the order given)
    /// are handed to `visit(state, r, cosines, &mut out[r])`. Rows are split over the cores
    /// in contiguous runs for large matrices, each run with its own `init()` state; the
    /// states come back in row order. `out` must have one slot per row.
    pub fn scan_rows<T, S, I, V>(&self, qs: &[&[f32]], out: &mut [T], init: I, visit: V) -> Vec<S>
    where
        T: Send,
        S: Send,
        I: Fn() -> S + Sync,
        V: Fn(&mut S, usize, &[f32], &mut T) + Sync,
    {
        assert_eq!(out.len(), self.len(), "one output slot per row");
        let prepared = Prepared::new(qs, self.dim);
        let run = |start: usize, piece: &mut [T]| {
            let mut state = init();
            let mut cos = vec![0.0f32; prepared.len()];
            scan_range(self, start..start + piece.len(), &prepared, |r, dots| {
                let s = self.scale[r];
                for ((c, d), qs) in cos.iter_mut().zip(dots).zip(&prepared.scales) {
                    *c = *d as f32 * qs * s;
                }
                visit(&mut state, r, &cos, &mut piece[r - start]);
            });
            state
        };
        split_rows(out, parallelism(self.len()), &run)
    }
}

impl FilmMatrix {
    /// [`FilmMatrix::scan_rows`] over the listed rows only, on this thread: `visit(r,
    /// cosines)` for each row `r` of `rows`, in that order.
    pub fn scan_listed(&self, rows: &[usize], qs: &[&[f32]], mut visit: impl FnMut(usize, &[f32])) {
        let prepared = Prepared::new(qs, self.dim);
        let mut cos = vec![0.0f32; prepared.len()];
        for &r in rows {
            scan_range(self, r..r + 1, &prepared, |r, dots| {
                let s = self.scale[r];
                for ((c, d), qs) in cos.iter_mut().zip(dots).zip(&prepared.scales) {
                    *c = *d as f32 * qs * s;
                }
                visit(r, &cos);
            });
        }
    }

    /// Cosines of the rows `rows` with the unit vector `q`, exactly as a scan computes them.
    pub fn cosines(&self, rows: &[usize], q: &[f32]) -> Vec<f32> {
        let mut out = Vec::with_capacity(rows.len());
        self.scan_listed(rows, &[q], |_, cos| out.push(cos[0]));
        out
    }
}

/// Runs `run(first_row, piece)` over `parts` contiguous pieces of `out` (on scoped threads
/// when more than one), returning the results in row order.
pub fn split_rows<T: Send, S: Send>(
    out: &mut [T],
    parts: usize,
    run: &(dyn Fn(usize, &mut [T]) -> S + Sync),
) -> Vec<S> {
    let n = out.len();
    if parts <= 1 || n == 0 {
        return vec![run(0, out)];
    }
    let chunk = n.div_ceil(parts);
    std::thread::scope(|scope| {
        let handles: Vec<_> = out
            .chunks_mut(chunk)
            .enumerate()
            .map(|(t, piece)| scope.spawn(move || run(t * chunk, piece)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
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
            return avx2::dot_entry;
        }
    }
    dot_i8_portable
}

/// Portable kernel: four independent accumulators.
pub(super) fn dot_i8_portable(a: &[i8], b: &[i8]) -> i32 {
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
mod avx2 {
    //! AVX2: 16 int8 lanes widened to i16, multiplied and summed in pairs into i32
    //! (`vpmaddwd`); exact, as every product of two int8 fits an i16 pair sum.

    use std::arch::x86_64::*;
    use std::ops::Range;

    use super::{GROUP, Prepared};

    pub(super) fn dot_entry(a: &[i8], b: &[i8]) -> i32 {
        // SAFETY: only returned by `dot_kernel` after `is_x86_feature_detected!("avx2")`.
        unsafe { dot(a, b) }
    }

    /// See `scan::scan_range`; rows are `dim` bytes each in `data`.
    #[target_feature(enable = "avx2")]
    pub(super) fn scan_range<F: FnMut(usize, &[i32])>(
        data: &[i8],
        dim: usize,
        rows: Range<usize>,
        p: &Prepared,
        mut each: F,
    ) {
        let mut dots = vec![0i32; p.len()];
        for r in rows {
            let row = &data[r * dim..(r + 1) * dim];
            let mut first = 0;
            while first < p.len() {
                let g = (p.len() - first).min(GROUP);
                match g {
                    1 => group::<1>(row, p, first, &mut dots),
                    2 => group::<2>(row, p, first, &mut dots),
                    3 => group::<3>(row, p, first, &mut dots),
                    _ => group::<GROUP>(row, p, first, &mut dots),
                }
                first += g;
            }
            each(r, &dots);
        }
    }

    #[inline]
    #[target_feature(enable = "avx2")]
    fn hsum(v: __m256i) -> i32 {
        let s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256::<1>(v));
        let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b01_00_11_10>(s));
        let s = _mm_add_epi32(s, _mm_shuffle_epi32::<0b10_11_00_01>(s));
        _mm_cvtsi128_si32(s)
    }

    /// 16 int8 values at `p`, widened to i16.
    ///
    /// # Safety
    /// `p..p + 16` must be readable.
    #[inline]
    #[target_feature(enable = "avx2")]
    unsafe fn widen(p: *const i8) -> __m256i {
        // SAFETY: the caller vouches for 16 readable bytes; the load is unaligned.
        _mm256_cvtepi8_epi16(unsafe { _mm_loadu_si128(p.cast()) })
    }

    fn tail(a: &[i8], b: impl Iterator<Item = i32>) -> i32 {
        a.iter().zip(b).map(|(x, y)| i32::from(*x) * y).sum()
    }

    #[target_feature(enable = "avx2")]
    fn dot(a: &[i8], b: &[i8]) -> i32 {
        let n = a.len().min(b.len());
        let body = n - n % 16;
        let mut acc = _mm256_setzero_si256();
        let mut at = 0;
        while at < body {
            // SAFETY: at + 16 <= body <= the length of both.
            let (x, y) = unsafe { (widen(a.as_ptr().add(at)), widen(b.as_ptr().add(at))) };
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(x, y));
            at += 16;
        }
        hsum(acc) + tail(&a[body..n], b[body..n].iter().map(|&y| i32::from(y)))
    }

    /// Dot products of `row` with queries `first..first + G`, into `out[first..]`.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn group<const G: usize>(row: &[i8], p: &Prepared, first: usize, out: &mut [i32]) {
        let dim = p.dim;
        assert!(row.len() == dim && p.lanes.len() >= (first + G) * dim && out.len() >= first + G);
        let body = dim - dim % 16;
        let q = p.lanes[first * dim..].as_ptr();
        let mut acc = [_mm256_setzero_si256(); G];
        let mut at = 0;
        while at < body {
            // SAFETY: at + 16 <= body <= dim, the length of `row` and of each query.
            let r = unsafe { widen(row.as_ptr().add(at)) };
            for (j, acc) in acc.iter_mut().enumerate() {
                // SAFETY: query `first + j` is `dim` lanes from `q + j * dim`, at + 16 <= dim.
                let lanes = unsafe { _mm256_loadu_si256(q.add(j * dim + at).cast()) };
                *acc = _mm256_add_epi32(*acc, _mm256_madd_epi16(r, lanes));
            }
            at += 16;
        }
        for (j, acc) in acc.iter().enumerate() {
            let lanes = &p.lanes[(first + j) * dim + body..(first + j + 1) * dim];
            out[first + j] = hsum(*acc) + tail(&row[body..], lanes.iter().map(|&y| i32::from(y)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[i8], b: &[i8]) -> i32 {
        a.iter()
            .zip(b)
            .map(|(x, y)| i32::from(*x) * i32::from(*y))
            .sum()
    }

    #[test]
    fn dot_i8_matches_naive() {
        let a: Vec<i8> = (0..259).map(|i| (i % 255 - 127) as i8).collect();
        let b: Vec<i8> = (0..259).map(|i| ((i * 7) % 255 - 127) as i8).collect();
        assert_eq!(dot_i8(&a, &b), naive(&a, &b));
        assert_eq!(dot_i8_portable(&a, &b), naive(&a, &b));
        let extreme = vec![-127i8; 256];
        assert_eq!(dot_i8(&extreme, &extreme), 127 * 127 * 256);
    }

    #[test]
    fn row_kernels_match_naive_for_any_query_count_and_width() {
        for dim in [8usize, 16, 37, 256] {
            let row: Vec<i8> = (0..dim)
                .map(|i| (((i * 31) % 255) as i32 - 127) as i8)
                .collect();
            let qs: Vec<Vec<f32>> = (0..7)
                .map(|j| (0..dim).map(|i| ((i * 3 + j) as f32 * 0.9).sin()).collect())
                .collect();
            let refs: Vec<&[f32]> = qs.iter().map(Vec::as_slice).collect();
            let p = Prepared::new(&refs, dim);
            let m = FilmMatrix {
                dim,
                data: row.clone(),
                scale: vec![1.0],
            };
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            scan_range(&m, 0..1, &p, |_, d| fast = d.to_vec());
            scan_range_portable(&m, 0..1, &p, |_, d| slow = d.to_vec());
            assert_eq!(fast, slow, "dim {dim}");
            let q0: Vec<i8> = p.query(0).iter().map(|&x| x as i8).collect();
            assert_eq!(slow[0], naive(&row, &q0));
        }
    }

    #[test]
    fn split_rows_covers_every_row_once_in_order() {
        let mut out = vec![0usize; 1001];
        let starts = split_rows(&mut out, 3, &|start, piece: &mut [usize]| {
            for (k, o) in piece.iter_mut().enumerate() {
                *o = start + k;
            }
            start
        });
        assert_eq!(starts, vec![0, 334, 668]);
        assert!(out.iter().enumerate().all(|(i, o)| i == *o));
    }
}

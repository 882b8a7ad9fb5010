//! The int8 dot-product kernels behind the scans, chosen for this CPU at run time: AVX-512
//! VNNI for the hot one- and two-query scans, AVX2, else portable code. All are exact (integer
//! arithmetic), so they give the same cosines.

use super::matrix::{FilmMatrix, quantise};

#[cfg(target_arch = "x86_64")]
mod avx2;
#[cfg(target_arch = "x86_64")]
mod vnni;

/// Queries are compared with a row in groups of at most this many (one register each).
const GROUP: usize = 4;

/// Queries ready for a scan: their int8 components (`dim` each, back to back), the same
/// widened to i16 (for AVX2), and the scale that turns an integer dot product back into a
/// cosine.
pub(super) struct Prepared {
    dim: usize,
    bytes: Vec<i8>,
    lanes: Vec<i16>,
    pub(super) scales: Vec<f32>,
}

impl Prepared {
    pub(super) fn new(qs: &[&[f32]], dim: usize) -> Prepared {
        Prepared::quantised(qs.iter().map(|q| quantise(q)), dim)
    }

    /// From queries already quantised: (components, scale).
    fn quantised(qs: impl Iterator<Item = (Vec<i8>, f32)>, dim: usize) -> Prepared {
        let mut bytes = Vec::new();
        let mut scales = Vec::new();
        for (v, s) in qs {
            bytes.extend_from_slice(&v[..v.len().min(dim)]);
            bytes.resize(scales.len() * dim + dim, 0);
            scales.push(s);
        }
        let lanes = bytes.iter().map(|&x| i16::from(x)).collect();
        Prepared {
            dim,
            bytes,
            lanes,
            scales,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.scales.len()
    }

    fn query(&self, j: usize) -> &[i8] {
        &self.bytes[j * self.dim..(j + 1) * self.dim]
    }
}

/// Calls `each(r, dots)` for every row `r` in `rows` of `m` (a range, or listed rows), `dots`
/// being its integer dot products with the prepared queries.
pub(super) fn scan_range<F: FnMut(usize, &[i32])>(
    m: &FilmMatrix,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    each: F,
) {
    assert_eq!(m.dim, p.dim, "queries as wide as the rows");
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was detected just above.
            return unsafe { avx2::scan_range(&m.data, m.dim, rows, p, each) };
        }
    }
    scan_range_portable(m, rows, p, each);
}

/// [`scan_range`] for exactly `G` queries (`G` is 1 or 2 in practice), the dot products
/// handed over by value.
pub(super) fn scan_fixed<const G: usize, F: FnMut(usize, [i32; G])>(
    m: &FilmMatrix,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    mut each: F,
) {
    assert_eq!(m.dim, p.dim, "queries as wide as the rows");
    match fixed_kernel() {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: chosen only where AVX-512 F, BW and VNNI were detected.
        Fixed::Vnni => unsafe { vnni::scan_fixed(&m.data, m.dim, rows, p, each) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: chosen only where AVX2 was detected.
        Fixed::Avx2 => unsafe { avx2::scan_fixed(&m.data, m.dim, rows, p, each) },
        _ => scan_range_portable(m, rows, p, |r, dots| {
            each(r, std::array::from_fn(|j| dots[j]));
        }),
    }
}

/// The kernels of the one- and two-query scans.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
enum Fixed {
    Vnni,
    Avx2,
    Portable,
}

/// The best fixed-count kernel this CPU has, chosen once; `NIGHTREEL_SCAN_KERNEL=avx2` or
/// `portable` picks a slower one, to time them side by side (see BENCHMARKS.md).
fn fixed_kernel() -> Fixed {
    static CHOSEN: std::sync::OnceLock<Fixed> = std::sync::OnceLock::new();
    *CHOSEN.get_or_init(|| {
        let asked = std::env::var("NIGHTREEL_SCAN_KERNEL").unwrap_or_default();
        #[cfg(target_arch = "x86_64")]
        {
            let avx2 = std::arch::is_x86_feature_detected!("avx2");
            if asked != "portable" && asked != "avx2" && has_vnni() {
                return Fixed::Vnni;
            }
            if asked != "portable" && avx2 {
                return Fixed::Avx2;
            }
        }
        let _ = asked;
        Fixed::Portable
    })
}

/// The kernel the scans of one or two queries (the re-rank, the vector scan) run on.
pub fn scan_kernel_name() -> &'static str {
    match fixed_kernel() {
        Fixed::Vnni => "AVX-512 VNNI",
        Fixed::Avx2 => "AVX2",
        Fixed::Portable => "portable",
    }
}

/// True when this CPU has the AVX-512 VNNI kernel's instructions.
#[cfg(target_arch = "x86_64")]
fn has_vnni() -> bool {
    std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512bw")
        && std::arch::is_x86_feature_detected!("avx512vnni")
}

fn scan_range_portable<F: FnMut(usize, &[i32])>(
    m: &FilmMatrix,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    mut each: F,
) {
    let mut dots = vec![0i32; p.len()];
    for r in rows {
        for (j, d) in dots.iter_mut().enumerate() {
            *d = dot_i8_portable(m.row(r), p.query(j));
        }
        each(r, &dots);
    }
}

/// How far ahead of the row being compared a scan asks for rows (bytes): the hardware's own
/// prefetching alone leaves a scan waiting on memory about a third of the time.
#[cfg(target_arch = "x86_64")]
const PREFETCH_DISTANCE: usize = 3072;

/// Asks the CPU to start fetching the row `PREFETCH_DISTANCE` bytes past the start of row
/// `r` (rows are `dim` bytes in `data`).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn prefetch_ahead(data: &[i8], r: usize, dim: usize) {
    prefetch(data.as_ptr().wrapping_add(r * dim + PREFETCH_DISTANCE), dim);
}

/// Asks the CPU to start fetching the `len` bytes at `at` into the cache (a no-op where
/// there is no such hint).
#[inline(always)]
pub(super) fn prefetch(at: *const i8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        let mut k = 0;
        while k < len {
            // SAFETY: SSE is in every x86-64 CPU, and a prefetch is a hint that never
            // faults, whatever the address (past the end of the matrix included).
            unsafe { _mm_prefetch::<_MM_HINT_T0>(at.wrapping_add(k).cast()) };
            k += 64;
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (at, len);
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
fn dot_i8_portable(a: &[i8], b: &[i8]) -> i32 {
    let mut acc = [0i32; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            acc[k] += i32::from(x[k]) * i32::from(y[k]);
        }
    }
    acc[0] + acc[1] + acc[2] + acc[3] + tail(ra, rb)
}

/// The plain dot product of what is left past the last full vector.
fn tail(a: &[i8], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| i32::from(*x) * i32::from(*y))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_i8_matches_naive() {
        let a: Vec<i8> = (0..259).map(|i| (i % 255 - 127) as i8).collect();
        let b: Vec<i8> = (0..259).map(|i| ((i * 7) % 255 - 127) as i8).collect();
        assert_eq!(dot_i8(&a, &b), tail(&a, &b));
        assert_eq!(dot_i8_portable(&a, &b), tail(&a, &b));
        let extreme = vec![-127i8; 256];
        assert_eq!(dot_i8(&extreme, &extreme), 127 * 127 * 256);
    }

    /// The kernel this CPU has, on rows of several widths (with and without a tail) and query
    /// counts (one to two groups), against the portable code.
    #[test]
    fn row_kernels_match_portable_for_any_query_count_and_width() {
        for dim in [8usize, 16, 37, 64, 100, 256] {
            let data: Vec<i8> = (0..dim * 3)
                .map(|i| (((i * 31) % 255) as i32 - 127) as i8)
                .collect();
            let m = FilmMatrix {
                dim,
                data,
                scale: vec![1.0; 3],
            };
            for count in 1..=7 {
                let qs: Vec<Vec<f32>> = (0..count)
                    .map(|j| (0..dim).map(|i| ((i * 3 + j) as f32 * 0.9).sin()).collect())
                    .collect();
                let refs: Vec<&[f32]> = qs.iter().map(Vec::as_slice).collect();
                let p = Prepared::new(&refs, dim);
                let mut slow = Vec::new();
                scan_range_portable(&m, 0..3, &p, |_, d| slow.extend_from_slice(d));
                assert_eq!(slow[0], tail(m.row(0), p.query(0)));
                let mut fast = Vec::new();
                scan_range(&m, 0..3, &p, |_, d| fast.extend_from_slice(d));
                assert_eq!(fast, slow, "dim {dim}, {count} queries");
            }
        }
    }

    /// The fixed-count scan gives the same dot products as the general one.
    #[test]
    fn fixed_scans_match_the_general_scan() {
        let dim = 100;
        let data: Vec<i8> = (0..dim * 5)
            .map(|i| (((i * 37) % 255) as i32 - 127) as i8)
            .collect();
        let m = FilmMatrix {
            dim,
            data,
            scale: vec![1.0; 5],
        };
        let q1: Vec<f32> = (0..dim).map(|i| (i as f32 * 0.7).sin()).collect();
        let q2: Vec<f32> = (0..dim).map(|i| (i as f32 * 0.3).cos()).collect();
        let mut general = Vec::new();
        scan_range(&m, 0..5, &Prepared::new(&[&q1, &q2], dim), |r, d| {
            general.push((r, d[0], d[1]));
        });
        let mut fixed = Vec::new();
        scan_fixed(
            &m,
            0..5,
            &Prepared::new(&[&q1, &q2], dim),
            |r, d: [i32; 2]| {
                fixed.push((r, d[0], d[1]));
            },
        );
        assert_eq!(fixed, general);
        let mut one = Vec::new();
        scan_fixed(&m, 0..5, &Prepared::new(&[&q2], dim), |r, d: [i32; 1]| {
            one.push((r, d[0]));
        });
        assert_eq!(one, general.iter().map(|g| (g.0, g.2)).collect::<Vec<_>>());
    }

    /// Every fixed-count kernel this CPU can run, for one and two queries, on rows of several
    /// widths (with and without a tail past the last full vector) and the extreme values,
    /// against the portable code.
    #[test]
    fn fixed_kernels_match_portable() {
        for dim in [8usize, 16, 37, 64, 100, 130, 256] {
            let mut data: Vec<i8> = (0..dim * 4)
                .map(|i| (((i * 31) % 256) as i32 - 128) as i8)
                .collect();
            data[..dim].fill(-128);
            data[dim..2 * dim].fill(127);
            let m = FilmMatrix {
                dim,
                data,
                scale: vec![1.0; 4],
            };
            let q1: Vec<i8> = (0..dim)
                .map(|i| (((i * 17) % 256) as i32 - 128) as i8)
                .collect();
            let p = Prepared::quantised([(q1, 1.0), (vec![-128; dim], 1.0)].into_iter(), dim);
            let mut want = Vec::new();
            scan_range_portable(&m, 0..4, &p, |_, d| want.push([d[0], d[1]]));
            let mut kernels: Vec<(&str, Vec<[i32; 2]>)> = Vec::new();
            let mut got = Vec::new();
            scan_fixed(&m, 0..4, &p, |_, d: [i32; 2]| got.push(d));
            kernels.push(("chosen", got));
            #[cfg(target_arch = "x86_64")]
            {
                if std::arch::is_x86_feature_detected!("avx2") {
                    let mut got = Vec::new();
                    // SAFETY: AVX2 was detected just above.
                    unsafe { avx2::scan_fixed(&m.data, dim, 0..4, &p, |_, d| got.push(d)) };
                    kernels.push(("avx2", got));
                }
                if has_vnni() {
                    let mut got = Vec::new();
                    // SAFETY: the VNNI kernel's features were detected just above.
                    unsafe { vnni::scan_fixed(&m.data, dim, 0..4, &p, |_, d| got.push(d)) };
                    kernels.push(("vnni", got));
                }
            }
            for (name, got) in kernels {
                assert_eq!(got, want, "{name}, dim {dim}");
            }
            let one = Prepared::quantised([(vec![-128; dim], 1.0)].into_iter(), dim);
            let mut got = Vec::new();
            scan_fixed(&m, [3, 0, 2].into_iter(), &one, |r, d: [i32; 1]| {
                got.push((r, d[0]))
            });
            let want: Vec<(usize, i32)> = [3, 0, 2]
                .into_iter()
                .map(|r| (r, tail(m.row(r), &vec![-128; dim])))
                .collect();
            assert_eq!(got, want, "one query over listed rows, dim {dim}");
        }
    }

    #[test]
    fn extreme_values_stay_exact() {
        let dim = 128;
        for (x, y) in [(-128i8, -128i8), (-128, 127), (127, 127), (127, -128)] {
            let m = FilmMatrix {
                dim,
                data: vec![x; dim],
                scale: vec![1.0],
            };
            let p = Prepared::quantised([(vec![y; dim], 1.0)].into_iter(), dim);
            let mut fast = Vec::new();
            scan_range(&m, 0..1, &p, |_, d| fast.extend_from_slice(d));
            assert_eq!(fast, vec![i32::from(x) * i32::from(y) * dim as i32]);
        }
    }
}

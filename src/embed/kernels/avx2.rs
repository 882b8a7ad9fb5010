//! AVX2: 16 int8 lanes widened to i16, multiplied and summed in pairs into i32
//! (`vpmaddwd`); exact, as every product of two int8 fits an i16 pair sum.

use std::arch::x86_64::*;

use super::{GROUP, Prepared, prefetch_ahead, tail};

pub(super) fn dot_entry(a: &[i8], b: &[i8]) -> i32 {
    // SAFETY: only returned by `dot_kernel` after `is_x86_feature_detected!("avx2")`.
    unsafe { dot(a, b) }
}

/// See `kernels::scan_range`; rows are `dim` bytes each in `data`.
#[target_feature(enable = "avx2")]
pub(super) fn scan_range<F: FnMut(usize, &[i32])>(
    data: &[i8],
    dim: usize,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    mut each: F,
) {
    let mut dots = vec![0i32; p.len()];
    for r in rows {
        prefetch_ahead(data, r, dim);
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

/// [`scan_range`] for exactly `G` queries, the dot products handed over by value (no
/// per-row loops over a query list).
#[target_feature(enable = "avx2")]
pub(super) fn scan_fixed<const G: usize, F: FnMut(usize, [i32; G])>(
    data: &[i8],
    dim: usize,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    mut each: F,
) {
    assert_eq!(p.len(), G, "one prepared query per slot");
    let mut dots = [0i32; G];
    for r in rows {
        prefetch_ahead(data, r, dim);
        group::<G>(&data[r * dim..(r + 1) * dim], p, 0, &mut dots);
        each(r, dots);
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
    hsum(acc) + tail(&a[body..n], &b[body..n])
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
        out[first + j] = hsum(*acc) + tail(&row[body..], &p.query(first + j)[body..]);
    }
}

//! AVX-512 VNNI: `vpdpbusd` multiplies 64 unsigned bytes by 64 signed bytes and adds each
//! group of four products into an i32 lane, in one instruction. The row's bytes are made
//! unsigned by adding 128 (flipping the sign bit), which adds 128 × the sum of the query's
//! components to the dot product; that is subtracted after. Exact for any int8 values.

use std::arch::x86_64::*;

use super::{Prepared, prefetch_ahead, tail};

/// See `kernels::scan_fixed`; rows are `dim` bytes each in `data`.
#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
pub(super) fn scan_fixed<const G: usize, F: FnMut(usize, [i32; G])>(
    data: &[i8],
    dim: usize,
    rows: impl Iterator<Item = usize>,
    p: &Prepared,
    mut each: F,
) {
    assert!(
        p.len() == G && p.bytes.len() == G * dim,
        "one prepared query per slot"
    );
    let body = dim - dim % 64;
    // What the flipped sign bit adds to each dot product.
    let offsets: [i32; G] = std::array::from_fn(|j| {
        128 * p.query(j)[..body]
            .iter()
            .map(|&x| i32::from(x))
            .sum::<i32>()
    });
    let flip = _mm512_set1_epi8(i8::MIN);
    let q = p.bytes.as_ptr();
    for r in rows {
        prefetch_ahead(data, r, dim);
        let row = &data[r * dim..(r + 1) * dim];
        let mut acc = [_mm512_setzero_si512(); G];
        let mut at = 0;
        while at < body {
            // SAFETY: at + 64 <= body <= dim, the length of `row`; the load is unaligned.
            let x = _mm512_xor_si512(
                unsafe { _mm512_loadu_si512(row.as_ptr().add(at).cast()) },
                flip,
            );
            for (j, acc) in acc.iter_mut().enumerate() {
                // SAFETY: query `j` is `dim` bytes from `q + j * dim`, at + 64 <= dim.
                let y = unsafe { _mm512_loadu_si512(q.add(j * dim + at).cast()) };
                *acc = _mm512_dpbusd_epi32(*acc, x, y);
            }
            at += 64;
        }
        let dots: [i32; G] = std::array::from_fn(|j| {
            _mm512_reduce_add_epi32(acc[j]) - offsets[j] + tail(&row[body..], &p.query(j)[body..])
        });
        each(r, dots);
    }
}

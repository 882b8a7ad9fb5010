//! The plain memory read a vector scan is compared with: every byte once, in wide lanes.

/// Reads every byte once (wide lanes, AVX2 where the CPU has it): the memory-bandwidth
/// floor a vector scan of the same bytes is compared with.
pub fn byte_sum(bytes: &[i8]) -> i64 {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 was detected just above.
            return unsafe { byte_sum_avx2(bytes) };
        }
    }
    byte_sum_portable(bytes)
}

pub fn byte_sum_portable(bytes: &[i8]) -> i64 {
    let mut acc = [0i64; 8];
    let chunks = bytes.chunks_exact(8);
    let rest: i64 = chunks.remainder().iter().map(|&b| i64::from(b)).sum();
    for c in chunks {
        for k in 0..8 {
            acc[k] += i64::from(c[k]);
        }
    }
    acc.iter().sum::<i64>() + rest
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn byte_sum_avx2(bytes: &[i8]) -> i64 {
    // 32 lanes of i32; each block of 4 KiB at most adds 127·128 per lane, far from overflow.
    let mut total = 0i64;
    for block in bytes.chunks(4096) {
        let mut acc = [0i32; 32];
        let chunks = block.chunks_exact(32);
        let rest: i32 = chunks.remainder().iter().map(|&b| i32::from(b)).sum();
        for c in chunks {
            for k in 0..32 {
                acc[k] += i32::from(c[k]);
            }
        }
        total += i64::from(acc.iter().sum::<i32>() + rest);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_sum_is_exact() {
        let b: Vec<i8> = (0..1003).map(|i| (i % 255 - 127) as i8).collect();
        let want = b.iter().map(|&x| i64::from(x)).sum::<i64>();
        assert_eq!(byte_sum(&b), want);
        assert_eq!(byte_sum_portable(&b), want);
    }
}

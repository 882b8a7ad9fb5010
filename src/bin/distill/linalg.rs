//! The small linear algebra of the distillation: L2 normalisation and the eigen-decomposition
//! behind the PCA.

pub fn l2_normalise(v: &mut [f32]) {
    let n = v
        .iter()
        .map(|x| (*x as f64) * (*x as f64))
        .sum::<f64>()
        .sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x = (*x as f64 / n) as f32);
    }
}

/// Cyclic Jacobi eigen-decomposition of a symmetric matrix (row-major n×n).
/// Returns (eigenvalues, eigenvectors as rows), sorted by eigenvalue descending.
pub fn jacobi_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<Vec<f64>>) {
    let mut v = vec![0.0f64; n * n];
    for i in 0..n {
        v[i * n + i] = 1.0;
    }
    for _sweep in 0..100 {
        let mut off = 0.0;
        for i in 0..n {
            for j in (i + 1)..n {
                off += a[i * n + j] * a[i * n + j];
            }
        }
        let diag: f64 = (0..n).map(|i| a[i * n + i] * a[i * n + i]).sum();
        if off <= 1e-24 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in (p + 1)..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let app = a[p * n + p];
                let aqq = a[q * n + q];
                let theta = (aqq - app) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                // Rotate rows/columns p and q.
                for k in 0..n {
                    let akp = a[k * n + p];
                    let akq = a[k * n + q];
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let apk = a[p * n + k];
                    let aqk = a[q * n + k];
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let vkp = v[k * n + p];
                    let vkq = v[k * n + q];
                    v[k * n + p] = c * vkp - s * vkq;
                    v[k * n + q] = s * vkp + c * vkq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&x, &y| a[y * n + y].total_cmp(&a[x * n + x]).then(x.cmp(&y)));
    let values = order.iter().map(|&i| a[i * n + i]).collect();
    let vectors = order
        .iter()
        .map(|&i| {
            let mut col: Vec<f64> = (0..n).map(|k| v[k * n + i]).collect();
            // Deterministic sign: the largest-magnitude component is positive.
            let mut best = 0;
            for k in 1..n {
                if col[k].abs() > col[best].abs() {
                    best = k;
                }
            }
            if col[best] < 0.0 {
                col.iter_mut().for_each(|x| *x = -*x);
            }
            col
        })
        .collect();
    (values, vectors)
}

/// The mean (length `hidden`) and the sample covariance (row-major `hidden`×`hidden`) of the
/// rows of `rows` whose `embedded` flag is set.
pub fn mean_and_covariance(
    rows: &[Vec<f32>],
    embedded: &[bool],
    hidden: usize,
) -> (Vec<f64>, Vec<f64>) {
    let n_emb = embedded.iter().filter(|e| **e).count();
    let mut mean = vec![0f64; hidden];
    for (r, e) in rows.iter().zip(embedded) {
        if *e {
            for (m, x) in mean.iter_mut().zip(r) {
                *m += *x as f64;
            }
        }
    }
    mean.iter_mut().for_each(|m| *m /= n_emb as f64);
    let mut cov = vec![0f64; hidden * hidden];
    let mut centred = vec![0f64; hidden];
    for (r, e) in rows.iter().zip(embedded) {
        if !*e {
            continue;
        }
        for k in 0..hidden {
            centred[k] = r[k] as f64 - mean[k];
        }
        for i in 0..hidden {
            let ci = centred[i];
            let row = &mut cov[i * hidden..i * hidden + hidden];
            for j in i..hidden {
                row[j] += ci * centred[j];
            }
        }
    }
    for i in 0..hidden {
        for j in i..hidden {
            let v = cov[i * hidden + j] / (n_emb as f64 - 1.0);
            cov[i * hidden + j] = v;
            cov[j * hidden + i] = v;
        }
    }
    (mean, cov)
}

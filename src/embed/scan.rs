//! The fused scan of an int8 matrix: every row compared with several queries while it is in
//! cache (the matrix is read from memory once), split over the cores for large matrices.

use super::kernels::{Prepared, prefetch, scan_fixed, scan_range};
use super::matrix::{FilmMatrix, parallelism};

impl FilmMatrix {
    /// For every row `r`, its cosines with each of `qs` (unit vectors; in the order given)
    /// are handed to `visit(state, r, cosines, &mut out[r])`. Rows are split over the cores
    /// in contiguous runs for large matrices, each run with its own `init()` state; the
    /// states come back in row order. `out` must have one slot per row.
    ///
    /// One or two queries (a mood and one folded direction, the passes that run on every
    /// re-rank) go through [`FilmMatrix::scan_fixed`]; more, through a loop over the list.
    pub fn scan_rows<T, S, I, V>(&self, qs: &[&[f32]], out: &mut [T], init: I, visit: V) -> Vec<S>
    where
        T: Send,
        S: Send,
        I: Fn() -> S + Sync,
        V: Fn(&mut S, usize, &[f32], &mut T) + Sync,
    {
        match *qs {
            [a] => self.scan_fixed([a], out, init, |s, r, c, o| visit(s, r, &c, o)),
            [a, b] => self.scan_fixed([a, b], out, init, |s, r, c, o| visit(s, r, &c, o)),
            _ => self.scan_general(qs, out, init, visit),
        }
    }

    /// [`FilmMatrix::scan_rows`] for any number of queries.
    fn scan_general<T, S, I, V>(&self, qs: &[&[f32]], out: &mut [T], init: I, visit: V) -> Vec<S>
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
    /// [`FilmMatrix::scan_rows`] for exactly `G` queries, the cosines handed over by value:
    /// the hot passes (a mood and one folded direction) pay no per-row loop over a query
    /// list. The cosines are the same numbers `scan_rows` gives.
    pub fn scan_fixed<const G: usize, T, S, I, V>(
        &self,
        qs: [&[f32]; G],
        out: &mut [T],
        init: I,
        visit: V,
    ) -> Vec<S>
    where
        T: Send,
        S: Send,
        I: Fn() -> S + Sync,
        V: Fn(&mut S, usize, [f32; G], &mut T) + Sync,
    {
        assert_eq!(out.len(), self.len(), "one output slot per row");
        let prepared = Prepared::new(&qs, self.dim);
        let qscale: [f32; G] = std::array::from_fn(|j| prepared.scales[j]);
        let run = |start: usize, piece: &mut [T]| {
            let mut state = init();
            scan_fixed(
                self,
                start..start + piece.len(),
                &prepared,
                |r, dots: [i32; G]| {
                    let s = self.scale[r];
                    let cos = std::array::from_fn(|j| dots[j] as f32 * qscale[j] * s);
                    visit(&mut state, r, cos, &mut piece[r - start]);
                },
            );
            state
        };
        split_rows(out, parallelism(self.len()), &run)
    }

    /// [`FilmMatrix::scan_rows`] over the listed rows only, on this thread: `visit(r,
    /// cosines)` for each row `r` of `rows`, in that order.
    pub fn scan_listed(&self, rows: &[usize], qs: &[&[f32]], mut visit: impl FnMut(usize, &[f32])) {
        let prepared = Prepared::new(qs, self.dim);
        let mut cos = vec![0.0f32; prepared.len()];
        scan_range(self, rows.iter().copied(), &prepared, |r, dots| {
            let s = self.scale[r];
            for ((c, d), qs) in cos.iter_mut().zip(dots).zip(&prepared.scales) {
                *c = *d as f32 * qs * s;
            }
            visit(r, &cos);
        });
    }

    /// Starts fetching row `r` into the cache: a pass over scattered rows asks for the next
    /// ones while it works on this one.
    pub fn prefetch_row(&self, r: usize) {
        prefetch(self.data.as_ptr().wrapping_add(r * self.dim), self.dim);
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn listed_rows_match_the_full_scan() {
        let mut m = FilmMatrix {
            dim: 40,
            ..FilmMatrix::default()
        };
        for r in 0..9 {
            let v: Vec<f32> = (0..40)
                .map(|i| ((r * 40 + i) as f32 * 0.37).sin())
                .collect();
            let (q, s) = super::super::matrix::quantise(&v);
            m.data.extend_from_slice(&q);
            m.scale.push(s);
        }
        let q1: Vec<f32> = (0..40).map(|i| (i as f32 * 0.11).cos()).collect();
        let q2: Vec<f32> = (0..40).map(|i| (i as f32 * 0.23).sin()).collect();
        let mut all = vec![(0.0f32, 0.0f32); 9];
        m.scan_rows(&[&q1, &q2], &mut all, || (), |_, _, c, o| *o = (c[0], c[1]));
        let rows = [7usize, 2, 5];
        let mut listed = Vec::new();
        m.scan_listed(&rows, &[&q1, &q2], |r, c| listed.push((r, c[0], c[1])));
        for (r, a, b) in listed {
            assert_eq!((a, b), all[r]);
        }
        assert_eq!(m.cosines(&rows, &q2), vec![all[7].1, all[2].1, all[5].1]);
        // The fixed-count path (which scan_rows takes for two queries) and the general one
        // give the same cosines.
        let mut general = vec![(0.0f32, 0.0f32); 9];
        m.scan_general(
            &[&q1, &q2],
            &mut general,
            || (),
            |_, _, c, o| *o = (c[0], c[1]),
        );
        assert_eq!(general, all);
        let mut three = vec![[0.0f32; 3]; 9];
        m.scan_rows(
            &[&q1, &q2, &q1],
            &mut three,
            || (),
            |_, _, c, o| o.copy_from_slice(c),
        );
        assert!(
            three
                .iter()
                .zip(&all)
                .all(|(t, a)| (t[0], t[1], t[2]) == (a.0, a.1, a.0))
        );
    }
}

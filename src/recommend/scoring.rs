//! Scoring every film in one pass over the vector matrix: the mood, profile and outcome
//! directions compared with each row while it is in cache, the score built from them on the
//! spot; large catalogs keep only the front-runners for the costly term fit.

use std::cmp::Ordering;

use crate::embed::MoodSpace;
use crate::embed::scan::split_rows;
use crate::embed::space::parallelism;

/// How far one critique moves a film that carries its direction fully.
const NUDGE_WEIGHT: f32 = 0.3;
/// Catalogs up to this size are scored exactly; larger ones compute the best-three term fit
/// only for this many front-runners.
pub const EXACT_LIMIT: usize = 50_000;
/// Front-runners are found with a histogram of the cheap scores over this many buckets (the
/// top 16 bits of an order-preserving key of the float).
const BUCKETS: usize = 1 << 16;

/// What a film's score is made of.
pub struct Scoring<'a> {
    pub space: &'a MoodSpace,
    /// The mood's direction and the cosines of every term with it; `None`: no mood.
    pub mood: Option<(&'a [f32], &'a [f32])>,
    /// The other directions (taste, late night, outcomes) with their weights.
    pub dirs: Vec<(&'a [f32], f32)>,
    /// Critiques: the term cosines of each direction and its sign.
    pub nudges: &'a [(Vec<f32>, f32)],
    /// Each film's quality prior (library order, 0–1; missing: 0).
    pub quality: &'a [f32],
    pub quality_weight: f32,
}

/// A scored film: its row (library index), score and the cosine of its document with the
/// mood (0 without one).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scored {
    pub row: u32,
    pub score: f32,
    pub doc: f32,
}

impl Scoring<'_> {
    fn prior(&self, i: usize) -> f32 {
        self.quality.get(i).copied().unwrap_or(0.0)
    }

    /// With a mood, the prior is a share of the film's own fit: among films that fit, the
    /// widely seen come first, but popularity cannot lift a film that does not fit.
    fn fit_with_prior(&self, i: usize, fit: f32) -> f32 {
        fit + self.quality_weight * self.prior(i) * fit.max(0.0)
    }

    /// Everything but the mood fit, from the row's cosines with the scanned directions.
    fn rest(&self, i: usize, cos: &[f32]) -> f32 {
        // Without a mood the prior adds on its own; with one it scales the mood fit.
        let mut s = if self.mood.is_some() {
            0.0
        } else {
            self.quality_weight * self.prior(i)
        };
        let first = usize::from(self.mood.is_some());
        for ((_, w), c) in self.dirs.iter().zip(&cos[first..]) {
            s += w * c;
        }
        // Critiques ("less bleak") move films that carry the direction, as in the
        // tag-genome Movie Tuner: the query moved too, this makes the move visible.
        for (sims, sign) in self.nudges {
            s += sign * NUDGE_WEIGHT * self.space.carries(i, sims);
        }
        s
    }

    /// The scored films, by row: every film, or with a mood on a catalog larger than
    /// [`EXACT_LIMIT`], the front-runners only.
    pub fn score(&self) -> Vec<Scored> {
        let m = self.space.matrix();
        let n = m.len();
        let mut qs: Vec<&[f32]> = self.mood.iter().map(|(q, _)| *q).collect();
        qs.extend(self.dirs.iter().map(|(v, _)| *v));
        match self.mood {
            Some((_, sims)) if n > EXACT_LIMIT => self.front_runners(&qs, sims),
            mood => {
                let mut out = vec![Scored::default(); n];
                m.scan_rows(
                    &qs,
                    &mut out,
                    || (),
                    |_, i, cos, o| {
                        let (score, doc) = match mood {
                            Some((_, sims)) => {
                                let fit = self.space.fit_score(i, sims, cos[0]);
                                (self.fit_with_prior(i, fit) + self.rest(i, cos), cos[0])
                            }
                            None => (self.rest(i, cos), 0.0),
                        };
                        *o = Scored {
                            row: i as u32,
                            score,
                            doc,
                        };
                    },
                );
                out
            }
        }
    }

    /// Large catalogs: the best-three term fit (the costly part) only for the
    /// [`EXACT_LIMIT`] films whose document similarity and profile fits put them in the
    /// running; the rest are left out.
    fn front_runners(&self, qs: &[&[f32]], sims: &[f32]) -> Vec<Scored> {
        let m = self.space.matrix();
        let n = m.len();
        // Per row (document cosine, rest of the score); per thread a histogram of the cheap
        // score (the document cosine standing in for the mood fit).
        let mut parts = vec![(0.0f32, 0.0f32); n];
        let cheap = |i: usize, (doc, rest): (f32, f32)| self.fit_with_prior(i, doc) + rest;
        let hists = m.scan_rows(
            qs,
            &mut parts,
            || vec![0u32; BUCKETS],
            |hist, i, cos, o| {
                *o = (cos[0], self.rest(i, cos));
                hist[bucket(cheap(i, *o))] += 1;
            },
        );
        let mut above = 0usize;
        let mut floor = BUCKETS;
        while floor > 0 && above < EXACT_LIMIT {
            floor -= 1;
            above += hists.iter().map(|h| h[floor] as usize).sum::<usize>();
        }
        let threads = parallelism(n);
        let mut picked: Vec<(f32, u32)> = split_rows(&mut parts, threads, &|start, piece| {
            let mut found = Vec::new();
            for (k, p) in piece.iter().enumerate() {
                let c = cheap(start + k, *p);
                if bucket(c) >= floor {
                    found.push((c, (start + k) as u32));
                }
            }
            found
        })
        .concat();
        if picked.len() > EXACT_LIMIT {
            picked.select_nth_unstable_by(EXACT_LIMIT - 1, |a, b| {
                b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
            });
            picked.truncate(EXACT_LIMIT);
        }
        let mut out: Vec<Scored> = picked
            .iter()
            .map(|&(_, row)| Scored {
                row,
                score: 0.0,
                doc: parts[row as usize].0,
            })
            .collect();
        out.sort_unstable_by_key(|s| s.row);
        let parts = &parts;
        let threads = parallelism(out.len());
        split_rows(&mut out, threads, &|_, piece| {
            for s in piece {
                let i = s.row as usize;
                let fit = self.space.fit_score(i, sims, s.doc);
                s.score = self.fit_with_prior(i, fit) + parts[i].1;
            }
        });
        out
    }
}

/// The histogram bucket of a score: the top 16 bits of a key that orders like the float.
fn bucket(x: f32) -> usize {
    let b = x.to_bits();
    let key = if b >> 31 == 1 { !b } else { b | 1 << 31 };
    (key >> 16) as usize
}

/// The `k` best of `items` by `order` (`Less`: the first is better), best first. One pass
/// over the items, keeping at most `2k` in hand.
pub fn top_k<T: Copy>(
    items: impl IntoIterator<Item = T>,
    k: usize,
    order: impl Fn(&T, &T) -> Ordering,
) -> Vec<T> {
    if k == 0 {
        return Vec::new();
    }
    let mut kept: Vec<T> = Vec::with_capacity(2 * k);
    let mut worst: Option<T> = None;
    for x in items {
        if worst.is_some_and(|w| order(&x, &w) != Ordering::Less) {
            continue;
        }
        kept.push(x);
        if kept.len() == 2 * k {
            kept.select_nth_unstable_by(k - 1, &order);
            kept.truncate(k);
            worst = Some(kept[k - 1]);
        }
    }
    if kept.len() > k {
        kept.select_nth_unstable_by(k - 1, &order);
        kept.truncate(k);
    }
    kept.sort_by(&order);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_order_like_the_floats() {
        let xs = [-3.5f32, -1.0, -0.01, -0.0, 0.0, 1e-6, 0.3, 0.31, 1.0, 2.5];
        for w in xs.windows(2) {
            assert!(bucket(w[0]) <= bucket(w[1]), "{w:?}");
        }
        assert!(bucket(-1.0) < bucket(1.0));
        assert!(bucket(0.25) < bucket(0.5));
    }

    #[test]
    fn top_k_matches_a_full_sort() {
        let xs: Vec<u32> = (0..5000u32)
            .map(|i| i.wrapping_mul(2_654_435_761) % 997)
            .collect();
        let order = |a: &u32, b: &u32| b.cmp(a);
        for k in [1, 7, 60, 996, 5000, 6000] {
            let mut all = xs.clone();
            all.sort_by(order);
            all.truncate(k);
            assert_eq!(top_k(xs.iter().copied(), k, order), all, "k {k}");
        }
        assert!(top_k(xs.iter().copied(), 0, order).is_empty());
    }
}

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
/// The floor for front-runners comes from this many blocks of this many consecutive rows.
const SAMPLE_BLOCKS: usize = 256;
const SAMPLE_BLOCK: usize = 16;
/// How many films ahead the term lists of front-runners are fetched.
const PREFETCH_AHEAD: usize = 8;

/// What a film's score is made of.
///
/// The weighted cosines of a row with the directions add up to its cosine with their
/// weighted sum times that sum's length (a dot product is linear), so the scans compare each
/// row with the mood and that one folded direction only, however many directions there are.
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

/// Directions folded into one: the unit vector along their weighted sum and its length (the
/// weight of a row's cosine with it).
type Folded = (Vec<f32>, f32);

/// The directions folded into one; `None` when there are none or they cancel out.
fn fold(dirs: &[(&[f32], f32)]) -> Option<Folded> {
    let dim = dirs.iter().map(|(v, _)| v.len()).max()?;
    let mut sum = vec![0.0f32; dim];
    for (v, w) in dirs {
        for (s, x) in sum.iter_mut().zip(*v) {
            *s += w * x;
        }
    }
    let length = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
    if !(length > 0.0 && length.is_finite()) {
        return None;
    }
    sum.iter_mut().for_each(|x| *x /= length);
    Some((sum, length))
}

impl Scoring<'_> {
    /// What the scans compare every row with: the mood (if any), then the folded
    /// directions (if any); and the weight of the folded direction's cosine.
    fn queries(&self) -> (Vec<&[f32]>, Option<Folded>) {
        let qs = self.mood.iter().map(|(q, _)| *q).collect();
        (qs, fold(&self.dirs))
    }

    fn prior(&self, i: usize) -> f32 {
        self.quality.get(i).copied().unwrap_or(0.0)
    }

    /// With a mood, the prior is a share of the film's own fit: among films that fit, the
    /// widely seen come first, but popularity cannot lift a film that does not fit.
    fn fit_with_prior(&self, i: usize, fit: f32) -> f32 {
        fit + self.quality_weight * self.prior(i) * fit.max(0.0)
    }

    /// Everything but the mood fit, from the row's cosines with the scanned queries (see
    /// [`Scoring::queries`]); `fold_weight` is the folded direction's weight.
    fn rest(&self, i: usize, cos: &[f32], fold_weight: f32) -> f32 {
        // Without a mood the prior adds on its own; with one it scales the mood fit.
        let mut s = if self.mood.is_some() {
            0.0
        } else {
            self.quality_weight * self.prior(i)
        };
        if let Some(c) = cos.get(usize::from(self.mood.is_some())) {
            s += fold_weight * c;
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
        let (mut qs, folded) = self.queries();
        let w = folded.as_ref().map_or(0.0, |f| f.1);
        qs.extend(folded.as_ref().map(|f| f.0.as_slice()));
        match self.mood {
            Some((_, sims)) if n > EXACT_LIMIT => self.front_runners(&qs, w, sims),
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
                                (self.fit_with_prior(i, fit) + self.rest(i, cos, w), cos[0])
                            }
                            None => (self.rest(i, cos, w), 0.0),
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
    /// [`EXACT_LIMIT`] films whose cheap score (the document cosine standing in for the term
    /// fit) is best; the rest are left out. A sample of the rows gives a floor that somewhat
    /// more films than that clear, and one pass over the matrix keeps those (again with a
    /// lower floor in the rare case that too few did).
    fn front_runners(&self, qs: &[&[f32]], w: f32, sims: &[f32]) -> Vec<Scored> {
        let m = self.space.matrix();
        let n = m.len();
        let mut sampled = Vec::with_capacity(SAMPLE_BLOCKS * SAMPLE_BLOCK);
        m.scan_listed(&sample_rows(n), qs, |i, cos| {
            sampled.push(self.cheap(i, cos[0], self.rest(i, cos, w)));
        });
        sampled.sort_unstable_by(|a, b| b.total_cmp(a));
        // How many of the sample the best EXACT_LIMIT films should hold, and its spread.
        let expected = (EXACT_LIMIT * sampled.len()) as f64 / n as f64;
        let mut found = Vec::new();
        for margin in [1.1, 3.0, f64::INFINITY] {
            let rank = (expected * margin + 5.0 * expected.sqrt()) as usize;
            let floor = sampled.get(rank).copied().unwrap_or(f32::NEG_INFINITY);
            found = self.above(qs, w, floor);
            if found.len() >= EXACT_LIMIT {
                break;
            }
        }
        keep_best(&mut found, EXACT_LIMIT);
        let mut out: Vec<Scored> = found
            .iter()
            .map(|f| Scored {
                row: f.row,
                // The rest of the score until the term fit is added below.
                score: f.rest,
                doc: f.doc,
            })
            .collect();
        let threads = parallelism(out.len());
        split_rows(&mut out, threads, &|_, piece| {
            for k in 0..piece.len() {
                // The films are scattered over the catalog: fetch a few ahead.
                if let Some(ahead) = piece.get(k + PREFETCH_AHEAD) {
                    self.space.prefetch_terms(ahead.row as usize);
                }
                let s = &mut piece[k];
                let i = s.row as usize;
                let fit = self.space.fit_score(i, sims, s.doc);
                s.score += self.fit_with_prior(i, fit);
            }
        });
        out
    }

    /// The cheap score: the document cosine standing in for the mood fit.
    fn cheap(&self, i: usize, doc: f32, rest: f32) -> f32 {
        self.fit_with_prior(i, doc) + rest
    }

    /// Every film whose cheap score is at least `floor`, by row.
    fn above(&self, qs: &[&[f32]], w: f32, floor: f32) -> Vec<Front> {
        // Nothing is kept per row: the rows that clear the floor are collected per thread.
        let mut rows = vec![(); self.space.matrix().len()];
        self.space
            .matrix()
            .scan_rows(qs, &mut rows, Vec::new, |found, i, cos, _| {
                let rest = self.rest(i, cos, w);
                let cheap = self.cheap(i, cos[0], rest);
                if cheap >= floor {
                    found.push(Front {
                        cheap,
                        row: i as u32,
                        doc: cos[0],
                        rest,
                    });
                }
            })
            .concat()
    }
}

/// A film in the running on a large catalog: its cheap score and its parts.
#[derive(Debug, Clone, Copy, Default)]
struct Front {
    cheap: f32,
    row: u32,
    doc: f32,
    rest: f32,
}

/// Keeps the `k` films of `found` (by row) with the best cheap scores, ties going to the
/// lower row, in row order: the cut-off score is found on a copy of the scores, so the films
/// themselves need no sorting.
fn keep_best(found: &mut Vec<Front>, k: usize) {
    if found.len() <= k {
        return;
    }
    let mut scores: Vec<f32> = found.iter().map(|f| f.cheap).collect();
    let cut = *scores
        .select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a))
        .1;
    let mut ties = k - found
        .iter()
        .filter(|f| f.cheap.total_cmp(&cut) == Ordering::Greater)
        .count();
    found.retain(|f| match f.cheap.total_cmp(&cut) {
        Ordering::Greater => true,
        Ordering::Equal if ties > 0 => {
            ties -= 1;
            true
        }
        _ => false,
    });
}

/// The rows sampled for the floor: blocks of consecutive rows spread evenly over the catalog
/// (the library order follows popularity, so every part of it is represented).
fn sample_rows(n: usize) -> Vec<usize> {
    if n <= SAMPLE_BLOCKS * SAMPLE_BLOCK {
        return (0..n).collect();
    }
    (0..SAMPLE_BLOCKS)
        .flat_map(|b| {
            let start = b * (n - SAMPLE_BLOCK) / (SAMPLE_BLOCKS - 1);
            start..start + SAMPLE_BLOCK
        })
        .collect()
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
#[path = "scoring_tests.rs"]
mod tests;

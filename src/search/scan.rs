//! One pass of a query over candidate films: a byte prefilter, the exact score only where it
//! could still reach the top rows (a bounded heap keeps them), split over the CPU's cores.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::haystack::Haystack;
use super::score::{Scratch, bytes_contain, char_bit, first_bonus, score, upper_bound};

/// A prepared query.
pub(super) struct Query<'a> {
    pub text: &'a str,
    pub chars: Vec<u32>,
    /// The UTF-8 bytes of the first char (a field starting with them may earn the head bonus).
    pub first: &'a str,
}

impl<'a> Query<'a> {
    pub fn new(text: &'a str) -> Query<'a> {
        let first = text.chars().next().map_or("", |c| &text[..c.len_utf8()]);
        Query {
            text,
            chars: text.chars().map(u32::from).collect(),
            first,
        }
    }
}

/// A ranked film: its score, catalog position and the span of its best field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Ranked {
    /// Ordered so the heap's top is the weakest: lowest score, then the later film.
    pub key: (Reverse<i64>, u32),
    pub span: u32,
}

impl Ranked {
    pub fn score(&self) -> i64 {
        self.key.0.0
    }

    pub fn entry(&self) -> usize {
        self.key.1 as usize
    }
}

/// The best `limit` films (by score, then catalog order) and the films that may still match
/// a longer query (those that matched, and those skipped unscored because they could not
/// reach the top).
pub(super) struct Outcome {
    pub top: Vec<Ranked>,
    pub survivors: Vec<u32>,
}

/// The films to look at.
#[derive(Clone, Copy)]
pub(super) enum Candidates<'a> {
    All(usize),
    Some(&'a [u32]),
}

impl Candidates<'_> {
    fn len(&self) -> usize {
        match self {
            Candidates::All(n) => *n,
            Candidates::Some(v) => v.len(),
        }
    }
}

/// Fewer candidates than this are scanned on one thread (a thread costs tens of µs).
pub(super) const PARALLEL_FROM: usize = 20_000;

/// Scans `candidates` for `q`; `None` when `cancel` was set meanwhile.
pub(super) fn scan(
    hay: &Haystack,
    q: &Query<'_>,
    candidates: Candidates<'_>,
    limit: usize,
    parallel_from: usize,
    cancel: &AtomicBool,
) -> Option<Outcome> {
    let n = candidates.len();
    let parts = if n < parallel_from {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .clamp(2, 8)
    };
    let chunk = n.div_ceil(parts.max(1)).max(1);
    let run = |t: usize| {
        let (a, b) = (t * chunk, ((t + 1) * chunk).min(n));
        match candidates {
            Candidates::All(_) => scan_part(hay, q, (a as u32)..(b as u32), limit, cancel),
            Candidates::Some(v) => scan_part(hay, q, v[a..b].iter().copied(), limit, cancel),
        }
    };
    let outcomes: Vec<Option<Outcome>> = if parts <= 1 {
        vec![run(0)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (1..parts).map(|t| s.spawn(move || run(t))).collect();
            let mut all = vec![run(0)];
            // A scan thread does not panic (no indexing outside its spans); if one did, its
            // part is treated like a cancelled one.
            all.extend(handles.into_iter().map(|h| h.join().ok().flatten()));
            all
        })
    };
    let mut top = Vec::new();
    let mut survivors = Vec::new();
    for o in outcomes {
        let o = o?;
        top.extend(o.top);
        survivors.extend(o.survivors);
    }
    top.sort_by(|a, b| b.score().cmp(&a.score()).then(a.entry().cmp(&b.entry())));
    top.truncate(limit);
    Some(Outcome { top, survivors })
}

fn scan_part(
    hay: &Haystack,
    q: &Query<'_>,
    entries: impl Iterator<Item = u32>,
    limit: usize,
    cancel: &AtomicBool,
) -> Option<Outcome> {
    let mut heap: BinaryHeap<Ranked> = BinaryHeap::with_capacity(limit + 1);
    let mut survivors = Vec::new();
    let mut scratch = Scratch::default();
    let q0 = q.chars.first().copied().unwrap_or(0);
    let bound = |starts: bool, heads: u32| upper_bound(&q.chars, first_bonus(starts, heads, q0));
    let bound_start = bound(true, 0);
    let bound_head = bound(false, u32::MAX);
    let bound_tail = bound(false, 0);
    // Would a film at `e` with this score enter the heap?
    let admits = |heap: &BinaryHeap<Ranked>, s: i64, e: u32| {
        heap.len() < limit || heap.peek().is_some_and(|w| (Reverse(s), e) < w.key)
    };
    for (seen, e) in entries.enumerate() {
        if seen % 4096 == 4095 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        let mut best: Option<(i64, u32)> = None;
        let mut unknown = false;
        for (i, k) in hay.fields(e as usize).enumerate() {
            let span = hay.span(k);
            let text = hay.text(span);
            let (_, _, discount) = hay.field(e as usize, i);
            let penalty = i64::from(span.chars / 8) + discount;
            let exact = text == q.text;
            if !exact {
                let bound = if text.starts_with(q.first) {
                    bound_start
                } else if span.heads & char_bit(q0) != 0 {
                    bound_head
                } else {
                    bound_tail
                } - penalty;
                if best.is_some_and(|(b, _)| bound <= b) {
                    continue;
                }
                if !admits(&heap, bound, e) {
                    unknown = true;
                    continue;
                }
                if !bytes_contain(text.as_bytes(), q.text.as_bytes()) {
                    continue;
                }
            }
            if let Some(s) = score(text, &q.chars, &mut scratch) {
                let s = s + if exact { 1000 } else { 0 } - penalty;
                if best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, k as u32));
                }
            }
        }
        if best.is_some() || unknown {
            survivors.push(e);
        }
        if let Some((s, span)) = best
            && admits(&heap, s, e)
        {
            heap.push(Ranked {
                key: (Reverse(s), e),
                span,
            });
            if heap.len() > limit {
                heap.pop();
            }
        }
    }
    Some(Outcome {
        top: heap.into_vec(),
        survivors,
    })
}

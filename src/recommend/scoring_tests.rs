//! Tests of `recommend::scoring`: the folded directions, the front-runners of a large
//! catalog, and the top-k selection.

use super::*;

/// A row's cosine with the folded direction, times its weight, is the weighted sum of its
/// cosines with each direction, up to the rounding of the int8 queries.
#[test]
fn folded_directions_score_as_their_weighted_sum() {
    use crate::embed::normalise;
    let resolver = crate::mood::MoodResolver::builtin().unwrap();
    let films = crate::synth::films(3_000, &resolver.vocab, 11);
    let space = crate::synth::space(&films, &resolver).unwrap();
    let m = space.matrix();
    let unit = |rows: &[usize]| {
        let mut v = vec![0.0f32; m.dim];
        for &r in rows {
            for (a, b) in v.iter_mut().zip(m.row_f32(r)) {
                *a += b;
            }
        }
        normalise(&mut v);
        v
    };
    let (a, b, c) = (unit(&[1, 2, 3]), unit(&[40, 50]), unit(&[700]));
    let dirs: Vec<(&[f32], f32)> = vec![(&a, 1.0), (&b, 0.2), (&c, -0.125)];
    let (dir, w) = fold(&dirs).unwrap();
    let mut apart = vec![0.0f32; m.len()];
    m.scan_rows(
        &[&a, &b, &c],
        &mut apart,
        || (),
        |_, _, cos, o| {
            *o = cos[0] - 0.125 * cos[2] + 0.2 * cos[1];
        },
    );
    let mut folded = vec![0.0f32; m.len()];
    m.scan_rows(&[&dir], &mut folded, || (), |_, _, cos, o| *o = w * cos[0]);
    let worst = apart
        .iter()
        .zip(&folded)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0f32, f32::max);
    assert!(worst < 0.01, "folded and apart differ by up to {worst}");
    assert!(fold(&[]).is_none());
    assert!(
        fold(&[(&a, 0.5), (&a, -0.5)]).is_none(),
        "cancelled directions"
    );
}

#[test]
fn keep_best_keeps_the_best_in_row_order_ties_to_the_lower_row() {
    let cheap = [0.5, 0.9, 0.5, 0.1, 0.7, 0.5, 0.9];
    let found = || -> Vec<Front> {
        cheap
            .iter()
            .enumerate()
            .map(|(r, &c)| Front {
                cheap: c,
                row: r as u32,
                doc: 0.0,
                rest: 0.0,
            })
            .collect()
    };
    for (k, want) in [
        (1, vec![1]),
        (3, vec![1, 4, 6]),
        (4, vec![0, 1, 4, 6]),
        (5, vec![0, 1, 2, 4, 6]),
        (7, vec![0, 1, 2, 3, 4, 5, 6]),
        (9, vec![0, 1, 2, 3, 4, 5, 6]),
    ] {
        let mut f = found();
        keep_best(&mut f, k);
        assert_eq!(f.iter().map(|f| f.row).collect::<Vec<_>>(), want, "k {k}");
    }
}

#[test]
fn sample_rows_spread_over_the_catalog() {
    let rows = sample_rows(1_000_000);
    assert_eq!(rows.len(), SAMPLE_BLOCKS * SAMPLE_BLOCK);
    assert_eq!((rows[0], rows[rows.len() - 1]), (0, 999_999));
    assert!(rows.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(sample_rows(100), (0..100).collect::<Vec<_>>());
}

/// On a catalog past EXACT_LIMIT, the films scored exactly are those with the best cheap
/// scores (ties by row), as a full sort of every film's cheap score picks them.
#[test]
fn front_runners_are_the_best_cheap_scores() {
    use crate::embed::normalise;
    let resolver = crate::mood::MoodResolver::builtin().unwrap();
    let films = crate::synth::films(EXACT_LIMIT + 8_000, &resolver.vocab, 7);
    let space = crate::synth::space(&films, &resolver).unwrap();
    let m = space.matrix();
    let q = space
        .query_vector(&resolver.resolve("rain on neon, lonely but warm"))
        .unwrap();
    let sims = space.term_sims(&q);
    let mut taste = m.row_f32(3);
    normalise(&mut taste);
    let quality: Vec<f32> = (0..m.len()).map(|i| 1.0 / (1 + i % 97) as f32).collect();
    let scoring = Scoring {
        space: &space,
        mood: Some((&q, &sims)),
        dirs: vec![(&taste, 0.4)],
        nudges: &[],
        quality: &quality,
        quality_weight: 0.2,
    };
    let (mut qs, folded) = scoring.queries();
    let (dir, w) = folded.unwrap();
    qs.push(&dir);
    let mut all = vec![(0.0f32, 0.0f32, 0.0f32); m.len()];
    m.scan_rows(
        &qs,
        &mut all,
        || (),
        |_, i, cos, o| {
            let rest = scoring.rest(i, cos, w);
            *o = (scoring.cheap(i, cos[0], rest), cos[0], rest);
        },
    );
    let mut best: Vec<usize> = (0..m.len()).collect();
    best.sort_by(|&a, &b| all[b].0.total_cmp(&all[a].0).then(a.cmp(&b)));
    best.truncate(EXACT_LIMIT);
    best.sort_unstable();
    let want: Vec<(u32, f32, f32)> = best
        .iter()
        .map(|&i| {
            let fit = space.fit_score(i, &sims, all[i].1);
            (
                i as u32,
                scoring.fit_with_prior(i, fit) + all[i].2,
                all[i].1,
            )
        })
        .collect();
    let got: Vec<(u32, f32, f32)> = scoring
        .score()
        .iter()
        .map(|s| (s.row, s.score, s.doc))
        .collect();
    assert_eq!(got.len(), EXACT_LIMIT);
    assert!(got == want, "the front-runners differ from a full sort");
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

//! The offline evaluation of the recommender on the real Letterboxd diaries in
//! ../shared/data: a chronological holdout (see src/eval.rs). Prints HR@50 per diary for the
//! popularity list, taste alone and the full model. The full model must do at least as well
//! as taste alone and as the popularity list on every diary, and find more films than the
//! popularity list over all the diaries. (It does not beat the popularity list on every
//! diary: on the smallest, five holdout films, both find 3; the README reports the figures.)

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use nightreel::config::Config;
use nightreel::import::{self, Format};
use nightreel::library::Library;
use nightreel::store::Store;
use nightreel::time::Clock;

fn data() -> Option<PathBuf> {
    let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    d.join("letterboxd").is_dir().then_some(d)
}

#[test]
fn holdout_on_the_real_diaries() {
    let Some(data) = data() else {
        println!("SKIPPED: ../shared/data not found; the holdout evaluation did not run");
        return;
    };
    let mut rows = Vec::new();
    for diary in ["extratone", "niveskz", "melvincarvalho"] {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = Store::open(&dir.path().join("eval.db")).unwrap();
        nightreel::catalog::ensure_seeded(&mut store).unwrap();
        let now = Clock::from_option(Some("2026-11-25T01:30:00+00:00"))
            .unwrap()
            .now();
        import::run(
            &mut store,
            Format::Tmdb,
            &data.join("tmdb5000").join("tmdb_5000_movies.csv"),
            now,
            &mut |_, _| {},
        )
        .unwrap();
        import::run(
            &mut store,
            Format::Letterboxd,
            &data.join("letterboxd").join(diary),
            now,
            &mut |_, _| {},
        )
        .unwrap();
        let clock = Clock::from_option(Some("2026-11-25T01:30:00+00:00")).unwrap();
        let lib = Library::from_store(store, Config::default(), clock).unwrap();
        let popularity: HashMap<i64, f64> = lib
            .store()
            .popularity()
            .unwrap()
            .into_iter()
            .map(|(id, ps)| (id, ps.iter().map(|p| p.votes as f64).sum()))
            .collect();
        let h = nightreel::eval::holdout(&lib, &popularity).unwrap();
        println!(
            "{diary:<16} viewings {:>4}  targets {:>3}  HR@50 popularity {:.3} ({})  taste {:.3} ({})  full {:.3} ({})",
            h.viewings,
            h.targets,
            nightreel::eval::Holdout::rate(h.popularity, h.targets),
            h.popularity,
            nightreel::eval::Holdout::rate(h.taste, h.targets),
            h.taste,
            nightreel::eval::Holdout::rate(h.full, h.targets),
            h.full
        );
        if std::env::var_os("NIGHTREEL_EVAL_SWEEP").is_some() {
            for q in [0.0f32, 1.0, 2.0, 4.0, 6.0] {
                for series in [0.0f32, 0.5, 1.0, 2.0] {
                    let w = nightreel::config::Weights {
                        quality_no_mood: q,
                        series,
                        ..Config::default().weights
                    };
                    let h = nightreel::eval::holdout_with(&lib, &popularity, &w).unwrap();
                    println!(
                        "  sweep {diary} quality_no_mood {q} series {series}: full {}",
                        h.full
                    );
                }
            }
        }
        rows.push((diary, h));
    }
    for (diary, h) in &rows {
        assert!(
            h.targets > 0 || *diary == "melvincarvalho",
            "{diary}: no holdout films in the catalog"
        );
        assert!(
            h.full >= h.taste,
            "{diary}: full model {} < taste alone {}",
            h.full,
            h.taste
        );
        assert!(
            h.full >= h.popularity,
            "{diary}: full model {} < popularity {}",
            h.full,
            h.popularity
        );
    }
    let (full, pop): (usize, usize) = rows
        .iter()
        .fold((0, 0), |(f, p), (_, h)| (f + h.full, p + h.popularity));
    println!("all diaries: full model {full} hits, popularity {pop} hits");
    assert!(
        full > pop,
        "over all diaries the full model ({full}) must find more than popularity ({pop})"
    );
}

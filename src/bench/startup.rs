//! Start-up of the TUI, timed headless through the same loader and session the TUI uses:
//! the first frame (the loading screen), the library read (search answers), and tonight's
//! list ranked and drawn (fully interactive), with where the time went.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use super::ms;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::time::Clock;
use crate::tui::app::App;
use crate::tui::boot::Boot;
use crate::tui::startup::{Msg, Session, Stage, spawn_loader};

/// Milliseconds spent in each stage of one start (medians when several).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Stages {
    /// Opening the database file (before the first frame).
    pub open_ms: f64,
    /// Reading the films (two connections on large catalogs), or the start-up image.
    pub films_ms: f64,
    /// The search and series indexes side by side, then the id index and quality prior; the
    /// search index alone, and the series index alone (`rest_ms`). From an image, the id
    /// index and quality prior only.
    pub index_ms: f64,
    pub search_index_ms: f64,
    pub rest_ms: f64,
    /// From the library's arrival to the embedding space's (model, terms, film matrix).
    pub space_ms: f64,
    /// From the space's arrival to tonight's list ranked.
    pub rank_ms: f64,
}

impl Stages {
    pub fn median(all: &[Stages]) -> Stages {
        let m = |f: fn(&Stages) -> f64| super::Spread::of(all.iter().map(f).collect()).median;
        Stages {
            open_ms: m(|s| s.open_ms),
            films_ms: m(|s| s.films_ms),
            index_ms: m(|s| s.index_ms),
            search_index_ms: m(|s| s.search_index_ms),
            rest_ms: m(|s| s.rest_ms),
            space_ms: m(|s| s.space_ms),
            rank_ms: m(|s| s.rank_ms),
        }
    }
}

/// One timed start.
pub struct Round {
    pub first_frame_ms: f64,
    pub search_ms: f64,
    pub interactive_ms: f64,
    pub stages: Stages,
    /// The catalog came from the start-up image.
    pub from_image: bool,
    /// How long writing the start-up image took, when this start wrote one (after it was
    /// interactive; not part of the other figures).
    pub image_write_ms: Option<f64>,
    pub app: App,
}

/// Starts the TUI headless on `db` and waits until it is fully interactive, then until the
/// loader has written the start-up image if it writes one.
pub fn start_tui(db: &Path, config: &Config, clock: Clock) -> Result<Round> {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))
        .map_err(|e| Error::Invalid(format!("headless terminal: {e}")))?;
    let theme = crate::tui::theme::Theme::from_env();
    let mut frame = |session: &Session| -> Result<()> {
        term.draw(|f| session.draw(f, &theme))
            .map(|_| ())
            .map_err(|e| Error::Invalid(format!("headless frame: {e}")))
    };
    let t = Instant::now();
    let mut stages = Stages::default();
    let (store, _) = crate::store::Store::open(db)?;
    stages.open_ms = ms(t.elapsed());
    let (tx, rx) = std::sync::mpsc::channel::<Msg>();
    let loader = spawn_loader(store, config.clone(), clock, tx.clone());
    let boot = Boot::new(clock, config.clone());
    let keymap = crate::tui::keymap::Keymap::default();
    let mut session = Session::new(boot, keymap, tx, String::new());
    frame(&session)?;
    let first_frame_ms = ms(t.elapsed());
    let (mut search_ms, mut space_at) = (None, None);
    let gone = || Error::Invalid("the loader stopped before the TUI was interactive".into());
    while !session.interactive() {
        let first = rx.recv().map_err(|_| gone())?;
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            let space = matches!(msg, Msg::Space(_));
            session.loaded(msg)?;
            if space {
                space_at = Some(t.elapsed());
            }
        }
        if search_ms.is_none()
            && let Stage::App(app) = &session.stage
        {
            // Search answers from here (the loading screen has gone).
            std::hint::black_box(app.lib.search("night", 50));
            search_ms = Some(ms(t.elapsed()));
        }
        frame(&session)?;
    }
    let interactive_ms = ms(t.elapsed());
    let timings = session.timings.clone().unwrap_or_default();
    stages.films_ms = timings.films_ms;
    stages.index_ms = timings.index_ms;
    stages.search_index_ms = timings.search_index_ms;
    stages.rest_ms = timings.rest_ms;
    let search_ms = search_ms.unwrap_or(interactive_ms);
    let space_ms = space_at.map_or(interactive_ms, ms);
    stages.space_ms = space_ms - search_ms;
    stages.rank_ms = interactive_ms - space_ms;
    let Stage::App(app) = session.stage else {
        return Err(gone());
    };
    let image_write_ms = loader
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
        .map(ms);
    Ok(Round {
        first_frame_ms,
        search_ms,
        interactive_ms,
        stages,
        from_image: timings.image,
        image_write_ms,
        app: *app,
    })
}

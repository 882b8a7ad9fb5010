//! From start to interactive: the loader thread (catalog, indexes, then the embedding space)
//! and the session that shows the loading screen until the library arrives, then the app.
//! The TUI and `nightreel bench` both go through here.

use std::sync::mpsc::Sender;

use super::app::App;
use super::boot::Boot;
use super::keymap::Keymap;
use super::rerank::Reranker;
use super::theme::Theme;
use crate::config::Config;
use crate::error::Result;
use crate::library::{Built, Library, Step, Timings, load_model};
use crate::store::Store;
use crate::time::Clock;

/// Everything that wakes the UI loop: keys and the mouse, and background work reporting in.
pub enum Msg {
    Input(super::input::Input),
    /// How far loading is.
    Step(Step),
    /// The library is read (search works from here).
    Library(Box<Result<(Library, Timings)>>),
    /// The embedding space is built (tonight's list can be ranked).
    Space(Box<Result<Built>>),
    /// The re-rank worker has a result.
    Ranked,
}

/// Reads the library on another thread, then builds the embedding space there, reporting
/// each step to `tx`; then, when the catalog was read from the store and is large, writes its
/// start-up image (the thread ends after that). The store is already open (opening says at
/// once what is wrong with the file); seeding happens here.
pub fn spawn_loader(
    mut store: Store,
    config: Config,
    clock: Clock,
    tx: Sender<Msg>,
) -> std::thread::JoinHandle<Option<std::time::Duration>> {
    std::thread::spawn(move || {
        hold_for_tests();
        // The model loads on its own thread while the catalog is read.
        let model_dir = config.model_dir.clone();
        let model = std::thread::spawn(move || load_model(model_dir.as_deref()));
        let progress = |s: Step| {
            let _ = tx.send(Msg::Step(s));
        };
        let loaded = crate::catalog::ensure_seeded(&mut store)
            .and_then(|_| Library::load(store, config, clock, &progress, true));
        let (lib, job, timings) = match loaded {
            Ok(l) => l,
            Err(e) => {
                let _ = tx.send(Msg::Library(Box::new(Err(e))));
                return None;
            }
        };
        let films = lib.films().len();
        if tx.send(Msg::Library(Box::new(Ok((lib, timings))))).is_err() {
            return None;
        }
        if let Some(job) = job {
            progress(Step::Model { films });
            let embedder = model
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            let mut built = job.run_with(embedder, &mut |done, total| {
                progress(Step::Vectors { done, total })
            });
            let image = built
                .as_mut()
                .ok()
                .and_then(|b| Some((b.image.take()?, std::sync::Arc::clone(&b.space))));
            let _ = tx.send(Msg::Space(Box::new(built)));
            if let Some((image, space)) = image {
                let t = std::time::Instant::now();
                match image.write(&space) {
                    Ok(()) => {
                        let took = t.elapsed();
                        tracing::info!(
                            "start-up image {} written in {took:?}",
                            image.path.display()
                        );
                        return Some(took);
                    }
                    Err(e) => tracing::info!("start-up image not written: {e}"),
                }
            }
        }
        None
    })
}

/// Debug builds only: while the file `NIGHTREEL_TEST_HOLD_LOAD` names exists, loading waits,
/// so the pseudo-terminal tests can see the loading screen on a small catalog.
fn hold_for_tests() {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os("NIGHTREEL_TEST_HOLD_LOAD") {
        while std::path::Path::new(&path).exists() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// The loading screen, then the app.
pub enum Stage {
    Boot(Box<Boot>),
    App(Box<App>),
}

/// What the UI shows and how loading messages change it.
pub struct Session {
    pub stage: Stage,
    keymap: Keymap,
    /// Wakes the UI loop when the re-rank worker has a result.
    wake: Sender<Msg>,
    /// Said in the status bar once the app shows (a new database was created...).
    greeting: String,
    /// How long loading the library took, by stage.
    pub timings: Option<Timings>,
}

impl Session {
    pub fn new(boot: Boot, keymap: Keymap, wake: Sender<Msg>, greeting: String) -> Session {
        Session {
            stage: Stage::Boot(Box::new(boot)),
            keymap,
            wake,
            greeting,
            timings: None,
        }
    }

    /// The app, once the library has arrived.
    pub fn app(&self) -> Option<&App> {
        match &self.stage {
            Stage::App(app) => Some(app),
            Stage::Boot(_) => None,
        }
    }

    pub fn app_mut(&mut self) -> Option<&mut App> {
        match &mut self.stage {
            Stage::App(app) => Some(app),
            Stage::Boot(_) => None,
        }
    }

    /// True when the user asked to quit.
    pub fn quit(&self) -> bool {
        self.app().is_some_and(|a| a.quit)
    }

    /// Tonight's list is ranked and showing, and search answers.
    pub fn interactive(&self) -> bool {
        self.app()
            .is_some_and(|a| !a.loading && a.reranker.as_ref().is_none_or(|r| !r.pending))
    }

    /// Applies a loading message (`Step`, `Library`, `Space`, `Ranked`); a library that could
    /// not be read is returned as the error. Keys typed while loading are applied, in order,
    /// when the app arrives.
    pub fn loaded(&mut self, msg: Msg) -> Result<()> {
        match msg {
            Msg::Step(step) => match &mut self.stage {
                Stage::Boot(boot) => boot.step = Some(step),
                Stage::App(app) => {
                    // Progress replaces only the loading messages: what the viewer just did
                    // ("logged …") stays.
                    if let Step::Vectors { done, total } = step
                        && app.status_is_loading()
                    {
                        app.status = format!("computing film vectors {done}/{total}…");
                    }
                }
            },
            Msg::Library(lib) => {
                let (lib, timings) = (*lib)?;
                self.timings = Some(timings);
                let mut app = App::loading(lib);
                app.keymap = self.keymap.clone();
                let wake = self.wake.clone();
                app.reranker = Some(Reranker::start(Box::new(move || {
                    let _ = wake.send(Msg::Ranked);
                })));
                if !self.greeting.is_empty() {
                    app.status = std::mem::take(&mut self.greeting);
                }
                let queued = match &mut self.stage {
                    Stage::Boot(boot) => std::mem::take(&mut boot.queued),
                    Stage::App(_) => Vec::new(),
                };
                for key in queued {
                    if let Some(a) = super::keymap::action_for(&app, key) {
                        app.update(a);
                    }
                }
                self.stage = Stage::App(Box::new(app));
            }
            Msg::Space(built) => {
                if let Some(app) = self.app_mut() {
                    app.space_arrived(*built);
                }
            }
            Msg::Ranked => {
                if let Some(app) = self.app_mut() {
                    app.update(super::action::Action::Tick);
                }
            }
            Msg::Input(_) => {}
        }
        Ok(())
    }

    /// Draws the loading screen or the app.
    pub fn draw(&self, frame: &mut ratatui::Frame, theme: &Theme) {
        match &self.stage {
            Stage::Boot(boot) => super::views::boot::draw(frame, boot, theme),
            Stage::App(app) => super::views::draw(frame, app, theme),
        }
    }
}

//! The terminal UI: state (`app`), actions and keymap, views, and the event loop.

pub mod action;
pub mod app;
pub mod filter;
pub mod filter_form;
pub mod import_job;
mod input;
pub mod key;
pub mod keymap;
pub mod log_form;
pub mod rerank;
mod terminal;
pub mod theme;
pub mod views;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use crossterm::event::{Event, KeyEventKind, MouseEventKind};

use crate::cli::Context;
use crate::error::{Error, Result};
use action::Action;
use app::App;
use input::TtyState;
use terminal::TerminalGuard;
use theme::Theme;

/// What a left click at (x, y) means on the screen showing.
pub fn click(app: &App, area: ratatui::layout::Rect, x: u16, y: u16) -> Option<Action> {
    let body = views::body(area);
    let inside =
        |r: ratatui::layout::Rect| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    match app.screen {
        app::Screen::Stats => None,
        app::Screen::Diary => {
            let (rows, selected) = views::diary::rows(app);
            let row = views::list_row_at(body, y, rows.len(), selected)?;
            rows.get(row).copied().flatten().map(Action::ClickRow)
        }
        app::Screen::Watchlist => {
            let (list, _) = views::watchlist::split(body);
            if !inside(list) {
                return None;
            }
            views::list_row_at(list, y, app.watchlist.len(), app.watchlist_selected)
                .map(Action::ClickRow)
        }
        app::Screen::Browse => {
            let p = views::panes(body);
            if inside(p.list) {
                return views::list_row_at(p.list, y, app.rows.len(), app.selected)
                    .map(Action::ClickRow);
            }
            let m = p.moods.filter(|m| inside(*m))?;
            let count = app.lib.resolver.presets.list.len() + 1;
            views::list_row_at(m, y, count, app.mood_idx).map(Action::ClickMood)
        }
    }
}

/// Messages from the thread that builds the embedding space.
enum Loading {
    Progress(usize, usize),
    Done(Box<Result<crate::library::Built>>),
}

/// Everything that wakes the UI loop: keys and the mouse, and background work reporting in.
enum Msg {
    Input(input::Input),
    Loading(Loading),
    /// The re-rank worker has a result.
    Ranked,
}

/// Runs the TUI until the user quits, a signal arrives or the terminal goes away.
pub fn run(ctx: &Context) -> Result<()> {
    // A keymap or theme the config gets wrong is reported before the terminal changes.
    let keymap = keymap::Keymap::from_config(&ctx.config)?;
    let theme = Theme::from_config(&ctx.config)?;
    let (lib, info) = crate::library::Library::open(&ctx.db, ctx.config.clone(), ctx.clock)?;
    // The embedding model is read and missing vectors computed on another thread while the
    // first frame is drawn; the list fills in when it arrives, with progress in the status bar.
    let (tx, rx) = std::sync::mpsc::channel::<Msg>();
    let job = lib.space_job()?;
    let loading_tx = tx.clone();
    std::thread::spawn(move || {
        let progress_tx = loading_tx.clone();
        let built = job.run(&mut |done, total| {
            let _ = progress_tx.send(Msg::Loading(Loading::Progress(done, total)));
        });
        let _ = loading_tx.send(Msg::Loading(Loading::Done(Box::new(built))));
    });
    let mut app = App::loading(lib);
    app.keymap = keymap;
    let wake = tx.clone();
    app.reranker = Some(rerank::Reranker::start(Box::new(move || {
        let _ = wake.send(Msg::Ranked);
    })));
    if info.open.created {
        app.status = format!("new database at {}", ctx.db.display());
    }
    let io = |e: std::io::Error| Error::Io {
        path: "terminal".into(),
        message: e.to_string(),
    };
    // SIGTERM, SIGHUP and SIGINT (sent by another program: in raw mode Ctrl-C arrives as a
    // key) end the loop like `q`, so the guard restores the terminal.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).map_err(io)?;
    }
    let mut guard = TerminalGuard::enter().map_err(io)?;
    input::spawn(tx, Msg::Input);
    let tty = input::Tty::open();
    let gone = || {
        tty.as_ref()
            .is_some_and(|t| t.wait(Duration::ZERO) == TtyState::Gone)
    };
    while !app.quit && !stop.load(Ordering::Relaxed) && !gone() {
        // A terminal that cannot be drawn on any more has gone away: end quietly.
        if guard
            .terminal
            .draw(|f| views::draw(f, &app, &theme))
            .is_err()
        {
            break;
        }
        // Debug builds only: lets the pseudo-terminal tests check that a panic restores the
        // terminal.
        #[cfg(debug_assertions)]
        if std::env::var_os("NIGHTREEL_TEST_PANIC").is_some() {
            panic!("NIGHTREEL_TEST_PANIC is set: panicking on purpose");
        }
        app.update(Action::Tick);
        let wait = if app.loading || app.import_job.is_some() {
            20
        } else {
            250
        };
        let first = match rx.recv_timeout(Duration::from_millis(wait)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Input(input::Input::Gone) => app.quit = true,
                Msg::Input(input::Input::Event(e)) => handle_event(&mut app, &guard, e),
                Msg::Loading(Loading::Progress(done, total)) => {
                    app.status = format!("computing film vectors {done}/{total}…");
                }
                Msg::Loading(Loading::Done(built)) => app.space_arrived(*built),
                Msg::Ranked => app.update(Action::Tick),
            }
            if app.quit {
                break;
            }
        }
    }
    drop(guard);
    Ok(())
}

/// A key or mouse event becomes an action.
fn handle_event(app: &mut App, guard: &TerminalGuard, event: Event) {
    tracing::debug!("event {event:?}");
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            if let Some(a) = keymap::action_for(app, k) {
                app.update(a);
            }
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.update(Action::Down),
            MouseEventKind::ScrollUp => app.update(Action::Up),
            MouseEventKind::Down(crossterm::event::MouseButton::Left)
                if matches!(
                    app.mode(),
                    app::Mode::Browse | app::Mode::Diary | app::Mode::Watchlist
                ) =>
            {
                let Ok(size) = guard.terminal.size() else {
                    return;
                };
                let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
                if let Some(a) = click(app, area, m.column, m.row) {
                    app.update(a);
                }
            }
            _ => {}
        },
        _ => {}
    }
}

//! The terminal UI: state (`app`), actions and keymap, views, and the event loop.

pub mod action;
pub mod app;
pub mod import_job;
pub mod keymap;
pub mod log_form;
mod terminal;
pub mod theme;
pub mod views;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};

use crate::cli::Context;
use crate::error::{Error, Result};
use action::Action;
use app::App;
use terminal::TerminalGuard;
use theme::Theme;

/// Runs the TUI until the user quits.
pub fn run(ctx: &Context) -> Result<()> {
    let (lib, info) = crate::library::Library::open(&ctx.db, ctx.config.clone(), ctx.clock)?;
    // Vectors missing from the cache (a new model, changed films) are computed before the
    // screen switches, with a progress bar on stderr; a model that cannot load is an error here.
    lib.space_with_progress(&mut crate::cli::output::progress("film vectors"))?;
    let mut app = App::new(lib);
    if info.open.created {
        app.status = format!("new database at {}", ctx.db.display());
    }
    let theme = Theme::from_env();
    let io = |e: std::io::Error| Error::Io {
        path: "terminal".into(),
        message: e.to_string(),
    };
    // SIGTERM and SIGHUP end the loop like `q`, so the guard restores the terminal.
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop)).map_err(io)?;
    }
    let mut guard = TerminalGuard::enter().map_err(io)?;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        guard
            .terminal
            .draw(|f| views::draw(f, &app, &theme))
            .map_err(io)?;
        app.update(Action::Tick);
        if !event::poll(Duration::from_millis(250)).map_err(io)? {
            continue;
        }
        match event::read().map_err(io)? {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(a) = keymap::action_for(&app, k) {
                    app.update(a);
                }
            }
            Event::Mouse(m) => match m.kind {
                MouseEventKind::ScrollDown => app.update(Action::Down),
                MouseEventKind::ScrollUp => app.update(Action::Up),
                _ => {}
            },
            _ => {}
        }
    }
    drop(guard);
    Ok(())
}

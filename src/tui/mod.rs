//! The terminal UI: state (`app`), actions and keymap, views, and the event loop.

pub mod action;
pub mod app;
pub mod boot;
pub mod filter;
pub mod filter_form;
mod hints;
pub mod import_job;
mod input;
pub mod key;
pub mod keymap;
pub mod log_form;
pub mod rerank;
pub mod startup;
mod terminal;
pub mod text_field;
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
use startup::{Msg, Session, Stage};
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

/// How long a write from the TUI waits for another process's write.
pub const WRITE_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// Runs the TUI until the user quits, a signal arrives or the terminal goes away. The first
/// frame is the loading screen, drawn at once; the catalog is read on another thread.
pub fn run(ctx: &Context) -> Result<()> {
    // A keymap or theme the config gets wrong, or a file that is not a nightreel database, is
    // reported before the terminal changes (opening is quick: the catalog is read later).
    let keymap = keymap::Keymap::from_config(&ctx.config)?;
    let theme = Theme::from_config(&ctx.config)?;
    let (store, open) = crate::store::Store::open(&ctx.db)?;
    // A write that meets another process's (an import from the command line) gives up after
    // a moment and says so, rather than freeze the screen for the store's 30 s.
    store.set_write_wait(WRITE_WAIT)?;
    let (tx, rx) = std::sync::mpsc::channel::<Msg>();
    startup::spawn_loader(store, ctx.config.clone(), ctx.clock, tx.clone());
    let greeting = if open.created {
        format!("new database at {}", ctx.db.display())
    } else {
        String::new()
    };
    let boot = boot::Boot::new(ctx.clock, ctx.config.clone());
    let mut session = Session::new(boot, keymap.clone(), tx.clone(), greeting);
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
    let mut quit = false;
    while !quit && !session.quit() && !stop.load(Ordering::Relaxed) && !gone() {
        // The app learns the terminal's size (first, and after every resize) before drawing.
        if let (Some(app), Ok(size)) = (session.app_mut(), guard.terminal.size())
            && app.size != Some((size.width, size.height))
        {
            app.update(Action::Resize(size.width, size.height));
        }
        // A terminal that cannot be drawn on any more has gone away: end quietly.
        if guard.terminal.draw(|f| session.draw(f, &theme)).is_err() {
            break;
        }
        // Debug builds only: lets the pseudo-terminal tests check that a panic restores the
        // terminal.
        #[cfg(debug_assertions)]
        if std::env::var_os("NIGHTREEL_TEST_PANIC").is_some() {
            panic!("NIGHTREEL_TEST_PANIC is set: panicking on purpose");
        }
        let busy = match session.app_mut() {
            Some(app) => {
                app.update(Action::Tick);
                app.loading || app.import_job.is_some()
            }
            None => true,
        };
        let wait = if busy { 20 } else { 250 };
        let first = match rx.recv_timeout(Duration::from_millis(wait)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            match msg {
                Msg::Input(input::Input::Gone) => quit = true,
                Msg::Input(input::Input::Event(e)) => match &mut session.stage {
                    Stage::App(app) => handle_event(app, &guard, e),
                    Stage::Boot(boot) => {
                        if let Event::Key(k) = e
                            && k.kind != KeyEventKind::Release
                        {
                            quit = boot.key(&keymap, k);
                        }
                    }
                },
                // A library that cannot be read ends the TUI with the error (the guard
                // restores the terminal first).
                other => session.loaded(other)?,
            }
            if quit || session.quit() {
                break;
            }
        }
    }
    drop(guard);
    // A start-up image still being written is dropped (it is written again next time).
    crate::image::stop_writing();
    Ok(())
}

/// What a key or a paste means in the mode showing. A paste is text for the focused field,
/// never keys: where no text field has the keyboard, `App::update` ignores it.
pub fn event_action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => keymap::action_for(app, *k),
        Event::Paste(text) => Some(Action::paste(text)),
        _ => None,
    }
}

/// A key, paste or mouse event becomes an action.
fn handle_event(app: &mut App, guard: &TerminalGuard, event: Event) {
    tracing::debug!("event {event:?}");
    match event {
        Event::Key(_) | Event::Paste(_) => {
            if let Some(a) = event_action(app, &event) {
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

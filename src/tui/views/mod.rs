//! Drawing: every view renders from `&App` and never changes it.

mod detail;
mod diary;
mod help;
mod import;
mod list;
mod log_dialog;
mod moods;
mod stats;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Screen};
use super::theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    if area.width < 20 || area.height < 5 {
        status::too_small(frame, area, theme);
        return;
    }
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    status::header(frame, header, app, theme);
    match app.screen {
        Screen::Browse => browse(frame, body, app, theme),
        Screen::Diary => diary::render(frame, body, app, theme),
        Screen::Stats => stats::render(frame, body, app, theme),
    }
    status::footer(frame, footer, app, theme);
    if let Some(job) = &app.import_job {
        import::gauge(frame, footer, job, theme);
    }
    if let Some(text) = &app.import_form {
        import::prompt(frame, area, text, theme);
    }
    if let Some(form) = &app.log_form {
        log_dialog::render(frame, area, form, app, theme);
    }
    if app.show_help {
        help::render(frame, area, app, theme);
    }
}

fn browse(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let moods_w = if area.width >= 100 { 30 } else { 24 };
    if area.width < 60 {
        // Too narrow for panes side by side: the list alone, detail below when tall enough.
        let [top, bottom] = split_detail(area);
        list::render(frame, top, app, theme);
        if bottom.height > 0 {
            detail::render(frame, bottom, app, theme);
        }
        return;
    }
    let [left, right] =
        Layout::horizontal([Constraint::Length(moods_w), Constraint::Min(20)]).areas(area);
    moods::render(frame, left, app, theme);
    if right.width >= 90 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(right);
        list::render(frame, l, app, theme);
        detail::render(frame, d, app, theme);
    } else {
        let [top, bottom] = split_detail(right);
        list::render(frame, top, app, theme);
        if bottom.height > 0 {
            detail::render(frame, bottom, app, theme);
        }
    }
}

fn split_detail(area: Rect) -> [Rect; 2] {
    if area.height >= 18 {
        Layout::vertical([Constraint::Min(6), Constraint::Length(9)]).areas(area)
    } else {
        [area, Rect::new(area.x, area.y + area.height, area.width, 0)]
    }
}

/// A centred rectangle of at most `w`×`h` inside `area`.
pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

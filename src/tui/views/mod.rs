//! Drawing: every view renders from `&App` and never changes it.

pub mod boot;
mod detail;
pub mod diary;
mod filter;
pub(crate) mod help;
mod import;
mod list;
mod log_dialog;
mod moods;
pub(crate) mod stats;
mod stats_charts;
mod status;
pub mod watchlist;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Clear;

use super::app::{App, Screen};
use super::theme::Theme;

/// The screen's header line, body and footer line; `None` (after saying so) when the
/// terminal is too small to draw anything useful.
pub fn frame_areas(frame: &mut Frame, theme: &Theme) -> Option<[Rect; 3]> {
    let area = frame.area();
    if area.width < 20 || area.height < 5 {
        status::too_small(frame, area, theme);
        return None;
    }
    Some(
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area),
    )
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let Some([header, body, footer]) = frame_areas(frame, theme) else {
        return;
    };
    status::header(frame, header, app, theme);
    match app.screen {
        Screen::Browse => browse(frame, body, app, theme),
        Screen::Diary => diary::render(frame, body, app, theme),
        Screen::Stats => stats::render(frame, body, app, theme),
        Screen::Watchlist => watchlist::render(frame, body, app, theme),
    }
    status::footer(frame, footer, app, theme);
    status::long_status(frame, footer, app, theme);
    if let Some(job) = &app.import_job {
        import::gauge(frame, footer, job, theme);
    }
    if let Some(text) = &app.import_form {
        import::prompt(frame, area, text, app.import_error.as_deref(), theme);
    }
    if let Some(form) = &app.filter_form {
        filter::render(frame, area, form, theme);
    }
    if let Some(form) = &app.log_form {
        log_dialog::render(frame, area, form, app, theme);
    }
    if app.show_help {
        help::render(frame, area, app, theme);
    }
}

/// Where the browse screen's panes are on a terminal of this size (the mouse needs it too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub moods: Option<Rect>,
    pub list: Rect,
    pub detail: Option<Rect>,
}

/// The browse panes inside the body area: one pane below 80 columns, moods beside the list
/// from 80, and the detail beside the list from 120 (below it otherwise, when tall enough).
pub fn panes(area: Rect) -> Panes {
    let moods_w = if area.width >= 100 { 30 } else { 24 };
    let stack = |r: Rect| {
        let [top, bottom] = split_detail(r);
        (top, (bottom.height > 0).then_some(bottom))
    };
    if area.width < 80 {
        let (list, detail) = stack(area);
        return Panes {
            moods: None,
            list,
            detail,
        };
    }
    let [left, right] =
        Layout::horizontal([Constraint::Length(moods_w), Constraint::Min(20)]).areas(area);
    let (list, detail) = if right.width >= 90 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(right);
        (l, Some(d))
    } else {
        stack(right)
    };
    Panes {
        moods: Some(left),
        list,
        detail,
    }
}

/// The body area (between header and footer) of a terminal of this size.
pub fn body(area: Rect) -> Rect {
    let [_, body, _] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    body
}

/// Which row of a bordered list of `len` items, showing `selected`, a click at screen row `y`
/// hits (the lists keep the selection in view the way ratatui's `List` does).
pub fn list_row_at(pane: Rect, y: u16, len: usize, selected: usize) -> Option<usize> {
    let inner_h = pane.height.saturating_sub(2) as usize;
    if inner_h == 0 || y <= pane.y || y >= pane.y + pane.height.saturating_sub(1) {
        return None;
    }
    let first = selected.saturating_sub(inner_h - 1);
    let i = first + (y - pane.y - 1) as usize;
    (i < len).then_some(i)
}

fn browse(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let p = panes(area);
    if let Some(m) = p.moods {
        moods::render(frame, m, app, theme);
    }
    list::render(frame, p.list, app, theme);
    if let Some(d) = p.detail {
        detail::render(frame, d, app, theme);
    }
}

fn split_detail(area: Rect) -> [Rect; 2] {
    if area.height >= 18 {
        Layout::vertical([Constraint::Min(6), Constraint::Length(9)]).areas(area)
    } else {
        [area, Rect::new(area.x, area.y + area.height, area.width, 0)]
    }
}

/// Shows the terminal's cursor in the cell `col` columns right of (x, y) when that cell is
/// inside `within` (a text field's cursor: see `TextField::view`).
pub(crate) fn show_cursor(frame: &mut Frame, within: Rect, x: u16, y: u16, col: usize) {
    let x = usize::from(x) + col;
    if x < usize::from(within.right())
        && x >= usize::from(within.x)
        && y >= within.y
        && y < within.bottom()
    {
        frame.set_cursor_position((x as u16, y));
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

/// Clears a dialog's rectangle. A wide character (Chinese, say) just left of it would cover
/// the dialog's left border on a terminal, its second half falling on the border's cell, so
/// such a character is blanked too.
pub(crate) fn clear_dialog(frame: &mut Frame, rect: Rect) {
    frame.render_widget(Clear, rect);
    let Some(left) = rect.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in rect.top()..rect.bottom() {
        let cell = &mut buf[(left, y)];
        if crate::text::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

//! The help overlay, generated from the effective keymap: the keys of the screen it was
//! opened on first, then the dialogs'; in columns when there is room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::centered;
use crate::text::truncate;
use crate::tui::app::{App, Mode, Screen};
use crate::tui::theme::Theme;

/// The keys of every text field (the mood box, search, the prompts, the log dialog's text).
const TEXT_KEYS: &[(&str, &str)] = &[
    ("← → Home End", "move the cursor"),
    ("Ctrl-A / E", "to the start / end"),
    ("⌫ Del", "delete a character"),
    ("Ctrl-W", "delete a word back"),
    ("Ctrl-U", "delete to the start"),
];

fn section(
    app: &App,
    name: &str,
    mode: Option<Mode>,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let rows = match mode {
        Some(mode) => app.keymap.help(mode),
        None => TEXT_KEYS
            .iter()
            .map(|(k, d)| (k.to_string(), d.to_string()))
            .collect(),
    };
    let key_w = rows
        .iter()
        .map(|(k, _)| crate::text::width(k))
        .max()
        .unwrap_or(0)
        .min(12);
    let mut lines = vec![Line::from(Span::styled(name.to_string(), theme.title()))];
    for (k, d) in rows {
        let k = truncate(&k, key_w);
        let pad = key_w.saturating_sub(crate::text::width(&k));
        lines.push(Line::from(vec![
            Span::styled(format!("  {k}{} ", " ".repeat(pad)), theme.accent()),
            Span::raw(truncate(&d, width.saturating_sub(key_w + 3))),
        ]));
    }
    lines
}

/// The sections to show, the current screen's first (`None` is the text fields' keys).
fn sections(app: &App) -> Vec<(&'static str, Option<Mode>)> {
    let mut v = match app.screen {
        Screen::Browse => vec![
            ("Films", Mode::Browse),
            ("Search", Mode::Search),
            ("Filters", Mode::Filter),
            ("Your own mood", Mode::MoodInput),
            ("More / less", Mode::Critique),
        ],
        Screen::Diary => vec![("Diary", Mode::Diary), ("Filters", Mode::Filter)],
        Screen::Stats => vec![("Stats", Mode::Stats)],
        Screen::Watchlist => vec![("Watchlist", Mode::Watchlist)],
    };
    v.push(("Log dialog", Mode::Log));
    let mut v: Vec<(&'static str, Option<Mode>)> =
        v.into_iter().map(|(n, m)| (n, Some(m))).collect();
    v.push(("Text fields", None));
    v
}

/// Where the help goes on a screen of `area` and what each column holds.
struct Plan {
    rect: Rect,
    cols: Vec<Vec<Line<'static>>>,
    /// The rows of the tallest column.
    used: u16,
}

fn plan(app: &App, area: Rect, block: &Block, theme: &Theme) -> Plan {
    let columns: u16 = if area.width >= 120 {
        3
    } else if area.width >= 76 {
        2
    } else {
        1
    };
    let rect = centered(area, area.width.min(40 * columns + 2), area.height);
    let inner = block.inner(rect);
    let col_w = (inner.width / columns).saturating_sub(1) as usize;
    // Sections fill the columns in order, each kept whole where it fits.
    let mut cols: Vec<Vec<Line>> = vec![Vec::new(); columns as usize];
    let mut c = 0;
    let room = inner.height as usize;
    for (name, mode) in sections(app) {
        let lines = section(app, name, mode, col_w, theme);
        if !cols[c].is_empty() && cols[c].len() + lines.len() > room && c + 1 < cols.len() {
            c += 1;
        }
        cols[c].extend(lines);
    }
    // Only the columns that got sections take room.
    cols.retain(|c| !c.is_empty());
    let columns = (cols.len() as u16).max(1);
    let used = cols.iter().map(Vec::len).max().unwrap_or(0) as u16;
    let width = area.width.min((col_w as u16 + 1) * columns + 2);
    let rect = centered(area, width, (used + 2).min(area.height));
    Plan { rect, cols, used }
}

fn block(theme: &Theme) -> Block<'static> {
    Block::bordered()
        .title(Span::styled(
            " Keys · ↑↓ scroll · ? or Esc closes ",
            theme.title(),
        ))
        .border_style(theme.accent())
}

/// How far the help can scroll on a terminal of this size (0 when it fits).
pub fn max_scroll(app: &App, w: u16, h: u16) -> u16 {
    let theme = Theme::plain();
    let block = block(&theme);
    let p = plan(app, Rect::new(0, 0, w, h), &block, &theme);
    p.used.saturating_sub(block.inner(p.rect).height)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = block(theme);
    let Plan { rect, cols, used } = plan(app, area, &block, theme);
    let columns = (cols.len() as u16).max(1);
    super::clear_dialog(frame, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let areas = Layout::horizontal(vec![
        Constraint::Ratio(1, u32::from(columns));
        columns as usize
    ])
    .spacing(1)
    .split(inner);
    // Scrolled (↑↓) when it does not fit; never past the end.
    let scroll = app.help_scroll.min(used.saturating_sub(inner.height));
    for (lines, a) in cols.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), *a);
    }
}

//! The import prompt ("FORMAT PATH") and the gauge of a running import.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, LineGauge, Paragraph, Wrap};

use super::centered;
use crate::text::{sanitize, truncate};
use crate::tui::import_job::ImportJob;
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;

/// The prompt: what to type, the text so far, and why the last try failed (wrapped).
pub fn prompt(frame: &mut Frame, area: Rect, text: &TextField, error: Option<&str>, theme: &Theme) {
    let inner_w = area.width.min(72).saturating_sub(4) as usize;
    let error = error.map(sanitize);
    // A blank row, then the reason wrapped at words.
    let error_rows = error
        .as_deref()
        .map_or(0, |e| wrapped_rows(e, rect_inner(area)) + 1);
    let rect = centered(area, 72, 5 + error_rows);
    super::clear_dialog(frame, rect);
    let block = Block::bordered()
        .title(Span::styled(" Import ", theme.title()))
        .border_style(theme.accent());
    let (shown, col) = text.view(inner_w);
    super::show_cursor(frame, rect, rect.x + 1, rect.y + 2, col);
    let mut lines = vec![
        Line::from(Span::styled(
            truncate("letterboxd|tmdb|movielens|imdb|json PATH", inner_w),
            theme.dim(),
        )),
        Line::from(Span::raw(shown)),
    ];
    if let Some(e) = error {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(e, theme.error())));
    }
    let body = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block);
    frame.render_widget(body, rect);
}

/// The width inside the prompt's borders on a screen this wide.
fn rect_inner(area: Rect) -> usize {
    area.width.min(72).saturating_sub(2) as usize
}

/// How many rows `text` takes wrapped at spaces into `width` columns (as a word-wrapping
/// paragraph lays it out; a word wider than a row takes rows of its own).
fn wrapped_rows(text: &str, width: usize) -> u16 {
    let width = width.max(1);
    let (mut rows, mut used) = (1usize, 0usize);
    for word in text.split(' ') {
        let w = crate::text::width(word);
        let need = if used == 0 { w } else { used + 1 + w };
        if need <= width {
            used = need;
        } else {
            rows += usize::from(used > 0) + w.saturating_sub(1) / width;
            used = if w > width { w % width } else { w };
        }
    }
    rows.min(u16::MAX as usize) as u16
}

/// The gauge of a running import, drawn over the footer line.
pub fn gauge(frame: &mut Frame, area: Rect, job: &ImportJob, theme: &Theme) {
    let label = truncate(
        &format!(
            " {:>3.0}% importing {} ",
            job.ratio() * 100.0,
            sanitize(&job.label)
        ),
        (area.width as usize) / 2,
    );
    // Distinct symbols, so the bar reads without colours too (NO_COLOR).
    let g = LineGauge::default()
        .ratio(job.ratio())
        .label(Span::styled(label, theme.accent()))
        .filled_symbol("█")
        .unfilled_symbol("░")
        .filled_style(theme.accent())
        .unfilled_style(theme.dim());
    frame.render_widget(Clear, area);
    frame.render_widget(g, area);
}

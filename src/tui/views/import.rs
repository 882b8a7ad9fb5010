//! The import prompt ("FORMAT PATH") and the gauge of a running import.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, LineGauge, Paragraph};

use super::centered;
use crate::text::{sanitize, truncate};
use crate::tui::import_job::ImportJob;
use crate::tui::theme::Theme;

/// The prompt: what to type, and the text so far.
pub fn prompt(frame: &mut Frame, area: Rect, text: &str, theme: &Theme) {
    let rect = centered(area, 72, 5);
    super::clear_dialog(frame, rect);
    let inner_w = rect.width.saturating_sub(4) as usize;
    let block = Block::bordered()
        .title(Span::styled(" Import ", theme.title()))
        .border_style(theme.accent());
    let lines = vec![
        Line::from(Span::styled(
            truncate("letterboxd|tmdb|movielens|imdb|json PATH", inner_w),
            theme.dim(),
        )),
        Line::from(Span::raw(truncate(
            &format!("{}█", sanitize(text)),
            inner_w,
        ))),
    ];
    frame.render_widget(Paragraph::new(lines).block(block), rect);
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

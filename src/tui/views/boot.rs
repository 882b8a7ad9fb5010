//! The loading screen, drawn from the first frame while the catalog is read: what is being
//! read, a gauge when the amount is known, and what typed keys do meanwhile.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Padding, Paragraph, Wrap};

use super::{centered, status};
use crate::text::truncate;
use crate::tui::boot::Boot;
use crate::tui::theme::Theme;

/// Draws the whole loading screen.
pub fn draw(frame: &mut Frame, boot: &Boot, theme: &Theme) {
    let Some([header, body, footer]) = super::frame_areas(frame, theme) else {
        return;
    };
    status::header_with(
        frame,
        header,
        " nightreel",
        None,
        &boot.clock,
        &boot.config,
        theme,
    );
    render(frame, body, boot, theme);
    let keys = if boot.queued.is_empty() {
        " q quit · loading…".to_string()
    } else {
        format!(
            " q quit · {} keys kept for when it is ready",
            boot.queued.len()
        )
    };
    let line = Line::from(Span::styled(
        truncate(&keys, footer.width as usize),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(line), footer);
}

fn render(frame: &mut Frame, body: Rect, boot: &Boot, theme: &Theme) {
    let rect = centered(body, 64, 6);
    let inner_w = rect.width.saturating_sub(4) as usize;
    let block = Block::bordered()
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Loading your catalog ", theme.title()))
        .border_style(theme.accent());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let (what, amount) = boot.describe();
    let [text, gauge, hint] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    let text_p = Paragraph::new(Span::raw(format!("{what}…"))).wrap(Wrap { trim: true });
    frame.render_widget(text_p, text);
    if let Some((done, total)) = amount {
        let ratio = if total == 0 {
            0.0
        } else {
            (done as f64 / total as f64).clamp(0.0, 1.0)
        };
        // Distinct symbols, so the bar reads without colours too (NO_COLOR).
        let g = LineGauge::default()
            .ratio(ratio)
            .label(Span::styled(
                format!("{:>3.0}% ", ratio * 100.0),
                theme.accent(),
            ))
            .filled_symbol("█")
            .unfilled_symbol("░")
            .filled_style(theme.accent())
            .unfilled_style(theme.dim());
        frame.render_widget(g, gauge);
    }
    let help = Paragraph::new(Span::styled(
        truncate("Keys typed now wait for the list.", inner_w),
        theme.dim(),
    ));
    frame.render_widget(help, hint);
}

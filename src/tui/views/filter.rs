//! The filter dialog: one line per filter, the focused one marked; changes apply at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::centered;
use crate::text::{sanitize, truncate};
use crate::tui::filter::{FilterForm, Target};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, form: &FilterForm, theme: &Theme) {
    let h = form.choices.len() as u16 + 4;
    let rect = centered(area, 52, h);
    super::clear_dialog(frame, rect);
    let inner_w = rect.width.saturating_sub(2) as usize;
    let title = match form.target {
        Target::Films => " Filter films ",
        Target::Diary => " Filter the diary ",
    };
    let block = Block::bordered()
        .title(Span::styled(truncate(title, inner_w), theme.title()))
        .border_style(theme.accent());
    let mut lines: Vec<Line> = form
        .choices
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let focused = i == form.focus;
            let marker = if focused { "▸ " } else { "  " };
            let value = if focused {
                format!("‹ {} ›", sanitize(c.shown()))
            } else {
                sanitize(c.shown())
            };
            let style = if focused {
                theme.selected()
            } else if c.idx == 0 {
                theme.dim()
            } else {
                theme.accent()
            };
            Line::from(vec![
                Span::raw(marker),
                Span::styled(format!("{:<10}", c.name), theme.dim()),
                Span::styled(truncate(&value, inner_w.saturating_sub(12)), style),
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        truncate("  ←→ change · ⌫ any · Enter close", inner_w),
        theme.dim(),
    )));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

//! The help overlay, generated from the keymap; two columns when there is room.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::centered;
use crate::tui::app::{App, Mode};
use crate::tui::keymap;
use crate::tui::theme::Theme;

fn section(name: &str, mode: Mode, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(name.to_string(), theme.title()))];
    for (k, d) in keymap::help(mode) {
        lines.push(Line::from(vec![
            Span::styled(format!("  {k:<9}"), theme.accent()),
            Span::raw(*d),
        ]));
    }
    lines
}

pub fn render(frame: &mut Frame, area: Rect, _app: &App, theme: &Theme) {
    let left: Vec<Line> = [
        ("Films", Mode::Browse),
        ("Search", Mode::Search),
        ("Filters", Mode::Filter),
    ]
    .iter()
    .flat_map(|(n, m)| section(n, *m, theme))
    .collect();
    let right: Vec<Line> = [
        ("Your own mood", Mode::MoodInput),
        ("More / less", Mode::Critique),
        ("Log dialog", Mode::Log),
        ("Diary", Mode::Diary),
        ("Watchlist", Mode::Watchlist),
    ]
    .iter()
    .flat_map(|(n, m)| section(n, *m, theme))
    .collect();
    let block = Block::bordered()
        .title(Span::styled(" Keys · ? or Esc closes ", theme.title()))
        .border_style(theme.accent());
    if area.width >= 76 {
        let h = (left.len().max(right.len()) as u16 + 2).min(area.height);
        let rect = centered(area, area.width.min(100), h);
        frame.render_widget(Clear, rect);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(2)
            .areas(inner);
        frame.render_widget(Paragraph::new(left), l);
        frame.render_widget(Paragraph::new(right), r);
    } else {
        let lines: Vec<Line> = left.into_iter().chain(right).collect();
        let h = (lines.len() as u16 + 2).min(area.height);
        let rect = centered(area, 48, h);
        frame.render_widget(Clear, rect);
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}

//! The watchlist screen: the films you mean to see, by title, with the detail beside them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::text::{sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// The list and, from 80 columns, the detail beside it.
pub fn split(area: Rect) -> (Rect, Option<Rect>) {
    if area.width >= 80 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .areas(area);
        (l, Some(d))
    } else {
        (area, None)
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let (list_area, detail) = split(area);
    let n = app.watchlist.len();
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Watchlist · {n} film{} ", if n == 1 { "" } else { "s" }),
            theme.title(),
        ))
        .border_style(theme.accent());
    if n == 0 {
        let p = Paragraph::new(Span::styled(
            "Nothing on your watchlist. Press w on a film to put it here.",
            theme.dim(),
        ))
        .block(block)
        .wrap(Wrap { trim: true });
        frame.render_widget(p, list_area);
    } else {
        let inner_w = list_area.width.saturating_sub(4) as usize;
        let items: Vec<ListItem> = app
            .watchlist
            .iter()
            .filter_map(|id| app.lib.film(*id))
            .map(|f| {
                let mut extra = f.year.map(|y| format!(" {y}")).unwrap_or_default();
                if let Some(rt) = f.runtime {
                    extra.push_str(&format!(" · {rt} min"));
                }
                let seen = if app.lib.has_seen(f.id) { " ✓" } else { "" };
                let room = inner_w.saturating_sub(width(&extra) + width(seen));
                ListItem::new(Line::from(vec![
                    Span::raw(truncate(&sanitize(&f.title), room)),
                    Span::styled(extra, theme.dim()),
                    Span::styled(seen, theme.accent()),
                ]))
            })
            .collect();
        let list = List::new(items)
            .block(block)
            .highlight_style(theme.selected())
            .highlight_symbol("▸ ");
        let mut state = ListState::default().with_selected(Some(app.watchlist_selected));
        frame.render_stateful_widget(list, list_area, &mut state);
    }
    if let Some(d) = detail {
        super::detail::render(frame, d, app, theme);
    }
}

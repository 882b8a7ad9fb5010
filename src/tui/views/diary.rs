//! The diary: viewings newest first, grouped by film night, late-night entries marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use crate::text::{sanitize, truncate};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// The diary's list rows: `None` for a film-night heading, `Some(i)` for viewing `i` of
/// [`App::diary_rows`]; and the row of the selected viewing.
pub fn rows(app: &App) -> (Vec<Option<usize>>, usize) {
    let mut rows = Vec::new();
    let mut selected = 0;
    let mut last_night = None;
    for (i, w) in app.diary_rows().iter().enumerate() {
        let (night, _) = app.lib.night_of(&w.watched_at);
        if last_night != Some(night) {
            last_night = Some(night);
            rows.push(None);
        }
        if i == app.diary_selected {
            selected = rows.len();
        }
        rows.push(Some(i));
    }
    (rows, selected)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let watches = app.diary_rows();
    let mut title = vec![Span::styled(
        format!(
            " Diary · {} viewing{} ",
            watches.len(),
            if watches.len() == 1 { "" } else { "s" }
        ),
        theme.title(),
    )];
    if !app.diary_filter.is_empty() {
        title.push(Span::styled(
            format!("⧩ {} (F clears) ", sanitize(&app.diary_filter.describe())),
            theme.accent(),
        ));
    }
    let block = Block::bordered()
        .title(Line::from(title))
        .border_style(theme.accent());
    if watches.is_empty() {
        let msg = if app.diary_filter.is_empty() {
            "Nothing logged yet. Pick a film and press l to log it."
        } else {
            "No viewing passes these filters: change them (f) or clear them (F)."
        };
        let p = Paragraph::new(Span::styled(msg, theme.dim()))
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(p, area);
        return;
    }
    let inner_w = area.width.saturating_sub(4) as usize;
    let mut items = Vec::new();
    let mut selected_row = 0;
    let mut last_night = None;
    for (i, w) in watches.iter().enumerate() {
        let (night, late) = app.lib.night_of(&w.watched_at);
        if last_night != Some(night) {
            last_night = Some(night);
            items.push(ListItem::new(Line::from(Span::styled(
                format!("── film night of {}", night.format("%a %e %b %Y")),
                theme.dim(),
            ))));
        }
        if i == app.diary_selected {
            selected_row = items.len();
        }
        let title = app
            .lib
            .film(w.film_id)
            .map(|f| f.label())
            .unwrap_or_default();
        let time = w
            .watched_at
            .moment()
            .map(|t| t.format("%H:%M").to_string())
            .unwrap_or_else(|| "--:--".into());
        let moon = if late == Some(true) { "☾" } else { " " };
        let mut extra = String::new();
        if let Some(r) = w.rating {
            extra.push_str(&format!(" {}", r.glyphs()));
        }
        if w.rewatch {
            extra.push_str(" ↻");
        }
        if w.liked {
            extra.push_str(" ♥");
        }
        if let Some(m) = &w.mood {
            extra.push_str(&format!(" · {m}"));
        }
        if let Some(n) = &w.note {
            extra.push_str(&format!(" — {}", crate::markup::plain(n)));
        }
        let text = truncate(
            &sanitize(&format!("{title}{extra}")),
            inner_w.saturating_sub(9),
        );
        items.push(ListItem::new(Line::from(vec![
            Span::styled(format!("{time} "), theme.accent()),
            Span::styled(format!("{moon} "), theme.title()),
            Span::raw(text),
        ])));
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(selected_row));
    frame.render_stateful_widget(list, area, &mut state);
}

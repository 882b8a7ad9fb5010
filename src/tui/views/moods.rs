//! The mood pane: "your own words" and the presets.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState};

use crate::text::{sanitize, truncate};
use crate::tui::app::{App, Focus, Mode};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Moods && !app.searching;
    let block = Block::bordered()
        .title(Span::styled(" Moods · 心情 ", theme.title()))
        .border_style(theme.border(focused || app.typing_mood));
    let inner_w = area.width.saturating_sub(4) as usize;
    // "✎ " before the words; while typing, the part around the cursor shows.
    let own = if app.typing_mood {
        let (shown, col) = app.custom_mood.view(inner_w.saturating_sub(2));
        if app.mode() == Mode::MoodInput && area.height > 2 {
            // Inside the border, after the "▸ " of the selected row and the "✎ ".
            super::show_cursor(frame, area, area.x + 5, area.y + 1, col);
        }
        format!("✎ {shown}")
    } else if app.custom_mood.trim().is_empty() {
        truncate("✎ your own words (m)", inner_w)
    } else {
        truncate(&format!("✎ {}", sanitize(app.custom_mood.trim())), inner_w)
    };
    let mut items = vec![ListItem::new(Line::from(Span::styled(own, theme.accent())))];
    for p in &app.lib.resolver.presets.list {
        let zh_w = crate::text::width(&p.zh);
        let en = truncate(&p.en, inner_w.saturating_sub(zh_w + 1));
        let pad = inner_w.saturating_sub(crate::text::width(&en) + zh_w);
        items.push(ListItem::new(Line::from(vec![
            Span::raw(en),
            Span::raw(" ".repeat(pad)),
            Span::styled(p.zh.clone(), theme.dim()),
        ])));
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(app.mood_idx));
    frame.render_stateful_widget(list, area, &mut state);
}

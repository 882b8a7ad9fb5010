//! Tonight's list (recommendations) or search results, with matched characters highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use crate::search::Field;
use crate::text::{sanitize, truncate, width};
use crate::tui::app::{App, Change, Focus, Mode, Row};
use crate::tui::theme::Theme;

/// The list's title: while searching, the search box (the cursor goes `cursor` cells into
/// the title when it is `Some`).
fn title(app: &App, width: u16, theme: &Theme) -> (Line<'static>, Option<usize>) {
    let mut cursor = None;
    let text = if app.searching {
        // " / " before the text, a blank after it, the borders' corners around.
        let (shown, col) = app.search_text.view(usize::from(width).saturating_sub(6));
        cursor = Some(3 + col);
        format!(" / {shown} ")
    } else if !app.search_text.is_empty() {
        format!(" Search: {} · Esc clears ", sanitize(&app.search_text))
    } else {
        format!(
            " Tonight · {} ",
            crate::text::plural(app.rows.len(), "film")
        )
    };
    let room = usize::from(width)
        .saturating_sub(2)
        .saturating_sub(crate::text::width(&text));
    let mut spans = vec![Span::styled(text, theme.title())];
    if !app.filter.is_empty() {
        spans.push(Span::styled(
            filter_title(&sanitize(&app.filter.describe()), room),
            theme.accent(),
        ));
    }
    (Line::from(spans), cursor)
}

/// The filters in the list's title, in `room` cells: cut with "…" before "(F clears)" (which
/// said "(F cle" against the corner), and without it when even that does not fit.
fn filter_title(filters: &str, room: usize) -> String {
    let full = format!("⧩ {filters} (F clears) ");
    if width(&full) <= room {
        return full;
    }
    // "⧩ " before, " (F clears) " after: 14 cells around the filters.
    if room >= 14 + 6 {
        return format!("⧩ {} (F clears) ", truncate(filters, room - 14));
    }
    truncate(&format!("⧩ {filters}"), room.saturating_sub(1)) + " "
}

/// Spans of `text` cut to `max` cells, with the chars at `hits` (char indices) highlighted.
fn highlighted(
    text: &str,
    hits: &[usize],
    max: usize,
    base: Style,
    hl: Style,
) -> Vec<Span<'static>> {
    let shown = truncate(&sanitize(text), max);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in shown.chars().enumerate() {
        let is_hl = hits.contains(&i) && c != '…';
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is_hl;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    spans
}

fn marker(app: &App, film_id: i64, theme: &Theme) -> Span<'static> {
    match app.changes.get(&film_id) {
        Some(Change::New) => Span::styled("new ", theme.new_mark()),
        Some(Change::Up(n)) => Span::styled(format!("↑{:<3}", n.min(&99)), theme.new_mark()),
        Some(Change::Down(n)) => Span::styled(format!("↓{:<3}", n.min(&99)), theme.dim()),
        None => Span::raw("    "),
    }
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::List || app.searching;
    let (title, cursor) = title(app, area.width, theme);
    if let Some(col) = cursor.filter(|_| app.mode() == Mode::Search) {
        super::show_cursor(frame, area, area.x + 1, area.y, col);
    }
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(focused));
    if app.rows.is_empty() {
        let msg = if app.loading && app.search_text.is_empty() {
            "Reading the embedding model… tonight's list appears in a moment; search (/) works now."
        } else if !app.filter.is_empty() {
            "No film passes these filters. Change them (f), or clear them (F)."
        } else if app.search_text.is_empty() {
            "No film fits this mood yet. Pick another mood, or use other words (m)."
        } else {
            "No film matches. Try fewer letters, or Esc to go back to tonight's list."
        };
        let p = Paragraph::new(Span::styled(msg, theme.dim()))
            .block(block)
            .wrap(Wrap { trim: true });
        frame.render_widget(p, area);
        return;
    }
    let inner_w = area.width.saturating_sub(4) as usize;
    let items: Vec<ListItem> = app
        .rows
        .iter()
        .map(|row| row_line(app, row, inner_w, theme))
        .map(ListItem::new)
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(app.selected));
    frame.render_stateful_widget(list, area, &mut state);
}

fn row_line(app: &App, row: &Row, inner_w: usize, theme: &Theme) -> Line<'static> {
    let Some(film) = app.lib.film(row.film_id()) else {
        return Line::from("?");
    };
    let year = film.year.map(|y| format!(" {y}")).unwrap_or_default();
    let seen = if app.lib.has_seen(film.id) {
        " ✓"
    } else {
        ""
    };
    // Films that would end after bedtime carry a dim moon.
    let late = match row {
        Row::Rec(r) if r.after_bedtime => " ☽",
        _ => "",
    };
    let mut spans = vec![marker(app, film.id, theme)];
    let room = inner_w.saturating_sub(4 + width(&year) + width(seen) + width(late));
    match row {
        Row::Hit(h) if h.field == Field::Title => {
            spans.extend(highlighted(
                &film.title,
                &h.indices,
                room,
                Style::new(),
                theme.highlight_match(),
            ));
        }
        Row::Hit(h) => {
            let (other, hits) = match h.field {
                Field::OriginalTitle => (film.original_title.to_string(), h.indices.clone()),
                _ => (
                    h.director
                        .and_then(|i| film.directors().get(i))
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                    h.indices.clone(),
                ),
            };
            let t = truncate(&sanitize(&film.title), room / 2);
            let rest = room.saturating_sub(width(&t) + 3);
            spans.push(Span::raw(t));
            spans.push(Span::styled(" · ", theme.dim()));
            spans.extend(highlighted(
                &other,
                &hits,
                rest,
                theme.dim(),
                theme.highlight_match(),
            ));
        }
        Row::Rec(_) => spans.push(Span::raw(truncate(&sanitize(&film.title), room))),
    }
    spans.push(Span::styled(year, theme.dim()));
    spans.push(Span::styled(seen, theme.accent()));
    spans.push(Span::styled(late, theme.dim()));
    Line::from(spans)
}

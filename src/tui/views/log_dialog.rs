//! The log dialog: when, rating in half stars, rewatch, liked, mood, note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::centered;
use crate::text::{sanitize, truncate};
use crate::tui::app::App;
use crate::tui::log_form::{Field, LogForm};
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, form: &LogForm, app: &App, theme: &Theme) {
    let rect = centered(area, 64, 15);
    super::clear_dialog(frame, rect);
    let inner_w = rect.width.saturating_sub(4) as usize;
    let verb = if form.editing.is_some() {
        "Edit"
    } else {
        "Log"
    };
    let title = truncate(&format!(" {verb} · {} ", sanitize(&form.title)), inner_w);
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.accent());
    let value_w = inner_w.saturating_sub(11);
    let row = |field: Field, label: &str, value: String| {
        let focused = form.focus == field;
        let style = if focused {
            theme.selected()
        } else {
            Style::new()
        };
        let marker = if focused { "▸ " } else { "  " };
        Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{label:<8}"), theme.dim()),
            Span::styled(value, style),
        ])
    };
    // A text field shows its start, or while focused the part around its cursor.
    let text = |field: Field, t: &TextField| {
        if form.focus == field {
            t.view(value_w).0
        } else {
            truncate(&sanitize(t), value_w)
        }
    };
    let stars = match form.rating {
        Some(r) => format!("{} ({:.1})", r.glyphs(), r.stars()),
        None => "no rating".into(),
    };
    let check = |b: bool| if b { "[x]" } else { "[ ]" };
    let mut lines = vec![
        row(Field::When, "When", text(Field::When, &form.when)),
        row(Field::Rating, "Rating", truncate(&stars, value_w)),
        row(
            Field::Rewatch,
            "Rewatch",
            truncate(
                &format!(
                    "{}{}",
                    check(form.rewatch),
                    if form.seen_before {
                        "  (you have seen it before)"
                    } else {
                        ""
                    }
                ),
                value_w,
            ),
        ),
        row(Field::Liked, "Liked", check(form.liked).to_string()),
        row(Field::Mood, "Mood", text(Field::Mood, &form.mood)),
        row(
            Field::After,
            "After",
            if form.mood_after.is_empty() && form.focus != Field::After {
                truncate("how you feel after the film (optional)", value_w)
            } else {
                text(Field::After, &form.mood_after)
            },
        ),
        row(Field::Note, "Note", text(Field::Note, &form.note)),
        Line::from(""),
    ];
    if let Ok(w) = form.to_watch(&app.lib.clock.now()) {
        let (night, late) = app.lib.night_of(&w.watched_at);
        let late = if late == Some(true) {
            " · late night ☾"
        } else {
            ""
        };
        lines.extend(indented(
            &format!("film night of {night}{late}"),
            inner_w,
            theme.dim(),
        ));
    }
    if let Some(e) = &form.error {
        lines.extend(indented(&sanitize(e), inner_w, theme.error()));
    }
    lines.extend(indented(
        "Enter save · Esc cancel · Tab next · ←→ ½ star",
        inner_w,
        theme.dim(),
    ));
    // The terminal's cursor in the focused text field: inside the border, after the
    // marker and the label (10 cells), on the field's row.
    if let Some(t) = form.focused_text()
        && app.mode() == crate::tui::app::Mode::Log
    {
        let col = t.view(value_w).1;
        let row = form.focus.row() as u16;
        super::show_cursor(frame, rect, rect.x + 11, rect.y + 1 + row, col);
    }
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(p, rect);
}

/// `text` wrapped to `width` cells, every line indented two cells like the fields' labels
/// (a wrapped line left to the paragraph started at the border).
fn indented(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    crate::text::wrap(text, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("  {l}"), style)))
        .collect()
}

//! The log dialog: when, rating in half stars, rewatch, liked, mood, note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::centered;
use crate::text::{sanitize, truncate};
use crate::tui::app::App;
use crate::tui::log_form::{Field, LogForm};
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
    let row = |field: Field, label: &str, value: String| {
        let focused = form.focus == field;
        let style = if focused {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        let marker = if focused { "▸ " } else { "  " };
        Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{label:<8}"), theme.dim()),
            Span::styled(
                // A text being typed shows its end, where the cursor is.
                if focused
                    && matches!(
                        field,
                        Field::When | Field::Mood | Field::After | Field::Note
                    )
                {
                    crate::text::truncate_start(&value, inner_w.saturating_sub(11))
                } else {
                    truncate(&value, inner_w.saturating_sub(11))
                },
                style,
            ),
        ])
    };
    let cursor = |f: Field| if form.focus == f { "█" } else { "" };
    let stars = match form.rating {
        Some(r) => format!("{} ({:.1})", r.glyphs(), r.stars()),
        None => "no rating".into(),
    };
    let check = |b: bool| if b { "[x]" } else { "[ ]" };
    let mut lines = vec![
        row(
            Field::When,
            "When",
            format!("{}{}", sanitize(&form.when), cursor(Field::When)),
        ),
        row(Field::Rating, "Rating", stars),
        row(
            Field::Rewatch,
            "Rewatch",
            format!(
                "{}{}",
                check(form.rewatch),
                if form.seen_before {
                    "  (you have seen it before)"
                } else {
                    ""
                }
            ),
        ),
        row(Field::Liked, "Liked", check(form.liked).to_string()),
        row(
            Field::Mood,
            "Mood",
            format!("{}{}", sanitize(&form.mood), cursor(Field::Mood)),
        ),
        row(
            Field::After,
            "After",
            if form.mood_after.is_empty() && form.focus != Field::After {
                "how you feel after the film (optional)".into()
            } else {
                format!("{}{}", sanitize(&form.mood_after), cursor(Field::After))
            },
        ),
        row(
            Field::Note,
            "Note",
            format!("{}{}", sanitize(&form.note), cursor(Field::Note)),
        ),
        Line::from(""),
    ];
    if let Ok(w) = form.to_watch(&app.lib.clock.now()) {
        let (night, late) = app.lib.night_of(&w.watched_at);
        let late = if late == Some(true) {
            " · late night ☾"
        } else {
            ""
        };
        lines.push(Line::from(Span::styled(
            format!("  film night of {night}{late}"),
            theme.dim(),
        )));
    }
    if let Some(e) = &form.error {
        lines.push(Line::from(Span::styled(
            format!("  {}", sanitize(e)),
            theme.error(),
        )));
    }
    lines.push(Line::from(Span::styled(
        "  Enter save · Esc cancel · Tab next · ←→ ½ star",
        theme.dim(),
    )));
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    frame.render_widget(p, rect);
}

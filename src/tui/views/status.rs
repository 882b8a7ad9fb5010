//! The header line (mood, clock, film night) and the footer (keys, status message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{sanitize, truncate};
use crate::tui::app::{App, Mode};
use crate::tui::hints;
use crate::tui::text_field::TextField;
use crate::tui::theme::Theme;

pub fn header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    // Below 80 columns there is no mood pane: a mood being typed is typed here.
    let typing = app.mode() == Mode::MoodInput && super::panes(area).moods.is_none();
    let label = if typing {
        " nightreel · ✎ ".to_string()
    } else {
        format!(" nightreel · {}", sanitize(&app.mood_label()))
    };
    let field = typing.then_some(&app.custom_mood);
    header_with(
        frame,
        area,
        &label,
        field,
        &app.lib.clock,
        &app.lib.config,
        theme,
    );
}

/// The header line with `left` on the left, the clock and film night on the right.
pub fn header_with(
    frame: &mut Frame,
    area: Rect,
    left: &str,
    field: Option<&TextField>,
    clock: &crate::time::Clock,
    config: &crate::config::Config,
    theme: &Theme,
) {
    let now = clock.now();
    let rules = &config.night;
    let night = rules.film_night(&now);
    let moon = if rules.is_late(&now) { " ☾ late" } else { "" };
    // The clock says as much as leaves the left part (the mood and its nudges, which the
    // user chose) whole: the film night in full, shorter, or the time alone.
    let short = format!(
        "{}{} ",
        now.format("%H:%M"),
        if moon.is_empty() { "" } else { " ☾" }
    );
    let candidates = [
        format!(
            "{} · film night of {}{moon} ",
            now.format("%H:%M"),
            night.format("%a %e %b")
        ),
        format!(
            "{} · {}{} ",
            now.format("%H:%M"),
            night.format("%a %e %b"),
            if moon.is_empty() { "" } else { " ☾" }
        ),
    ];
    let wanted = crate::text::width(left) + field.map_or(0, |f| crate::text::width(f.as_str()) + 1);
    let right = if area.width >= 70 {
        candidates
            .into_iter()
            .find(|r| wanted + crate::text::width(r) < usize::from(area.width))
            .unwrap_or(short)
    } else {
        short
    };
    let left_room = (area.width as usize).saturating_sub(crate::text::width(&right) + 1);
    // A field being typed follows `left`, with the terminal's cursor in it.
    let left = match field {
        Some(f) => {
            let lead = crate::text::width(left);
            let (shown, col) = f.view(left_room.saturating_sub(lead));
            super::show_cursor(frame, area, area.x + lead as u16, area.y, col);
            truncate(&format!("{left}{shown}"), left_room)
        }
        None => truncate(left, left_room),
    };
    let pad = (area.width as usize)
        .saturating_sub(crate::text::width(&left) + crate::text::width(&right));
    let line = Line::from(vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, theme.accent()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// Most lines a status message that does not fit the footer is shown on, above it (and at
/// most a third of the screen).
const MESSAGE_LINES: usize = 4;

/// True when the status message is too long for its part of the footer and no key has come since
/// it was given: it is then shown whole above the footer (see [`long_status`]), and the
/// footer keeps the keys. After a key it is cut in the footer like any other.
fn status_overflows(app: &App, width: u16) -> bool {
    !app.status.is_empty()
        && app.status != app.status_seen
        && app.critique.is_none()
        && crate::text::width(&sanitize(&app.status)) > status_room(app, width)
}

/// A status message too long for the footer, wrapped over the bottom of the body just above
/// the footer (`footer` is the footer's area), its last line cut with "…" when it needs
/// more than there is room for.
pub fn long_status(frame: &mut Frame, footer: Rect, app: &App, theme: &Theme) {
    if !status_overflows(app, footer.width) {
        return;
    }
    let width = footer.width.saturating_sub(1) as usize;
    let mut lines = crate::text::wrap(&sanitize(&app.status), width);
    let room = MESSAGE_LINES.min(footer.y as usize / 3).max(1);
    if lines.len() > room {
        let rest = lines[room - 1..].join(" ");
        lines.truncate(room - 1);
        lines.push(truncate(&rest, width));
    }
    let height = lines.len() as u16 + 1;
    if height + 1 > footer.y {
        return;
    }
    let area = Rect::new(footer.x, footer.y - height, footer.width, height);
    frame.render_widget(Clear, area);
    let text: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(format!(" {l}"), theme.accent())))
        .collect();
    frame.render_widget(
        Paragraph::new(text).block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme.dim()),
        ),
        area,
    );
}

/// The cells the key hints may take beside a status message: a little over half the line
/// from 80 columns, below that only the first (`? help`); the whole line is theirs when
/// there is no message.
fn hint_room(width: u16) -> usize {
    if width < 80 {
        0
    } else {
        usize::from(width) * 11 / 20
    }
}

/// The cells left for the status message beside the key hints.
fn status_room(app: &App, width: u16) -> usize {
    let keys = hints::line(app, width, hint_room(width), false);
    let beside = if keys.is_empty() {
        0
    } else {
        crate::text::width(&keys) + 3
    };
    usize::from(width).saturating_sub(beside + 1)
}

/// The footer: the status message on the left, cut to leave room for the most useful keys
/// (with `? help`) on the right; a nudge being typed takes the message's place.
pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let width = usize::from(area.width);
    let text = if let Some((sign, typed)) = &app.critique {
        let what = if *sign > 0.0 {
            "more of: "
        } else {
            "less of: "
        };
        let (shown, col) = typed.view(usize::from(area.width / 2).min(30));
        // After the footer's leading blank and "more of: ".
        super::show_cursor(frame, area, area.x + 10, area.y, col);
        let room = width.saturating_sub(crate::text::width(&shown) + 13);
        let keys = hints::line(app, area.width, room, false);
        let bar = if keys.is_empty() { "" } else { " │ " };
        format!("{what}{shown}{bar}{keys}")
    } else if app.status.is_empty() || status_overflows(app, area.width) {
        hints::line(app, area.width, width.saturating_sub(2), true)
    } else {
        let keys = hints::line(app, area.width, hint_room(area.width), false);
        let room = status_room(app, area.width);
        let status = truncate(&sanitize(&app.status), room);
        let pad = room.saturating_sub(crate::text::width(&status));
        if keys.is_empty() {
            status
        } else {
            format!("{status}{} │ {keys}", " ".repeat(pad))
        }
    };
    let style = if app.critique.is_some() {
        theme.accent()
    } else {
        theme.dim()
    };
    let line = Line::from(Span::styled(truncate(&format!(" {text}"), width), style));
    frame.render_widget(Paragraph::new(line), area);
}

pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = truncate("nightreel: make the window larger", area.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), area);
}

//! The header line (mood, clock, film night) and the footer (keys, status message).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::text::{sanitize, truncate};
use crate::tui::app::{App, Mode};
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
    let right = if area.width >= 70 {
        format!(
            "{} · film night of {}{moon} ",
            now.format("%H:%M"),
            night.format("%a %e %b")
        )
    } else {
        format!(
            "{}{} ",
            now.format("%H:%M"),
            if moon.is_empty() { "" } else { " ☾" }
        )
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

/// True when the status message is too long for the footer line and no key has come since
/// it was given: it is then shown whole above the footer (see [`long_status`]), and the
/// footer keeps the keys. After a key it is cut in the footer like any other.
fn status_overflows(app: &App, width: u16) -> bool {
    !app.status.is_empty()
        && app.status != app.status_seen
        && app.critique.is_none()
        && crate::text::width(&sanitize(&app.status)) + 2 > width as usize
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

pub fn footer(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let keys: Vec<String> = app
        .keymap
        .help(app.mode())
        .iter()
        .map(|(k, d)| format!("{k} {d}"))
        .collect();
    let text = if let Some((sign, typed)) = &app.critique {
        let what = if *sign > 0.0 {
            "more of: "
        } else {
            "less of: "
        };
        let (shown, col) = typed.view(usize::from(area.width / 2).min(30));
        // After the footer's leading blank and "more of: ".
        super::show_cursor(frame, area, area.x + 10, area.y, col);
        format!("{what}{shown} │ {}", keys.join(" · "))
    } else if app.status.is_empty() || status_overflows(app, area.width) {
        keys.join(" · ")
    } else {
        format!("{} │ {}", sanitize(&app.status), keys.join(" · "))
    };
    let style = if app.critique.is_some() {
        theme.accent()
    } else {
        theme.dim()
    };
    let line = Line::from(Span::styled(
        truncate(&format!(" {text}"), area.width as usize),
        style,
    ));
    frame.render_widget(Paragraph::new(line), area);
}

pub fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = truncate("nightreel: make the window larger", area.width as usize);
    frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), area);
}

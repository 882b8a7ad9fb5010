//! The stats view: an hour-of-night bar chart, films per month, moods over time, and the
//! figures and top lists; drawn whole into a buffer of its own height and shown through
//! the screen's window, which j / k / PgUp / PgDn scroll when it is taller.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, LineGauge, Paragraph, Widget, Wrap};

use super::stats_charts::{self as charts, HOURS_MIN, MONTHS_MIN, MOODS_MIN};
use crate::catalog::codes::country_name;
use crate::stats::Stats;
use crate::text::{plural, sanitize};
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Where the parts of the stats go in a buffer `width` wide; its height is `height`.
struct Plan {
    height: u16,
    charts: Rect,
    text: Rect,
}

/// Lays the stats out for an inner area of `inner` (the screen's window onto them): the
/// charts and the figures side by side from 70 columns, else one above the other; each
/// part as tall as it needs, and at least the window.
fn plan(inner: Rect, chart_rows: u16, text_rows: u16) -> Plan {
    let w = inner.width;
    if w >= 70 {
        let [c, t] = Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
            .spacing(1)
            .areas(Rect::new(0, 0, w, 1));
        let height = inner.height.max(chart_rows).max(text_rows);
        Plan {
            height,
            charts: Rect::new(c.x, 0, c.width, inner.height.max(chart_rows)),
            text: Rect::new(t.x, 0, t.width, height),
        }
    } else {
        let charts_h = chart_rows.max(inner.height / 2);
        let height = inner.height.max(charts_h + text_rows);
        Plan {
            height,
            charts: Rect::new(0, 0, w, charts_h),
            text: Rect::new(0, charts_h, w, height - charts_h),
        }
    }
}

/// Rows the figures take `width` cells wide (wrapped), with the gauge line.
fn text_rows(lines: &[Line], width: u16) -> u16 {
    let w = usize::from(width.max(1));
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    (rows + 1).min(usize::from(u16::MAX / 2)) as u16
}

/// The stats as laid out for the body area `area`: the plan and the window's height.
fn layout(app: &App, s: &Stats, area: Rect, theme: &Theme) -> (Plan, u16) {
    let inner = Block::bordered().inner(area);
    let moods = !charts::moods_over_time(app, s).is_empty();
    let chart_rows = HOURS_MIN + MONTHS_MIN + if moods { MOODS_MIN } else { 0 };
    let probe = plan(inner, chart_rows, 0);
    let text = text_rows(&summary_lines(s, theme), probe.text.width);
    (plan(inner, chart_rows, text), inner.height)
}

/// How far the stats can scroll on a terminal of this size (0 when they fit).
pub fn max_scroll(app: &App, w: u16, h: u16) -> u16 {
    let s = app.lib.stats();
    if s.viewings == 0 {
        return 0;
    }
    let body = super::body(Rect::new(0, 0, w, h));
    let (plan, window) = layout(app, &s, body, &Theme::plain());
    plan.height.saturating_sub(window)
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let s = app.lib.stats();
    let block = Block::bordered()
        .title(Span::styled(" Stats ", theme.title()))
        .border_style(theme.accent());
    if s.viewings == 0 {
        let p = Paragraph::new(Span::styled(
            "No viewings yet: the charts fill in as you log films.",
            theme.dim(),
        ))
        .block(block);
        frame.render_widget(p, area);
        return;
    }
    let inner = block.inner(area);
    let (plan, window) = layout(app, &s, area, theme);
    let scroll = app.stats_scroll.min(plan.height.saturating_sub(window));
    let block = if plan.height > window {
        let last = (scroll + window).min(plan.height);
        block.title(Span::styled(
            format!(
                " rows {}–{last} of {} · j k scroll ",
                scroll + 1,
                plan.height
            ),
            theme.dim(),
        ))
    } else {
        block
    };
    frame.render_widget(block, area);
    let mut buf = Buffer::empty(Rect::new(0, 0, inner.width, plan.height));
    draw_all(&mut buf, &plan, app, &s, theme);
    // The window onto the stats.
    let out = frame.buffer_mut();
    for y in 0..window.min(plan.height - scroll) {
        for x in 0..inner.width {
            out[(inner.x + x, inner.y + y)] = buf[(x, y + scroll)].clone();
        }
    }
}

fn draw_all(buf: &mut Buffer, plan: &Plan, app: &App, s: &Stats, theme: &Theme) {
    let over_time = charts::moods_over_time(app, s);
    if over_time.is_empty() {
        let [hours, months] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(plan.charts);
        charts::hour_chart(buf, hours, s, theme);
        charts::month_chart(buf, months, s, theme);
    } else {
        let [hours, months, moods] = Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(30),
            Constraint::Percentage(30),
        ])
        .areas(plan.charts);
        charts::hour_chart(buf, hours, s, theme);
        charts::month_chart(buf, months, s, theme);
        charts::mood_chart(buf, moods, s, &over_time, theme);
    }
    summary(buf, plan.text, s, theme);
}

fn summary(buf: &mut Buffer, area: Rect, s: &Stats, theme: &Theme) {
    // The late-night share as a gauge on the first line, the figures below it.
    let area = match s.late_share {
        Some(x) if area.height > 2 => {
            let [gauge, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            LineGauge::default()
                .label(Span::styled(
                    format!("late night {:>3.0}% ", x * 100.0),
                    theme.dim(),
                ))
                .ratio(x.clamp(0.0, 1.0))
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(theme.accent())
                .unfilled_style(theme.dim())
                .render(gauge, buf);
            rest
        }
        _ => area,
    };
    Paragraph::new(summary_lines(s, theme))
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The figures and top lists, a line each.
fn summary_lines(s: &Stats, theme: &Theme) -> Vec<Line<'static>> {
    let share = s
        .late_share
        .map_or("n/a".to_string(), |x| format!("{:.0}%", x * 100.0));
    let mut lines = vec![
        Line::from(format!(
            "{} · {}",
            plural(s.viewings, "viewing"),
            plural(s.films, "film")
        )),
        Line::from(format!(
            "{:.1} hours watched",
            s.minutes_watched as f64 / 60.0
        )),
        Line::from(vec![
            Span::raw("late night "),
            Span::styled(share, theme.title()),
            Span::styled(format!(" · {} unknown time", s.time_unknown), theme.dim()),
        ]),
        Line::from(format!(
            "streak {} now · {} longest",
            s.current_streak, s.longest_streak
        )),
    ];
    if let Some(m) = s.mean_rating {
        lines.push(Line::from(format!(
            "mean rating {m:.2} ({} rated)",
            s.rated
        )));
    }
    // The counts right-aligned in one column, as wide as the largest shown.
    let lists = [
        &s.top_directors,
        &s.top_countries,
        &s.top_decades,
        &s.top_moods,
        &s.top_tags,
    ];
    let digits = lists
        .iter()
        .flat_map(|v| v.iter().take(3))
        .map(|(_, n)| n.to_string().len())
        .max()
        .unwrap_or(1);
    let mut list = |name: &str, v: &[(String, usize)], country: bool| {
        if v.is_empty() {
            return;
        }
        lines.push(Line::from(Span::styled(name.to_string(), theme.dim())));
        for (k, n) in v.iter().take(3) {
            let k = if country {
                country_name(k).unwrap_or(k)
            } else {
                k
            };
            lines.push(Line::from(format!("  {n:>digits$}  {}", sanitize(k))));
        }
    };
    list("directors", &s.top_directors, false);
    list("countries", &s.top_countries, true);
    list("decades", &s.top_decades, false);
    list("moods", &s.top_moods, false);
    list("tags", &s.top_tags, false);
    for (name, v) in [("lifted you", &s.lifted_by), ("settled you", &s.settled_by)] {
        if !v.is_empty() {
            lines.push(Line::from(Span::styled(name.to_string(), theme.dim())));
            for (t, x) in v.iter().take(3) {
                lines.push(Line::from(format!("  +{x:.1}  {}", sanitize(t))));
            }
        }
    }
    lines
}

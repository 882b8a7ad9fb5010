//! The stats view: an hour-of-night bar chart, films per month, and the top lists.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, LineGauge, Paragraph, Wrap,
};

use crate::catalog::codes::country_name;
use crate::stats::Stats;
use crate::text::{plural, sanitize};
use crate::tui::app::App;
use crate::tui::theme::Theme;

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
    frame.render_widget(block, area);
    let [charts, text] = if inner.width >= 70 {
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(inner)
    } else {
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(inner)
    };
    let over_time = moods_over_time(app, &s);
    if over_time.is_empty() {
        let [hours, months] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(charts);
        hour_chart(frame, hours, &s, theme);
        month_chart(frame, months, &s, theme);
    } else {
        let [hours, months, moods] = Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(30),
            Constraint::Percentage(30),
        ])
        .areas(charts);
        hour_chart(frame, hours, &s, theme);
        month_chart(frame, months, &s, theme);
        mood_chart(frame, moods, &s, &over_time, theme);
    }
    summary(frame, text, &s, theme);
}

fn hour_chart(frame: &mut Frame, area: Rect, s: &Stats, theme: &Theme) {
    // The night from 18:00 to 05:59, where film nights happen.
    let bars: Vec<Bar> = (18..24)
        .chain(0..6)
        .map(|h| {
            Bar::default()
                .value(s.by_hour[h] as u64)
                .label(Line::from(format!("{h:02}")))
                .style(theme.accent())
        })
        .collect();
    let bar_width = ((area.width.saturating_sub(2)) / 12)
        .saturating_sub(1)
        .clamp(1, 4);
    let chart = BarChart::default()
        .block(Block::new().title(Span::styled("hour of night", theme.dim())))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(chart, area);
    // Imports with dates only (Letterboxd) leave the chart empty: say why.
    if s.late_night + s.not_late == 0 && s.time_unknown > 0 && area.height >= 4 {
        let note = format!(
            "no time of day known: {} viewing{} imported with a date only",
            s.time_unknown,
            if s.time_unknown == 1 { "" } else { "s" }
        );
        let line = Rect::new(area.x, area.y + area.height / 2 - 1, area.width, 2);
        frame.render_widget(
            Paragraph::new(Span::styled(note, theme.dim())).wrap(Wrap { trim: true }),
            line,
        );
    }
}

fn month_chart(frame: &mut Frame, area: Rect, s: &Stats, theme: &Theme) {
    let fit = (area.width.saturating_sub(1) / 4).max(1) as usize;
    let months = &s.per_month[s.per_month.len().saturating_sub(fit.min(12))..];
    let bars: Vec<Bar> = months
        .iter()
        .map(|(m, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(m.get(5..7).unwrap_or(m).to_string()))
                .style(theme.tag())
        })
        .collect();
    let chart = BarChart::default()
        .block(Block::new().title(Span::styled("films per month", theme.dim())))
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1);
    frame.render_widget(chart, area);
}

/// The most logged moods (up to three), each with its viewings per month over the months
/// of `per_month` (the last twelve at most).
fn moods_over_time(app: &App, s: &Stats) -> Vec<(String, Vec<(f64, f64)>)> {
    let months: Vec<&str> = s.per_month[s.per_month.len().saturating_sub(12)..]
        .iter()
        .map(|(m, _)| m.as_str())
        .collect();
    s.top_moods
        .iter()
        .take(3)
        .map(|(mood, _)| {
            let mut counts = vec![0usize; months.len()];
            for w in app.lib.watches() {
                if w.mood.as_deref().map(|m| m.trim().to_lowercase()).as_ref() != Some(mood) {
                    continue;
                }
                let month = app
                    .lib
                    .night_of(&w.watched_at)
                    .0
                    .format("%Y-%m")
                    .to_string();
                if let Some(i) = months.iter().position(|m| *m == month) {
                    counts[i] += 1;
                }
            }
            let points = counts
                .iter()
                .enumerate()
                .map(|(i, n)| (i as f64, *n as f64))
                .collect();
            (mood.clone(), points)
        })
        .collect()
}

/// Moods over time: one line per mood, viewings per month.
fn mood_chart(
    frame: &mut Frame,
    area: Rect,
    s: &Stats,
    series: &[(String, Vec<(f64, f64)>)],
    theme: &Theme,
) {
    let styles = [theme.accent(), theme.tag(), theme.title()];
    let markers = [Marker::Braille, Marker::Dot, Marker::Block];
    let datasets: Vec<Dataset> = series
        .iter()
        .enumerate()
        .map(|(i, (mood, points))| {
            Dataset::default()
                .name(sanitize(mood))
                .marker(markers[i % markers.len()])
                .graph_type(GraphType::Line)
                .style(styles[i % styles.len()])
                .data(points)
        })
        .collect();
    let months = &s.per_month[s.per_month.len().saturating_sub(12)..];
    let max_x = months.len().saturating_sub(1).max(1) as f64;
    let max_y = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, y)| *y))
        .fold(1.0, f64::max);
    let label = |i: usize| {
        months
            .get(i)
            .map(|(m, _)| m.get(2..).unwrap_or(m).to_string())
            .unwrap_or_default()
    };
    // The title is the legend: each mood with its line's look.
    let mut title = vec![Span::styled("moods over time", theme.dim())];
    for (i, (mood, _)) in series.iter().enumerate() {
        let mark = ["⣿", "•", "█"][i % 3];
        title.push(Span::styled(
            format!(" · {mark} {}", sanitize(mood)),
            styles[i % styles.len()],
        ));
    }
    let chart = Chart::new(datasets)
        .block(Block::new().title(Line::from(title)))
        .x_axis(
            Axis::default()
                .bounds([0.0, max_x])
                .labels([label(0), label(months.len().saturating_sub(1))])
                .style(theme.dim()),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, max_y])
                .labels(["0".to_string(), format!("{max_y:.0}")])
                .style(theme.dim()),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

fn summary(frame: &mut Frame, area: Rect, s: &Stats, theme: &Theme) {
    // The late-night share as a gauge on the first line, the figures below it.
    let area = match s.late_share {
        Some(x) if area.height > 2 => {
            let [gauge, rest] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
            let g = LineGauge::default()
                .label(Span::styled(
                    format!("late night {:>3.0}% ", x * 100.0),
                    theme.dim(),
                ))
                .ratio(x.clamp(0.0, 1.0))
                .filled_symbol("█")
                .unfilled_symbol("░")
                .filled_style(theme.accent())
                .unfilled_style(theme.dim());
            frame.render_widget(g, gauge);
            rest
        }
        _ => area,
    };
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
            lines.push(Line::from(format!("  {n:>3}  {}", sanitize(k))));
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
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

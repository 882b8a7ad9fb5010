//! The stats view's charts: viewings by hour of the night, films per month (labelled with
//! their years, as many recent months as fit), and moods over time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph, Widget, Wrap,
};

use crate::stats::Stats;
use crate::text::sanitize;
use crate::tui::app::App;
use crate::tui::theme::Theme;

/// Rows the hour chart and the month chart need to be read, and the mood chart.
pub const HOURS_MIN: u16 = 8;
pub const MONTHS_MIN: u16 = 6;
pub const MOODS_MIN: u16 = 6;

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Every month from the first with a viewing to the last ("2026-11", count), the months
/// without viewings at 0, so the bars are a time line.
pub fn months(s: &Stats) -> Vec<(i32, u32, usize)> {
    let parse = |m: &str| -> Option<(i32, u32)> {
        let (y, mo) = m.split_once('-')?;
        Some((y.parse().ok()?, mo.parse().ok()?))
    };
    let counted: Vec<((i32, u32), usize)> = s
        .per_month
        .iter()
        .filter_map(|(m, n)| Some((parse(m)?, *n)))
        .collect();
    let (Some(first), Some(last)) = (counted.first(), counted.last()) else {
        return Vec::new();
    };
    let (mut y, mut m) = first.0;
    let mut out = Vec::new();
    // At most a century of months (a stray date cannot make the list endless).
    while (y, m) <= last.0 && out.len() < 1200 {
        let n = counted
            .iter()
            .find(|(k, _)| *k == (y, m))
            .map_or(0, |(_, n)| *n);
        out.push((y, m, n));
        (y, m) = if m >= 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
}

fn month_name(m: u32) -> &'static str {
    MONTH_NAMES
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

pub fn hour_chart(buf: &mut Buffer, area: Rect, s: &Stats, theme: &Theme) {
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
    BarChart::default()
        .block(Block::new().title(Span::styled("hour of night", theme.dim())))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1)
        .render(area, buf);
    // Imports with dates only (Letterboxd) leave the chart empty: say why.
    if s.late_night + s.not_late == 0 && s.time_unknown > 0 && area.height >= 4 {
        let note = format!(
            "no time of day known: {} viewing{} imported with a date only",
            s.time_unknown,
            if s.time_unknown == 1 { "" } else { "s" }
        );
        let line = Rect::new(area.x, area.y + area.height / 2 - 1, area.width, 2);
        Paragraph::new(Span::styled(note, theme.dim()))
            .wrap(Wrap { trim: true })
            .render(line, buf);
    }
}

/// Films per month: as many of the latest months as fit (the title says how many earlier
/// ones do not), each bar labelled with its month, and the year written under the first
/// bar and under every January.
pub fn month_chart(buf: &mut Buffer, area: Rect, s: &Stats, theme: &Theme) {
    let all = months(s);
    // A bar is 3 cells and a gap 1: n bars take 4n − 1, and a cell stays free at the end.
    let fit = usize::from(area.width) / 4;
    let shown = &all[all.len().saturating_sub(fit)..];
    let hidden = all.len() - shown.len();
    let mut title = vec![Span::styled("films per month", theme.dim())];
    if hidden > 0 {
        title.push(Span::styled(
            format!(" · {hidden} earlier not shown"),
            theme.dim(),
        ));
    }
    let bars: Vec<Bar> = shown
        .iter()
        .map(|(_, m, n)| {
            Bar::default()
                .value(*n as u64)
                .label(Line::from(month_name(*m)))
                .style(theme.tag())
        })
        .collect();
    let chart_area = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    BarChart::default()
        .block(Block::new().title(Line::from(title)))
        .data(BarGroup::default().bars(&bars))
        .bar_width(3)
        .bar_gap(1)
        .render(chart_area, buf);
    if area.height < 2 {
        return;
    }
    let y = area.y + area.height - 1;
    let mut free_from = area.x;
    for (i, (year, m, _)) in shown.iter().enumerate() {
        if i > 0 && *m != 1 {
            continue;
        }
        let x = area.x + (i as u16) * 4;
        let label = year.to_string();
        if x < free_from || x + label.len() as u16 > area.right() {
            continue;
        }
        buf.set_string(x, y, &label, theme.dim());
        free_from = x + label.len() as u16 + 1;
    }
}

/// The most logged moods (up to three), each with its viewings per month over the last
/// twelve months of the diary.
pub fn moods_over_time(app: &App, s: &Stats) -> Vec<(String, Vec<(f64, f64)>)> {
    let all = months(s);
    let months: Vec<String> = all[all.len().saturating_sub(12)..]
        .iter()
        .map(|(y, m, _)| format!("{y}-{m:02}"))
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
pub fn mood_chart(
    buf: &mut Buffer,
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
    let all = months(s);
    let months = &all[all.len().saturating_sub(12)..];
    let max_x = months.len().saturating_sub(1).max(1) as f64;
    let max_y = series
        .iter()
        .flat_map(|(_, p)| p.iter().map(|(_, y)| *y))
        .fold(1.0, f64::max);
    let label = |i: usize| {
        months
            .get(i)
            .map(|(y, m, _)| format!("{} {y}", month_name(*m)))
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
    Chart::new(datasets)
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
        .legend_position(None)
        .render(area, buf);
}

//! The stats view: an hour-of-night bar chart, films per month, and the top lists.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Wrap};

use crate::catalog::codes::country_name;
use crate::stats::Stats;
use crate::text::sanitize;
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
    let [hours, months] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(charts);
    hour_chart(frame, hours, &s, theme);
    month_chart(frame, months, &s, theme);
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

fn summary(frame: &mut Frame, area: Rect, s: &Stats, theme: &Theme) {
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

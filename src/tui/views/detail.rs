//! The film detail pane: facts, mood tags, why it is here, and your history with it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::catalog::codes::{country_name, language_name};
use crate::text::sanitize;
use crate::tui::app::{App, Row};
use crate::tui::theme::Theme;

pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let block = Block::bordered()
        .title(Span::styled(" Film ", theme.title()))
        .border_style(theme.dim());
    let Some(film) = app.selected_film().and_then(|id| app.lib.film(id)) else {
        frame.render_widget(Paragraph::new("").block(block), area);
        return;
    };
    let mut lines = vec![Line::from(Span::styled(
        sanitize(&film.label()),
        theme.title(),
    ))];
    if film.original_title != film.title {
        lines.push(Line::from(Span::styled(
            sanitize(&film.original_title),
            theme.accent(),
        )));
    }
    let mut facts = Vec::new();
    if !film.directors().is_empty() {
        facts.push(film.directors().join(", "));
    }
    let countries: Vec<&str> = film
        .countries()
        .iter()
        .map(|c| country_name(c).unwrap_or(c))
        .collect();
    if !countries.is_empty() {
        facts.push(countries.join(", "));
    }
    if let Some(l) = film.languages().first() {
        facts.push(language_name(l).unwrap_or(l).to_string());
    }
    if let Some(rt) = film.runtime {
        let now = app.lib.clock.now();
        let end = now + chrono::Duration::minutes(i64::from(rt));
        let late = if app.lib.config.night.ends_after_bedtime(&now, rt) {
            " (after bedtime)"
        } else {
            ""
        };
        facts.push(format!("{rt} min · ends by {}{late}", end.format("%H:%M")));
    }
    lines.push(Line::from(sanitize(&facts.join(" · "))));
    if !film.genres().is_empty() {
        lines.push(Line::from(Span::styled(
            film.genres().join(", "),
            theme.dim(),
        )));
    }
    lines.push(Line::from(Span::styled(
        sanitize(&film.tags().join(" · ")),
        theme.tag(),
    )));
    if let Some(Row::Rec(r)) = app
        .rows
        .get(app.selected)
        .filter(|_| app.screen == crate::tui::app::Screen::Browse)
    {
        let why = r.why();
        if !why.is_empty() {
            lines.push(Line::from(vec![
                Span::styled("why: ", theme.dim()),
                Span::raw(sanitize(&why)),
            ]));
        }
    }
    if app.lib.on_watchlist(film.id) {
        lines.push(Line::from(Span::styled(
            "on your watchlist",
            theme.accent(),
        )));
    }
    for w in app.lib.watches_of(film.id) {
        let (night, _) = app.lib.night_of(&w.watched_at);
        let time = w
            .watched_at
            .moment()
            .map(|t| t.format(" %H:%M").to_string())
            .unwrap_or_default();
        let mut s = format!("seen {night}{time}");
        if let Some(r) = w.rating {
            s.push_str(&format!(" {}", r.glyphs()));
        }
        if w.liked {
            s.push_str(" ♥");
        }
        if let Some(n) = &w.note {
            s.push_str(&format!(" — {}", crate::markup::plain(n)));
        }
        lines.push(Line::from(Span::styled(sanitize(&s), theme.accent())));
    }
    if let Some(m) = app.lib.seen_mark(film.id) {
        // Seen before the diary (a rating or a watched film imported without a date).
        let mut s = String::from("seen before, no diary entry");
        if let Some(r) = m.rating {
            s.push_str(&format!(" {}", r.glyphs()));
        }
        if m.liked {
            s.push_str(" ♥");
        }
        if let crate::time::WatchedAt::Date(d) = m.watched_at
            && !m.is_undated_mark()
        {
            s.push_str(&format!(" (marked {d})"));
        }
        lines.push(Line::from(Span::styled(sanitize(&s), theme.accent())));
    }
    let p = Paragraph::new(lines).block(block).wrap(Wrap { trim: true });
    frame.render_widget(p, area);
}

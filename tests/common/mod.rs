//! Shared by the TUI test files: a view drawn on ratatui's `TestBackend`, as text.
// Each test file compiles this module on its own and uses part of it.
#![allow(dead_code)]

use nightreel::tui::app::App;
use nightreel::tui::theme::Theme;
use nightreel::tui::views;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The app drawn at `w`×`h` in the plain theme, a line of text per row.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let theme = Theme::plain();
    render_with(w, h, |f| views::draw(f, app, &theme))
}

/// What `draw` draws at `w`×`h`, as a terminal shows it: a wide character's second cell is
/// skipped, trailing blanks are trimmed.
pub fn render_with(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(draw).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            skip = nightreel::text::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

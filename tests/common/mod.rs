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

/// Where the terminal's cursor shows after drawing the app at `w`×`h` (column, row), if
/// it shows at all (only a text field being typed in shows it).
pub fn cursor(app: &App, w: u16, h: u16) -> Option<(u16, u16)> {
    let theme = Theme::plain();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::draw(f, app, &theme)).unwrap();
    let b = t.backend();
    b.cursor_visible()
        .then(|| (b.cursor_position().x, b.cursor_position().y))
}

/// The text of the cursor's row left of the cursor (as a terminal shows it), when the
/// cursor shows.
pub fn left_of_cursor(app: &App, w: u16, h: u16) -> Option<String> {
    let (x, y) = cursor(app, w, h)?;
    let screen = render(app, w, h);
    let line = screen.lines().nth(usize::from(y))?;
    let mut out = String::new();
    let mut col = 0;
    for c in line.chars() {
        if col >= usize::from(x) {
            break;
        }
        col += nightreel::text::width(c.encode_utf8(&mut [0; 4]));
        out.push(c);
    }
    // A cursor after the line's trimmed end: the blanks count.
    while col < usize::from(x) {
        out.push(' ');
        col += 1;
    }
    Some(out)
}

/// What `draw` draws at `w`×`h`, as a terminal shows it: a wide character's second cell is
/// skipped, trailing blanks are trimmed. When the terminal's cursor shows, a last line
/// says where: `[cursor at column X, row Y]` (from 0).
pub fn render_with(w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(draw).unwrap();
    let out = text_of(&t, w, h);
    let b = t.backend();
    if b.cursor_visible() {
        let p = b.cursor_position();
        return format!("{out}[cursor at column {}, row {}]\n", p.x, p.y);
    }
    out
}

fn text_of(t: &Terminal<TestBackend>, w: u16, h: u16) -> String {
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

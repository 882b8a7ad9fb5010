//! Colours and styles: built-in colours, the config's `[theme]` over them; plain (bold and
//! reverse only) when NO_COLOR is set.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;
use crate::error::{Error, Result};

/// The colour of each role; `[theme]` in the config sets them by these names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub title: Color,
    pub accent: Color,
    pub dim: Color,
    pub tag: Color,
    pub matched: Color,
    pub new: Color,
    pub error: Color,
}

impl Default for Palette {
    fn default() -> Palette {
        Palette {
            title: Color::Yellow,
            accent: Color::Cyan,
            dim: Color::DarkGray,
            tag: Color::Magenta,
            matched: Color::Yellow,
            new: Color::Green,
            error: Color::Red,
        }
    }
}

/// The roles `[theme]` knows, with what each colours.
pub const ROLES: &[(&str, &str)] = &[
    ("title", "titles and the header"),
    ("accent", "focused borders, times, your viewings"),
    ("dim", "secondary text, unfocused borders"),
    ("tag", "mood tags"),
    ("match", "matched letters of a search"),
    ("new", "new and risen entries after a re-rank"),
    ("error", "errors"),
];

/// The styles every view uses.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub color: bool,
    pub palette: Palette,
}

impl Theme {
    /// Built-in colours, unless the NO_COLOR convention asks for none.
    pub fn from_env() -> Theme {
        Theme {
            color: no_color_unset(),
            palette: Palette::default(),
        }
    }

    /// No colour at all.
    pub fn plain() -> Theme {
        Theme {
            color: false,
            palette: Palette::default(),
        }
    }

    /// The built-in colours with the config's `[theme]` over them (NO_COLOR still wins).
    /// A colour is a name ("red", "lightblue", "darkgray"), "#rrggbb" or an index 0–255;
    /// an unknown role or colour is an error naming file, line and entry.
    pub fn from_config(config: &Config) -> Result<Theme> {
        let mut palette = Palette::default();
        for e in &config.theme {
            let err = |message: String| Error::Parse {
                file: config.file.clone(),
                line: e.line,
                message: format!("theme.{}: {message}", e.name),
            };
            let [value] = e.values.as_slice() else {
                return Err(err("give one colour".into()));
            };
            let color: Color = value.trim().parse().map_err(|_| {
                err(format!(
                    "\"{value}\" is not a colour (a name like \"cyan\", \"#ff8800\" or 0–255)"
                ))
            })?;
            let slot = match e.name.as_str() {
                "title" => &mut palette.title,
                "accent" => &mut palette.accent,
                "dim" => &mut palette.dim,
                "tag" => &mut palette.tag,
                "match" => &mut palette.matched,
                "new" => &mut palette.new,
                "error" => &mut palette.error,
                _ => {
                    let names: Vec<&str> = ROLES.iter().map(|(n, _)| *n).collect();
                    return Err(err(format!(
                        "not a style; the styles are {}",
                        names.join(", ")
                    )));
                }
            };
            *slot = color;
        }
        Ok(Theme {
            color: no_color_unset(),
            palette,
        })
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(self.palette.title).add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg(self.palette.accent)
    }
    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }
    pub fn tag(&self) -> Style {
        self.fg(self.palette.tag)
    }
    pub fn highlight_match(&self) -> Style {
        self.fg(self.palette.matched)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused { self.accent() } else { self.dim() }
    }
    pub fn new_mark(&self) -> Style {
        self.fg(self.palette.new).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }
}

/// True unless NO_COLOR is set to something non-empty.
fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Entry;

    fn config(name: &str, value: &str) -> Config {
        Config {
            theme: vec![Entry {
                name: name.into(),
                values: vec![value.into()],
                line: 5,
            }],
            file: "t.toml".into(),
            ..Config::default()
        }
    }

    #[test]
    fn config_sets_colours() {
        let t = Theme::from_config(&config("accent", "#ff8800")).unwrap();
        assert_eq!(t.palette.accent, Color::Rgb(0xff, 0x88, 0x00));
        let t = Theme::from_config(&config("match", "lightblue")).unwrap();
        assert_eq!(t.palette.matched, Color::LightBlue);
        assert_eq!(t.palette.title, Palette::default().title);
    }

    #[test]
    fn bad_entries_name_file_line_and_key() {
        let msg = Theme::from_config(&config("accent", "chartreuse-ish"))
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("t.toml:5:") && msg.contains("theme.accent"),
            "{msg}"
        );
        let msg = Theme::from_config(&config("acent", "red"))
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("theme.acent") && msg.contains("accent"),
            "{msg}"
        );
    }

    #[test]
    fn plain_has_no_colour() {
        let t = Theme::plain();
        assert_eq!(t.accent(), Style::new());
        assert_eq!(t.selected(), Style::new().add_modifier(Modifier::REVERSED));
    }
}

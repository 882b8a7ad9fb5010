//! User configuration: the film-night boundary, the late-night window, bedtime; the TUI's
//! keymap and theme (read here, checked by the TUI, which knows the actions and styles).

use std::path::Path;

use chrono::NaiveTime;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::time::NightRules;

/// The parsed configuration file; every field has a default.
#[derive(Debug, Clone)]
pub struct Config {
    pub night: NightRules,
    /// Another Model2Vec model directory to use instead of the built-in one (relative paths
    /// are taken from the config file's directory).
    pub model_dir: Option<std::path::PathBuf>,
    /// Weights of the recommender.
    pub weights: Weights,
    /// Hide films that would end after bedtime (instead of marking them).
    pub hide_after_bedtime: bool,
    /// `[keys]`: an action's serde name and the keys that replace its default keys.
    pub keys: Vec<Entry>,
    /// `[theme]`: a style's name and its colour.
    pub theme: Vec<Entry>,
    /// The config file's name, for messages about these entries.
    pub file: String,
    /// `[startup] image_from`: catalogs of at least this many films keep a start-up image
    /// beside the database (see [`crate::image`]); `None` (0 in the file) for never.
    pub image_from: Option<usize>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            night: NightRules::default(),
            model_dir: None,
            weights: Weights::default(),
            hide_after_bedtime: false,
            keys: Vec::new(),
            theme: Vec::new(),
            file: String::new(),
            image_from: Some(crate::image::FROM_FILMS),
        }
    }
}

/// One `name = "value"` or `name = ["value", ...]` of a table the TUI interprets, with the
/// line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub values: Vec<String>,
    pub line: usize,
}

/// A value of `[keys]` or `[theme]`: one string or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The recommender's weights (`[recommend]` in the config). The defaults are the ones the
/// offline evaluation in the README was run with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Taste fit next to a mood (taste alone counts 1.0 when there is no mood).
    pub taste: f32,
    /// Late-night profile fit when it is late now (a third of it otherwise).
    pub late_night: f32,
    /// Half-life of a viewing's influence, in days.
    pub half_life_days: f32,
    /// Diversity (MMR): 0 keeps the plain order; higher spreads directors and styles.
    pub diversity: f32,
    /// Films that lifted (or settled) this viewer before, when the mood is low (or tense).
    pub outcome: f32,
    /// A small prior, next to a mood, for films many people rated (from imported catalogs).
    pub quality: f32,
    /// The same prior without a mood, when taste and what is widely seen are all there is.
    pub quality_no_mood: f32,
    /// Films of a series the viewer has watched (shared rare title words), scaled like taste.
    pub series: f32,
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            taste: 0.35,
            late_night: 0.2,
            half_life_days: 365.0,
            diversity: 0.2,
            outcome: 0.25,
            quality: 0.3,
            quality_no_mood: 2.0,
            series: 1.0,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    time: RawTime,
    #[serde(default)]
    model: RawModel,
    #[serde(default)]
    recommend: RawWeights,
    #[serde(default)]
    startup: RawStartup,
    #[serde(default)]
    keys: std::collections::BTreeMap<String, toml::Spanned<OneOrMany>>,
    #[serde(default)]
    theme: std::collections::BTreeMap<String, toml::Spanned<OneOrMany>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    taste: Option<f32>,
    late_night: Option<f32>,
    half_life_days: Option<f32>,
    diversity: Option<f32>,
    outcome: Option<f32>,
    quality: Option<f32>,
    quality_no_mood: Option<f32>,
    series: Option<f32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStartup {
    image_from: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    dir: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTime {
    day_boundary: Option<String>,
    late_night_start: Option<String>,
    late_night_end: Option<String>,
    bedtime: Option<String>,
    after_bedtime: Option<String>,
}

impl Config {
    /// Reads the config file; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let mut c = Config::parse(&text, &path.display().to_string())?;
                if let (Some(dir), Some(base)) = (&c.model_dir, path.parent())
                    && dir.is_relative()
                {
                    c.model_dir = Some(base.join(dir));
                }
                Ok(c)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(path, e)),
        }
    }

    /// Parses config text; `file` names it in error messages.
    pub fn parse(text: &str, file: &str) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            Error::Parse {
                file: file.to_string(),
                line,
                message: e.message().to_string(),
            }
        })?;
        let mut night = NightRules::default();
        let t = raw.time;
        let clock = |key: &str, v: &Option<String>| -> Result<Option<NaiveTime>> {
            match v {
                None => Ok(None),
                Some(s) => NaiveTime::parse_from_str(s.trim(), "%H:%M")
                    .map(Some)
                    .map_err(|_| Error::Parse {
                        file: file.to_string(),
                        line: line_of(text, key),
                        message: format!(
                            "time.{key} = \"{}\" is not a time like \"05:00\"",
                            crate::text::truncate(s, 40)
                        ),
                    }),
            }
        };
        if let Some(v) = clock("day_boundary", &t.day_boundary)? {
            night.day_boundary = v;
        }
        if let Some(v) = clock("late_night_start", &t.late_night_start)? {
            night.late_start = v;
        }
        if let Some(v) = clock("late_night_end", &t.late_night_end)? {
            night.late_end = v;
        }
        if night.late_start == night.late_end {
            let key = if t.late_night_end.is_some() {
                "late_night_end"
            } else {
                "late_night_start"
            };
            return Err(Error::Parse {
                file: file.to_string(),
                line: line_of(text, key),
                message: format!(
                    "time.late_night_start and time.late_night_end are both {}: the late-night \
                     window would be empty",
                    night.late_start.format("%H:%M")
                ),
            });
        }
        night.bedtime = clock("bedtime", &t.bedtime)?;
        let hide_after_bedtime = match t.after_bedtime.as_deref().map(str::trim) {
            None | Some("mark") => false,
            Some("hide") => true,
            Some(other) => {
                return Err(Error::Parse {
                    file: file.to_string(),
                    line: line_of(text, "after_bedtime"),
                    message: format!(
                        "time.after_bedtime = \"{}\": use \"mark\" or \"hide\"",
                        crate::text::truncate(other, 40)
                    ),
                });
            }
        };
        let model_dir = match raw.model.dir {
            Some(d) if d.trim().is_empty() => {
                return Err(Error::Parse {
                    file: file.to_string(),
                    line: line_of(text, "dir"),
                    message: "model.dir is empty; name a Model2Vec model directory".into(),
                });
            }
            Some(d) => Some(std::path::PathBuf::from(d.trim())),
            None => None,
        };
        let mut weights = Weights::default();
        let w = raw.recommend;
        let check = |key: &str, v: Option<f32>, max: f32| -> Result<Option<f32>> {
            match v {
                Some(x) if !(0.0..=max).contains(&x) || x.is_nan() => Err(Error::Parse {
                    file: file.to_string(),
                    line: line_of(text, key),
                    message: format!("recommend.{key} = {x} is out of range (0 to {max})"),
                }),
                other => Ok(other),
            }
        };
        if let Some(x) = check("taste", w.taste, 10.0)? {
            weights.taste = x;
        }
        if let Some(x) = check("late_night", w.late_night, 10.0)? {
            weights.late_night = x;
        }
        if let Some(x) = check("half_life_days", w.half_life_days, 100_000.0)? {
            weights.half_life_days = x.max(1.0);
        }
        if let Some(x) = check("diversity", w.diversity, 1.0)? {
            weights.diversity = x;
        }
        if let Some(x) = check("outcome", w.outcome, 10.0)? {
            weights.outcome = x;
        }
        if let Some(x) = check("quality", w.quality, 10.0)? {
            weights.quality = x;
        }
        if let Some(x) = check("quality_no_mood", w.quality_no_mood, 10.0)? {
            weights.quality_no_mood = x;
        }
        if let Some(x) = check("series", w.series, 10.0)? {
            weights.series = x;
        }
        let entries = |table: std::collections::BTreeMap<String, toml::Spanned<OneOrMany>>| {
            let mut v: Vec<Entry> = table
                .into_iter()
                .map(|(name, value)| {
                    let line = text[..value.span().start.min(text.len())]
                        .matches('\n')
                        .count()
                        + 1;
                    let values = match value.into_inner() {
                        OneOrMany::One(s) => vec![s],
                        OneOrMany::Many(v) => v,
                    };
                    Entry { name, values, line }
                })
                .collect();
            v.sort_by_key(|e| e.line);
            v
        };
        Ok(Config {
            night,
            model_dir,
            weights,
            hide_after_bedtime,
            keys: entries(raw.keys),
            theme: entries(raw.theme),
            file: file.to_string(),
            image_from: match raw.startup.image_from {
                None => Some(crate::image::FROM_FILMS),
                Some(0) => None,
                Some(n) => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            },
        })
    }
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            // The key itself, not a longer key it begins ("quality" in "quality_no_mood").
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;

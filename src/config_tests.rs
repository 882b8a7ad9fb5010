//! Tests of the config file: defaults, times, weights, keys and theme, errors with lines.

use super::*;

#[test]
fn defaults_when_empty() {
    let c = Config::parse("", "c.toml").unwrap();
    assert_eq!(
        c.night.day_boundary,
        NaiveTime::from_hms_opt(5, 0, 0).unwrap()
    );
    assert_eq!(
        c.night.late_start,
        NaiveTime::from_hms_opt(22, 0, 0).unwrap()
    );
}

#[test]
fn reads_times() {
    let c = Config::parse(
        "[time]\nday_boundary = \"06:00\"\nlate_night_start = \"23:30\"\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(
        c.night.day_boundary,
        NaiveTime::from_hms_opt(6, 0, 0).unwrap()
    );
    assert_eq!(
        c.night.late_start,
        NaiveTime::from_hms_opt(23, 30, 0).unwrap()
    );
}

#[test]
fn bad_time_names_file_and_line() {
    let err = Config::parse("[time]\n\nbedtime = \"25:99\"\n", "my.toml").unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("my.toml:3:"), "{msg}");
    assert!(msg.contains("25:99"), "{msg}");
}

#[test]
fn an_empty_late_night_window_is_refused() {
    let err = Config::parse(
        "[time]\nlate_night_start = \"03:00\"\nlate_night_end = \"03:00\"\n",
        "my.toml",
    )
    .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("my.toml:3:") && msg.contains("03:00"),
        "{msg}"
    );
    let err = Config::parse("[time]\nlate_night_start = \"05:00\"\n", "my.toml").unwrap_err();
    assert!(err.to_string().starts_with("my.toml:2:"), "{err}");
    // The window may cross midnight or not.
    Config::parse(
        "[time]\nlate_night_start = \"01:00\"\nlate_night_end = \"04:00\"\n",
        "c",
    )
    .unwrap();
}

#[test]
fn reads_weights_and_refuses_bad_ones() {
    let c = Config::parse("[recommend]\ntaste = 0.5\ndiversity = 0\n", "c.toml").unwrap();
    assert_eq!(c.weights.taste, 0.5);
    assert_eq!(c.weights.diversity, 0.0);
    let err = Config::parse("[recommend]\n\ndiversity = 3\n", "c.toml").unwrap_err();
    assert!(err.to_string().starts_with("c.toml:3:"), "{err}");
}

#[test]
fn keys_and_theme_with_their_lines() {
    let c = Config::parse(
        "[keys]\nquit = \"Q\"\ntoggle_diary = [\"d\", \"f2\"]\n\n[theme]\naccent = \"#ff8800\"\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(
        c.keys,
        vec![
            Entry {
                name: "quit".into(),
                values: vec!["Q".into()],
                line: 2
            },
            Entry {
                name: "toggle_diary".into(),
                values: vec!["d".into(), "f2".into()],
                line: 3
            },
        ]
    );
    assert_eq!(c.theme[0].line, 6);
    assert_eq!(c.file, "c.toml");
    let err = Config::parse("[keys]\nquit = 3\n", "c.toml").unwrap_err();
    assert!(err.to_string().starts_with("c.toml:2:"), "{err}");
}

#[test]
fn unknown_key_names_line() {
    let err = Config::parse("[time]\nlate = 1\n", "my.toml").unwrap_err();
    assert!(err.to_string().starts_with("my.toml:2:"), "{err}");
}

use super::*;
use crate::config::Entry;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn shift_is_part_of_the_character() {
    let map = Keymap::default();
    let g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(map.on_screen(Mode::Browse, &g), Some(Action::Bottom));
    let c = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(map.on_screen(Mode::Browse, &c), None);
}

fn config(keys: &[(&str, &[&str], usize)]) -> Config {
    Config {
        keys: keys
            .iter()
            .map(|(n, v, line)| Entry {
                name: n.to_string(),
                values: v.iter().map(|s| s.to_string()).collect(),
                line: *line,
            })
            .collect(),
        file: "my.toml".into(),
        ..Config::default()
    }
}

#[test]
fn config_replaces_an_actions_keys() {
    let map = Keymap::from_config(&config(&[("toggle_diary", &["F2", "ctrl-d"], 3)])).unwrap();
    let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(map.on_screen(Mode::Browse, &d), None);
    let f2 = press(KeyCode::F(2), KeyModifiers::NONE);
    assert_eq!(map.on_screen(Mode::Stats, &f2), Some(Action::ToggleDiary));
    let cd = press(KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(map.on_screen(Mode::Diary, &cd), Some(Action::ToggleDiary));
    let help = map.help(Mode::Browse);
    assert!(help.contains(&("F2 Ctrl-d".to_string(), "diary".to_string())));
}

#[test]
fn a_key_two_actions_share_on_a_screen_is_refused() {
    let err = Keymap::from_config(&config(&[("toggle_diary", &["q"], 5)])).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("my.toml:5: keys.toggle_diary:"), "{msg}");
    assert!(msg.contains("\"q\"") && msg.contains("quit"), "{msg}");
    // Moving quit out of the way first, or later in the file, is fine.
    for keys in [
        &[("quit", &["Q"][..], 2), ("toggle_diary", &["q"], 3)][..],
        &[("toggle_diary", &["q"], 2), ("quit", &["Q"], 3)],
    ] {
        let map = Keymap::from_config(&config(keys));
        assert!(map.is_ok(), "{map:?}");
    }
    // The same key on screens that never meet: `x` deletes in the diary.
    assert!(Keymap::from_config(&config(&[("clear_nudges", &["e"], 2)])).is_ok());
    assert!(Keymap::from_config(&config(&[("delete_watch", &["+"], 2)])).is_ok());
    let err = Keymap::from_config(&config(&[("edit_watch", &["x"], 2)])).unwrap_err();
    assert!(err.to_string().contains("delete_watch"), "{err}");
}

#[test]
fn bad_entries_name_file_line_and_key() {
    let err = Keymap::from_config(&config(&[("toggle_dairy", &["d"], 4)])).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("my.toml:4:"), "{msg}");
    assert!(msg.contains("keys.toggle_dairy"), "{msg}");
    assert!(
        msg.contains("toggle_diary"),
        "the actions are listed: {msg}"
    );
    let err = Keymap::from_config(&config(&[("quit", &["hyper-q"], 7)])).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.starts_with("my.toml:7:") && msg.contains("hyper-q"),
        "{msg}"
    );
}

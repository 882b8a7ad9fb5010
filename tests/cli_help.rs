//! What `--help` tells a new user: that nightreel alone opens the TUI, and each
//! subcommand's own options apart from the global ones (they were interleaved:
//! `--db` between `--year` and `--at`).

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_nightreel"))
        .args(args)
        .env_remove("NIGHTREEL_DB")
        .env_remove("NIGHTREEL_NOW")
        .env_remove("NIGHTREEL_CONFIG")
        .output()
        .expect("run nightreel");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("utf-8 help")
}

#[test]
fn the_top_help_says_that_nightreel_alone_opens_the_tui() {
    let h = help(&["--help"]);
    assert!(
        h.contains("Without a command, nightreel opens the terminal UI"),
        "{h}"
    );
}

#[test]
fn each_subcommands_help_lists_its_own_options_then_the_global_ones() {
    for (cmd, first, last) in [
        ("log", "--year", "--json"),
        ("recommend", "--mood", "--json"),
        ("search", "--limit", "--json"),
        ("import", "--json", "--json"),
        ("diary", "--since", "--json"),
    ] {
        let h = help(&[cmd, "--help"]);
        let global = h
            .find("Global options:")
            .unwrap_or_else(|| panic!("{cmd}: no global heading\n{h}"));
        let own = h.find("Options:").expect("own options");
        assert!(own < global, "{cmd}\n{h}");
        let section = |a: usize, b: usize| &h[a..b];
        let mine = section(own, global);
        let theirs = &h[global..];
        for o in [first, last] {
            assert!(mine.contains(o), "{cmd}: {o} not among its options\n{h}");
        }
        for g in ["--db", "--config", "--now"] {
            assert!(!mine.contains(g), "{cmd}: {g} among its own options\n{h}");
            assert!(
                theirs.contains(g),
                "{cmd}: {g} not under Global options\n{h}"
            );
        }
    }
}

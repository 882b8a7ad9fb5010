//! Tests of `mood::query`: presets, free text in English and Chinese, emoji, stop words,
//! word forms and critiques.

use super::*;

fn r() -> MoodResolver {
    MoodResolver::builtin().unwrap()
}

#[test]
fn preset_by_name() {
    let q = r().resolve("Slow-burn loneliness");
    assert_eq!(q.weight("lonely"), 1.0);
    assert!(q.unknown.is_empty());
    let q = r().resolve("压抑");
    assert!(q.weight("repressed") > 0.0);
}

#[test]
fn free_text_english() {
    let q = r().resolve("rain on neon, lonely but warm");
    assert!(q.weight("neon") > 0.0, "{q:?}");
    assert!(q.weight("lonely") > 0.0, "{q:?}");
    assert!(q.weight("warm") > 0.0, "{q:?}");
    assert!(q.unknown.is_empty(), "{q:?}");
}

#[test]
fn the_words_that_carry_a_sentence_are_no_part_of_the_mood() {
    let q = r().resolve("a heist that goes wrong after the war, someone comes home");
    assert_eq!(q.unknown, ["wrong"], "{q:?}");
    assert!(q.weight("heist") > 0.0 && q.weight("war") > 0.0, "{q:?}");
}

#[test]
fn chinese_words_for_things_become_english_words_for_the_model() {
    let q = r().resolve("武士复仇");
    assert!(q.weight("revenge") > 0.0, "{q:?}");
    assert_eq!(q.words, ["samurai"], "{q:?}");
    assert!(q.understood.contains(&("samurai".to_string(), Vec::new())));
    assert!(q.unknown.is_empty(), "{q:?}");
    // Said twice, read once; a word with tags keeps them and adds its English.
    let q = r().resolve("武士 武士 外婆");
    assert_eq!(q.words, ["samurai", "grandmother"], "{q:?}");
    assert!(!q.tags.is_empty(), "{q:?}");
}

#[test]
fn word_forms_match_tags() {
    let q = r().resolve("slow-burn loneliness");
    assert!(
        q.weight("slow-burn") > 0.0 && q.weight("lonely") > 0.0,
        "{q:?}"
    );
    let q = r().resolve("melancholy");
    assert!(q.weight("melancholic") > 0.0, "{q:?}");
}

#[test]
fn emoji_are_moods_too() {
    let q = r().resolve("🌧️🌃");
    assert!(
        q.weight("rain-soaked") > 0.0 && q.weight("city-night") > 0.0,
        "{q:?}"
    );
    let q = r().resolve("lonely 😢🏻 tonight");
    assert!(
        q.weight("lonely") > 0.0 && q.weight("melancholic") > 0.0,
        "{q:?}"
    );
    assert!(q.unknown.is_empty(), "{q:?}");
    assert!(r().resolve("🧲").is_empty(), "an emoji nothing knows");
}

#[test]
fn chinese_and_unknown_words() {
    let q = r().resolve("孤独的夜晚");
    assert!(q.weight("lonely") > 0.0, "{q:?}");
    assert!(q.unknown.is_empty(), "{q:?}");
    let q = r().resolve("lonely qwzx");
    assert_eq!(q.unknown, vec!["qwzx".to_string()]);
}

#[test]
fn a_word_said_twice_is_one_word() {
    let q = r().resolve("submarine, Submarine and qwzx 蘑菇 submarine 蘑菇");
    assert_eq!(q.unknown, ["submarine", "qwzx", "蘑菇"], "{q:?}");
}

#[test]
fn a_critique_in_chinese_of_a_thing_no_tag_names_reads_its_english() {
    let res = r();
    let q = res.critique(res.resolve("revenge"), &[], &["武士".into()]);
    assert_eq!(q.nudges[0].word, "samurai", "{q:?}");
    assert_eq!(q.nudges[0].sign, -1.0);
}

#[test]
fn critiques_move_weights() {
    let res = r();
    let q = res.resolve("quiet awe");
    let q = res.critique(q, &["tender".into()], &["bleak".into()]);
    assert!(q.weight("tender") > 0.0);
    assert!(q.weight("bleak") < 0.0);
}

#[test]
fn a_word_that_means_something_else_as_often_is_read_by_the_model() {
    let q = r().resolve("car racing in an old house");
    assert_eq!(q.weight("heart-racing"), 0.0, "{q:?}");
    assert_eq!(q.weight("old-age"), 0.0, "{q:?}");
    assert!(q.understood.contains(&("racing".to_string(), Vec::new())));
    assert!(q.unknown.iter().all(|w| w != "old"), "{q:?}");
    // As a phrase the tag is meant.
    assert_eq!(r().resolve("old age").weight("old-age"), 1.0);
}

#[test]
fn a_negation_denies_the_word_after_it() {
    let less = |q: &MoodQuery| -> Vec<String> {
        q.nudges
            .iter()
            .filter(|n| n.sign < 0.0)
            .map(|n| n.word.clone())
            .collect()
    };
    let q = r().resolve("scary but not gory");
    assert!(q.weight("dread") > 0.0, "{q:?}");
    assert_eq!(less(&q), ["gory"], "{q:?}");
    assert!(q.tags.iter().filter(|(_, w)| *w < 0.0).count() > 0, "{q:?}");
    // Over "or", past fillers, up to "just".
    let q = r().resolve("no violence or gore, just warm");
    assert_eq!(less(&q), ["violence", "gore"], "{q:?}");
    assert!(q.weight("warm") > 0.0, "{q:?}");
    let q = r().resolve("i don't want anything too sad");
    assert_eq!(less(&q), ["sad"], "{q:?}");
    assert!(q.weight("melancholic") < 0.0, "{q:?}");
    // Only a denial: its opposites are asked for, lightly.
    assert!(
        q.weight("uplifting") == 0.5 && q.weight("warm") == 0.5,
        "{q:?}"
    );
    // Chinese: 不 denies; a word that starts with it is a word of its own.
    let q = r().resolve("恐怖但不血腥");
    assert_eq!(less(&q), ["血腥"], "{q:?}");
    assert!(q.tags.iter().any(|(_, w)| *w > 0.0), "{q:?}");
    let q = r().resolve("没有暴力");
    assert_eq!(less(&q), ["暴力"], "{q:?}");
    let q = r().resolve("不安");
    assert!(q.weight("anxious") > 0.0 && less(&q).is_empty(), "{q:?}");
    // A word the lexicon does not know is denied too (for the model), and ends the negation.
    let q = r().resolve("not qwzx lonely");
    assert_eq!(less(&q), ["qwzx"], "{q:?}");
    assert!(q.weight("lonely") > 0.0, "{q:?}");
    let q = r().resolve("action, less talk");
    assert_eq!(less(&q), ["talk"], "{q:?}");
    assert!(!q.understood.iter().any(|(w, _)| w == "talk"), "{q:?}");
    // A Chinese negation does not reach past a space.
    let q = r().resolve("不 想笑");
    assert!(q.weight("funny") > 0.0 && less(&q).is_empty(), "{q:?}");
}

#[test]
fn a_mood_names_where_and_when() {
    let q = r().resolve("korean revenge thriller");
    assert_eq!(q.countries, ["KR"], "{q:?}");
    assert!(q.weight("revenge") > 0.0 && q.unknown.is_empty(), "{q:?}");
    // Not "frenetic": a people's word is their country.
    let q = r().resolve("french new wave");
    assert_eq!(q.countries, ["FR"], "{q:?}");
    assert_eq!(q.weight("frenetic"), 0.0, "{q:?}");
    let q = r().resolve("hong kong action in the 1970s, or the '80s");
    assert_eq!(q.countries, ["HK"], "{q:?}");
    assert_eq!(q.decades, [1970, 1980], "{q:?}");
    let q = r().resolve("bleak soviet sixties 90s 00s");
    assert_eq!(q.decades, [1960, 1990, 2000], "{q:?}");
    assert_eq!(q.countries, ["SU"], "{q:?}");
    assert_eq!(
        q.facts(),
        ["from Soviet Union", "the 1960s", "the 1990s", "the 2000s"]
    );
    let q = r().resolve("韩国复仇");
    assert_eq!(q.countries, ["KR"], "{q:?}");
    assert!(q.weight("revenge") > 0.0, "{q:?}");
    // Only a place is still a mood.
    assert!(!r().resolve("japanese").is_empty());
    // Numbers that are no decade.
    let q = r().resolve("1975 45s 7s");
    assert!(q.decades.is_empty(), "{q:?}");
}

#[test]
fn a_word_can_name_a_country_and_a_kind_of_film() {
    for mood in ["anime", "日漫", "日本動畫"] {
        let q = r().resolve(mood);
        assert_eq!(q.countries, ["JP"], "{mood}: {q:?}");
        assert!(q.weight("hand-drawn") > 0.0, "{mood}: {q:?}");
    }
    let q = r().resolve("bollywood romance");
    assert_eq!(q.countries, ["IN"], "{q:?}");
    assert!(q.weight("music-driven") > 0.0, "{q:?}");
}

#[test]
fn falling_asleep_is_no_autumn() {
    let q = r().resolve("something to fall asleep to");
    assert_eq!(q.weight("autumn"), 0.0, "{q:?}");
    assert!(q.weight("serene") > 0.0 && q.weight("quiet") > 0.0, "{q:?}");
    // "fall in love in the fall": the first is love, the second the season.
    let q = r().resolve("fall in love in the fall");
    assert!(
        q.weight("romantic") > 0.0 && q.weight("autumn") > 0.0,
        "{q:?}"
    );
    assert_eq!(r().resolve("fall in love").weight("autumn"), 0.0);
}

#[test]
fn a_mood_that_only_denies_asks_for_the_opposite() {
    for (mood, wanted) in [
        ("not sad", "uplifting"),
        ("nothing scary", "cozy"),
        ("no violence", "tender"),
        ("I want to feel less alone", "friendship"),
    ] {
        let q = r().resolve(mood);
        assert_eq!(q.weight(wanted), 0.5, "{mood}: {q:?}");
        assert!(q.tags.iter().any(|(_, w)| *w < 0.0), "{mood}: {q:?}");
    }
    // With anything else to go on, a denial only denies.
    let q = r().resolve("rainy night, not sad");
    assert_eq!(q.weight("uplifting"), 0.0, "{q:?}");
    // The viewer's bad mood is no denial: it wants lifting.
    for mood in ["心情不好 想笑", "bad day, need a laugh"] {
        let q = r().resolve(mood);
        assert!(
            q.weight("funny") > 0.0 && q.weight("warm") > 0.0,
            "{mood}: {q:?}"
        );
    }
}

#[test]
fn a_short_film_is_asked_for_without_a_number() {
    for mood in [
        "something short and funny",
        "nothing too long",
        "不要太长的喜剧",
    ] {
        let q = r().resolve(mood);
        assert_eq!(q.runtime.and_then(|r| r.max), Some(100), "{mood}: {q:?}");
    }
}

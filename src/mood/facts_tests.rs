//! Tests of `mood::facts`: lengths and audiences in English and Chinese.

use super::*;

fn rt(text: &str) -> Option<Runtime> {
    read(&crate::text::fold(text)).runtime
}

fn max(m: u32) -> Option<Runtime> {
    Some(Runtime {
        min: None,
        max: Some(m),
    })
}

fn min(m: u32) -> Option<Runtime> {
    Some(Runtime {
        min: Some(m),
        max: None,
    })
}

#[test]
fn lengths_a_mood_asks_for() {
    assert_eq!(rt("something sad under 90 minutes"), max(90));
    assert_eq!(rt("less than 2 hours"), max(120));
    assert_eq!(rt("cozy, 1.5 hours max"), max(90));
    assert_eq!(rt("an hour and a half or less"), max(90));
    assert_eq!(rt("under 100min please"), max(100));
    assert_eq!(rt("no longer than 1h45"), max(105));
    assert_eq!(rt("not over two hours"), max(120));
    assert_eq!(rt("epic, over 3 hours"), min(180));
    assert_eq!(rt("at least 150 minutes"), min(150));
    assert_eq!(rt("2 hours or more"), min(120));
    assert_eq!(rt("under 90"), max(90));
    assert_eq!(
        rt("over 90 minutes but under 2 hours"),
        Some(Runtime {
            min: Some(90),
            max: Some(120)
        })
    );
    assert_eq!(rt("两小时以内的悲伤电影"), max(120));
    assert_eq!(rt("90分钟以内"), max(90));
    assert_eq!(rt("不超过一个半小时"), max(90));
    assert_eq!(rt("三小时以上"), min(180));
}

#[test]
fn words_that_are_no_length() {
    for text in [
        "under the sea",
        "over the moon",
        "lonely",
        "a man under 2 suns",
        "over 2",
        "2001 a space odyssey",
        "less dark",
        "not over it",
        "一个人",
    ] {
        assert_eq!(rt(text), None, "{text}");
    }
}

#[test]
fn the_words_that_said_it_are_blanked() {
    let f = read(&crate::text::fold("sad, under 90 minutes, for kids"));
    assert_eq!(f.rest.split_whitespace().collect::<Vec<_>>(), ["sad,", ","]);
    assert!(f.for_kids);
    assert_eq!(f.words, ["under", "90", "minutes", "for", "kids"]);
    let f = read("两小时以内的悲伤电影");
    assert_eq!(f.rest.trim(), "的悲伤电影");
}

#[test]
fn audiences() {
    for text in [
        "family movie night",
        "something funny for the kids",
        "kid-friendly adventure",
        "合家欢",
        "适合孩子看的",
    ] {
        assert!(read(&crate::text::fold(text)).for_kids, "{text}");
    }
    for text in [
        "family drama",
        "childhood",
        "kids growing up",
        "not for kids",
    ] {
        assert!(!read(&crate::text::fold(text)).for_kids, "{text}");
    }
}

#[test]
fn labels() {
    assert_eq!(max(90).unwrap().label(), "under 1½ hours");
    assert_eq!(max(100).unwrap().label(), "under 100 minutes");
    assert_eq!(min(120).unwrap().label(), "2 hours or longer");
}

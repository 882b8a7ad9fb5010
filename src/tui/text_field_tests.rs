use super::*;

fn field(text: &str, cursor: usize) -> TextField {
    let mut f = TextField::new(text);
    f.edit(Edit::Home);
    for _ in 0..cursor {
        f.edit(Edit::Right);
    }
    f
}

#[test]
fn moves_and_types_by_character() {
    let mut f = TextField::new("孤独的夜晚");
    assert_eq!(f.cursor(), 5);
    f.edit(Edit::Left);
    f.edit(Edit::Left);
    f.insert('🌧');
    assert_eq!(f, "孤独的🌧夜晚");
    f.edit(Edit::Home);
    f.insert('a');
    f.edit(Edit::End);
    f.insert('z');
    assert_eq!(f, "a孤独的🌧夜晚z");
    for _ in 0..20 {
        f.edit(Edit::Right);
    }
    assert_eq!(f.cursor(), 8);
    f.edit(Edit::Home);
    f.edit(Edit::Left);
    assert_eq!(f.cursor(), 0);
}

#[test]
fn deletes_at_the_cursor() {
    let mut f = field("rain on neon", 4);
    assert!(f.backspace());
    assert_eq!((f.as_str(), f.cursor()), ("rai on neon", 3));
    assert!(f.edit(Edit::Delete));
    assert_eq!((f.as_str(), f.cursor()), ("raion neon", 3));
    let mut f = field("夜晚", 0);
    assert!(!f.backspace());
    assert!(f.edit(Edit::Delete));
    assert_eq!(f, "晚");
    let mut f = field("夜晚", 2);
    assert!(!f.edit(Edit::Delete));
}

#[test]
fn deletes_a_word_or_to_the_start() {
    let mut f = TextField::new("rain on  neon  ");
    assert!(f.edit(Edit::DeleteWord));
    assert_eq!(f, "rain on  ");
    assert!(f.edit(Edit::DeleteWord));
    assert_eq!(f, "rain ");
    let mut f = field("lonely but warm", 10);
    f.edit(Edit::DeleteWord);
    assert_eq!((f.as_str(), f.cursor()), ("lonely  warm", 7));
    f.edit(Edit::DeleteToStart);
    assert_eq!((f.as_str(), f.cursor()), (" warm", 0));
    assert!(!f.edit(Edit::DeleteWord));
}

#[test]
fn paste_goes_in_at_the_cursor() {
    let mut f = field("rain warm", 5);
    f.insert_str("on neon, ");
    assert_eq!((f.as_str(), f.cursor()), ("rain on neon, warm", 14));
}

#[test]
fn the_view_keeps_the_cursor_in_sight_in_display_columns() {
    // CJK characters take two cells: the cursor after two of them is in cell 4.
    assert_eq!(field("孤独的夜晚", 2).view(20), ("孤独的夜晚".into(), 4));
    assert_eq!(TextField::new("ab").view(20), ("ab".into(), 2));
    // Too long: the end shows when the cursor is there.
    let (shown, col) = TextField::new("rain on neon, lonely but warm").view(12);
    assert_eq!((shown.as_str(), col), ("…y but warm", 11));
    // Near the start, the start shows and the rest is cut.
    let (shown, col) = field("rain on neon, lonely but warm", 2).view(12);
    assert_eq!((shown.as_str(), col), ("rain on neo…", 2));
    // In the middle, a window around it.
    let (shown, col) = field("rain on neon, lonely but warm", 16).view(12);
    assert_eq!((shown.as_str(), col), ("…, lonely b…", 5));
    assert!(width(&shown) <= 12);
    // Cursor after "孤独的夜晚孤独", before the second "的": in cell 3, after "…独".
    let f = field("孤独的夜晚孤独的夜晚孤独的夜晚", 7);
    assert_eq!(f.view(10), ("…独的夜晚…".into(), 3));
}

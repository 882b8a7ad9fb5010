//! Text helpers: counts of things, accent folding, terminal-safe text, display width and truncation.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

/// "1 film", "3 films": a count and its noun (English plurals in -s).
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Lowercases and strips accents ("Amélie" → "amelie"); Traditional Chinese characters
/// become Simplified ("花樣年華" → "花样年华"), so either script finds the other; other
/// scripts are kept.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Nothing to decompose: the common case, kept fast for large imports.
        return s.to_ascii_lowercase();
    }
    simplified(s)
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Appends `s` folded char by char (the text [`fold_with_map`] gives) to `out`, without the
/// position map and without allocating when `out` has room.
pub fn fold_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in simplified(s).chars() {
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            out.extend(d.to_lowercase());
        }
    }
}

/// `s` with Traditional Chinese characters made Simplified, one character for one (so
/// positions in it are positions in `s`).
fn simplified(s: &str) -> std::borrow::Cow<'_, str> {
    // Only three-byte characters (the Basic Multilingual Plane's CJK) can change.
    if s.chars().any(|c| c.len_utf8() == 3) {
        std::borrow::Cow::Owned(fast2s::convert(s))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Folds `s` char by char and records, for each folded char, the index of the source char
/// it came from (so match positions can be mapped back for highlighting).
pub fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in simplified(s).chars().enumerate() {
        for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
            for l in d.to_lowercase() {
                out.push(l);
                map.push(i);
            }
        }
    }
    (out, map)
}

/// The words of `text` with their byte ranges: runs of chars `is_word` accepts (it is given
/// each char's byte offset too), and each char `is_symbol` accepts as a word of its own.
pub fn word_spans(
    text: &str,
    is_word: impl Fn(usize, char) -> bool,
    is_symbol: impl Fn(char) -> bool,
) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(i, c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((&text[s..i], s..i));
                start = None;
            }
            _ => {}
        }
        if is_symbol(c) {
            out.push((&text[i..i + c.len_utf8()], i..i + c.len_utf8()));
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], s..text.len()));
    }
    out
}

/// Makes text from data safe to show: control characters, escape sequences and bidi
/// overrides become visible stand-in symbols; newlines and tabs become spaces.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' | '\t' | '\r' => ' ',
            c if c.is_control() => '\u{FFFD}',
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{2028}'
            | '\u{2029}' => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Like [`sanitize`], but keeps line breaks (for multi-line messages).
pub fn sanitize_multiline(s: &str) -> String {
    s.split('\n').map(sanitize).collect::<Vec<_>>().join("\n")
}

/// `text` broken at spaces into lines of at most `width` cells; a word wider than a line is
/// broken between characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = self::width(word);
        if !line.is_empty() && self::width(&line) + 1 + w <= width {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            if self::width(&line) + c.width().unwrap_or(0) > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Display width in terminal cells.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Cuts `s` to at most `max` cells, ending with "…" when cut; never splits a character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `s` to at most `max` cells from its start, beginning with "…" when cut: the end of
/// a text being typed, where the cursor is.
pub fn truncate_start(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut tail = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        tail.push(c);
        used += w;
    }
    std::iter::once('…').chain(tail.into_iter().rev()).collect()
}

/// A comparable form of a title: folded, punctuation dropped, a leading or moved article removed.
pub fn title_key(t: &str) -> String {
    let folded = fold(t);
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    const ARTICLES: &[&str] = &[
        "the", "a", "an", "le", "la", "les", "l", "il", "el", "der", "die", "das",
    ];
    if words.len() > 1 && ARTICLES.contains(&words[0]) {
        words.remove(0);
    } else if words.len() > 1 && ARTICLES.contains(words.last().unwrap_or(&"")) && t.contains(',') {
        words.pop();
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_keys() {
        assert_eq!(title_key("Mirror, The"), "mirror");
        assert_eq!(title_key("The Mirror"), "mirror");
        assert_eq!(title_key("Amélie"), "amelie");
        assert_eq!(title_key("Paris, Texas"), "paris texas");
        assert_eq!(title_key("2046"), "2046");
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("a bb ccc dddd", 6), vec!["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("abcdefgh ij", 3), vec!["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("花樣年華 x", 4), vec!["花樣", "年華", "x"]);
        assert_eq!(wrap("", 5), vec![""]);
        for line in wrap("the rating \"4½\" is not a number from 0.5 to 5", 7) {
            assert!(width(&line) <= 7, "{line:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Amélie"), "amelie");
        assert_eq!(fold("Ökologie À"), "okologie a");
        // Traditional Chinese folds to Simplified, one character for one; Simplified and
        // Japanese kana stay as they are.
        assert_eq!(fold("花樣年華"), "花样年华");
        assert_eq!(fold("重慶森林"), fold("重庆森林"));
        assert_eq!(fold("千と千尋の神隠し").chars().count(), 8);
        let (f, map) = fold_with_map("《花樣年華》 Mood");
        assert_eq!(f, "《花样年华》 mood");
        assert_eq!(map, (0..f.chars().count()).collect::<Vec<_>>());
        let (f, map) = fold_with_map("Cléo");
        assert_eq!(f, "cleo");
        assert_eq!(map, vec![0, 1, 2, 3]);
        let mut out = String::from("x|");
        for s in ["Cléo", "ÅNGSTRÖM İstanbul ǅ", "花樣年華", "Plain ASCII"] {
            fold_into(&mut out, s);
            out.push('|');
        }
        let want: Vec<String> = ["Cléo", "ÅNGSTRÖM İstanbul ǅ", "花樣年華", "Plain ASCII"]
            .iter()
            .map(|s| fold_with_map(s).0)
            .collect();
        assert_eq!(out, format!("x|{}|", want.join("|")));
    }

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\u{FFFD}[31mb");
        assert_eq!(sanitize("x\u{202E}y"), "x\u{FFFD}y");
        assert_eq!(sanitize("line\nbreak"), "line break");
        assert_eq!(
            sanitize("a\u{2028}b\u{061C}c\0d\u{9b}e"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e"
        );
    }

    #[test]
    fn truncation_respects_wide_chars() {
        assert_eq!(truncate("花樣年華", 5), "花樣…");
        assert_eq!(truncate("花樣年華", 8), "花樣年華");
        assert_eq!(truncate("Casablanca", 5), "Casa…");
        assert_eq!(width("花樣"), 4);
        assert_eq!(truncate_start("花樣年華", 5), "…年華");
        assert_eq!(truncate_start("Casablanca█", 6), "…anca█");
        assert_eq!(truncate_start("Casa", 4), "Casa");
        assert_eq!(truncate_start("Casa", 0), "");
    }

    #[test]
    fn a_count_of_one_is_singular() {
        assert_eq!(plural(1, "film"), "1 film");
        assert_eq!(plural(0, "film"), "0 films");
        assert_eq!(plural(2, "viewing"), "2 viewings");
    }
}

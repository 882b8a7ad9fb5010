//! Notes as people read them: a Letterboxd review comes with the site's HTML ("<i>", "<br />",
//! "&amp;"), kept as written so an export gives it back, and shown as plain text.

use std::borrow::Cow;

/// `s` without HTML tags, with line breaks for `<br>` and paragraph ends, and with character
/// references decoded ("&amp;" → "&", "&#8217;" → "’"). Text that is not a tag stays: "<3",
/// "a < b".
pub fn plain(s: &str) -> Cow<'_, str> {
    if !s.contains('<') && !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(['<', '&']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            match tag(rest) {
                Some((len, name)) => {
                    if matches!(name.as_str(), "br" | "p" | "/p" | "div" | "/div" | "li") {
                        // A break starts a new line; a paragraph's opening one at the very
                        // start leaves none.
                        if !out.is_empty() && !out.ends_with('\n') {
                            out.push('\n');
                        }
                    }
                    rest = &rest[len..];
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            match entity(rest) {
                Some((len, c)) => {
                    out.push(c);
                    rest = &rest[len..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    Cow::Owned(out)
}

/// A tag at the start of `s` ("<i>", "</b>", "<br />", "<a href=\"…\">"): its length and its
/// lowercase name ("/p" for a closing one).
fn tag(s: &str) -> Option<(usize, String)> {
    let body = s.strip_prefix('<')?;
    let (closing, name_at) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    let name: String = name_at
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // The name ends at a blank, "/" or ">", and the tag at the first ">" on its line.
    let after = &name_at[name.len()..];
    if !after.starts_with([' ', '/', '>', '\t']) {
        return None;
    }
    let end = s.find('>')?;
    if s[..end].contains('\n') {
        return None;
    }
    let name = name.to_ascii_lowercase();
    Some((end + 1, if closing { format!("/{name}") } else { name }))
}

/// A character reference at the start of `s`: its length and the character.
fn entity(s: &str) -> Option<(usize, char)> {
    let end = s[..s.len().min(12)].find(';')?;
    let name = &s[1..end];
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" | "#39" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = if let Some(hex) = name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                name.strip_prefix('#')?.parse().ok()?
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
        }
    };
    Some((end + 1, c))
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn a_letterboxd_review_reads_as_text() {
        assert_eq!(
            plain("<p>So <i>good</i> &amp; sad.</p><p>Saw it at 2&nbsp;a.m.</p>"),
            "So good & sad.\nSaw it at 2 a.m."
        );
        assert_eq!(plain("one<br />two<br>three"), "one\ntwo\nthree");
        assert_eq!(
            plain("<a href=\"https://boxd.it/x\">link</a> &#8217;&#x2019;"),
            "link ’’"
        );
    }

    #[test]
    fn text_that_is_no_markup_stays() {
        for s in [
            "<3",
            "a < b > c",
            "R&D",
            "fish & chips",
            "&nosuch;",
            "5 <=6",
            "",
        ] {
            assert_eq!(plain(s), s, "{s}");
        }
        assert!(matches!(plain("plain note"), std::borrow::Cow::Borrowed(_)));
    }
}

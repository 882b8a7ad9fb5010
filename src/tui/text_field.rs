//! One line of editable text with a cursor, shared by every text field of the TUI (the mood
//! box, the search box, the nudge and import prompts, the log dialog's text fields): the
//! cursor moves by character, and a field shows the part of its text around the cursor.

use serde::{Deserialize, Serialize};

use crate::text::{sanitize, width};

/// A cursor movement or deletion in a text field (Backspace is `Action::Backspace`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// ← : one character left.
    Left,
    /// → : one character right.
    Right,
    /// Home, Ctrl-A: to the start.
    Home,
    /// End, Ctrl-E: to the end.
    End,
    /// Del: the character under the cursor.
    Delete,
    /// Ctrl-W: the word before the cursor (and the spaces after it).
    DeleteWord,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
}

/// Text and a cursor between two of its characters (counted in characters, not bytes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
}

impl TextField {
    /// A field holding `text`, the cursor at its end.
    pub fn new(text: impl Into<String>) -> TextField {
        let text = text.into();
        let cursor = text.chars().count();
        TextField { text, cursor }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How many characters are before the cursor.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Empties the field.
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// The byte offset of the character boundary before character `i`.
    fn byte(&self, i: usize) -> usize {
        self.text
            .char_indices()
            .nth(i)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Types `c` at the cursor.
    pub fn insert(&mut self, c: char) {
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Puts `s` (a paste) at the cursor, the cursor after it.
    pub fn insert_str(&mut self, s: &str) {
        let at = self.byte(self.cursor);
        self.text.insert_str(at, s);
        self.cursor += s.chars().count();
    }

    /// Deletes the characters from `from` to the cursor; true when something went.
    fn delete_back_to(&mut self, from: usize) -> bool {
        if from >= self.cursor {
            return false;
        }
        let (a, b) = (self.byte(from), self.byte(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = from;
        true
    }

    /// Deletes the character before the cursor; true when there was one.
    pub fn backspace(&mut self) -> bool {
        self.delete_back_to(self.cursor.saturating_sub(1))
    }

    /// Applies a movement or deletion; true when the text changed.
    pub fn edit(&mut self, e: Edit) -> bool {
        let len = self.text.chars().count();
        match e {
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::Delete if self.cursor < len => {
                let (a, b) = (self.byte(self.cursor), self.byte(self.cursor + 1));
                self.text.replace_range(a..b, "");
                return true;
            }
            Edit::Delete => {}
            Edit::DeleteWord => {
                let before: Vec<char> = self.text.chars().take(self.cursor).collect();
                let mut from = before.len();
                while from > 0 && before[from - 1].is_whitespace() {
                    from -= 1;
                }
                while from > 0 && !before[from - 1].is_whitespace() {
                    from -= 1;
                }
                return self.delete_back_to(from);
            }
            Edit::DeleteToStart => return self.delete_back_to(0),
        }
        false
    }

    /// What a field `cells` wide shows (sanitized, cut with "…" where text is hidden) and
    /// the cell the cursor is in. The cursor always has a cell: at the end it is the one
    /// after the text. The end of the text is shown when the cursor is near it; otherwise
    /// the text from a little before the cursor.
    pub fn view(&self, cells: usize) -> (String, usize) {
        let chars: Vec<char> = sanitize(&self.text).chars().collect();
        let w = |cs: &[char]| cs.iter().map(|c| width(c.encode_utf8(&mut [0; 4]))).sum();
        let total: usize = w(&chars);
        let before: usize = w(&chars[..self.cursor.min(chars.len())]);
        if cells == 0 {
            return (String::new(), 0);
        }
        if total < cells {
            return (chars.iter().collect(), before);
        }
        if cells < 3 {
            return (String::new(), 0);
        }
        // The end of the text, after "…", when the cursor is in it.
        let mut start = chars.len();
        let mut used = 1 + 1; // "…" and the cell after the text
        while start > 0 && used + w(&chars[start - 1..start]) <= cells {
            start -= 1;
            used += w(&chars[start..start + 1]);
        }
        if self.cursor >= start {
            let shown: String = std::iter::once('…')
                .chain(chars[start..].iter().copied())
                .collect();
            return (shown, 1 + w(&chars[start..self.cursor]));
        }
        // Else a window from about a third of the width before the cursor.
        let mut from = self.cursor.min(chars.len());
        let lead = cells / 3;
        while from > 0 && w(&chars[from - 1..self.cursor]) <= lead {
            from -= 1;
        }
        let mut shown = String::new();
        let mut used = 0;
        if from > 0 {
            shown.push('…');
            used = 1;
        }
        let col = used + w(&chars[from..self.cursor]);
        for (i, c) in chars.iter().enumerate().skip(from) {
            let cw = w(std::slice::from_ref(c));
            // Room for the "…" that says the text goes on.
            if used + cw + usize::from(i + 1 < chars.len()) > cells {
                shown.push('…');
                break;
            }
            shown.push(*c);
            used += cw;
        }
        (shown, col)
    }
}

impl std::ops::Deref for TextField {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for TextField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&str> for TextField {
    fn from(s: &str) -> TextField {
        TextField::new(s)
    }
}

impl From<String> for TextField {
    fn from(s: String) -> TextField {
        TextField::new(s)
    }
}

impl PartialEq<str> for TextField {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for TextField {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

#[cfg(test)]
#[path = "text_field_tests.rs"]
mod tests;

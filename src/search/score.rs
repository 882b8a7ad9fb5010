//! The fuzzy score of one field: the skim V2 alignment of fuzzy-matcher (same constants,
//! same recurrences, case ignored), rewritten over bytes or chars with two rows of scratch
//! space, plus an upper bound that lets a search skip fields that cannot reach its top rows.
//!
//! Why not call fuzzy-matcher for every field: its `fuzzy_indices` keeps a score matrix per
//! thread between calls and reads a stale "consecutive bonus" from it, so the same field and
//! query can score differently depending on what was matched before (about 1 in 10,000 random
//! pairs), and `fuzzy_match` (two rows) disagrees with `fuzzy_indices` more often still. This
//! is the score `fuzzy_indices` gives on a fresh matcher, every time; tests compare the two.

const SCORE_MATCH: i32 = 16;
const PENALTY_CASE_MISMATCH: i32 = -2;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
const NEG_INFINITY: i32 = i16::MIN as i32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn class(c: u32) -> Class {
    match char::from_u32(c).unwrap_or('\u{FFFD}') {
        '\0' => Class::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Class::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Class::SoftSep,
        '0'..='9' => Class::Number,
        'A'..='Z' => Class::Upper,
        _ => Class::Lower,
    }
}

fn in_place_bonus(prev: Class, cur: Class) -> i32 {
    match (prev, cur) {
        (Class::Empty | Class::HardSep, _) => BONUS_HEAD,
        (Class::SoftSep, _) => BONUS_BREAK,
        (Class::Lower | Class::Number, Class::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

fn lower(c: u32) -> u32 {
    if (u32::from(b'A')..=u32::from(b'Z')).contains(&c) {
        c + 32
    } else {
        c
    }
}

/// A bit per character kind: a–z, digits, and everything else sharing one bit.
pub fn char_bit(c: u32) -> u32 {
    match char::from_u32(c) {
        Some(c @ 'a'..='z') => 1 << (c as u32 - 'a' as u32),
        Some('0'..='9') => 1 << 26,
        _ => 1 << 27,
    }
}

/// The kinds of character that stand at a word start (after a separator) anywhere but the
/// very first position of `text`: only there can a query's first character earn a head
/// bonus (8, or 7 after a soft separator) when the field does not start with it.
pub fn head_mask(text: &str) -> u32 {
    let mut mask = 0;
    let mut prev = Class::Empty;
    for (i, c) in text.chars().enumerate() {
        let class = class(u32::from(c));
        if i > 0 && in_place_bonus(prev, class) > 0 {
            mask |= char_bit(u32::from(c));
        }
        prev = class;
    }
    mask
}

/// The highest score `pattern` can reach on a field without ASCII capitals (folded text),
/// given the in-place bonus its first character can earn there: 16 when the field starts
/// with it, 8 when it stands at another word start ([`head_mask`]), else 0. The first
/// character adds at most 16 − 1 + that bonus; each later one adds the match score plus at
/// most the in-place bonus it could earn right after the previous pattern character (8 after
/// a hard separator, 7 after a soft one, else the consecutive bonus 4), since a gap costs 4
/// and no bonus exceeds 8 past the first column.
pub fn upper_bound(pattern: &[u32], first_bonus: i32) -> i64 {
    if pattern.is_empty() {
        return 0;
    }
    let first = SCORE_MATCH + GAP_EXTENSION + first_bonus;
    let rest: i32 = pattern
        .windows(2)
        .map(|w| {
            let after = match class(w[0]) {
                Class::Empty | Class::HardSep => BONUS_HEAD,
                Class::SoftSep => BONUS_BREAK,
                _ => BONUS_CONSECUTIVE,
            };
            SCORE_MATCH + after.max(BONUS_CONSECUTIVE)
        })
        .sum();
    i64::from(first + rest)
}

/// The first-character bonus [`upper_bound`] takes, for a field and a pattern's first char.
pub fn first_bonus(starts_with_first: bool, head_mask: u32, first: u32) -> i32 {
    if starts_with_first {
        BONUS_HEAD * BONUS_FIRST_CHAR_MULTIPLIER
    } else if head_mask & char_bit(first) != 0 {
        BONUS_HEAD
    } else {
        0
    }
}

/// Reusable scratch space (one per thread).
#[derive(Default)]
pub struct Scratch {
    chars: Vec<u32>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    m: [Vec<i32>; 2],
    p: [Vec<i32>; 2],
}

/// The score of `pattern` (already lower-case) in `text`, or `None` when it is not a
/// subsequence. Equal to fuzzy-matcher's `SkimMatcherV2::default().ignore_case()`
/// `fuzzy_indices(text, pattern)` score on a fresh matcher.
pub fn score(text: &str, pattern: &[u32], scratch: &mut Scratch) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    if text.is_ascii() {
        let bytes = text.as_bytes();
        score_units(bytes, |i| u32::from(bytes[i]), pattern, scratch)
    } else {
        let mut chars = std::mem::take(&mut scratch.chars);
        chars.clear();
        chars.extend(text.chars().map(u32::from));
        let r = score_units(&chars, |i| chars[i], pattern, scratch);
        scratch.chars = chars;
        r
    }
}

/// True when `pattern` is a subsequence of `text`, compared byte by byte: necessary for a
/// match (a char subsequence is a byte subsequence in UTF-8), and exact for ASCII.
pub fn bytes_contain(text: &[u8], pattern: &[u8]) -> bool {
    let mut p = pattern.iter();
    let mut want = p.next();
    for b in text {
        match want {
            Some(w) if w == b => want = p.next(),
            Some(_) => {}
            None => return true,
        }
    }
    want.is_none()
}

fn score_units<T>(
    units: &[T],
    at: impl Fn(usize) -> u32,
    pattern: &[u32],
    s: &mut Scratch,
) -> Option<i64> {
    let n = units.len();
    // First possible position of each pattern char (fuzzy-matcher's `cheap_matches`).
    s.first.clear();
    let mut k = 0;
    for j in 0..n {
        if k == pattern.len() {
            break;
        }
        if lower(at(j)) == lower(pattern[k]) {
            s.first.push(j);
            k += 1;
        }
    }
    if k < pattern.len() {
        return None;
    }
    let cols = n + 1;
    s.bonus.clear();
    s.bonus.resize(cols, 0);
    let mut prev = Class::Empty;
    for j in 0..n {
        let c = class(at(j));
        s.bonus[j + 1] = in_place_bonus(prev, c);
        prev = c;
    }
    if cols > 1 {
        s.bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
    }
    for r in 0..2 {
        s.m[r].clear();
        s.m[r].resize(cols, NEG_INFINITY);
        s.p[r].clear();
        s.p[r].resize(cols, NEG_INFINITY);
    }
    // Row 0: nothing of the pattern aligned yet.
    s.p[0].iter_mut().for_each(|x| *x = GAP_EXTENSION);
    let mut cur = 0;
    for (i, &pc) in pattern.iter().enumerate() {
        let now = cur ^ 1;
        cur = now;
        let skip = s.first[i];
        let [m0, m1] = &mut s.m;
        let [p0, p1] = &mut s.p;
        let (m_prev, m_cur, p_prev, p_cur) = if now == 1 {
            (&*m0, m1, &*p0, p1)
        } else {
            (&*m1, m0, &*p1, p0)
        };
        m_cur[skip] = NEG_INFINITY;
        p_cur[skip] = NEG_INFINITY;
        let pl = lower(pc);
        for col in skip + 1..cols {
            let c = at(col - 1);
            if lower(c) == pl {
                let bonus = s.bonus[col];
                let consecutive = bonus.max(BONUS_CONSECUTIVE);
                let by_match = m_prev[col - 1] + consecutive;
                let by_skip = p_prev[col - 1] + bonus;
                let case = if c == pc { 0 } else { PENALTY_CASE_MISMATCH };
                m_cur[col] = by_match.max(by_skip) + (SCORE_MATCH + case).max(0);
            } else {
                m_cur[col] = NEG_INFINITY;
            }
            p_cur[col] =
                (GAP_START + GAP_EXTENSION + m_cur[col - 1]).max(GAP_EXTENSION + p_cur[col - 1]);
        }
    }
    let last = s.first[pattern.len() - 1];
    s.m[cur][last..].iter().max().map(|&x| i64::from(x))
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    /// Random fields and queries over an alphabet with every character class: the score
    /// equals fuzzy-matcher's on a fresh matcher, and never exceeds the bound.
    #[test]
    fn equals_fuzzy_matcher_and_respects_the_bound() {
        let alphabet: Vec<char> = "ab c-.Ae(1é花Z_".chars().collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut scratch = Scratch::default();
        for _ in 0..40_000 {
            let text: String = (0..next(24))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let pattern: String = (0..1 + next(5))
                .map(|_| alphabet[next(alphabet.len())])
                .collect::<String>()
                .to_lowercase();
            let chars: Vec<u32> = pattern.chars().map(u32::from).collect();
            let want = SkimMatcherV2::default()
                .ignore_case()
                .fuzzy_indices(&text, &pattern)
                .map(|(s, _)| s);
            let got = score(&text, &chars, &mut scratch);
            assert_eq!(got, want, "{text:?} / {pattern:?}");
            // The bound and the prefilter are for folded (lower-case) text.
            let folded = text.to_lowercase();
            if let Some(s) = score(&folded, &chars, &mut scratch) {
                let starts = folded.chars().next() == pattern.chars().next();
                let bonus = first_bonus(starts, head_mask(&folded), chars[0]);
                assert!(s <= upper_bound(&chars, bonus), "{folded:?} / {pattern:?}");
                assert!(bytes_contain(folded.as_bytes(), pattern.as_bytes()));
            }
        }
    }
}

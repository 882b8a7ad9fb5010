//! Lengths and audiences in Chinese moods ("两小时以内", "不超过一个半小时", "合家欢").

use super::facts::Runtime;

/// Chinese phrases that say children are watching (folded: simplified characters).
const FOR_KIDS_ZH: &[&str] = &[
    "适合孩子",
    "适合儿童",
    "适合小孩",
    "和孩子",
    "陪孩子",
    "带孩子",
    "儿童片",
    "儿童电影",
    "合家欢",
    "全家一起",
    "亲子",
];

/// Chinese phrases that ask for a short film without a number (folded: simplified).
const SHORT_ZH: &[&str] = &[
    "不要太长",
    "别太长",
    "不太长",
    "不要很长",
    "短一点",
    "短一些",
    "短点的",
];

/// Chinese lengths ("90分钟以内", "两小时以内", "不超过两个小时", "两小时以上") and
/// audiences; their byte ranges are added to `blank`.
pub(super) fn read(text: &str, blank: &mut Vec<std::ops::Range<usize>>) -> (Option<Runtime>, bool) {
    let mut kids = false;
    for p in FOR_KIDS_ZH {
        for (at, _) in text.match_indices(p) {
            kids = true;
            blank.push(at..at + p.len());
        }
    }
    let mut runtime: Option<Runtime> = None;
    for p in SHORT_ZH {
        for (at, _) in text.match_indices(p) {
            runtime.get_or_insert_default().merge(Runtime {
                max: Some(super::facts::SHORT_MAX),
                min: None,
            });
            blank.push(at..at + p.len());
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        // Only a digit, a Chinese numeral or 不 can start a length.
        if !(chars[i].1.is_ascii_digit() || "一二两三四五不".contains(chars[i].1)) {
            i += 1;
            continue;
        }
        let rest: String = chars[i..].iter().take(12).map(|(_, c)| *c).collect();
        let (lead, max_lead) = if rest.starts_with("不超过") {
            (3, true)
        } else if rest.starts_with("不到") {
            (2, true)
        } else {
            (0, false)
        };
        let body: Vec<char> = rest.chars().skip(lead).collect();
        let digits: String = body.iter().take_while(|c| c.is_ascii_digit()).collect();
        let (n, used) = if digits.is_empty() {
            let n = match body.first() {
                Some('一') => 1.0,
                Some('二' | '两') => 2.0,
                Some('三') => 3.0,
                Some('四') => 4.0,
                Some('五') => 5.0,
                _ => {
                    i += 1;
                    continue;
                }
            };
            (n, 1)
        } else {
            match digits.parse::<f32>() {
                Ok(n) => (n, digits.chars().count()),
                Err(_) => {
                    i += 1;
                    continue;
                }
            }
        };
        let after: String = body[used..].iter().collect();
        let unit = ["分钟", "个半小时", "个小时", "小时", "个钟头", "钟头"]
            .iter()
            .find(|u| after.starts_with(**u));
        let Some(unit) = unit else {
            i += 1;
            continue;
        };
        let minutes = match *unit {
            "分钟" => n,
            "个半小时" => n * 60.0 + 30.0,
            _ => n * 60.0,
        };
        let tail = &after[unit.len()..];
        let bound = if max_lead
            || ["以内", "以下", "之内", "内"]
                .iter()
                .any(|s| tail.starts_with(s))
        {
            Some(true)
        } else if ["以上", "多"].iter().any(|s| tail.starts_with(s)) {
            Some(false)
        } else {
            None
        };
        let Some(max) = bound else {
            i += 1;
            continue;
        };
        let m = minutes.round() as u32;
        let r = if max {
            Runtime {
                min: None,
                max: Some(m),
            }
        } else {
            Runtime {
                min: Some(m),
                max: None,
            }
        };
        runtime.get_or_insert_default().merge(r);
        let suffix = ["以内", "以下", "之内", "以上", "内", "多"]
            .iter()
            .find(|s| tail.starts_with(**s))
            .map_or(0, |s| s.chars().count());
        let start = chars[i].0;
        let len_chars = lead + used + unit.chars().count() + suffix;
        let end = chars.get(i + len_chars).map_or(text.len(), |(b, _)| *b);
        blank.push(start..end);
        i += len_chars;
    }
    (runtime, kids)
}

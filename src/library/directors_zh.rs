//! Directors named in Chinese: "王家卫", "是枝裕和的电影", "像塔可夫斯基那样". The forms come
//! from `assets/directors_zh.toml`; a form counts only when the catalog has that director.

use std::collections::HashMap;
use std::ops::Range;

use super::directors::Named;
use crate::catalog::names_zh::{is_separator, table};
use crate::mood::is_cjk;
use crate::text::fold;

/// Before a name: the mood asks for films like the director's ("像王家卫").
const LIKE_BEFORE: &[&str] = &["像", "类似", "仿佛", "有如", "好像"];
/// After a name: the same ("王家卫风格", "王家卫式的", "王家卫那样", "王家卫味儿").
const LIKE_AFTER: &[&str] = &[
    "风格", "式", "那样", "一样", "那种", "这种", "似的", "味儿", "味", "范儿", "风",
];

/// The Chinese forms of the catalog's directors.
#[derive(Debug, Default)]
pub struct ZhNames {
    /// Folded form → the catalog's names.
    forms: HashMap<String, Vec<String>>,
    /// The longest form, in chars.
    longest: usize,
}

impl ZhNames {
    /// The forms of the directors among `names` (the catalog's directors, as it writes them).
    pub fn build<'a>(names: impl IntoIterator<Item = &'a str>) -> ZhNames {
        let table = table();
        let mut zh = ZhNames::default();
        for name in names {
            let Some(forms) = table.by_name.get(&fold(name)) else {
                continue;
            };
            for form in forms {
                zh.longest = zh.longest.max(form.chars().count());
                let names = zh.forms.entry(form.clone()).or_default();
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
        zh
    }

    /// Notes in `named` the directors `text` names in Chinese and returns `text` with those
    /// names (and a cue after them, "风格") blanked out.
    pub fn read(&self, text: &str, named: &mut Named) -> String {
        if self.forms.is_empty() || !text.chars().any(is_cjk) {
            return text.to_string();
        }
        // Each char with its byte range, CJK folded to Simplified.
        let chars: Vec<(char, Range<usize>)> = text
            .char_indices()
            .map(|(at, c)| {
                let folded = if is_cjk(c) {
                    fold(c.encode_utf8(&mut [0; 4])).chars().next().unwrap_or(c)
                } else {
                    c
                };
                (folded, at..at + c.len_utf8())
            })
            .collect();
        let mut blank: Vec<Range<usize>> = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let Some((end, names, form)) = self.longest_at(&chars, i) else {
                i += 1;
                continue;
            };
            let before: String = chars[..i].iter().map(|(c, _)| *c).collect();
            let mut like = LIKE_BEFORE.iter().any(|b| before.trim_end().ends_with(b));
            let after: String = chars[end..].iter().map(|(c, _)| *c).collect();
            let mut stop = end;
            if let Some(cue) = LIKE_AFTER.iter().find(|a| after.starts_with(**a)) {
                like = true;
                stop += cue.chars().count();
            }
            let list = if like { &mut named.like } else { &mut named.by };
            for name in names {
                if !list.contains(name) {
                    list.push(name.clone());
                }
            }
            named.words.push(form);
            blank.push(chars[i].1.start..chars[stop - 1].1.end);
            i = stop;
        }
        let mut rest = text.to_string();
        for r in blank {
            rest.replace_range(r.clone(), &" ".repeat(r.len()));
        }
        rest
    }

    /// The longest form starting at char `i` (a CJK char): the index after its last char, the
    /// names, and the form.
    fn longest_at(
        &self,
        chars: &[(char, Range<usize>)],
        i: usize,
    ) -> Option<(usize, &Vec<String>, String)> {
        if !is_cjk(chars[i].0) {
            return None;
        }
        let mut form = String::new();
        let mut best = None;
        let mut n = 0;
        for (k, (c, _)) in chars.iter().enumerate().skip(i) {
            if is_separator(*c) && k > i {
                continue;
            }
            if !is_cjk(*c) || n == self.longest {
                break;
            }
            form.push(*c);
            n += 1;
            if let Some(names) = self.forms.get(&form) {
                best = Some((k + 1, names, form.clone()));
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> ZhNames {
        ZhNames::build([
            "Wong Kar-wai",
            "David Lynch",
            "Andrei Tarkovsky",
            "Joel Coen",
            "Ethan Coen",
            "Hirokazu Kore-eda",
            "Akira Kurosawa",
        ])
    }

    fn read(text: &str) -> (Named, String) {
        let mut named = Named::default();
        let rest = names().read(text, &mut named);
        (named, rest)
    }

    #[test]
    fn chinese_names_ask_for_the_directors_films() {
        assert_eq!(read("王家卫").0.by, ["Wong Kar-wai"]);
        // Traditional characters, and the Japanese spelling.
        assert_eq!(read("王家衛的電影").0.by, ["Wong Kar-wai"]);
        assert_eq!(read("黒澤明").0.by, ["Akira Kurosawa"]);
        assert_eq!(read("是枝裕和的家庭片").0.by, ["Hirokazu Kore-eda"]);
        // With or without the middle dot.
        assert_eq!(read("大卫·林奇").0.by, ["David Lynch"]);
        assert_eq!(read("大卫林奇的噩梦").0.by, ["David Lynch"]);
        assert_eq!(read("科恩兄弟").0.by, ["Joel Coen", "Ethan Coen"]);
    }

    #[test]
    fn a_cue_asks_for_films_like_theirs() {
        assert_eq!(read("像塔可夫斯基那样的电影").0.like, ["Andrei Tarkovsky"]);
        assert_eq!(read("王家卫风格, 下雨").0.like, ["Wong Kar-wai"]);
        assert_eq!(read("王家卫式的孤独").0.like, ["Wong Kar-wai"]);
        assert!(read("王家卫式的孤独").0.by.is_empty());
    }

    #[test]
    fn the_name_is_blanked_and_the_rest_kept() {
        let (n, rest) = read("孤独, 王家卫风格");
        assert_eq!(n.words, ["王家卫"]);
        assert_eq!(rest.trim_end(), "孤独,");
        // A director the catalog does not have is no name here.
        let (n, rest) = read("诺兰");
        assert!(n.by.is_empty() && n.like.is_empty());
        assert_eq!(rest, "诺兰");
    }
}

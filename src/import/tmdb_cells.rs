//! The list cells of TMDB catalogs in their three shapes: JSON (TMDB 5000), Python literals
//! (Kaggle's "The Movies Dataset": `[{'id': 16, 'name': 'Animation'}]`) and plain names
//! (Kaggle's "TMDB movies dataset": `Action, Science Fiction`), and country and language
//! names turned into their ISO codes.

use serde::Deserialize;

#[derive(Deserialize, Default)]
pub(super) struct Named {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub english_name: Option<String>,
    #[serde(default)]
    pub iso_3166_1: Option<String>,
    #[serde(default)]
    pub iso_639_1: Option<String>,
    #[serde(default)]
    pub job: Option<String>,
}

/// The entries of a list cell, whichever of the three shapes it has.
pub(super) fn list(cell: &str, column: &str) -> Result<Vec<Named>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(Vec::new());
    }
    if !cell.starts_with('[') {
        return Ok(cell
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| Named {
                name: n.to_string(),
                ..Named::default()
            })
            .collect());
    }
    match serde_json::from_str(cell) {
        Ok(v) => Ok(v),
        Err(json) => python_to_json(cell)
            .and_then(|j| serde_json::from_str(&j).ok())
            .ok_or_else(|| format!("{column} is not a JSON list, nor a Python one ({json})")),
    }
}

/// A Python literal (`repr` of lists, dicts, strings, numbers, None, True, False) as JSON, or
/// `None` when it is not one.
fn python_to_json(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                let mut text = String::new();
                loop {
                    match chars.next()? {
                        q if q == c => break,
                        '\\' => text.push(unescape(&mut chars)?),
                        other => text.push(other),
                    }
                }
                out.push_str(&serde_json::to_string(&text).ok()?);
            }
            c if c.is_ascii_alphabetic() => {
                let mut word = String::from(c);
                while let Some(&n) = chars.peek().filter(|n| n.is_ascii_alphanumeric()) {
                    word.push(n);
                    chars.next();
                }
                out.push_str(match word.as_str() {
                    "None" => "null",
                    "True" => "true",
                    "False" => "false",
                    _ => return None,
                });
            }
            c => out.push(c),
        }
    }
    Some(out)
}

fn unescape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    let hex = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| {
        let digits: String = chars.by_ref().take(n).collect();
        u32::from_str_radix(&digits, 16)
            .ok()
            .and_then(char::from_u32)
    };
    Some(match chars.next()? {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        'x' => hex(chars, 2)?,
        'u' => hex(chars, 4)?,
        'U' => hex(chars, 8)?,
        other => other,
    })
}

/// Names TMDB gives countries where the ISO 3166-1 short name differs.
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("united states of america", "US"),
    ("czech republic", "CZ"),
    ("korea", "KR"),
    ("republic of korea", "KR"),
    ("russian federation", "RU"),
    ("viet nam", "VN"),
    ("macedonia", "MK"),
    ("iran, islamic republic of", "IR"),
    ("taiwan, province of china", "TW"),
    ("hong kong sar china", "HK"),
];

/// Names TMDB gives languages where the ISO 639-1 English name differs.
const LANGUAGE_ALIASES: &[(&str, &str)] = &[
    ("mandarin", "zh"),
    ("cantonese", "zh"),
    ("shanghainese", "zh"),
    ("普通话", "zh"),
    ("广州话 / 廣州話", "zh"),
    ("farsi", "fa"),
    ("haitian; haitian creole", "ht"),
];

/// A TMDB language code as ISO 639-1: TMDB's own "cn" (Cantonese) is Chinese, "zh"; its
/// "xx" (no language) is none.
pub(super) fn iso_language(code: &str) -> Option<String> {
    match code.trim().to_ascii_lowercase().as_str() {
        "" | "xx" => None,
        "cn" => Some("zh".into()),
        c => Some(c.to_string()),
    }
}

/// The ISO 3166-1 code of a country named in English (or already a code).
pub(super) fn country_code(name: &str) -> Option<String> {
    code(
        name,
        COUNTRY_ALIASES,
        crate::catalog::codes::country_by_name,
        2,
        true,
    )
}

/// The ISO 639-1 code of a language named in English (or already a code).
pub(super) fn language_code(name: &str) -> Option<String> {
    code(
        name,
        LANGUAGE_ALIASES,
        crate::catalog::codes::language_by_name,
        2,
        false,
    )
}

fn code(
    name: &str,
    aliases: &[(&str, &str)],
    by_name: fn(&str) -> Option<&'static str>,
    len: usize,
    upper: bool,
) -> Option<String> {
    let name = name.trim();
    let lower = name.to_lowercase();
    if let Some((_, c)) = aliases.iter().find(|(n, _)| *n == lower) {
        return Some((*c).to_string());
    }
    if let Some(c) = by_name(&lower) {
        return Some(c.to_string());
    }
    let is_code = name.len() == len && name.bytes().all(|b| b.is_ascii_alphabetic());
    is_code.then(|| {
        if upper {
            name.to_ascii_uppercase()
        } else {
            name.to_ascii_lowercase()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(cell: &str) -> Vec<String> {
        list(cell, "genres")
            .unwrap()
            .into_iter()
            .map(|n| n.name)
            .collect()
    }

    #[test]
    fn three_shapes_of_list() {
        let want = vec!["Animation".to_string(), "Children's".to_string()];
        assert_eq!(
            names(r#"[{"id": 16, "name": "Animation"}, {"id": 1, "name": "Children's"}]"#),
            want
        );
        assert_eq!(
            names(r#"[{'id': 16, 'name': 'Animation'}, {'id': 1, 'name': "Children's"}]"#),
            want
        );
        assert_eq!(names("Animation, Children's"), want);
        assert_eq!(
            names(r"[{'name': 'Caf\xe9 \'X\'', 'p': None}]"),
            vec!["Café 'X'"]
        );
        assert!(list("[{'name': oops}]", "genres").is_err());
        assert!(names("").is_empty());
    }

    #[test]
    fn country_and_language_names() {
        assert_eq!(
            country_code("United States of America").as_deref(),
            Some("US")
        );
        assert_eq!(country_code("Hong Kong").as_deref(), Some("HK"));
        assert_eq!(country_code("fr").as_deref(), Some("FR"));
        assert_eq!(country_code("Atlantis"), None);
        assert_eq!(language_code("English").as_deref(), Some("en"));
        assert_eq!(language_code("Cantonese").as_deref(), Some("zh"));
        assert_eq!(language_code("No Language"), None);
        assert_eq!(iso_language("cn").as_deref(), Some("zh"));
        assert_eq!(iso_language("xx"), None);
        assert_eq!(iso_language("FR").as_deref(), Some("fr"));
    }
}

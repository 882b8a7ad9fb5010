//! ISO 3166-1 country and ISO 639-1 language codes with English names (assets/*.tsv).

use std::collections::HashMap;
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../assets/countries.tsv");
const LANGUAGES: &str = include_str!("../../assets/languages.tsv");

fn table(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect()
}

fn countries() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| table(COUNTRIES))
}

fn languages() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| table(LANGUAGES))
}

/// The English name of a country code, if known.
pub fn country_name(code: &str) -> Option<&'static str> {
    countries().get(code).copied()
}

/// The English name of a language code, if known.
pub fn language_name(code: &str) -> Option<&'static str> {
    languages().get(code).copied()
}

/// The code of a country by its English name, any case ("hong kong" → "HK").
pub fn country_by_name(name: &str) -> Option<&'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let t = T.get_or_init(|| reverse(countries()));
    t.get(&name.trim().to_lowercase()).copied()
}

/// The code of a language by its English name, any case ("english" → "en").
pub fn language_by_name(name: &str) -> Option<&'static str> {
    static T: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let t = T.get_or_init(|| reverse(languages()));
    t.get(&name.trim().to_lowercase()).copied()
}

fn reverse(table: &HashMap<&'static str, &'static str>) -> HashMap<String, &'static str> {
    table
        .iter()
        .map(|(code, name)| (name.to_lowercase(), *code))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(country_name("HK"), Some("Hong Kong"));
        assert_eq!(country_name("SU"), Some("Soviet Union"));
        assert_eq!(language_name("zh"), Some("Chinese"));
        assert_eq!(country_name("XX"), None);
        assert!(countries().len() > 150);
    }
}

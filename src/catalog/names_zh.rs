//! Directors' names in Chinese (`assets/directors_zh.toml`, written by this project): the
//! forms Chinese-speaking viewers write ("王家卫", "黒澤明", "大卫·林奇") for the names film
//! catalogs use. Moods and search read them.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::fold;

const ASSET: &str = include_str!("../../assets/directors_zh.toml");

#[derive(Deserialize)]
struct Asset {
    names: HashMap<String, Vec<String>>,
}

/// The table both ways; forms as [`key`] makes them.
#[derive(Debug, Default)]
pub struct NamesZh {
    /// Folded Latin name ("wong kar-wai") → its forms.
    pub by_name: HashMap<String, Vec<String>>,
    /// A form → the Latin names, as the asset writes them ("科波拉" → both Coppolas).
    pub by_form: HashMap<String, Vec<String>>,
}

/// Characters a name may be written with between its parts ("大卫·林奇", "大卫 林奇").
pub fn is_separator(c: char) -> bool {
    matches!(c, '·' | '・' | '•' | '‧' | '.' | '．' | '-' | '‐') || c.is_whitespace()
}

/// A form as it is matched: folded (Traditional made Simplified), without separators.
pub fn key(form: &str) -> String {
    fold(form).chars().filter(|&c| !is_separator(c)).collect()
}

/// The built-in table, parsed once.
pub fn table() -> &'static NamesZh {
    static TABLE: OnceLock<NamesZh> = OnceLock::new();
    TABLE.get_or_init(|| match toml::from_str::<Asset>(ASSET) {
        Ok(a) => {
            let mut t = NamesZh::default();
            for (latin, forms) in a.names {
                let forms: Vec<String> = forms.iter().map(|f| key(f)).collect();
                for f in &forms {
                    t.by_form.entry(f.clone()).or_default().push(latin.clone());
                }
                t.by_name.insert(fold(&latin), forms);
            }
            for names in t.by_form.values_mut() {
                names.sort();
            }
            t
        }
        Err(e) => {
            // Built in and tested (`the_asset_parses_and_every_form_is_chinese`); a broken
            // build loses only these names.
            tracing::error!("assets/directors_zh.toml: {e}");
            NamesZh::default()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asset_parses_and_every_form_is_chinese() {
        let a: Asset = toml::from_str(ASSET).unwrap();
        assert!(a.names.len() > 200);
        for (latin, forms) in &a.names {
            assert!(!forms.is_empty(), "{latin}");
            for f in forms {
                assert!(key(f).chars().all(crate::mood::is_cjk), "{latin}: {f}");
            }
        }
        let t = table();
        assert_eq!(t.by_form["王家卫"], ["Wong Kar-wai"]);
        assert_eq!(t.by_form[&key("大衛·林奇")], ["David Lynch"]);
        assert_eq!(
            t.by_form["科波拉"],
            ["Francis Ford Coppola", "Sofia Coppola"]
        );
    }
}

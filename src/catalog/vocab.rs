//! The project's mood and atmosphere tag vocabulary (assets/tags.toml).

use std::collections::BTreeMap;

use crate::error::{Error, Result};

/// The built-in vocabulary text.
pub const TAGS_TOML: &str = include_str!("../../assets/tags.toml");

/// One tag: its name, group and one-line definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub group: String,
    pub definition: String,
}

/// All tags, in file order.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub tags: Vec<Tag>,
    /// Tag name → index in `tags`.
    index: std::collections::HashMap<String, usize>,
}

impl Vocabulary {
    /// The built-in vocabulary.
    pub fn builtin() -> Result<Vocabulary> {
        Vocabulary::parse(TAGS_TOML, "assets/tags.toml")
    }

    /// Parses a vocabulary: one table per group, `tag = "definition"` in each.
    pub fn parse(text: &str, file: &str) -> Result<Vocabulary> {
        let table: toml::Table = toml::from_str(text).map_err(|e| Error::Parse {
            file: file.into(),
            line: e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1),
            message: e.message().to_string(),
        })?;
        let mut tags = Vec::new();
        let mut seen = BTreeMap::new();
        for (group, entries) in table {
            let entries = entries.as_table().ok_or_else(|| Error::Parse {
                file: file.into(),
                line: line_of(text, &group),
                message: format!("[{group}] must be a table of tag = \"definition\""),
            })?;
            for (name, def) in entries {
                let definition = def.as_str().ok_or_else(|| Error::Parse {
                    file: file.into(),
                    line: line_of(text, name),
                    message: format!("tag {name} needs a one-line definition string"),
                })?;
                if seen.insert(name.clone(), group.clone()).is_some() {
                    return Err(Error::Parse {
                        file: file.into(),
                        line: line_of(text, name),
                        message: format!("tag {name} is defined twice"),
                    });
                }
                tags.push(Tag {
                    name: name.clone(),
                    group: group.clone(),
                    definition: definition.to_string(),
                });
            }
        }
        let index = tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        Ok(Vocabulary { tags, index })
    }

    /// Whether a tag exists.
    pub fn contains(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// A tag by name.
    pub fn get(&self, name: &str) -> Option<&Tag> {
        self.tags.iter().find(|t| t.name == name)
    }
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key) || l.starts_with(&format!("[{key}]"))
        })
        .map(|i| i + 1)
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_with_groups() {
        let v = Vocabulary::builtin().unwrap();
        assert!(v.tags.len() >= 120, "{} tags", v.tags.len());
        assert!(v.contains("slow-burn"));
        assert_eq!(v.get("neon").unwrap().group, "texture");
        for t in &v.tags {
            assert!(
                !t.definition.trim().is_empty(),
                "{} has no definition",
                t.name
            );
            assert!(
                t.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                t.name
            );
        }
    }

    #[test]
    fn duplicate_tag_is_an_error_with_line() {
        let err = Vocabulary::parse("[a]\nx = \"1\"\n[b]\nx = \"2\"\n", "t.toml").unwrap_err();
        assert!(err.to_string().contains("defined twice"), "{err}");
    }
}

//! Mood presets from assets/moods.toml, each with an English and a Chinese name.

use serde::{Deserialize, Serialize};

use super::weighted;
use crate::catalog::Vocabulary;
use crate::error::{Error, Result};
use crate::text::fold;

const MOODS_TOML: &str = include_str!("../../assets/moods.toml");

/// One preset mood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preset {
    pub id: String,
    pub en: String,
    pub zh: String,
    pub description: String,
    /// Tags with weights.
    pub tags: Vec<(String, f32)>,
}

impl Preset {
    /// "Slow-burn loneliness · 孤独慢燃"
    pub fn label(&self) -> String {
        format!("{} · {}", self.en, self.zh)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    id: String,
    en: String,
    zh: String,
    description: String,
    tags: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    preset: Vec<RawPreset>,
}

/// All presets in file order.
#[derive(Debug, Clone, Default)]
pub struct Presets {
    pub list: Vec<Preset>,
}

impl Presets {
    /// The built-in presets, checked against the vocabulary.
    pub fn builtin(vocab: &Vocabulary) -> Result<Presets> {
        Presets::parse(MOODS_TOML, "assets/moods.toml", vocab)
    }

    /// Parses presets; every tag must be in the vocabulary.
    pub fn parse(text: &str, file: &str, vocab: &Vocabulary) -> Result<Presets> {
        let err = |line: usize, message: String| Error::Parse {
            file: file.into(),
            line,
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            err(line, e.message().to_string())
        })?;
        let mut list = Vec::new();
        for p in raw.preset {
            let line = text
                .lines()
                .position(|l| l.contains(&format!("\"{}\"", p.id)))
                .map_or(1, |i| i + 1);
            let mut tags = Vec::new();
            for t in &p.tags {
                let (tag, w) = weighted(t)
                    .ok_or_else(|| err(line, format!("{}: bad tag entry {t:?}", p.id)))?;
                if !vocab.contains(&tag) {
                    return Err(err(
                        line,
                        format!("{}: tag {tag:?} is not in the vocabulary", p.id),
                    ));
                }
                tags.push((tag, w));
            }
            if list.iter().any(|q: &Preset| q.id == p.id) {
                return Err(err(line, format!("preset {} is defined twice", p.id)));
            }
            list.push(Preset {
                id: p.id,
                en: p.en,
                zh: p.zh,
                description: p.description,
                tags,
            });
        }
        Ok(Presets { list })
    }

    /// Finds a preset by id, English or Chinese name (case- and accent-insensitive).
    pub fn find(&self, name: &str) -> Option<&Preset> {
        let n = fold(name.trim());
        self.list.iter().find(|p| {
            fold(&p.id) == n || fold(&p.en) == n || p.zh == name.trim() || fold(&p.label()) == n
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_presets() {
        let v = Vocabulary::builtin().unwrap();
        let p = Presets::builtin(&v).unwrap();
        assert!(p.list.len() >= 16);
        for zh in ["压抑", "悸动", "疏离", "恍然", "潮湿", "焦灼", "空转"] {
            assert!(p.find(zh).is_some(), "missing {zh}");
        }
        for en in ["slow-burn loneliness", "Explosive catharsis", "quiet awe"] {
            assert!(p.find(en).is_some(), "missing {en}");
        }
        assert_eq!(p.find("quiet-awe").unwrap().zh, "静默敬畏");
    }

    #[test]
    fn unknown_tag_is_reported() {
        let v = Vocabulary::builtin().unwrap();
        let text = "[[preset]]\nid = \"x\"\nen = \"X\"\nzh = \"叉\"\ndescription = \"d\"\ntags = [\"glitter\"]\n";
        let e = Presets::parse(text, "m.toml", &v).unwrap_err().to_string();
        assert!(e.contains("m.toml:2") && e.contains("glitter"), "{e}");
    }
}

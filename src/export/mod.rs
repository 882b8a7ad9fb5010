//! Exporters: the diary as Letterboxd-import CSV and as full JSON (which imports back).

pub mod file;
pub mod json;
pub mod letterboxd;

use std::path::Path;

use crate::error::Result;
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

/// Writes the export to `path`: all or nothing for a file (through a temporary file renamed
/// into place, keeping the old file's permissions), through a symbolic link to its target, and
/// straight into a FIFO or device (see [`file::write_file`]).
pub fn to_file(lib: &Library, format: ExportFormat, path: &Path) -> Result<Exported> {
    file::write_file(path, |out| match format {
        ExportFormat::Letterboxd => letterboxd::write(lib, out),
        ExportFormat::Json => json::write(lib, out),
    })
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

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
/// (or a tab or carriage return) would be read as a formula, so it gets a leading `'`. So that
/// [`undo_spreadsheet_safe`] can tell the mark from an apostrophe of the text, a cell whose
/// leading apostrophes are followed by one of those characters gets one more: `'+1` is
/// written `''+1`, while `'Round Midnight` is written as it is.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if needs_mark(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Exactly what [`spreadsheet_safe`] did, undone: the mark taken off a cell it wrote, and any
/// other cell as it is.
pub fn undo_spreadsheet_safe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_mark(rest) => rest,
        _ => cell,
    }
}

fn needs_mark(cell: &str) -> bool {
    matches!(
        cell.trim_start_matches('\'').chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
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
        assert_eq!(spreadsheet_safe("'Round Midnight"), "'Round Midnight");
        assert_eq!(spreadsheet_safe("'+1"), "''+1");
    }

    #[test]
    fn defusing_is_undone_exactly() {
        for cell in [
            "+1",
            "-quoted",
            "=1+2",
            "@home",
            "\tindented",
            "'+1",
            "''-x",
            "'Round Midnight",
            "'",
            "''",
            "Stalker",
            "",
            "it's -1",
        ] {
            let written = spreadsheet_safe(cell);
            assert_eq!(undo_spreadsheet_safe(&written), cell, "{written}");
        }
        // A cell nightreel did not defuse is read as it is.
        assert_eq!(undo_spreadsheet_safe("'Round Midnight"), "'Round Midnight");
        assert_eq!(undo_spreadsheet_safe("'"), "'");
    }
}

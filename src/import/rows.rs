//! Reading rows: feeding a table's rows to an importer, parsing common cells, finding files.

use std::path::Path;

use super::{Sink, table};
use crate::error::Result;

/// What handling one row gives: `Ok(Err(reason))` skips the row as unreadable; `Err` stops the
/// import (and rolls it back).
pub type RowResult = Result<std::result::Result<(), String>>;

/// Feeds every row of a table to `f`, counting rows, listing bad ones and reporting progress.
pub fn each_row(
    mut table: table::Table,
    sink: &mut Sink<'_>,
    mut f: impl FnMut(&mut Sink<'_>, &table::Row) -> RowResult,
) -> Result<()> {
    let mut n = 0u64;
    while let Some(next) = table.next_data() {
        sink.read_row();
        match next {
            Ok(row) => {
                if let Err(reason) = f(sink, &row)? {
                    sink.bad_row(&table.file, row.line, reason);
                }
            }
            // A file that cannot be read to its end, or whose rows a stray quote swallowed,
            // fails the whole import (the transaction is rolled back).
            Err(bad) if bad.fatal => {
                return Err(crate::error::Error::Parse {
                    file: table.file.clone(),
                    line: bad.line,
                    message: format!("{}; nothing was imported", bad.reason),
                });
            }
            Err(bad) => sink.bad_row(&table.file, bad.line, bad.reason),
        }
        n += 1;
        if n.is_multiple_of(512) {
            let (done, total) = table.progress();
            sink.progress(done, total);
        }
    }
    let (_, total) = table.progress();
    sink.progress(total, total);
    Ok(())
}

/// Parses a year cell: empty is unknown; anything else must be a plausible year.
pub fn parse_year(s: &str) -> std::result::Result<Option<i32>, String> {
    let s = s.trim();
    if s.is_empty() || s == "\\N" {
        return Ok(None);
    }
    match whole(s).parse::<i32>() {
        Ok(y) if (1870..=2100).contains(&y) => Ok(Some(y)),
        _ => Err(format!(
            "\"{}\" is not a year",
            crate::text::truncate(s, 40)
        )),
    }
}

/// A whole number as a spreadsheet or pandas may write it: "2019.0" is "2019" (a column of
/// numbers with blanks is written as decimals).
pub fn whole(s: &str) -> &str {
    match s.split_once('.') {
        Some((n, zeros))
            if !n.is_empty() && !zeros.is_empty() && zeros.bytes().all(|b| b == b'0') =>
        {
            n
        }
        _ => s,
    }
}

/// The first of `names` found in `path` (a folder) or beside it (a file; the file itself
/// when its name is one of them).
pub fn find_file(path: &Path, names: &[&str]) -> Option<std::path::PathBuf> {
    let dir = if path.is_dir() { path } else { path.parent()? };
    if path.is_file()
        && path
            .file_name()
            .is_some_and(|n| names.iter().any(|m| n.eq_ignore_ascii_case(m)))
    {
        return Some(path.to_path_buf());
    }
    names.iter().map(|n| dir.join(n)).find(|p| p.is_file())
}

/// The main file of a catalog import: `path` itself, or in a folder the first of `names`.
pub fn main_file(path: &Path, names: &[&str], what: &str) -> Result<std::path::PathBuf> {
    if path.is_file() {
        return Ok(path.to_path_buf());
    }
    find_file(path, names).ok_or_else(|| crate::error::Error::Io {
        path: path.to_path_buf(),
        message: format!("not {what}: the folder holds none of {}", names.join(", ")),
    })
}

//! Delimited text files (CSV, TSV): BOM, delimiter sniffing, columns by name, line numbers.

use std::cell::Cell;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use super::table_read::{Counting, CrlfToLf, Utf16ToUtf8};
use crate::error::{Error, Result};

/// The longest field accepted; longer ones make their row an error (a review is far shorter).
pub const MAX_FIELD: usize = 1 << 20;

/// One data row: its first line in the file and its fields.
#[derive(Debug)]
pub struct Row {
    pub line: usize,
    pub fields: Vec<String>,
}

impl Row {
    /// The trimmed field at `col` ("" when the column is absent).
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.fields.get(c))
            .map_or("", |s| s.trim())
    }
}

/// A row that could not be read: its line and why. A `fatal` one means the file cannot be
/// trusted past it (it cannot be read to its end, or a stray quote swallowed rows).
#[derive(Debug, Clone, PartialEq)]
pub struct BadRow {
    pub line: usize,
    pub reason: String,
    pub fatal: bool,
}

impl BadRow {
    fn new(line: usize, reason: String) -> Self {
        BadRow {
            line,
            reason,
            fatal: false,
        }
    }
}

/// How a file is split into fields.
#[derive(Debug, Clone, Copy)]
pub enum Dialect {
    /// CSV with quotes; the delimiter (`,` `;` or tab) is sniffed from the header line.
    Csv,
    /// IMDb-style TSV: tabs, no quoting.
    Tsv,
}

/// Something to read a table from: a file (gzip when it ends in .gz) or bytes from an archive.
pub struct Source {
    /// How messages name it.
    pub name: String,
    reader: Box<dyn Read>,
    /// Its size in bytes as stored (compressed for .gz) and how much of that has been read.
    len: u64,
    read: Rc<Cell<u64>>,
}

impl Source {
    /// Opens a file; `.gz` files are decompressed while reading.
    pub fn file(path: &Path) -> Result<Source> {
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
        let read = Rc::new(Cell::new(0));
        let counting = Counting {
            inner: file,
            count: Rc::clone(&read),
        };
        let gz = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let reader: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(counting)))
        } else {
            Box::new(counting)
        };
        Ok(Source {
            name: path.display().to_string(),
            reader,
            len,
            read,
        })
    }

    /// The reader (decompressing a .gz), for a file read otherwise than as a table.
    pub fn into_reader(self) -> Box<dyn Read> {
        self.reader
    }

    /// Bytes already in memory (a member of an archive).
    pub fn bytes(name: String, bytes: Vec<u8>) -> Source {
        let read = Rc::new(Cell::new(0));
        let len = bytes.len() as u64;
        Source {
            name,
            reader: Box::new(Counting {
                inner: std::io::Cursor::new(bytes),
                count: Rc::clone(&read),
            }),
            len,
            read,
        }
    }
}

/// A delimited file being read row by row.
pub struct Table {
    pub file: String,
    pub header: Vec<String>,
    reader: csv::Reader<BufReader<Box<dyn Read>>>,
    record: csv::ByteRecord,
    len: u64,
    read: Rc<Cell<u64>>,
    /// Set after a read error: the rest of the file cannot be trusted, so reading stops.
    failed: bool,
    delimiter: u8,
}

fn sniff(first_line: &[u8]) -> u8 {
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| count(*d))
        .filter(|d| count(*d) > 0)
        .unwrap_or(b',')
}

/// Why the first line cannot start a text table: NUL bytes (binary data) or bytes that are
/// not UTF-8 (another encoding). An incomplete character at the end of the peeked bytes is fine.
fn not_text(first_line: &[u8]) -> Option<String> {
    if first_line.contains(&0) {
        return Some("this is binary data, not a text table".into());
    }
    match std::str::from_utf8(first_line) {
        Err(e) if e.error_len().is_some() => {
            let at = e.valid_up_to();
            let column = String::from_utf8_lossy(&first_line[..at]).chars().count() + 1;
            Some(format!(
                "the header is not UTF-8 text (byte 0x{:02X} at column {column}); save the file as UTF-8",
                first_line[at]
            ))
        }
        _ => None,
    }
}

impl Table {
    /// Opens a table; `file` names it in messages. Empty and binary files are refused.
    pub fn open(source: Source, dialect: Dialect) -> Result<Table> {
        let file = source.name.as_str();
        let mut raw = BufReader::new(source.reader);
        let start = raw
            .fill_buf()
            .map(|b| [b.first().copied(), b.get(1).copied()]);
        let reader: Box<dyn Read> = match start {
            Ok([Some(0xFF), Some(0xFE)]) => Box::new(Utf16ToUtf8::new(raw, false)),
            Ok([Some(0xFE), Some(0xFF)]) => Box::new(Utf16ToUtf8::new(raw, true)),
            _ => Box::new(raw),
        };
        let unix = CrlfToLf {
            inner: reader,
            pending_cr: false,
        };
        let mut buf = BufReader::with_capacity(1 << 16, Box::new(unix) as Box<dyn Read>);
        let refuse = |message: &str| Error::Parse {
            file: file.to_string(),
            line: 1,
            message: message.to_string(),
        };
        let peek = buf.fill_buf().map_err(|e| refuse(&e.to_string()))?;
        let bom = peek.starts_with(b"\xEF\xBB\xBF");
        let body = if bom { &peek[3..] } else { peek };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(refuse("the file is empty (expected a header line)"));
        }
        let first_line = body.split(|&b| b == b'\n').next().unwrap_or(body);
        if let Some(why) = not_text(first_line) {
            return Err(refuse(&why));
        }
        let delimiter = match dialect {
            Dialect::Csv => sniff(first_line),
            Dialect::Tsv => b'\t',
        };
        if bom {
            buf.consume(3);
        }
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .quoting(matches!(dialect, Dialect::Csv))
            .from_reader(buf);
        let mut t = Table {
            file: file.to_string(),
            header: Vec::new(),
            reader,
            record: csv::ByteRecord::new(),
            len: source.len,
            read: source.read,
            failed: false,
            delimiter,
        };
        match t.next_row() {
            Some(Ok(row)) => t.header = row.fields.into_iter().map(|h| h.trim().into()).collect(),
            Some(Err(bad)) => return Err(refuse(&format!("unreadable header: {}", bad.reason))),
            None => return Err(refuse("the file is empty (expected a header line)")),
        }
        Ok(t)
    }

    /// The index of the first column whose name is one of `names` (case-insensitive).
    pub fn col(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.header.iter().position(|h| h.eq_ignore_ascii_case(n)))
    }

    /// Like [`Table::col`], but refuses the file (as not of the format) when it is missing.
    pub fn require(&self, names: &[&str], what: &str) -> Result<usize> {
        let first = self.header.first().map_or("", |h| h.trim_start());
        if self.col(names).is_none() && (first.starts_with('{') || first.starts_with('[')) {
            return Err(Error::Parse {
                file: self.file.clone(),
                line: 1,
                message: format!("not {what}: this is JSON, not a CSV table"),
            });
        }
        self.col(names).ok_or_else(|| Error::Parse {
            file: self.file.clone(),
            line: 1,
            message: format!(
                "not {what}: the header has no \"{}\" column (found: {})",
                names[0],
                crate::text::truncate(&self.header.join(", "), 200)
            ),
        })
    }

    /// (bytes read so far, bytes in all) of the source as stored.
    pub fn progress(&self) -> (u64, u64) {
        (self.read.get().min(self.len), self.len)
    }

    /// The next row with at least as many fields as the header, or why it is unusable.
    pub fn next_data(&mut self) -> Option<std::result::Result<Row, BadRow>> {
        let row = self.next_row()?;
        Some(row.and_then(|r| {
            if r.fields.len() < self.header.len() {
                Err(BadRow::new(
                    r.line,
                    format!(
                        "the row has {} fields but the header has {} (truncated row?)",
                        r.fields.len(),
                        self.header.len()
                    ),
                ))
            } else if r.fields.len() > self.header.len() {
                Err(BadRow::new(
                    r.line,
                    format!(
                        "the row has {} fields but the header has {} (unquoted delimiter?)",
                        r.fields.len(),
                        self.header.len()
                    ),
                ))
            } else {
                Ok(r)
            }
        }))
    }

    fn next_row(&mut self) -> Option<std::result::Result<Row, BadRow>> {
        if self.failed {
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {}
                Err(e) => {
                    // A read error (a damaged or truncated .gz, a failing disk) has no position
                    // of its own: report it once, at the line where reading stopped, and read no
                    // further (a truncated gzip stream fails again on every read).
                    let line = e
                        .position()
                        .unwrap_or_else(|| self.reader.position())
                        .line()
                        .max(1) as usize;
                    let reason = match e.kind() {
                        csv::ErrorKind::Io(io) => {
                            self.failed = true;
                            format!("the file cannot be read past this line ({io})")
                        }
                        _ => e.to_string(),
                    };
                    let fatal = self.failed;
                    return Some(Err(BadRow {
                        fatal,
                        ..BadRow::new(line, reason)
                    }));
                }
            }
            let line = self.record.position().map_or(0, |p| p.line() as usize);
            // A blank line (one empty field) is not a row.
            if self.record.len() == 1 && self.record[0].iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let swallowed =
                super::quotes::swallowed(&self.record, line, self.header.len(), self.delimiter);
            if let Some(reason) = swallowed {
                self.failed = true;
                let fatal = true;
                return Some(Err(BadRow {
                    fatal,
                    ..BadRow::new(line, reason)
                }));
            }
            return Some(decode(&self.record, line));
        }
    }
}

fn decode(rec: &csv::ByteRecord, line: usize) -> std::result::Result<Row, BadRow> {
    let mut fields = Vec::with_capacity(rec.len());
    for (i, f) in rec.iter().enumerate() {
        if f.len() > MAX_FIELD {
            return Err(BadRow::new(
                line,
                format!(
                    "field {} is {} bytes long (the limit is {} bytes)",
                    i + 1,
                    f.len(),
                    MAX_FIELD
                ),
            ));
        }
        let reason = match std::str::from_utf8(f) {
            Ok(s) if !s.contains('\0') => {
                fields.push(s.to_string());
                continue;
            }
            Ok(_) => format!("field {} holds a NUL byte", i + 1),
            Err(e) => format!(
                "field {} is not UTF-8 text (byte 0x{:02X}); save the file as UTF-8",
                i + 1,
                f[e.valid_up_to()]
            ),
        };
        return Err(BadRow::new(line, reason));
    }
    Ok(Row { line, fields })
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;

//! A quote opened by mistake (a stray `"` at the start of a CSV field) and closed many lines
//! later swallows every row in between into one field. Such a record is not a bad row to skip
//! but a file that cannot be read as it stands: [`swallowed`] recognises it.

/// Why the record starting at `line` must be an error, when one of its fields spans several
/// lines and the record does not have `header_len` fields, or the lines inside the field look
/// like whole rows (at least two with `header_len - 1` delimiters). `None` for every other
/// record, including legitimate multi-line fields (reviews, overviews with line breaks).
pub fn swallowed(
    rec: &csv::ByteRecord,
    line: usize,
    header_len: usize,
    delimiter: u8,
) -> Option<String> {
    let breaks: usize = rec
        .iter()
        .map(|f| f.iter().filter(|&&b| b == b'\n').count())
        .sum();
    if breaks == 0 || header_len < 2 {
        return None;
    }
    // The field holding the most line breaks is the one the quote opened.
    let (col, field) = rec
        .iter()
        .enumerate()
        .max_by_key(|(_, f)| f.iter().filter(|&&b| b == b'\n').count())?;
    let rows_inside = field
        .split(|&b| b == b'\n')
        .skip(1)
        .filter(|l| l.iter().filter(|&&b| b == delimiter).count() + 1 == header_len)
        .count();
    if rec.len() == header_len && rows_inside < 2 {
        return None;
    }
    let opens = line + rec.iter().take(col).map(count_breaks).sum::<usize>();
    let inside = count_breaks(field);
    let end = line + breaks;
    Some(format!(
        "a quote opens here (field {}) and is not closed until line {}; {inside} lines were read as one field{}. \
         Close or remove the stray quote and import again",
        col + 1,
        opens + inside,
        if end > opens + inside {
            format!(" (the record ends on line {end})")
        } else {
            String::new()
        }
    ))
}

fn count_breaks(f: &[u8]) -> usize {
    f.iter().filter(|&&b| b == b'\n').count()
}

//! Tests of `import::table`: dialects, encodings and the rows a reader refuses.

use super::*;

fn table(bytes: &'static [u8]) -> Result<Table> {
    Table::open(Source::bytes("t.csv".into(), bytes.to_vec()), Dialect::Csv)
}

#[test]
fn bom_semicolons_and_crlf() {
    let mut t = table(b"\xEF\xBB\xBFName;Year\r\n\"Mirror, The\";1975\r\n").unwrap();
    assert_eq!(t.header, vec!["Name", "Year"]);
    let r = t.next_data().unwrap().unwrap();
    assert_eq!((r.line, r.fields[0].as_str()), (2, "Mirror, The"));
    assert!(t.next_data().is_none());
}

/// Gives `data`, then fails on every read (as a damaged .gz does).
struct FailsAfter(std::io::Cursor<Vec<u8>>);

impl Read for FailsAfter {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self.0.read(buf)? {
            0 => Err(std::io::Error::other("corrupt deflate stream")),
            n => Ok(n),
        }
    }
}

#[test]
fn a_read_error_is_one_bad_row_and_reading_stops() {
    let source = Source {
        name: "t.tsv.gz".into(),
        reader: Box::new(FailsAfter(std::io::Cursor::new(b"a,b\n1,2\n3,".to_vec()))),
        len: 10,
        read: Rc::new(Cell::new(0)),
    };
    let mut t = Table::open(source, Dialect::Csv).unwrap();
    assert_eq!(t.next_data().unwrap().unwrap().fields, vec!["1", "2"]);
    let bad = t.next_data().unwrap().unwrap_err();
    assert_eq!(bad.line, 3, "{bad:?}");
    assert!(bad.reason.contains("corrupt deflate stream"), "{bad:?}");
    assert!(
        bad.fatal,
        "a file that cannot be read to its end fails the import"
    );
    assert!(t.next_data().is_none());
}

#[test]
fn short_rows_and_junk_are_reported() {
    let mut t = table(b"a,b,c\n1,2,3\n4,5\n").unwrap();
    assert!(t.next_data().unwrap().is_ok());
    let bad = t.next_data().unwrap().unwrap_err();
    assert_eq!(bad.line, 3);
    assert!(table(b"").is_err());
    assert!(table(b"\x00\x01\x02\xff\xfe").is_err());
}

/// A gzip file cut off in the middle (an interrupted download) is a fatal error at the line
/// where reading stopped, after the rows before it.
#[test]
fn a_truncated_gzip_file_is_fatal() {
    use std::io::Write;
    let mut body = String::from("tconst\ttitle\n");
    for i in 0..5000 {
        body.push_str(&format!("tt{i:07}\tFilm number {i} {}\n", i * 7919 % 10007));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body.as_bytes()).unwrap();
    let gz = gz.finish().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("title.basics.tsv.gz");
    std::fs::write(&path, &gz[..gz.len() / 2]).unwrap();
    let mut t = Table::open(Source::file(&path).unwrap(), Dialect::Tsv).unwrap();
    let mut good = 0;
    let bad = loop {
        match t.next_data().expect("the file ends with an error") {
            Ok(_) => good += 1,
            Err(bad) => break bad,
        }
    };
    assert!(bad.fatal, "{bad:?}");
    assert!(good > 0 && good < 5000, "{good} rows before the error");
    assert!(bad.line > good, "line {} after {good} rows", bad.line);
    assert!(
        bad.reason.contains("cannot be read past this line"),
        "{bad:?}"
    );
    assert!(t.next_data().is_none());
}

/// A stray quote opening a field on line 3, closed on line 7, swallows lines 4-6: that is a
/// fatal error naming both lines, not a short row to skip.
#[test]
fn an_unclosed_quote_that_swallows_rows_is_fatal() {
    let mut t = table(
        b"Date,Name,Year,Rating\n\
          2024-01-01,Stalker,1979,4\n\
          2024-01-02,\"Mirror,1975,5\n\
          2024-01-03,Solaris,1972,4\n\
          2024-01-04,Ivan's Childhood,1962,3\n\
          2024-01-05,Andrei Rublev,1966,5\n\
          2024-01-06,Nostalghia\",1983,4\n\
          2024-01-07,Sacrifice,1986,4\n",
    )
    .unwrap();
    assert!(t.next_data().unwrap().is_ok());
    let bad = t.next_data().unwrap().unwrap_err();
    assert!(bad.fatal, "{bad:?}");
    assert_eq!(bad.line, 3);
    assert!(
        bad.reason
            .contains("is not closed until line 7; 4 lines were read as one field"),
        "{bad:?}"
    );
    assert!(t.next_data().is_none());
}

/// Even when the field count comes out right, a quoted field whose lines look like whole rows
/// is a stray quote.
#[test]
fn swallowed_rows_are_fatal_even_with_the_right_field_count() {
    let mut t = table(
        b"Name,Year,Review\n\
          \"Stalker,1979,fine\n\
          Mirror,1975,good\n\
          Solaris,1972,long\n\
          Sacrifice\",1986,last\n",
    )
    .unwrap();
    let bad = t.next_data().unwrap().unwrap_err();
    assert!(bad.fatal && bad.line == 2, "{bad:?}");
    assert!(bad.reason.contains("not closed until line 5"), "{bad:?}");
}

/// Reviews with line breaks (and commas) in a quoted field are rows like any other.
#[test]
fn multi_line_quoted_fields_still_read() {
    let mut t = table(
        b"Name,Year,Review\n\
          Stalker,1979,\"Slow.\n\nA zone, a room, a wish.\n\"\n\
          Mirror,1975,\"One line, then\nanother\"\n\
          Solaris,1972,ok\n",
    )
    .unwrap();
    let r = t.next_data().unwrap().unwrap();
    assert_eq!(
        (r.line, r.fields[2].as_str()),
        (2, "Slow.\n\nA zone, a room, a wish.\n")
    );
    assert_eq!(t.next_data().unwrap().unwrap().line, 6);
    assert_eq!(t.next_data().unwrap().unwrap().line, 8);
    assert!(t.next_data().is_none());
}

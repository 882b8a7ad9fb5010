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

//! Readers under a table: counting bytes for progress, and CRLF turned into LF.

use std::cell::Cell;
use std::io::Read;
use std::rc::Rc;

/// Counts the bytes read from the underlying source, for progress.
pub(super) struct Counting<R> {
    pub(super) inner: R,
    pub(super) count: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.set(self.count.get() + n as u64);
        Ok(n)
    }
}

/// Turns CRLF, and a lone CR (old Mac line ends), into LF while reading, so every row's line
/// number counts lines the way an editor does (the CSV reader numbers rows of CRLF files one
/// line short, and every row of a CR-only file line 1).
pub(super) struct CrlfToLf<R> {
    pub(super) inner: R,
    /// A CR at the end of the last chunk, not yet known to precede an LF.
    pub(super) pending_cr: bool,
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        loop {
            let start = usize::from(self.pending_cr);
            if self.pending_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[start..])?;
            if n == 0 {
                // A CR that ends the file ends its line.
                if self.pending_cr {
                    buf[0] = b'\n';
                }
                self.pending_cr = false;
                return Ok(start);
            }
            let end = start + n;
            let mut w = 0;
            for r in 0..end {
                let mut b = buf[r];
                if b == b'\r' && r + 1 < end {
                    if buf[r + 1] == b'\n' {
                        continue;
                    }
                    // A lone CR (old Mac line ends) is a line end too.
                    b = b'\n';
                }
                buf[w] = b;
                w += 1;
            }
            self.pending_cr = w > 0 && buf[w - 1] == b'\r';
            if self.pending_cr {
                w -= 1;
            }
            if w > 0 {
                return Ok(w);
            }
        }
    }
}

/// Turns UTF-16 text (a file saved as "Unicode text" by a spreadsheet, or by Windows
/// PowerShell) into UTF-8 while reading; the byte order mark becomes UTF-8's. A lone
/// surrogate or a trailing odd byte becomes U+FFFD.
pub(super) struct Utf16ToUtf8<R> {
    inner: R,
    big_endian: bool,
    /// Raw bytes not yet decoded (an odd byte, or half a surrogate pair).
    pending: Vec<u8>,
    /// Decoded UTF-8 not yet handed out, from `pos`.
    out: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    pub(super) fn new(inner: R, big_endian: bool) -> Self {
        Utf16ToUtf8 {
            inner,
            big_endian,
            pending: Vec::new(),
            out: Vec::new(),
            pos: 0,
            eof: false,
        }
    }

    fn refill(&mut self) -> std::io::Result<()> {
        let mut raw = [0u8; 8192];
        let n = self.inner.read(&mut raw)?;
        self.eof = n == 0;
        self.pending.extend_from_slice(&raw[..n]);
        let unit = |b: &[u8]| match self.big_endian {
            true => u16::from_be_bytes([b[0], b[1]]),
            false => u16::from_le_bytes([b[0], b[1]]),
        };
        let mut units: Vec<u16> = self.pending.chunks_exact(2).map(unit).collect();
        let mut keep = self.pending.len() % 2;
        // Half a surrogate pair waits for its other half, unless the file ends here.
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            keep += 2;
        }
        self.out.clear();
        self.pos = 0;
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            self.out
                .extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
        let rest = self.pending.split_off(self.pending.len() - keep);
        self.pending = rest;
        if self.eof && !self.pending.is_empty() {
            self.pending.clear();
            self.out
                .extend_from_slice(char::REPLACEMENT_CHARACTER.to_string().as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.out.len() {
            if self.eof {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], big_endian: bool) -> String {
        let mut s = String::new();
        // One byte at a time: pairs and surrogates split across reads.
        let one = OneByte(bytes, 0);
        Utf16ToUtf8::new(one, big_endian)
            .read_to_string(&mut s)
            .unwrap();
        s
    }

    struct OneByte<'a>(&'a [u8], usize);

    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.get(self.1), buf.first_mut()) {
                (Some(b), Some(slot)) => {
                    *slot = *b;
                    self.1 += 1;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn unix(bytes: &[u8]) -> String {
        let mut s = String::new();
        CrlfToLf {
            inner: OneByte(bytes, 0),
            pending_cr: false,
        }
        .read_to_string(&mut s)
        .unwrap();
        s
    }

    #[test]
    fn crlf_and_lone_cr_become_lf() {
        assert_eq!(unix(b"a\r\nb\rc\r"), "a\nb\nc\n");
        assert_eq!(unix(b"\r\r\n\n"), "\n\n\n");
    }

    #[test]
    fn utf16_both_orders_with_surrogates() {
        let text = "\u{feff}Name,Year\r\n花样年华,2000\r\n🎬,\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&le, false), text);
        assert_eq!(decode(&be, true), text);
        // A trailing odd byte and a lone surrogate are replaced, not fatal.
        assert_eq!(
            decode(&[b'A', 0, 0x3D, 0xD8, b'B', 0, 7], false),
            "A\u{fffd}B\u{fffd}"
        );
    }
}

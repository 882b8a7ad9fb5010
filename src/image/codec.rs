//! The start-up image's binary layout: a preamble, then sections (each with its length and a
//! CRC-32), then the table of sections. Numbers are in the machine's byte order (the image is
//! a cache for this machine; the preamble records the order and a foreign one is ignored).

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use bytemuck::Pod;

/// "NRIMAGE" and the layout version.
const MAGIC: &[u8; 8] = b"NRIMAGE\x01";
/// 1 on a little-endian machine, 2 on a big-endian one.
const ORDER: u32 = if cfg!(target_endian = "little") { 1 } else { 2 };
/// Magic, byte order, table offset, table length, table CRC, padding.
pub const PREAMBLE: usize = 8 + 4 + 8 + 8 + 4 + 4;
/// Bytes of one entry of the table: kind, offset, length, CRC.
const ENTRY: usize = 4 + 8 + 8 + 4;
/// Bytes written between checks of the cancel flag.
const CHUNK: usize = 4 << 20;

/// What a section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Kind {
    Meta = 1,
    Names = 2,
    Films = 3,
    Votes = 4,
    Search = 5,
    Series = 6,
    Terms = 7,
    Matrix = 8,
}

impl Kind {
    fn from_u32(k: u32) -> Option<Kind> {
        [
            Kind::Meta,
            Kind::Names,
            Kind::Films,
            Kind::Votes,
            Kind::Search,
            Kind::Series,
            Kind::Terms,
            Kind::Matrix,
        ]
        .into_iter()
        .find(|x| *x as u32 == k)
    }
}

/// Where a section lies in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub kind: Kind,
    pub offset: u64,
    pub len: u64,
    pub crc: u32,
}

/// An image file's content is not what this build writes: the image is then not used.
pub fn bad(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.into())
}

/// Writes sections to a file; stops with `Interrupted` once `cancel` is set.
pub struct Out<'a> {
    file: BufWriter<File>,
    pos: u64,
    start: u64,
    kind: Kind,
    crc: crc32fast::Hasher,
    sections: Vec<Section>,
    cancel: &'a AtomicBool,
    since_check: usize,
}

impl<'a> Out<'a> {
    pub fn new(file: File, cancel: &'a AtomicBool) -> io::Result<Out<'a>> {
        let mut file = BufWriter::with_capacity(1 << 20, file);
        file.write_all(&[0; PREAMBLE])?;
        Ok(Out {
            file,
            pos: PREAMBLE as u64,
            start: PREAMBLE as u64,
            kind: Kind::Meta,
            crc: crc32fast::Hasher::new(),
            sections: Vec::new(),
            cancel,
            since_check: 0,
        })
    }

    /// Starts a section (or stops, when cancelled).
    pub fn begin(&mut self, kind: Kind) -> io::Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        self.kind = kind;
        self.start = self.pos;
        self.crc = crc32fast::Hasher::new();
        Ok(())
    }

    /// Ends the section begun last.
    pub fn end(&mut self) {
        let crc = std::mem::take(&mut self.crc).finalize();
        self.sections.push(Section {
            kind: self.kind,
            offset: self.start,
            len: self.pos - self.start,
            crc,
        });
    }

    pub fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        for part in b.chunks(CHUNK) {
            if self.since_check >= CHUNK {
                self.since_check = 0;
                if self.cancel.load(Ordering::Relaxed) {
                    return Err(io::Error::from(io::ErrorKind::Interrupted));
                }
            }
            self.file.write_all(part)?;
            self.crc.update(part);
            self.pos += part.len() as u64;
            self.since_check += part.len();
        }
        Ok(())
    }

    pub fn u64(&mut self, x: u64) -> io::Result<()> {
        self.bytes(&x.to_ne_bytes())
    }

    pub fn str(&mut self, s: &str) -> io::Result<()> {
        self.u64(s.len() as u64)?;
        self.bytes(s.as_bytes())
    }

    /// A length, then the items' bytes.
    pub fn pods<T: Pod>(&mut self, v: &[T]) -> io::Result<()> {
        self.u64(v.len() as u64)?;
        self.bytes(bytemuck::cast_slice(v))
    }

    /// Strings as one length-prefixed blob of ends and one of text.
    pub fn strs<S: AsRef<str>>(&mut self, v: &[S]) -> io::Result<()> {
        let mut ends = Vec::with_capacity(v.len());
        let mut text = String::new();
        for s in v {
            text.push_str(s.as_ref());
            ends.push(text.len() as u64);
        }
        self.pods(&ends)?;
        self.str(&text)
    }

    /// Writes the table and the preamble; the file is complete.
    pub fn finish(mut self) -> io::Result<File> {
        let table_at = self.pos;
        let mut table = Vec::with_capacity(self.sections.len() * ENTRY);
        for s in &self.sections {
            table.extend_from_slice(&(s.kind as u32).to_ne_bytes());
            table.extend_from_slice(&s.offset.to_ne_bytes());
            table.extend_from_slice(&s.len.to_ne_bytes());
            table.extend_from_slice(&s.crc.to_ne_bytes());
        }
        self.file.write_all(&table)?;
        let mut file = self.file.into_inner().map_err(|e| e.into_error())?;
        let mut pre = Vec::with_capacity(PREAMBLE);
        pre.extend_from_slice(MAGIC);
        pre.extend_from_slice(&ORDER.to_ne_bytes());
        pre.extend_from_slice(&table_at.to_ne_bytes());
        pre.extend_from_slice(&(table.len() as u64).to_ne_bytes());
        pre.extend_from_slice(&crc32fast::hash(&table).to_ne_bytes());
        pre.extend_from_slice(&[0; 4]);
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&pre)?;
        file.flush()?;
        Ok(file)
    }
}

/// `s` copied into a string of its own, backed by huge pages when large.
pub fn owned(s: &str) -> String {
    let mut bytes = Vec::with_capacity(s.len());
    crate::heap::advise_huge(bytes.spare_capacity_mut());
    bytes.extend_from_slice(s.as_bytes());
    String::from_utf8(bytes).unwrap_or_default()
}

/// Reads `len` bytes at `offset`.
fn read_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::Read;
        let mut f = file.try_clone()?;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

/// The table of sections of an image file, checked against the file's length.
pub fn table(file: &File) -> io::Result<Vec<Section>> {
    let size = file.metadata()?.len();
    let mut pre = [0u8; PREAMBLE];
    read_at(file, 0, &mut pre)?;
    let word = |at: usize| u64::from_ne_bytes(pre[at..at + 8].try_into().unwrap_or_default());
    let half = |at: usize| u32::from_ne_bytes(pre[at..at + 4].try_into().unwrap_or_default());
    if &pre[..8] != MAGIC || half(8) != ORDER {
        return Err(bad("not a start-up image of this layout"));
    }
    let (at, len, crc) = (word(12), word(20), half(28));
    if len % ENTRY as u64 != 0 || at.checked_add(len) != Some(size) || len > 1 << 24 {
        return Err(bad("the table of sections is out of place"));
    }
    let mut raw = vec![0u8; len as usize];
    read_at(file, at, &mut raw)?;
    if crc32fast::hash(&raw) != crc {
        return Err(bad("the table of sections is damaged"));
    }
    raw.chunks_exact(ENTRY)
        .map(|c| {
            let u32_at = |i: usize| u32::from_ne_bytes(c[i..i + 4].try_into().unwrap_or_default());
            let u64_at = |i: usize| u64::from_ne_bytes(c[i..i + 8].try_into().unwrap_or_default());
            let s = Section {
                kind: Kind::from_u32(u32_at(0)).ok_or_else(|| bad("unknown section"))?,
                offset: u64_at(4),
                len: u64_at(12),
                crc: u32_at(20),
            };
            let inside = s.offset >= PREAMBLE as u64
                && s.offset.checked_add(s.len).is_some_and(|end| end <= at);
            if inside {
                Ok(s)
            } else {
                Err(bad("a section lies outside the file"))
            }
        })
        .collect()
}

/// Reads a section into `dest` (exactly its length) and checks its CRC.
pub fn read_into(file: &File, s: &Section, dest: &mut [u8]) -> io::Result<()> {
    if dest.len() as u64 != s.len {
        return Err(bad("a section has the wrong length"));
    }
    read_at(file, s.offset, dest)?;
    if crc32fast::hash(dest) != s.crc {
        return Err(bad("a section is damaged"));
    }
    Ok(())
}

/// Reads a whole section, checked.
pub fn read(file: &File, s: &Section) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    read_reusing(file, s, &mut buf)?;
    Ok(buf)
}

/// Reads a whole section into `buf` (its earlier content is replaced; its memory is reused,
/// which spares the system mapping fresh pages for every block), checked.
pub fn read_reusing(file: &File, s: &Section, buf: &mut Vec<u8>) -> io::Result<()> {
    let len = usize::try_from(s.len).map_err(|_| bad("a section is too large"))?;
    if buf.capacity() < len {
        *buf = vec![0u8; len];
        crate::heap::advise_huge(buf);
    } else {
        buf.clear();
        buf.resize(len, 0);
    }
    read_into(file, s, buf)
}

/// A cursor over a section's bytes; every read is checked against what is left.
pub struct In<'a> {
    buf: &'a [u8],
}

impl<'a> In<'a> {
    pub fn new(buf: &'a [u8]) -> In<'a> {
        In { buf }
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if n > self.buf.len() {
            return Err(bad("a section ends early"));
        }
        let (head, rest) = self.buf.split_at(n);
        self.buf = rest;
        Ok(head)
    }

    pub fn u8(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> io::Result<u16> {
        Ok(u16::from_ne_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_ne_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_ne_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }

    pub fn i64(&mut self) -> io::Result<i64> {
        Ok(self.u64()? as i64)
    }

    /// A length that must fit in what is left, at `unit` bytes an item.
    fn len(&mut self, unit: usize) -> io::Result<usize> {
        let n = usize::try_from(self.u64()?).map_err(|_| bad("a length is too large"))?;
        if n.checked_mul(unit.max(1))
            .is_none_or(|b| b > self.buf.len())
        {
            return Err(bad("a length runs past the section"));
        }
        Ok(n)
    }

    pub fn str(&mut self) -> io::Result<&'a str> {
        let n = self.len(1)?;
        std::str::from_utf8(self.take(n)?).map_err(|_| bad("text is not UTF-8"))
    }

    pub fn pods<T: Pod>(&mut self) -> io::Result<Vec<T>> {
        let n = self.len(size_of::<T>())?;
        let bytes = self.take(n * size_of::<T>())?;
        let mut v = vec![T::zeroed(); n];
        crate::heap::advise_huge(&mut v);
        bytemuck::cast_slice_mut::<T, u8>(&mut v).copy_from_slice(bytes);
        Ok(v)
    }

    /// Strings written by [`Out::strs`].
    pub fn strs(&mut self) -> io::Result<Vec<&'a str>> {
        let ends: Vec<u64> = self.pods()?;
        let text = self.str()?;
        let mut at = 0usize;
        ends.iter()
            .map(|&e| {
                let e = usize::try_from(e).map_err(|_| bad("a string end is too large"))?;
                let s = text
                    .get(at..e)
                    .ok_or_else(|| bad("a string lies outside its text"))?;
                at = e;
                Ok(s)
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "codec_tests.rs"]
mod tests;

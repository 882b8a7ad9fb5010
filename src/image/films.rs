//! Films in the start-up image: the names they use (once each), then the films in blocks
//! that decode on separate threads. A film's lists refer to names by their place in the
//! names section.

use std::io;

use super::codec::{In, Kind, Out, bad};
use crate::film::{FilmHead, ListBuf, Text};
use crate::model::Film;
use crate::names::Sym;

/// Films per block.
pub const BLOCK: usize = 1 << 15;

const NONE32: u32 = u32::MAX;
const HAS_ORIGINAL: u8 = 1;
const HAS_IMDB: u8 = 2;
const HAS_TMDB: u8 = 4;
const HAS_YEAR: u8 = 8;
const HAS_RUNTIME: u8 = 16;

/// Writes the names section and the film blocks.
pub fn write(out: &mut Out<'_>, films: &[Film]) -> io::Result<()> {
    // Each name's place in the names section, by symbol number.
    let mut place: Vec<u32> = Vec::new();
    let mut names: Vec<Sym> = Vec::new();
    let mut number = |s: Sym| -> u32 {
        let n = s.number() as usize;
        if n >= place.len() {
            place.resize(n + 1, NONE32);
        }
        if place[n] == NONE32 {
            place[n] = names.len() as u32;
            names.push(s);
        }
        place[n]
    };
    let mut blocks = Vec::with_capacity(films.len().div_ceil(BLOCK));
    for chunk in films.chunks(BLOCK) {
        let mut b = Vec::with_capacity(chunk.len() * 64);
        b.extend_from_slice(&(chunk.len() as u32).to_ne_bytes());
        for f in chunk {
            encode(f, &mut b, &mut number);
        }
        blocks.push(b);
    }
    out.begin(Kind::Names)?;
    out.strs(&names)?;
    out.end();
    for b in blocks {
        out.begin(Kind::Films)?;
        out.bytes(&b)?;
        out.end();
    }
    Ok(())
}

fn text(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_ne_bytes());
    b.extend_from_slice(s.as_bytes());
}

fn encode(f: &Film, b: &mut Vec<u8>, number: &mut impl FnMut(Sym) -> u32) {
    let original = f.original_title != f.title;
    let flags = [
        (original, HAS_ORIGINAL),
        (f.imdb_id.is_some(), HAS_IMDB),
        (f.tmdb_id.is_some(), HAS_TMDB),
        (f.year.is_some(), HAS_YEAR),
        (f.runtime.is_some(), HAS_RUNTIME),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .fold(0u8, |acc, (_, bit)| acc | bit);
    b.push(flags);
    b.extend_from_slice(&f.id.to_ne_bytes());
    b.extend_from_slice(&f.year.unwrap_or(0).to_ne_bytes());
    b.extend_from_slice(&f.runtime.unwrap_or(0).to_ne_bytes());
    b.extend_from_slice(&f.tmdb_id.unwrap_or(0).to_ne_bytes());
    b.extend_from_slice(&number(f.source).to_ne_bytes());
    text(b, &f.title);
    if original {
        text(b, &f.original_title);
    }
    if let Some(imdb) = &f.imdb_id {
        text(b, imdb);
    }
    for list in crate::film::ALL {
        let names = f.list(list);
        b.extend_from_slice(&(names.len() as u16).to_ne_bytes());
        for &n in names {
            b.extend_from_slice(&number(n).to_ne_bytes());
        }
    }
}

/// The names section, interned.
pub fn names(buf: &[u8]) -> io::Result<Vec<Sym>> {
    let mut r = In::new(buf);
    let names = r.strs()?.into_iter().map(Sym::new).collect();
    if !r.is_empty() {
        return Err(bad("the names section runs on"));
    }
    Ok(names)
}

/// Appends the films of one block to `films`.
pub fn block(buf: &[u8], names: &[Sym], films: &mut Vec<Film>) -> io::Result<()> {
    let mut r = In::new(buf);
    let n = r.u32()? as usize;
    if n > BLOCK {
        return Err(bad("a block holds too many films"));
    }
    let name = |i: u32| {
        names
            .get(i as usize)
            .copied()
            .ok_or_else(|| bad("unknown name"))
    };
    let text = |r: &mut In<'_>| -> io::Result<Text> {
        let len = r.u32()? as usize;
        let s = std::str::from_utf8(r.take(len)?).map_err(|_| bad("a title is not UTF-8"))?;
        Ok(Text::from(s))
    };
    films.reserve(n);
    let mut lists = ListBuf::default();
    for _ in 0..n {
        let flags = r.u8()?;
        let id = r.i64()?;
        let year = r.u32()? as i32;
        let runtime = r.u32()?;
        let tmdb = r.i64()?;
        let source = name(r.u32()?)?;
        let title = text(&mut r)?;
        let original_title = if flags & HAS_ORIGINAL != 0 {
            text(&mut r)?
        } else {
            title.clone()
        };
        let imdb_id = if flags & HAS_IMDB != 0 {
            Some(text(&mut r)?)
        } else {
            None
        };
        for _ in crate::film::ALL {
            for _ in 0..r.u16()? {
                lists.push(name(r.u32()?)?);
            }
            lists.end_list();
        }
        let on = |bit: u8| flags & bit != 0;
        films.push(lists.film(FilmHead {
            id,
            title,
            original_title,
            year: on(HAS_YEAR).then_some(year),
            runtime: on(HAS_RUNTIME).then_some(runtime),
            source,
            tmdb_id: on(HAS_TMDB).then_some(tmdb),
            imdb_id,
        }));
    }
    if !r.is_empty() {
        return Err(bad("a block of films runs on"));
    }
    Ok(())
}

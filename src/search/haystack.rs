//! The searchable text of a catalog in one allocation: every film's folded title, original
//! title (when it differs) and directors, back to back, with a span per field.

use crate::model::Film;
use crate::search::Field;
use crate::text::{fold_into, fold_with_map};

/// One field's place in the text.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    pub start: u32,
    pub len: u32,
    /// Folded characters (the length penalty counts characters).
    pub chars: u32,
    /// The kinds of character at word starts past the first ([`super::score::head_mask`]).
    pub heads: u32,
}

/// Folded fields of every film, in catalog order.
#[derive(Debug, Default)]
pub struct Haystack {
    text: String,
    spans: Vec<Span>,
    /// Film `e`'s fields are `spans[first[e]..first[e + 1]]`: title, then the original title
    /// when `original[e]`, then directors.
    first: Vec<u32>,
    original: Vec<bool>,
    pub film_ids: Vec<i64>,
    /// Source text of fields that are not ASCII (span index, start, len in `sources`), to map
    /// matched positions back for highlighting; an ASCII field folds char for char.
    source_spans: Vec<(u32, u32, u32)>,
    sources: String,
}

impl Haystack {
    pub fn new(films: &[Film]) -> Haystack {
        let mut h = Haystack {
            first: Vec::with_capacity(films.len() + 1),
            original: Vec::with_capacity(films.len()),
            film_ids: Vec::with_capacity(films.len()),
            ..Haystack::default()
        };
        for f in films {
            h.first.push(h.spans.len() as u32);
            h.film_ids.push(f.id);
            h.push(&f.title);
            let original = f.original_title != f.title;
            h.original.push(original);
            if original {
                h.push(&f.original_title);
            }
            for d in f.directors() {
                h.push(d);
            }
        }
        h.first.push(h.spans.len() as u32);
        h.text.shrink_to_fit();
        h.spans.shrink_to_fit();
        h.sources.shrink_to_fit();
        h.source_spans.shrink_to_fit();
        h
    }

    /// Appends one field. The text is indexed with 32-bit offsets: fields past 4 GiB of
    /// folded text (far beyond any catalog) are left out rather than mis-addressed.
    fn push(&mut self, source: &str) {
        let Ok(start) = u32::try_from(self.text.len()) else {
            return;
        };
        // Folded in place at the end of the text (no string per field).
        fold_into(&mut self.text, source);
        if u32::try_from(self.text.len()).is_err() {
            self.text.truncate(start as usize);
            return;
        }
        let folded = &self.text[start as usize..];
        let index = self.spans.len() as u32;
        self.spans.push(Span {
            start,
            len: folded.len() as u32,
            chars: folded.chars().count() as u32,
            heads: super::score::head_mask(folded),
        });
        if !source.is_ascii()
            && let Ok(at) = u32::try_from(self.sources.len())
        {
            self.sources.push_str(source);
            self.source_spans.push((index, at, source.len() as u32));
        }
    }

    pub fn len(&self) -> usize {
        self.film_ids.len()
    }

    /// The span indices of film `e`'s fields.
    pub fn fields(&self, e: usize) -> std::ops::Range<usize> {
        self.first[e] as usize..self.first[e + 1] as usize
    }

    pub fn span(&self, k: usize) -> Span {
        self.spans[k]
    }

    pub fn text(&self, s: Span) -> &str {
        &self.text[s.start as usize..(s.start + s.len) as usize]
    }

    /// What the `k`-th field of film `e` is (0 = title), with the director's index, and the
    /// score discount that ranks titles over original titles over directors.
    pub fn field(&self, e: usize, k: usize) -> (Field, Option<usize>, i64) {
        let has_original = usize::from(self.original[e]);
        match k {
            0 => (Field::Title, None, 0),
            1 if has_original == 1 => (Field::OriginalTitle, None, 1),
            _ => (Field::Director, Some(k - 1 - has_original), 2),
        }
    }

    /// Maps char positions in the folded field `span` back to positions in its source text.
    pub fn source_positions(&self, span: usize, folded: &[usize]) -> Vec<usize> {
        let found = self
            .source_spans
            .binary_search_by_key(&(span as u32), |s| s.0);
        let mut out: Vec<usize> = match found {
            Ok(i) => {
                let (_, at, len) = self.source_spans[i];
                let source = &self.sources[at as usize..(at + len) as usize];
                let (_, map) = fold_with_map(source);
                folded.iter().filter_map(|i| map.get(*i).copied()).collect()
            }
            Err(_) => folded.to_vec(),
        };
        out.dedup();
        out
    }

    /// Writes the haystack into a start-up image section.
    pub fn write_image(&self, out: &mut crate::image::codec::Out<'_>) -> std::io::Result<()> {
        let spans: Vec<[u32; 4]> = (self.spans.iter())
            .map(|s| [s.start, s.len, s.chars, s.heads])
            .collect();
        let original: Vec<u8> = self.original.iter().map(|&o| u8::from(o)).collect();
        let sources: Vec<[u32; 3]> = (self.source_spans.iter())
            .map(|&(a, b, c)| [a, b, c])
            .collect();
        out.str(&self.text)?;
        out.pods(&spans)?;
        out.pods(&self.first)?;
        out.pods(&original)?;
        out.pods(&self.film_ids)?;
        out.pods(&sources)?;
        out.str(&self.sources)
    }

    /// Reads what [`Haystack::write_image`] wrote, checking that every span lies inside its
    /// text on character boundaries and that the per-film tables agree.
    pub fn read_image(buf: &[u8]) -> std::io::Result<Haystack> {
        use crate::image::codec::{In, bad};
        let mut r = In::new(buf);
        let text = crate::image::codec::owned(r.str()?);
        let spans: Vec<Span> = (r.pods::<[u32; 4]>()?.into_iter())
            .map(|[start, len, chars, heads]| Span {
                start,
                len,
                chars,
                heads,
            })
            .collect();
        let first: Vec<u32> = r.pods()?;
        let original: Vec<bool> = r.pods::<u8>()?.into_iter().map(|o| o != 0).collect();
        let film_ids: Vec<i64> = r.pods()?;
        let source_spans: Vec<(u32, u32, u32)> = (r.pods::<[u32; 3]>()?.into_iter())
            .map(|[a, b, c]| (a, b, c))
            .collect();
        let sources = crate::image::codec::owned(r.str()?);
        let inside = |s: &str, at: u32, len: u32| {
            let (at, end) = (at as usize, at as usize + len as usize);
            end <= s.len() && s.is_char_boundary(at) && s.is_char_boundary(end)
        };
        let n = film_ids.len();
        let ok = r.is_empty()
            && original.len() == n
            && first.len() == n + 1
            && first[0] == 0
            && first.windows(2).all(|w| w[0] <= w[1])
            && first[n] as usize == spans.len()
            && spans.iter().all(|s| inside(&text, s.start, s.len))
            && source_spans.windows(2).all(|w| w[0].0 < w[1].0)
            && (source_spans.iter())
                .all(|&(k, at, len)| (k as usize) < spans.len() && inside(&sources, at, len));
        if !ok {
            return Err(bad("the search index does not hold together"));
        }
        Ok(Haystack {
            text,
            spans,
            first,
            original,
            film_ids,
            source_spans,
            sources,
        })
    }

    /// Approximate heap bytes held.
    pub fn bytes(&self) -> usize {
        self.text.capacity()
            + self.spans.capacity() * std::mem::size_of::<Span>()
            + self.first.capacity() * 4
            + self.original.capacity()
            + self.film_ids.capacity() * 8
            + self.source_spans.capacity() * 12
            + self.sources.capacity()
    }
}

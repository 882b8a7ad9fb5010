//! Bulk reads for start-up: a second read-only connection (WAL lets it read beside the main
//! one), film id bounds to split the catalog read, and the film-vector cache and popularity
//! read into flat arrays instead of a map of small allocations.

use std::path::Path;

use rusqlite::types::{FromSqlError, Type};
use rusqlite::{Connection, OpenFlags};

use super::{BUSY_TIMEOUT, Store};
use crate::error::{Error, Result};

/// The film-vector cache as read: one entry per cached film, in film id order, every vector
/// in one buffer.
#[derive(Debug, Clone, Default)]
pub struct CachedVectors {
    ids: Vec<i64>,
    /// The distinct model ids, and each entry's index into them.
    models: Vec<String>,
    model_of: Vec<u32>,
    /// The document hash, `None` when the stored text is not one this version writes.
    doc_hash: Vec<Option<u64>>,
    scale: Vec<f32>,
    /// Entry `i`'s vector is `data[start[i]..start[i + 1]]`.
    start: Vec<usize>,
    data: Vec<i8>,
}

/// One cached vector, borrowed from [`CachedVectors`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CachedRow<'a> {
    pub model: &'a str,
    pub doc_hash: Option<u64>,
    pub scale: f32,
    pub vec: &'a [i8],
}

impl CachedVectors {
    /// Entries from (film id, vector) pairs in any order (tests and small callers).
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = (i64, &'a super::StoredVector)>) -> Self {
        let mut rows: Vec<_> = rows.into_iter().collect();
        rows.sort_by_key(|(id, _)| *id);
        let mut c = CachedVectors::default();
        for (id, v) in rows {
            c.push(
                id,
                &v.model,
                parse_hash(&v.doc_hash),
                v.scale,
                v.vec.iter().copied(),
            );
        }
        c
    }

    fn push(
        &mut self,
        id: i64,
        model: &str,
        doc_hash: Option<u64>,
        scale: f32,
        vec: impl Iterator<Item = i8>,
    ) {
        if self.start.is_empty() {
            self.start.push(0);
        }
        let m = match self.models.iter().position(|x| x == model) {
            Some(m) => m,
            None => {
                self.models.push(model.to_string());
                self.models.len() - 1
            }
        };
        self.ids.push(id);
        self.model_of.push(m as u32);
        self.doc_hash.push(doc_hash);
        self.scale.push(scale);
        self.data.extend(vec);
        self.start.push(self.data.len());
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The entry for `id` (a binary search: entries are in id order).
    pub fn get(&self, id: i64) -> Option<CachedRow<'_>> {
        let i = self.ids.binary_search(&id).ok()?;
        Some(self.row(i))
    }

    /// The position of `id`'s entry, searching forward from `from` (callers that walk films
    /// in id order pass the last position found, so the walk is linear).
    pub fn find_from(&self, from: usize, id: i64) -> Option<usize> {
        let rest = self.ids.get(from..)?;
        rest.binary_search(&id).ok().map(|i| from + i)
    }

    pub fn row(&self, i: usize) -> CachedRow<'_> {
        CachedRow {
            model: &self.models[self.model_of[i] as usize],
            doc_hash: self.doc_hash[i],
            scale: self.scale[i],
            vec: &self.data[self.start[i]..self.start[i + 1]],
        }
    }
}

/// A column of the wrong type, as rusqlite reports it.
fn bad(column: usize) -> impl Fn(FromSqlError) -> rusqlite::Error {
    move |e| rusqlite::Error::FromSqlConversionFailure(column, Type::Null, Box::new(e))
}

/// A stored document hash (16 hex digits) as a number.
pub fn parse_hash(s: &str) -> Option<u64> {
    (s.len() == 16).then(|| u64::from_str_radix(s, 16).ok())?
}

impl Store {
    /// A second, read-only connection to the same database file, for reading beside the main
    /// connection on another thread.
    /// A database this process cannot write is read immutable, like [`Store::open_read`].
    pub fn open_reader(path: &Path) -> Result<Store> {
        let read_only = !super::read_only::writable(path);
        let conn = if read_only {
            super::read_only::open_immutable(path)?
        } else {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            Connection::open_with_flags(path, flags).map_err(|e| Error::storage(path, e))?
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
            read_only,
        })
    }

    /// The smallest and largest film id, `None` for an empty catalog.
    pub fn film_id_bounds(&self) -> Result<Option<(i64, i64)>> {
        let (lo, hi): (Option<i64>, Option<i64>) =
            self.conn
                .query_row("SELECT min(id), max(id) FROM films", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        Ok(lo.zip(hi))
    }

    /// The most votes any source gives each film that has popularity data, by film id.
    pub fn max_votes(&self) -> Result<Vec<(i64, u64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT film_id, max(votes) FROM film_popularity GROUP BY film_id ORDER BY film_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The whole film-vector cache, read without a small allocation per row; `expect` is
    /// about how many entries there are (room is made for them at once).
    pub fn cached_vectors(&self, expect: usize) -> Result<CachedVectors> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT film_id, model, doc_hash, scale, vec FROM film_vectors ORDER BY film_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut c = CachedVectors::default();
        c.ids.reserve(expect);
        c.model_of.reserve(expect);
        c.doc_hash.reserve(expect);
        c.scale.reserve(expect);
        c.start.reserve(expect + 1);
        while let Some(r) = rows.next()? {
            let model = r.get_ref(1)?.as_str().map_err(bad(1))?;
            let hash = parse_hash(r.get_ref(2)?.as_str().map_err(bad(2))?);
            let blob = r.get_ref(4)?.as_blob().map_err(bad(4))?;
            let scale = r.get::<_, f64>(3)? as f32;
            if c.data.is_empty() {
                c.data.reserve(expect.saturating_mul(blob.len()));
                crate::heap::advise_huge(c.data.spare_capacity_mut());
            }
            c.push(r.get(0)?, model, hash, scale, blob.iter().map(|&b| b as i8));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoredVector;

    #[test]
    fn hashes_parse_only_when_written_by_this_version() {
        assert_eq!(parse_hash("00000000000000ff"), Some(255));
        assert_eq!(parse_hash("ff"), None);
        assert_eq!(parse_hash("zzzzzzzzzzzzzzzz"), None);
    }

    #[test]
    fn the_cache_reads_back_in_id_order() {
        let s = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for t in ["A", "B", "C"] {
            let f = crate::model::FilmData {
                title: t.into(),
                ..Default::default()
            };
            ids.push(s.insert_film(&f).unwrap());
        }
        let v = |m: &str, x: i8| StoredVector {
            model: m.into(),
            doc_hash: format!("{:016x}", x as u64),
            scale: 0.5,
            vec: vec![x, -x, 3],
        };
        let rows = vec![(ids[2], v("m1", 7)), (ids[0], v("m2", 1))];
        s.put_film_vectors(&rows).unwrap();
        let c = s.cached_vectors(2).unwrap();
        assert_eq!(c.len(), 2);
        let a = c.get(ids[0]).unwrap();
        assert_eq!(
            (a.model, a.doc_hash, a.vec),
            ("m2", Some(1), &[1i8, -1, 3][..])
        );
        let b = c.get(ids[2]).unwrap();
        assert_eq!((b.model, b.scale, b.vec), ("m1", 0.5, &[7i8, -7, 3][..]));
        assert!(c.get(ids[1]).is_none());
        assert_eq!(c.find_from(1, ids[2]), Some(1));
        let same = CachedVectors::from_rows(rows.iter().map(|(id, v)| (*id, v)));
        assert_eq!(same.get(ids[2]), c.get(ids[2]));
    }
}

//! SQL for the film-vector cache: one int8 vector per film, keyed by model and document hash.

use std::collections::HashMap;

use rusqlite::params;

use super::Store;
use crate::error::Result;

/// A cached term vector: (model, term, int8 vector, scale).
pub type TermRow = (String, String, Vec<i8>, f32);

/// A cached vector as stored: int8 components and the scale that turns them back into floats.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVector {
    pub model: String,
    pub doc_hash: String,
    pub scale: f32,
    pub vec: Vec<i8>,
}

fn to_bytes(v: &[i8]) -> Vec<u8> {
    v.iter().map(|&x| x as u8).collect()
}

fn from_bytes(b: &[u8]) -> Vec<i8> {
    b.iter().map(|&x| x as i8).collect()
}

impl Store {
    /// Every cached vector, by film id.
    pub fn film_vectors(&self) -> Result<HashMap<i64, StoredVector>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT film_id, model, doc_hash, scale, vec FROM film_vectors")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                StoredVector {
                    model: r.get(1)?,
                    doc_hash: r.get(2)?,
                    scale: r.get::<_, f64>(3)? as f32,
                    vec: from_bytes(&r.get::<_, Vec<u8>>(4)?),
                },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Cached term vectors of one model: term → (int8 vector, scale).
    pub fn term_vectors(&self, model: &str) -> Result<HashMap<String, (Vec<i8>, f32)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT term, scale, vec FROM term_vectors WHERE model = ?1")?;
        let rows = stmt.query_map([model], |r| {
            Ok((
                r.get::<_, String>(0)?,
                (
                    from_bytes(&r.get::<_, Vec<u8>>(2)?),
                    r.get::<_, f64>(1)? as f32,
                ),
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Every cached term vector: (model, term, int8 vector, scale).
    pub fn all_term_vectors(&self) -> Result<Vec<TermRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT model, term, scale, vec FROM term_vectors")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                from_bytes(&r.get::<_, Vec<u8>>(3)?),
                r.get::<_, f64>(2)? as f32,
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Caches term vectors of one model (one transaction); other models' rows are dropped.
    pub fn put_term_vectors(&self, model: &str, rows: &[(String, Vec<i8>, f32)]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        super::void_image(&tx)?;
        tx.execute("DELETE FROM term_vectors WHERE model <> ?1", [model])?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO term_vectors(model, term, scale, vec) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (term, v, scale) in rows {
                stmt.execute(params![model, term, f64::from(*scale), to_bytes(v)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Writes (or replaces) cached film vectors, all in one transaction.
    pub fn put_film_vectors(&self, rows: &[(i64, StoredVector)]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let tx = self.conn.unchecked_transaction()?;
        super::void_image(&tx)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO film_vectors(film_id, model, doc_hash, scale, vec) \
                 VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT(film_id) DO UPDATE SET model = excluded.model, \
                 doc_hash = excluded.doc_hash, scale = excluded.scale, vec = excluded.vec",
            )?;
            for (id, v) in rows {
                stmt.execute(params![
                    id,
                    v.model,
                    v.doc_hash,
                    f64::from(v.scale),
                    to_bytes(&v.vec)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}

//! Film id → position in the catalog. Film ids are SQLite row ids, dense in practice, so the
//! usual index is a flat table (4 bytes per id in the range, where a hash map takes about 36);
//! ids spread thinly fall back to a hash map.

use std::collections::HashMap;

/// Positions of ids.
#[derive(Debug, Clone)]
pub enum IdIndex {
    /// `slots[id - min]` is the position, or `u32::MAX` for none.
    Dense {
        min: i64,
        slots: Vec<u32>,
    },
    Sparse(HashMap<i64, usize>),
}

const NONE: u32 = u32::MAX;

impl Default for IdIndex {
    fn default() -> IdIndex {
        IdIndex::Dense {
            min: 0,
            slots: Vec::new(),
        }
    }
}

impl IdIndex {
    /// Indexes `ids` by their position in the iteration (a repeated id keeps its first).
    pub fn new(ids: impl ExactSizeIterator<Item = i64> + Clone) -> IdIndex {
        let n = ids.len();
        let (min, max) = ids.clone().fold((i64::MAX, i64::MIN), |(lo, hi), id| {
            (lo.min(id), hi.max(id))
        });
        let span = (max as i128 - min as i128 + 1).max(0) as u128;
        let dense = n > 0 && n < NONE as usize && span <= (2 * n as u128).max(1024);
        if !dense {
            let mut map = HashMap::with_capacity(n);
            for (i, id) in ids.enumerate() {
                map.entry(id).or_insert(i);
            }
            return IdIndex::Sparse(map);
        }
        let mut slots = vec![NONE; span as usize];
        for (i, id) in ids.enumerate() {
            let slot = &mut slots[(id - min) as usize];
            if *slot == NONE {
                *slot = i as u32;
            }
        }
        IdIndex::Dense { min, slots }
    }

    /// The position of `id`.
    pub fn get(&self, id: i64) -> Option<usize> {
        match self {
            IdIndex::Dense { min, slots } => {
                let at = usize::try_from(id.checked_sub(*min)?).ok()?;
                slots.get(at).filter(|s| **s != NONE).map(|s| *s as usize)
            }
            IdIndex::Sparse(map) => map.get(&id).copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_and_sparse_ids_find_their_positions() {
        let dense = IdIndex::new([5i64, 3, 9, 4].into_iter());
        assert!(matches!(dense, IdIndex::Dense { .. }));
        assert_eq!(dense.get(9), Some(2));
        assert_eq!(dense.get(3), Some(1));
        assert_eq!(dense.get(6), None);
        assert_eq!(dense.get(2), None);
        assert_eq!(dense.get(i64::MIN), None);
        assert_eq!(dense.get(i64::MAX), None);
        let ids: Vec<i64> = (0..5000).map(|i| i * 1_000_003 - 7).collect();
        let sparse = IdIndex::new(ids.iter().copied());
        assert!(matches!(sparse, IdIndex::Sparse(_)));
        assert_eq!(sparse.get(ids[4321]), Some(4321));
        assert_eq!(sparse.get(1), None);
        let extremes = IdIndex::new([i64::MIN, i64::MAX].into_iter());
        assert_eq!(extremes.get(i64::MAX), Some(1));
        assert_eq!(IdIndex::new(std::iter::empty::<i64>()).get(0), None);
    }
}

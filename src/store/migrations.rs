//! Numbered schema migrations, built into the binary and applied in one transaction each.

use rusqlite::Connection;

use super::APPLICATION_ID;
use crate::error::Result;

/// (version, SQL) in order; version N's SQL takes the schema from N−1 to N.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_vectors.sql")),
    (3, include_str!("migrations/0003_popularity_marks.sql")),
];

/// The newest schema this build knows.
pub const LATEST_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

/// Applies every migration newer than the database's `user_version`. Each runs in an immediate
/// transaction that reads the version again, so two processes opening a new or old database
/// at once migrate it once.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now >= *version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.execute_batch(&format!(
            "PRAGMA user_version = {version}; PRAGMA application_id = {APPLICATION_ID};"
        ))?;
        tx.commit()?;
        tracing::info!("migrated database to schema {version}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive() {
        for (i, (v, _)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*v, i as i64 + 1);
        }
    }

    #[test]
    fn migrate_is_idempotent() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        migrate(&mut c).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST_VERSION);
    }
}

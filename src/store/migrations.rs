//! Numbered schema migrations, built into the binary and applied in one transaction each.

use rusqlite::Connection;

use super::APPLICATION_ID;
use crate::error::Result;

/// (version, SQL) in order; version N's SQL takes the schema from N−1 to N.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_vectors.sql")),
    (3, include_str!("migrations/0003_popularity_marks.sql")),
    (4, include_str!("migrations/0004_image_token.sql")),
    (5, include_str!("migrations/0005_import_origin.sql")),
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
    fn every_update_or_delete_of_what_a_start_up_image_holds_deletes_its_token() {
        let mut c = Connection::open_in_memory().unwrap();
        migrate(&mut c).unwrap();
        c.execute_batch(
            "INSERT INTO films(id, title, original_title, source) VALUES (1, 'A', 'A', 's');
             INSERT INTO films(id, title, original_title, source) VALUES (2, 'B', 'B', 's');",
        )
        .unwrap();
        c.execute_batch(
            "INSERT INTO films(id, title, original_title, source) VALUES (3, 'C', 'C', 's');
             INSERT INTO film_popularity VALUES (1, 'tmdb', 10, NULL);
             INSERT INTO film_vectors VALUES (1, 'm', 'h', 1.0, x'01');
             INSERT INTO term_vectors VALUES ('m', 't:x', 1.0, x'01');",
        )
        .unwrap();
        let changes = [
            "UPDATE films SET year = 2001 WHERE id = 3",
            "UPDATE film_popularity SET votes = 11",
            "DELETE FROM film_popularity",
            "UPDATE film_vectors SET scale = 2.0",
            "DELETE FROM film_vectors",
            "UPDATE term_vectors SET scale = 2.0",
            "DELETE FROM term_vectors",
            "DELETE FROM films WHERE id = 3",
        ];
        let token = |c: &Connection| -> i64 {
            c.query_row(
                "SELECT count(*) FROM meta WHERE key = 'startup_image'",
                [],
                |r| r.get(0),
            )
            .unwrap()
        };
        for sql in changes {
            c.execute(
                "INSERT OR REPLACE INTO meta VALUES ('startup_image', 't')",
                [],
            )
            .unwrap();
            c.execute_batch(sql).unwrap();
            assert_eq!(token(&c), 0, "{sql}");
        }
        // The diary is not in the image: logging a viewing keeps it.
        c.execute(
            "INSERT OR REPLACE INTO meta VALUES ('startup_image', 't')",
            [],
        )
        .unwrap();
        c.execute_batch(
            "INSERT INTO watches(film_id, watched_at, sort_key, created_at)
             VALUES (1, '2026-12-02T23:00:00+01:00', 'k', 'now');
             INSERT INTO watchlist VALUES (2, 'now');",
        )
        .unwrap();
        assert_eq!(token(&c), 1);
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

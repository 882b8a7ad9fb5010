-- nightreel schema 4: the start-up image (a cache file of the loaded catalog beside the
-- database) is valid while meta holds its token under 'startup_image'; any change to what the
-- image holds (films, popularity, cached vectors) deletes that key. Updates and deletes do it
-- here; the store deletes it in every transaction that inserts into these tables (a trigger
-- per inserted row would cost million-row imports seconds), and start-up compares the film
-- ids' bounds with the image's, which catches films added by other programs.
CREATE TRIGGER films_update_image AFTER UPDATE ON films BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER films_delete_image AFTER DELETE ON films BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER film_popularity_update_image AFTER UPDATE ON film_popularity BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER film_popularity_delete_image AFTER DELETE ON film_popularity BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER film_vectors_update_image AFTER UPDATE ON film_vectors BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER film_vectors_delete_image AFTER DELETE ON film_vectors BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER term_vectors_update_image AFTER UPDATE ON term_vectors BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;
CREATE TRIGGER term_vectors_delete_image AFTER DELETE ON term_vectors BEGIN DELETE FROM meta WHERE key = 'startup_image'; END;

-- nightreel schema 3: how many people rated a film and how highly, per source (TMDB votes,
-- MovieLens ratings, IMDb ratings), written by catalog imports.
CREATE TABLE film_popularity (
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    source  TEXT    NOT NULL,
    votes   INTEGER NOT NULL,
    mean    REAL,
    PRIMARY KEY (film_id, source)
) WITHOUT ROWID;

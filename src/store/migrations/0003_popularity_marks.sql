-- nightreel schema 3: popularity per source, and films marked as seen without a dated viewing.

-- How many people rated a film and how highly, per source (TMDB votes, MovieLens ratings,
-- IMDb ratings), written by catalog imports.
CREATE TABLE film_popularity (
    film_id INTEGER NOT NULL REFERENCES films(id) ON DELETE CASCADE,
    source  TEXT    NOT NULL,
    votes   INTEGER NOT NULL,
    mean    REAL,
    PRIMARY KEY (film_id, source)
) WITHOUT ROWID;

-- Films marked as seen without a dated viewing: Letterboxd's "watched" films, ratings and likes
-- of films with no diary entry. `marked_on` is the day the source recorded it, not a viewing.
CREATE TABLE film_marks (
    film_id   INTEGER PRIMARY KEY REFERENCES films(id) ON DELETE CASCADE,
    rating    INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 10),
    liked     INTEGER NOT NULL DEFAULT 0,
    marked_on TEXT,
    source    TEXT    NOT NULL
);

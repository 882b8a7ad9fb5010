-- nightreel schema 1: films, viewings, watchlist, metadata.
CREATE TABLE films (
    id             INTEGER PRIMARY KEY,
    title          TEXT    NOT NULL,
    original_title TEXT    NOT NULL,
    year           INTEGER,
    directors      TEXT    NOT NULL DEFAULT '[]',
    countries      TEXT    NOT NULL DEFAULT '[]',
    languages      TEXT    NOT NULL DEFAULT '[]',
    runtime        INTEGER,
    genres         TEXT    NOT NULL DEFAULT '[]',
    tags           TEXT    NOT NULL DEFAULT '[]',
    keywords       TEXT    NOT NULL DEFAULT '[]',
    source         TEXT    NOT NULL,
    seed_key       TEXT    UNIQUE,
    tmdb_id        INTEGER UNIQUE,
    imdb_id        TEXT    UNIQUE,
    movielens_id   INTEGER UNIQUE,
    letterboxd_uri TEXT    UNIQUE
);
CREATE INDEX films_title ON films(title);

CREATE TABLE watches (
    id          INTEGER PRIMARY KEY,
    film_id     INTEGER NOT NULL REFERENCES films(id),
    watched_at  TEXT    NOT NULL,
    sort_key    TEXT    NOT NULL,
    rating      INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 10),
    rewatch     INTEGER NOT NULL DEFAULT 0,
    liked       INTEGER NOT NULL DEFAULT 0,
    mood        TEXT,
    mood_after  TEXT,
    note        TEXT,
    source      TEXT    NOT NULL DEFAULT 'nightreel',
    created_at  TEXT    NOT NULL
);
CREATE INDEX watches_film ON watches(film_id);
CREATE INDEX watches_sort ON watches(sort_key);

CREATE TABLE watchlist (
    film_id  INTEGER PRIMARY KEY REFERENCES films(id),
    added_at TEXT NOT NULL
);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

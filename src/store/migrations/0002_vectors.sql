-- nightreel schema 2: cached film vectors, one row per film, keyed by model and document.
CREATE TABLE film_vectors (
    film_id  INTEGER PRIMARY KEY REFERENCES films(id) ON DELETE CASCADE,
    model    TEXT    NOT NULL,
    doc_hash TEXT    NOT NULL,
    scale    REAL    NOT NULL,
    vec      BLOB    NOT NULL
);

-- Cached vectors of tags, keywords and genres ("t:lonely", "k:hong kong", "g:drama"), per model.
CREATE TABLE term_vectors (
    model TEXT NOT NULL,
    term  TEXT NOT NULL,
    scale REAL NOT NULL,
    vec   BLOB NOT NULL,
    PRIMARY KEY (model, term)
) WITHOUT ROWID;

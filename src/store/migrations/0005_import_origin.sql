-- nightreel schema 5: which import put a viewing in. `import_origin` is "import:<format>" for a
-- viewing an import added and NULL for one logged in nightreel; editing a viewing in nightreel
-- sets it to NULL (the viewing is the user's from then on). A later import of the same format
-- may bring a newer rating, like, rewatch or note to a viewing whose origin is its own, and to
-- no other. Viewings already in the diary are left NULL: whether they were edited is not known,
-- so they are kept as they are.
ALTER TABLE watches ADD COLUMN import_origin TEXT;

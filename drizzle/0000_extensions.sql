-- pg_trgm backs substring search on Chinese names (trigram GIN indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

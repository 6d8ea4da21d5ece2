-- Facts snapshots are ~3.9 kB of JSON each, over the 2 kB at which PostgreSQL compresses a value:
-- with its default pglz, compressing took ~40 % of storing them (a first batch evaluation writes
-- 100,000). lz4 compresses them as small (~1.6 kB) in less time. Servers built without lz4
-- (PGlite) keep pglz. Existing values keep their compression until rewritten.
DO $$
BEGIN
  ALTER TABLE "facts_snapshots" ALTER COLUMN "doc" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available: facts snapshots stay compressed with pglz';
END $$;

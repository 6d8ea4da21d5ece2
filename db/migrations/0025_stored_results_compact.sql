-- Stored results become compact rows plus facts snapshots (cultivation.store.ts). Existing rows are
-- kept as they are, with their full result and no snapshot: readers use that result directly.
CREATE TABLE "facts_snapshots" (
	"hash" uuid PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "facts" uuid;
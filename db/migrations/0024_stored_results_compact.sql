CREATE TABLE "facts_snapshots" (
	"hash" uuid PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "facts" uuid;
CREATE TABLE "evaluation_runs" (
	"as_of" date PRIMARY KEY NOT NULL,
	"organisations" integer NOT NULL,
	"completed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Evaluation dates stored before runs were recorded count as completed runs.
INSERT INTO "evaluation_runs" ("as_of", "organisations", "completed_at")
SELECT "as_of", count(DISTINCT "org_id")::int, max("computed_at") FROM "assessments" GROUP BY "as_of";

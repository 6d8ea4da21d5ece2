CREATE TABLE "evaluation_runs" (
	"as_of" date PRIMARY KEY NOT NULL,
	"organisations" integer NOT NULL,
	"completed_at" timestamp with time zone NOT NULL
);

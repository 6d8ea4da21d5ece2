CREATE TABLE "assessments" (
	"org_id" uuid NOT NULL,
	"ruleset" text NOT NULL,
	"as_of" date NOT NULL,
	"version" text NOT NULL,
	"verdict" text NOT NULL,
	"held" text,
	"score_min" integer,
	"score_max" integer,
	"gap_count" integer NOT NULL,
	"blocker_count" integer NOT NULL,
	"open_count" integer NOT NULL,
	"effort" double precision NOT NULL,
	"result" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assessments_org_id_ruleset_as_of_pk" PRIMARY KEY("org_id","ruleset","as_of")
);
--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_funnel_idx" ON "assessments" USING btree ("as_of","ruleset","verdict");
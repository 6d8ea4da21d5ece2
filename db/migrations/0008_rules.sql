CREATE TABLE "rule_param_versions" (
	"ruleset" text NOT NULL,
	"effective_from" date NOT NULL,
	"params" jsonb NOT NULL,
	"doc_no" text,
	"article" text,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rule_param_versions_ruleset_effective_from_pk" PRIMARY KEY("ruleset","effective_from")
);
--> statement-breakpoint
ALTER TABLE "rule_param_versions" ADD CONSTRAINT "rule_param_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
CREATE TABLE "benefit_versions" (
	"benefit_code" text NOT NULL,
	"version_no" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"condition" text NOT NULL,
	"formula" jsonb NOT NULL,
	"period" text NOT NULL,
	"budget" bigint,
	"example_amounts" boolean DEFAULT false NOT NULL,
	"test_cases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	"published_at" timestamp with time zone,
	CONSTRAINT "benefit_versions_benefit_code_version_no_pk" PRIMARY KEY("benefit_code","version_no")
);
--> statement-breakpoint
CREATE TABLE "benefits" (
	"code" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"policy_id" uuid NOT NULL,
	"clause_no" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"topic" text NOT NULL,
	"how_to_apply" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grant_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"benefit_code" text NOT NULL,
	"benefit_version" text NOT NULL,
	"as_of" date NOT NULL,
	"fiscal_year" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"organisations" integer NOT NULL,
	"total" bigint NOT NULL,
	"total_before_budget" bigint NOT NULL,
	"budget" bigint,
	"previous_id" uuid,
	"changes" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "grants" (
	"batch_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"change" text NOT NULL,
	"amount" bigint NOT NULL,
	"amount_before_budget" bigint NOT NULL,
	"previous_amount" bigint,
	"explanation" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	CONSTRAINT "grants_batch_id_org_id_pk" PRIMARY KEY("batch_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "notice_opt_outs" (
	"org_id" uuid NOT NULL,
	"topic" text NOT NULL,
	CONSTRAINT "notice_opt_outs_org_id_topic_pk" PRIMARY KEY("org_id","topic")
);
--> statement-breakpoint
CREATE TABLE "org_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"title" jsonb NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "org_notices_dedupe" UNIQUE("org_id","dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"doc_no" text,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"level" text NOT NULL,
	"published_on" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"tags" jsonb DEFAULT '{"chains":[],"tiers":[],"topics":[]}'::jsonb NOT NULL,
	"source" text,
	"confidence" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policies_slug_unique" UNIQUE("slug"),
	CONSTRAINT "policies_doc_no" UNIQUE("doc_no")
);
--> statement-breakpoint
CREATE TABLE "policy_versions" (
	"policy_id" uuid NOT NULL,
	"version_no" integer NOT NULL,
	"effective_from" date NOT NULL,
	"expires_on" date,
	"summary" text,
	"clauses" jsonb NOT NULL,
	"change_note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_versions_policy_id_version_no_pk" PRIMARY KEY("policy_id","version_no")
);
--> statement-breakpoint
ALTER TABLE "benefit_versions" ADD CONSTRAINT "benefit_versions_benefit_code_benefits_code_fk" FOREIGN KEY ("benefit_code") REFERENCES "public"."benefits"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefits" ADD CONSTRAINT "benefits_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_batches" ADD CONSTRAINT "grant_batches_benefit_code_benefits_code_fk" FOREIGN KEY ("benefit_code") REFERENCES "public"."benefits"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_batch_id_grant_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."grant_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grants" ADD CONSTRAINT "grants_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_opt_outs" ADD CONSTRAINT "notice_opt_outs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_notices" ADD CONSTRAINT "org_notices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_versions" ADD CONSTRAINT "policy_versions_policy_id_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."policies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_batches_benefit_idx" ON "grant_batches" USING btree ("benefit_code","as_of");--> statement-breakpoint
CREATE INDEX "org_notices_org_idx" ON "org_notices" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "policies_search_idx" ON "policies" USING gin ("search_vector");
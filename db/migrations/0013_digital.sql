CREATE TABLE "digital_cloud_adoptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"platform" text NOT NULL,
	"scope" text,
	"adopted_on" date NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "digital_cloud_adoption_unique" UNIQUE("org_id","kind","platform")
);
--> statement-breakpoint
CREATE TABLE "digital_diagnoses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"version" text NOT NULL,
	"mode" text NOT NULL,
	"assessor_org" text,
	"assessor_name" text,
	"fiscal_year" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"scenario_levels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"migrations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb,
	"total_score" double precision,
	"level" smallint,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "digital_green_list" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"org_id" uuid,
	"name" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "digital_green_list_unique" UNIQUE("year","kind","name")
);
--> statement-breakpoint
CREATE TABLE "digital_pilot_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"cohort" text NOT NULL,
	"enrolled_on" date NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"solution_id" uuid,
	"benefit_code" text,
	"subsidy_fen" bigint DEFAULT 0 NOT NULL,
	"outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digital_pilot_enrolments_org_id_unique" UNIQUE("org_id")
);
--> statement-breakpoint
CREATE TABLE "digital_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"uscc" text,
	"district" text,
	"contact" text,
	"intro" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digital_providers_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "digital_questionnaire_states" (
	"version" text PRIMARY KEY NOT NULL,
	"retired_at" timestamp with time zone,
	"retired_by" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "digital_retrofits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"industry" text NOT NULL,
	"year" integer NOT NULL,
	"investment_fen" bigint NOT NULL,
	"benchmark" boolean DEFAULT false NOT NULL,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digital_solutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"industries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scenarios" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"price_min_fen" bigint NOT NULL,
	"price_max_fen" bigint NOT NULL,
	"deployment" text NOT NULL,
	"cases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digital_solutions_provider_name" UNIQUE("provider_id","name")
);
--> statement-breakpoint
ALTER TABLE "digital_cloud_adoptions" ADD CONSTRAINT "digital_cloud_adoptions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_diagnoses" ADD CONSTRAINT "digital_diagnoses_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_green_list" ADD CONSTRAINT "digital_green_list_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_pilot_enrolments" ADD CONSTRAINT "digital_pilot_enrolments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_pilot_enrolments" ADD CONSTRAINT "digital_pilot_enrolments_solution_id_digital_solutions_id_fk" FOREIGN KEY ("solution_id") REFERENCES "public"."digital_solutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_retrofits" ADD CONSTRAINT "digital_retrofits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digital_solutions" ADD CONSTRAINT "digital_solutions_provider_id_digital_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."digital_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "digital_diagnoses_org_idx" ON "digital_diagnoses" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "digital_diagnoses_version_idx" ON "digital_diagnoses" USING btree ("version","status");
CREATE TABLE "programme_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"partner_org_ids" uuid[] DEFAULT '{}' NOT NULL,
	"title" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"budget" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"requested_fen" bigint DEFAULT 0 NOT NULL,
	"self_funded_fen" bigint DEFAULT 0 NOT NULL,
	"eligibility" jsonb,
	"formal_comments" text,
	"assignment_log" jsonb,
	"decision" jsonb,
	"submitted_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"status" text DEFAULT 'assigned' NOT NULL,
	"scores" jsonb,
	"total" real,
	"comment" text,
	"why" jsonb,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"stored_path" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text,
	"round" text,
	"summary" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"budget_fen" bigint NOT NULL,
	"max_award_fen" bigint NOT NULL,
	"cofunding_ratio_bp" integer DEFAULT 0 NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"form" jsonb NOT NULL,
	"rubric" jsonb NOT NULL,
	"reviewers_per_application" integer DEFAULT 3 NOT NULL,
	"blind" boolean DEFAULT true NOT NULL,
	"same_district_conflict" boolean DEFAULT false NOT NULL,
	"panel_spread" integer DEFAULT 20 NOT NULL,
	"panel_locked_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"fund_id" uuid,
	"challenge" jsonb,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_calls_code_unique" UNIQUE("code"),
	CONSTRAINT "programme_calls_window" CHECK ("programme_calls"."closes_at" > "programme_calls"."opens_at"),
	CONSTRAINT "programme_calls_money" CHECK ("programme_calls"."budget_fen" > 0 and "programme_calls"."max_award_fen" > 0 and "programme_calls"."max_award_fen" <= "programme_calls"."budget_fen")
);
--> statement-breakpoint
CREATE TABLE "programme_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"new_end_on" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decision_note" text,
	"created_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "programme_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid,
	"user_id" uuid,
	"audience" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"title" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programme_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"application_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'agreement_pending' NOT NULL,
	"award_fen" bigint NOT NULL,
	"agreement" jsonb,
	"tranches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"signed_at" timestamp with time zone,
	"fund_recipient_id" uuid,
	"allocation_id" uuid,
	"gates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"midterm" jsonb,
	"acceptance" jsonb,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programme_projects_code_unique" UNIQUE("code"),
	CONSTRAINT "programme_projects_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "programme_reviewers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"affiliation_org_id" uuid,
	"declared_conflict_org_ids" uuid[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text DEFAULT '' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "programmes_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_call_id_programme_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."programme_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_applications" ADD CONSTRAINT "programme_applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_assignments" ADD CONSTRAINT "programme_assignments_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_assignments" ADD CONSTRAINT "programme_assignments_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_attachments" ADD CONSTRAINT "programme_attachments_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_calls" ADD CONSTRAINT "programme_calls_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_project_id_programme_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."programme_projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_application_id_programme_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_call_id_programme_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."programme_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_projects" ADD CONSTRAINT "programme_projects_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviewers" ADD CONSTRAINT "programme_reviewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviewers" ADD CONSTRAINT "programme_reviewers_affiliation_org_id_orgs_id_fk" FOREIGN KEY ("affiliation_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_applications_call_idx" ON "programme_applications" USING btree ("call_id","status");--> statement-breakpoint
CREATE INDEX "programme_applications_org_idx" ON "programme_applications" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_assignments_unique" ON "programme_assignments" USING btree ("application_id","reviewer_id");--> statement-breakpoint
CREATE INDEX "programme_assignments_reviewer_idx" ON "programme_assignments" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "programme_attachments_app_idx" ON "programme_attachments" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "programme_calls_programme_idx" ON "programme_calls" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "programme_notifications_org_idx" ON "programme_notifications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "programme_notifications_user_idx" ON "programme_notifications" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "programme_projects_call_idx" ON "programme_projects" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "programme_projects_org_idx" ON "programme_projects" USING btree ("org_id");
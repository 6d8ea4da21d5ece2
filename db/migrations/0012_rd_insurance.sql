CREATE TABLE "rd_insurance_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"loss_on" date NOT NULL,
	"claimed_fen" bigint NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"payout_fen" bigint,
	"decision_note" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rd_insurance_claims_amount" CHECK ("rd_insurance_claims"."claimed_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "rd_insurance_enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"policy_no" text NOT NULL,
	"sum_insured_fen" bigint NOT NULL,
	"premium_fen" bigint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rd_insurance_enrolments_policy_no_unique" UNIQUE("policy_no"),
	CONSTRAINT "rd_insurance_enrolments_amounts" CHECK ("rd_insurance_enrolments"."premium_fen" > 0 and "rd_insurance_enrolments"."sum_insured_fen" >= "rd_insurance_enrolments"."premium_fen"),
	CONSTRAINT "rd_insurance_enrolments_period" CHECK ("rd_insurance_enrolments"."ends_on" > "rd_insurance_enrolments"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "rd_insurance_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"insurer" text NOT NULL,
	"coverage" text NOT NULL,
	"premium_rate_bp" integer NOT NULL,
	"max_sum_insured_fen" bigint NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rd_insurance_products_code_unique" UNIQUE("code"),
	CONSTRAINT "rd_insurance_products_rate" CHECK ("rd_insurance_products"."premium_rate_bp" between 1 and 10000),
	CONSTRAINT "rd_insurance_products_max" CHECK ("rd_insurance_products"."max_sum_insured_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "org_facts" ADD COLUMN "rd_insurance_premium" bigint;--> statement-breakpoint
ALTER TABLE "rd_insurance_claims" ADD CONSTRAINT "rd_insurance_claims_enrolment_id_rd_insurance_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."rd_insurance_enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_insurance_enrolments" ADD CONSTRAINT "rd_insurance_enrolments_product_id_rd_insurance_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."rd_insurance_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rd_insurance_enrolments" ADD CONSTRAINT "rd_insurance_enrolments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rd_insurance_claims_enrolment_idx" ON "rd_insurance_claims" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "rd_insurance_enrolments_org_idx" ON "rd_insurance_enrolments" USING btree ("org_id");
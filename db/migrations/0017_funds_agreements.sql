CREATE TABLE "grant_payments" (
	"batch_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"benefit_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"disbursement_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grant_payments_batch_id_org_id_pk" PRIMARY KEY("batch_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "ms_agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"pairing" text DEFAULT 'xiamen_longyan' NOT NULL,
	"title" text NOT NULL,
	"district" text,
	"county" text,
	"doc_no" text,
	"signed_on" date NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"committed_city_fen" bigint DEFAULT 0 NOT NULL,
	"committed_district_fen" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text,
	"source" jsonb,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ms_agreements_code_unique" UNIQUE("code"),
	CONSTRAINT "ms_agreements_period" CHECK ("ms_agreements"."period_from" <= "ms_agreements"."period_to"),
	CONSTRAINT "ms_agreements_commitments" CHECK ("ms_agreements"."committed_city_fen" >= 0 and "ms_agreements"."committed_district_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grant_payments" ADD CONSTRAINT "grant_payments_disbursement_id_disbursements_id_fk" FOREIGN KEY ("disbursement_id") REFERENCES "public"."disbursements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "grant_payments_benefit_idx" ON "grant_payments" USING btree ("benefit_code","fiscal_year","org_id");--> statement-breakpoint
ALTER TABLE "fund_recipients" ADD CONSTRAINT "fund_recipients_agreement_id_ms_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."ms_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fund_recipients_agreement_idx" ON "fund_recipients" USING btree ("agreement_id");
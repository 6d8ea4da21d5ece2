CREATE TABLE "venture_funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"manager" text,
	"size_fen" bigint NOT NULL,
	"committed_fen" bigint,
	"paid_in_fen" bigint DEFAULT 0 NOT NULL,
	"reinvest_target_bp" integer,
	"mandate_tags" text[] DEFAULT '{}' NOT NULL,
	"vintage" integer,
	"example" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"source" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venture_funds_code_unique" UNIQUE("code"),
	CONSTRAINT "venture_funds_size_positive" CHECK ("venture_funds"."size_fen" > 0),
	CONSTRAINT "venture_funds_paid_in" CHECK ("venture_funds"."paid_in_fen" >= 0 and ("venture_funds"."committed_fen" is null or "venture_funds"."paid_in_fen" <= "venture_funds"."committed_fen"))
);
--> statement-breakpoint
CREATE TABLE "venture_investments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"org_id" uuid,
	"target_name" text NOT NULL,
	"round" text NOT NULL,
	"stage" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"invested_on" date NOT NULL,
	"early" boolean NOT NULL,
	"small" boolean NOT NULL,
	"hard_tech" boolean NOT NULL,
	"in_city" boolean NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "venture_investments_amount_positive" CHECK ("venture_investments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "village_incomes" (
	"village_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"income_fen" bigint NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "village_incomes_village_id_year_pk" PRIMARY KEY("village_id","year"),
	CONSTRAINT "village_incomes_nonnegative" CHECK ("village_incomes"."income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "villages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"town" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "villages_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "venture_investments" ADD CONSTRAINT "venture_investments_fund_id_venture_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."venture_funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venture_investments" ADD CONSTRAINT "venture_investments_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_incomes" ADD CONSTRAINT "village_incomes_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "venture_funds_parent_idx" ON "venture_funds" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "venture_investments_fund_idx" ON "venture_investments" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "villages_district_idx" ON "villages" USING btree ("district");
CREATE TABLE "org_fact_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"field" text NOT NULL,
	"old_value" jsonb,
	"new_value" jsonb,
	"source" jsonb NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_facts" (
	"org_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"revenue" bigint,
	"main_business_revenue" bigint,
	"other_business_revenue" bigint,
	"total_income" bigint,
	"non_taxable_income" bigint,
	"investment_income" bigint,
	"high_tech_revenue" bigint,
	"total_cost_expense" bigint,
	"total_assets" bigint,
	"total_liabilities" bigint,
	"total_profit" bigint,
	"net_profit" bigint,
	"taxable_income" bigint,
	"taxes_paid" bigint,
	"exports" bigint,
	"equity_financing" bigint,
	"rd_expense" bigint,
	"rd_expense_domestic" bigint,
	"rd_expensed" bigint,
	"rd_capitalised" bigint,
	"rd_amortisation" bigint,
	"rd_personnel" bigint,
	"rd_direct_inputs" bigint,
	"rd_depreciation" bigint,
	"rd_intangible_amortisation" bigint,
	"rd_new_product_design" bigint,
	"rd_other_related" bigint,
	"rd_commissioned_domestic" bigint,
	"rd_commissioned_abroad" bigint,
	"achievements_converted" bigint,
	"employees" bigint,
	"st_staff" bigint,
	"rd_staff" bigint,
	"invention_patents" bigint,
	"invention_patents_high_value" bigint,
	"invention_patents_self_developed" bigint,
	"plant_varieties" bigint,
	"crop_varieties" bigint,
	"new_drugs" bigint,
	"tcm_protected_varieties" bigint,
	"ic_layouts" bigint,
	"utility_models" bigint,
	"design_patents" bigint,
	"software_copyrights" bigint,
	"pct_filings" bigint,
	"standards_led" bigint,
	"standards_joined" bigint,
	"market_share_pct" bigint,
	"digital_level" bigint,
	"major_incident" boolean,
	"research_misconduct" boolean,
	"abnormal_or_dishonest_list" boolean,
	"quality_certified" boolean,
	"own_brand" boolean,
	"core_process_on_it" boolean,
	"rd_sub_ledger" boolean,
	"sources" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "org_facts_org_year" UNIQUE("org_id","fiscal_year")
);
--> statement-breakpoint
CREATE TABLE "org_qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text,
	"certificate_no" text,
	"issued_on" date,
	"expires_on" date,
	"issuer" text,
	"rank" integer,
	"source" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"former_names" text[] DEFAULT '{}' NOT NULL,
	"kind" text NOT NULL,
	"district" text NOT NULL,
	"address" text,
	"registered_on" date,
	"industry_code" text,
	"listed" boolean DEFAULT false NOT NULL,
	"parent_group" text,
	"contacts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"main_products" text[] DEFAULT '{}' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
ALTER TABLE "org_fact_history" ADD CONSTRAINT "org_fact_history_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_facts" ADD CONSTRAINT "org_facts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_qualifications" ADD CONSTRAINT "org_qualifications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_fact_history_org_idx" ON "org_fact_history" USING btree ("org_id","fiscal_year");--> statement-breakpoint
CREATE INDEX "org_qualifications_org_idx" ON "org_qualifications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "org_qualifications_kind_idx" ON "org_qualifications" USING btree ("kind","expires_on");--> statement-breakpoint
CREATE INDEX "orgs_search_idx" ON "orgs" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "orgs_name_trgm_idx" ON "orgs" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "orgs_district_idx" ON "orgs" USING btree ("district");--> statement-breakpoint
CREATE INDEX "orgs_industry_idx" ON "orgs" USING btree ("industry_code");
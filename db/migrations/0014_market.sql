CREATE TABLE "market_achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"field" text NOT NULL,
	"chain_link_id" uuid,
	"trl" integer NOT NULL,
	"ip_kind" text NOT NULL,
	"ip_refs" text[] DEFAULT '{}' NOT NULL,
	"transfer_modes" text[] NOT NULL,
	"price_min_fen" bigint,
	"price_max_fen" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_achievements_trl" CHECK ("market_achievements"."trl" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "carrier_eval_params" (
	"effective_from" date PRIMARY KEY NOT NULL,
	"params" jsonb NOT NULL,
	"doc_no" text,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carrier_evaluations" (
	"carrier_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"score" integer NOT NULL,
	"grade" text NOT NULL,
	"result" jsonb NOT NULL,
	"evaluated_by" text NOT NULL,
	"evaluated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "carrier_evaluations_carrier_id_year_pk" PRIMARY KEY("carrier_id","year")
);
--> statement-breakpoint
CREATE TABLE "carrier_members" (
	"carrier_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "carrier_members_carrier_id_org_id_pk" PRIMARY KEY("carrier_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "carrier_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"staff" integer NOT NULL,
	"rd_spend_fen" bigint NOT NULL,
	"service_revenue_fen" bigint DEFAULT 0 NOT NULL,
	"patents_granted" integer DEFAULT 0 NOT NULL,
	"enterprises_served" integer DEFAULT 0 NOT NULL,
	"achievements_transferred" integer DEFAULT 0 NOT NULL,
	"incubated_enterprises" integer DEFAULT 0 NOT NULL,
	"submitted_by" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "carrier_reports_year" UNIQUE("carrier_id","year"),
	CONSTRAINT "carrier_reports_nonneg" CHECK ("carrier_reports"."staff" >= 0 and "carrier_reports"."rd_spend_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "carrier_service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"rating" integer,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"rated_at" timestamp with time zone,
	CONSTRAINT "carrier_service_rating" CHECK ("carrier_service_requests"."rating" is null or "carrier_service_requests"."rating" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "carrier_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"carrier_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"price_note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "carriers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"host_org_id" uuid NOT NULL,
	"chain_link_ids" uuid[] DEFAULT '{}' NOT NULL,
	"staff" integer DEFAULT 0 NOT NULL,
	"established_on" date NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "carriers_host_kind" UNIQUE("host_org_id","kind")
);
--> statement-breakpoint
CREATE TABLE "market_demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"problem" text NOT NULL,
	"goals" text DEFAULT '' NOT NULL,
	"field" text NOT NULL,
	"chain_link_id" uuid,
	"trl_min" integer NOT NULL,
	"budget_fen" bigint,
	"deadline" date,
	"status" text DEFAULT 'open' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_demands_trl" CHECK ("market_demands"."trl_min" between 1 and 9)
);
--> statement-breakpoint
CREATE TABLE "market_enclave_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enclave_id" uuid NOT NULL,
	"name" text NOT NULL,
	"field" text NOT NULL,
	"chain_link_id" uuid,
	"stage" text NOT NULL,
	"landed_org_id" uuid,
	"landed_on" date,
	"contest_ref" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_enclaves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"location" text NOT NULL,
	"operator" text,
	"opened_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_enclaves_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "market_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid,
	"achievement_id" uuid,
	"broker" text NOT NULL,
	"note" text NOT NULL,
	"next_step" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ie_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"level" text,
	"tier" text NOT NULL,
	"institution_org_id" uuid NOT NULL,
	"chain_link_ids" uuid[] DEFAULT '{}' NOT NULL,
	"partner_org_ids" uuid[] DEFAULT '{}' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ie_units_level" CHECK (("ie_units"."kind" = 'specialty_group') = ("ie_units"."level" is not null))
);
--> statement-breakpoint
CREATE TABLE "ie_years" (
	"unit_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"trainees" integer NOT NULL,
	"graduates" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "ie_years_unit_id_year_pk" PRIMARY KEY("unit_id","year"),
	CONSTRAINT "ie_years_nonneg" CHECK ("ie_years"."trainees" >= 0 and "ie_years"."graduates" >= 0)
);
--> statement-breakpoint
CREATE TABLE "market_match_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"search_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"target" text NOT NULL,
	"listing_id" uuid NOT NULL,
	"title" text NOT NULL,
	"score" integer NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_match_notices_once" UNIQUE("search_id","listing_id")
);
--> statement-breakpoint
CREATE TABLE "market_saved_searches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"target" text NOT NULL,
	"name" text NOT NULL,
	"query" jsonb NOT NULL,
	"min_score" integer DEFAULT 40 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "market_tech_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_no" text NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"registered_value_fen" bigint NOT NULL,
	"seller_org_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"signed_on" date NOT NULL,
	"achievement_id" uuid,
	"demand_id" uuid,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "market_tech_contracts_contract_no_unique" UNIQUE("contract_no"),
	CONSTRAINT "market_contracts_parties" CHECK ("market_tech_contracts"."seller_org_id" <> "market_tech_contracts"."buyer_org_id"),
	CONSTRAINT "market_contracts_value" CHECK ("market_tech_contracts"."registered_value_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "market_achievements" ADD CONSTRAINT "market_achievements_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_evaluations" ADD CONSTRAINT "carrier_evaluations_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_members" ADD CONSTRAINT "carrier_members_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_members" ADD CONSTRAINT "carrier_members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_reports" ADD CONSTRAINT "carrier_reports_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_service_requests" ADD CONSTRAINT "carrier_service_requests_service_id_carrier_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."carrier_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_service_requests" ADD CONSTRAINT "carrier_service_requests_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carrier_services" ADD CONSTRAINT "carrier_services_carrier_id_carriers_id_fk" FOREIGN KEY ("carrier_id") REFERENCES "public"."carriers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "carriers" ADD CONSTRAINT "carriers_host_org_id_orgs_id_fk" FOREIGN KEY ("host_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_demands" ADD CONSTRAINT "market_demands_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_enclave_projects" ADD CONSTRAINT "market_enclave_projects_enclave_id_market_enclaves_id_fk" FOREIGN KEY ("enclave_id") REFERENCES "public"."market_enclaves"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_enclave_projects" ADD CONSTRAINT "market_enclave_projects_landed_org_id_orgs_id_fk" FOREIGN KEY ("landed_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_follow_ups" ADD CONSTRAINT "market_follow_ups_demand_id_market_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."market_demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_follow_ups" ADD CONSTRAINT "market_follow_ups_achievement_id_market_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."market_achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ie_units" ADD CONSTRAINT "ie_units_institution_org_id_orgs_id_fk" FOREIGN KEY ("institution_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ie_years" ADD CONSTRAINT "ie_years_unit_id_ie_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."ie_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_match_notices" ADD CONSTRAINT "market_match_notices_search_id_market_saved_searches_id_fk" FOREIGN KEY ("search_id") REFERENCES "public"."market_saved_searches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_saved_searches" ADD CONSTRAINT "market_saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_tech_contracts" ADD CONSTRAINT "market_tech_contracts_seller_org_id_orgs_id_fk" FOREIGN KEY ("seller_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_tech_contracts" ADD CONSTRAINT "market_tech_contracts_buyer_org_id_orgs_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_tech_contracts" ADD CONSTRAINT "market_tech_contracts_achievement_id_market_achievements_id_fk" FOREIGN KEY ("achievement_id") REFERENCES "public"."market_achievements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_tech_contracts" ADD CONSTRAINT "market_tech_contracts_demand_id_market_demands_id_fk" FOREIGN KEY ("demand_id") REFERENCES "public"."market_demands"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_achievements_search_idx" ON "market_achievements" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "carriers_kind_idx" ON "carriers" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "market_demands_search_idx" ON "market_demands" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "market_match_notices_user_idx" ON "market_match_notices" USING btree ("user_id");
CREATE TABLE "disbursements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"allocation_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payee" text NOT NULL,
	"memo" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by_id" uuid,
	"requested_by" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by_id" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"entry_id" uuid,
	CONSTRAINT "disbursements_amount_positive" CHECK ("disbursements"."amount_fen" > 0),
	CONSTRAINT "disbursements_four_eyes" CHECK ("disbursements"."status" not in ('approved', 'rejected') or "disbursements"."decided_by_id" is null or "disbursements"."requested_by_id" is null or "disbursements"."decided_by_id" <> "disbursements"."requested_by_id")
);
--> statement-breakpoint
CREATE TABLE "fund_allocations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fund_id" uuid NOT NULL,
	"recipient_id" uuid NOT NULL,
	"use" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"ref" text NOT NULL,
	"name" text NOT NULL,
	"district" text,
	"county" text,
	"org_id" uuid,
	"village_id" uuid,
	"agreement_id" uuid,
	"investment_fen" bigint,
	"operator" text,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fund_recipients_ref_unique" UNIQUE("ref"),
	CONSTRAINT "fund_recipients_investment_positive" CHECK ("fund_recipients"."investment_fen" is null or "fund_recipients"."investment_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"source_level" text NOT NULL,
	"district" text,
	"purpose" text NOT NULL,
	"rules" jsonb NOT NULL,
	"source" jsonb,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"fund_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"allocation_id" uuid,
	"reverses_id" uuid,
	"reference" text,
	"contributor" text,
	"source" jsonb,
	"memo" text,
	"value_date" date NOT NULL,
	"posted_at" timestamp with time zone NOT NULL,
	"posted_by" text NOT NULL,
	"approved_by" text,
	CONSTRAINT "ledger_entries_seq_unique" UNIQUE("seq"),
	CONSTRAINT "ledger_entries_reverses_id_unique" UNIQUE("reverses_id"),
	CONSTRAINT "ledger_entries_amount_positive" CHECK ("ledger_entries"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"account" text NOT NULL,
	"allocation_id" uuid,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "ledger_lines_nonzero" CHECK ("ledger_lines"."amount_fen" <> 0),
	CONSTRAINT "ledger_lines_allocation_account" CHECK (("ledger_lines"."account" in ('allocated', 'paid')) = ("ledger_lines"."allocation_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "ledger_references" (
	"reference" text PRIMARY KEY NOT NULL,
	"used_for" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_allocations" ADD CONSTRAINT "fund_allocations_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_allocations" ADD CONSTRAINT "fund_allocations_recipient_id_fund_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."fund_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_recipients" ADD CONSTRAINT "fund_recipients_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_entry_id_ledger_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_lines" ADD CONSTRAINT "ledger_lines_allocation_id_fund_allocations_id_fk" FOREIGN KEY ("allocation_id") REFERENCES "public"."fund_allocations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disbursements_reference_key" ON "disbursements" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "disbursements_status_idx" ON "disbursements" USING btree ("status");--> statement-breakpoint
CREATE INDEX "disbursements_allocation_idx" ON "disbursements" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "fund_allocations_fund_idx" ON "fund_allocations" USING btree ("fund_id");--> statement-breakpoint
CREATE INDEX "fund_allocations_recipient_idx" ON "fund_allocations" USING btree ("recipient_id");--> statement-breakpoint
CREATE INDEX "fund_recipients_kind_idx" ON "fund_recipients" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "ledger_entries_fund_idx" ON "ledger_entries" USING btree ("fund_id","value_date");--> statement-breakpoint
CREATE INDEX "ledger_entries_allocation_idx" ON "ledger_entries" USING btree ("allocation_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_entry_idx" ON "ledger_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "ledger_lines_fund_account_idx" ON "ledger_lines" USING btree ("fund_id","account");--> statement-breakpoint
CREATE INDEX "ledger_lines_allocation_idx" ON "ledger_lines" USING btree ("allocation_id","account");--> statement-breakpoint
-- Posted ledger entries and their lines are never edited or deleted: corrections are reversals.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'posted ledger entries cannot be edited or deleted; post a reversal' USING ERRCODE = 'P0001';
END;
$$;--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();--> statement-breakpoint
CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON "ledger_lines"
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();--> statement-breakpoint
-- Every entry's lines sum to zero, checked at commit (after all its lines are in).
CREATE FUNCTION ledger_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT coalesce(sum(amount_fen), 0) FROM ledger_lines WHERE entry_id = NEW.entry_id) <> 0 THEN
    RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON "ledger_lines"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_entry_balanced();

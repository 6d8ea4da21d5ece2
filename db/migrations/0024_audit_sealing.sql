-- Audit records are written unchained by each mutation and sealed into the chain afterwards
-- (src/modules/audit/audit.service.ts): mutations no longer queue on the chain head.
-- Existing records keep their chain position as their id.
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_pkey";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "id" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" SET "id" = "seq";--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
CREATE SEQUENCE "audit_log_id_seq" OWNED BY "audit_log"."id";--> statement-breakpoint
SELECT setval('audit_log_id_seq', coalesce((SELECT max("id") FROM "audit_log"), 0) + 1, false);--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DEFAULT nextval('audit_log_id_seq');--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ADD PRIMARY KEY ("id");--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "seq" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_log_seq_idx" ON "audit_log" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_pending_idx" ON "audit_log" USING btree ("id") WHERE seq is null and prev_hash is null;--> statement-breakpoint
-- Still append-only, with one exception made by the sealer: giving an unchained record its
-- place (seq, prev_hash, hash). Nothing else of a record may change; a sealed one never changes.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND OLD.prev_hash IS NULL
    AND NEW.id = OLD.id AND NEW.at = OLD.at
    AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.actor_username IS NOT DISTINCT FROM OLD.actor_username
    AND NEW.actor_role IS NOT DISTINCT FROM OLD.actor_role AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type
    AND NEW.entity_id IS NOT DISTINCT FROM OLD.entity_id AND NEW.before IS NOT DISTINCT FROM OLD.before
    AND NEW.after IS NOT DISTINCT FROM OLD.after AND NEW.request_id IS NOT DISTINCT FROM OLD.request_id
    AND NEW.ip IS NOT DISTINCT FROM OLD.ip
    AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

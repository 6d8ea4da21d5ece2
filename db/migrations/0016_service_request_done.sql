ALTER TABLE "carrier_service_requests" ADD COLUMN "done_note" text;--> statement-breakpoint
ALTER TABLE "carrier_service_requests" ADD COLUMN "done_at" timestamp with time zone;
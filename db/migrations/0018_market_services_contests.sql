ALTER TABLE "carrier_service_requests" ADD COLUMN "done_note" text;--> statement-breakpoint
ALTER TABLE "carrier_service_requests" ADD COLUMN "done_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "market_enclave_projects" ADD COLUMN "contest_application_id" uuid;--> statement-breakpoint
ALTER TABLE "market_enclave_projects" ADD CONSTRAINT "market_enclave_projects_contest_application_id_programme_applications_id_fk" FOREIGN KEY ("contest_application_id") REFERENCES "public"."programme_applications"("id") ON DELETE no action ON UPDATE no action;
CREATE TABLE "indicator_snapshots" (
	"indicator_id" text NOT NULL,
	"day" date NOT NULL,
	"scope" text NOT NULL,
	"period" text NOT NULL,
	"value" double precision NOT NULL,
	"synthetic" integer DEFAULT 0 NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_snapshots_indicator_id_day_scope_pk" PRIMARY KEY("indicator_id","day","scope")
);

CREATE TABLE "audit_chain" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_id" bigint DEFAULT 0 NOT NULL,
	"last_hash" text NOT NULL,
	"rows" bigint DEFAULT 0 NOT NULL,
	"base_id" bigint DEFAULT 0 NOT NULL,
	"base_hash" text NOT NULL,
	"archived_rows" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"body_hash" text NOT NULL,
	"status_code" integer,
	"response" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"result" jsonb,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "prev_hash" text;--> statement-breakpoint
CREATE INDEX "idempotency_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_job_period_uq" ON "job_runs" USING btree ("job","period");--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at");--> statement-breakpoint
-- The audit chain starts after the rows that exist now (they stay, outside the chain, counted as unchained).
INSERT INTO "audit_chain" ("id", "last_id", "last_hash", "rows", "base_id", "base_hash", "archived_rows")
SELECT 1, coalesce(max("id"), 0), '', 0, coalesce(max("id"), 0), '', 0 FROM "audit_log";

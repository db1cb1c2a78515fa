CREATE TABLE "weekly_updates" (
	"id" serial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"week" text NOT NULL,
	"note" text,
	"unchanged" boolean DEFAULT false NOT NULL,
	"changed" jsonb NOT NULL,
	"sent_by" integer,
	"sent_by_name" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "weekly_updates" ADD CONSTRAINT "weekly_updates_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_updates" ADD CONSTRAINT "weekly_updates_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_updates_project_week_uq" ON "weekly_updates" USING btree ("project_id","week");--> statement-breakpoint
CREATE INDEX "weekly_updates_week_idx" ON "weekly_updates" USING btree ("week");
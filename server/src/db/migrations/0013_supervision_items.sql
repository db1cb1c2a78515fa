CREATE TABLE "supervision_item_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" text NOT NULL,
	"from_link" text,
	"to_link" text NOT NULL,
	"note" text,
	"by_user_id" integer,
	"by_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"project_id" integer,
	"source" text NOT NULL,
	"source_id" integer,
	"issued_by" text,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"unit_id" integer NOT NULL,
	"owner_name" text,
	"owner_user_id" integer,
	"deadline" date NOT NULL,
	"link" text DEFAULT 'coordinating' NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" integer,
	"return_count" integer DEFAULT 0 NOT NULL,
	"bulletined_at" timestamp with time zone,
	"bulletin_id" integer,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_item_events" ADD CONSTRAINT "supervision_item_events_item_id_supervision_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supervision_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_item_events" ADD CONSTRAINT "supervision_item_events_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_item_events_item_idx" ON "supervision_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_items_source_uq" ON "supervision_items" USING btree ("source","source_id") WHERE "supervision_items"."source_id" is not null;--> statement-breakpoint
CREATE INDEX "supervision_items_region_link_idx" ON "supervision_items" USING btree ("region_code","link");--> statement-breakpoint
CREATE INDEX "supervision_items_unit_idx" ON "supervision_items" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "supervision_items_project_idx" ON "supervision_items" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "supervision_items_open_deadline_idx" ON "supervision_items" USING btree ("deadline") WHERE "supervision_items"."accepted_at" is null and "supervision_items"."link" <> 'bulletined';--> statement-breakpoint
-- every decision recorded before supervision items existed becomes one, in the link its state implies
INSERT INTO "supervision_items" ("region_code", "project_id", "source", "source_id", "title", "content", "unit_id", "owner_name", "owner_user_id", "deadline", "link", "accepted_at", "accepted_by", "version", "created_at", "updated_at")
SELECT m."region_code", d."project_id", 'decision', d."id",
  CASE WHEN char_length(d."content") > 60 THEN left(d."content", 59) || '…' ELSE d."content" END,
  m."title" || '议定：' || d."content", d."unit_id", d."owner_name", d."owner_user_id", d."deadline",
  CASE WHEN d."status" = 'open' THEN 'coordinating' ELSE 'checking' END,
  CASE WHEN d."status" = 'verified' THEN d."verified_at" END,
  CASE WHEN d."status" = 'verified' THEN d."verified_by" END,
  1, d."created_at", d."updated_at"
FROM "decisions" d JOIN "meetings" m ON m."id" = d."meeting_id";--> statement-breakpoint
INSERT INTO "supervision_item_events" ("item_id", "kind", "from_link", "to_link", "note", "by_name", "at")
SELECT i."id", 'assigned', NULL, 'coordinating', '办理时限：' || i."deadline"::text, 'system:migration', i."created_at"
FROM "supervision_items" i;

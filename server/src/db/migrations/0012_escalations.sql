CREATE TABLE "escalations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" integer NOT NULL,
	"unit_id" integer,
	"step" text NOT NULL,
	"status" text NOT NULL,
	"reason_zh" text NOT NULL,
	"reason_en" text NOT NULL,
	"spell_id" bigint,
	"evidence" jsonb,
	"proposed_by" integer,
	"proposed_by_system" text,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_by_system" text,
	"decided_at" timestamp with time zone,
	"dismissal_reason" text,
	"meeting_id" integer,
	"done_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "escalations_proposer_ck" CHECK (("escalations"."proposed_by" is null) <> ("escalations"."proposed_by_system" is null)),
	CONSTRAINT "escalations_decided_ck" CHECK (("escalations"."status" = 'proposed') = ("escalations"."decided_at" is null)),
	CONSTRAINT "escalations_dismissal_ck" CHECK (("escalations"."status" = 'dismissed') = ("escalations"."dismissal_reason" is not null))
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_spell_id_rag_spells_id_fk" FOREIGN KEY ("spell_id") REFERENCES "public"."rag_spells"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_project_step_spell_uq" ON "escalations" USING btree ("project_id","step","spell_id");--> statement-breakpoint
CREATE INDEX "escalations_status_idx" ON "escalations" USING btree ("status","proposed_at");--> statement-breakpoint
CREATE INDEX "escalations_project_idx" ON "escalations" USING btree ("project_id","proposed_at");
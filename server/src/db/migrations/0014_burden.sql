CREATE TABLE "burden_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"screen" text NOT NULL,
	"project_id" integer NOT NULL,
	"unit_id" integer,
	"user_id" integer NOT NULL,
	"iso_week" text NOT NULL,
	"fields_typed" integer NOT NULL,
	"seconds" integer NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "burden_entries" ADD CONSTRAINT "burden_entries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burden_entries" ADD CONSTRAINT "burden_entries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "burden_entries" ADD CONSTRAINT "burden_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "burden_entries_at_idx" ON "burden_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "burden_entries_project_week_idx" ON "burden_entries" USING btree ("project_id","iso_week");
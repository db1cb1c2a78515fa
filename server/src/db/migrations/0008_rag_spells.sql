CREATE TABLE "rag_spells" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"rag" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date,
	"rules" text[] DEFAULT '{}' NOT NULL,
	"held" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rag_spells_open_uq" ON "rag_spells" USING btree ("subject_type","subject_id") WHERE "rag_spells"."to_date" is null;--> statement-breakpoint
CREATE INDEX "rag_spells_subject_idx" ON "rag_spells" USING btree ("subject_type","subject_id","from_date");--> statement-breakpoint
CREATE INDEX "rag_spells_from_idx" ON "rag_spells" USING btree ("from_date");
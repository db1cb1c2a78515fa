ALTER TABLE "imports" ADD COLUMN "readings" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "skipped" jsonb DEFAULT '[]'::jsonb NOT NULL;
ALTER TABLE "ledger_items" ALTER COLUMN "deadline" DROP NOT NULL;--> statement-breakpoint
-- items imported before a ledger item could be recurring: due 31 Dec with 【长期事项：…】 in 工作措施
UPDATE "ledger_items" SET "recurring" = true, "deadline" = NULL, "measures" = NULLIF(regexp_replace("measures", E'\\n?【长期事项：[^】]*】', '', 'g'), '') WHERE "measures" LIKE '%【长期事项：%';--> statement-breakpoint
ALTER TABLE "ledger_items" ADD CONSTRAINT "ledger_items_deadline_or_recurring" CHECK ("ledger_items"."recurring" = ("ledger_items"."deadline" is null));

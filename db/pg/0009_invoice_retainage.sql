-- Σ line retainage per invoice, kept with the lines like open_minor: a finance-charge run reads it
-- instead of summing the lines it leaves out, so the index that served that sum goes
-- (docs/decisions/320-automatic-preview-snapshot-and-invoice-retainage.md).
DROP INDEX "invoice_lines_unread_retainage_idx";--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "retainage_minor" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "invoices" SET "retainage_minor" = s.retainage
FROM (SELECT "invoice_number", sum("retainage_minor") AS retainage FROM "invoice_lines"
      GROUP BY "invoice_number" HAVING sum("retainage_minor") <> 0) AS s
WHERE "invoices"."number" = s."invoice_number";

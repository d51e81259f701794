-- A finance-charge run reads only the lines with a finance charge, from the first index alone,
-- and sums the retainage of each invoice's other lines from the second
-- (docs/decisions/286-finance-charge-line-indexes.md).
CREATE INDEX "invoice_lines_fc_idx" ON "invoice_lines" USING btree ("invoice_number","line","due_minor","tax_minor","retainage_minor","finance_charge_minor") WHERE finance_charge_minor <> 0;--> statement-breakpoint
CREATE INDEX "invoice_lines_unread_retainage_idx" ON "invoice_lines" USING btree ("invoice_number","retainage_minor") WHERE finance_charge_minor = 0 AND retainage_minor <> 0;
-- A customer's balance (type-ahead hits, the invoice list) summed from the indexes alone:
-- open_minor and amount_minor join the per-customer indexes as their last column, so no table
-- row is read (docs/decisions/290-covering-customer-balance-indexes.md).
DROP INDEX "invoices_customer_number_idx";--> statement-breakpoint
DROP INDEX "on_account_items_customer_idx";--> statement-breakpoint
CREATE INDEX "invoices_customer_number_idx" ON "invoices" USING btree ("customer_id","number","open_minor");--> statement-breakpoint
CREATE INDEX "on_account_items_customer_idx" ON "on_account_items" USING btree ("customer_id","id","amount_minor");

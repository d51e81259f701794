-- An A/R file may list invoices and on-account items before the customers they name; SQLite's
-- import defers its foreign-key checks to commit (defer_foreign_keys). PostgreSQL can defer
-- only constraints declared DEFERRABLE: these two are, still checked per statement unless the
-- import's transaction says SET CONSTRAINTS … DEFERRED (src/db/pg/ar-import.repo.ts), and then
-- checked at its commit, so a file naming an unknown customer still fails as a whole.
ALTER TABLE invoices ALTER CONSTRAINT invoices_customer_id_customers_id_fk
  DEFERRABLE INITIALLY IMMEDIATE;
--> statement-breakpoint
ALTER TABLE on_account_items ALTER CONSTRAINT on_account_items_customer_id_customers_id_fk
  DEFERRABLE INITIALLY IMMEDIATE;

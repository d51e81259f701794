-- Type-ahead through indexes only, as SQLite's migration 0010 does with FTS5 and NOCASE indexes
-- (docs/decisions/235-type-ahead-indexes.md, 265-postgresql-repositories.md):
-- * name fragments of three or more characters: a pg_trgm GIN index on the lower-cased name,
--   which serves `name_lower LIKE '%fragment%'` directly (no shadow table, no triggers);
-- * ids and invoice numbers in any ASCII case: indexes on the ASCII-folded text (translate() is
--   immutable, and folds exactly what SQLite's NOCASE folds: A-Z only).
-- pg_trgm ships with PostgreSQL (and with PGlite); since PostgreSQL 13 it is a trusted extension,
-- so the database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX customers_name_trgm_idx ON customers USING gin (name_lower gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX customers_id_fold_idx ON customers
  (translate(id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
--> statement-breakpoint
CREATE INDEX invoices_number_fold_idx ON invoices
  (translate(number, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));

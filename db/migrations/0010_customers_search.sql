-- Type-ahead without table scans (docs/decisions/235-type-ahead-indexes.md).
-- customers_search: an FTS5 trigram index of lower-cased customer names, so a name fragment of
-- three or more characters is found through the index. It keeps its own copy of the customer's
-- id and name, so hits are sorted and shown without visiting `customers`, and the customer's
-- rowid as its rowid so the triggers below find the entry to replace. Derived data: the
-- triggers keep it in step with every insert, rename and delete, whoever writes.
CREATE VIRTUAL TABLE `customers_search` USING fts5(
  name_lower, name UNINDEXED, customer_id UNINDEXED, tokenize = 'trigram'
);
--> statement-breakpoint
INSERT INTO `customers_search` (rowid, name_lower, name, customer_id)
SELECT rowid, name_lower, name, id FROM `customers`;
--> statement-breakpoint
CREATE TRIGGER `customers_search_insert` AFTER INSERT ON `customers`
BEGIN
  INSERT INTO `customers_search` (rowid, name_lower, name, customer_id)
  VALUES (new.rowid, new.name_lower, new.name, new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_update` AFTER UPDATE OF name, name_lower, id ON `customers`
BEGIN
  DELETE FROM `customers_search` WHERE rowid = old.rowid;
  INSERT INTO `customers_search` (rowid, name_lower, name, customer_id)
  VALUES (new.rowid, new.name_lower, new.name, new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `customers_search_delete` AFTER DELETE ON `customers`
BEGIN DELETE FROM `customers_search` WHERE rowid = old.rowid; END;
--> statement-breakpoint
-- Ids are found by prefix in any case ("c000" finds C000123): the same range scan as the
-- primary key's, on an index that compares ids case-insensitively (ASCII, as LIKE does).
CREATE INDEX `customers_id_nocase_idx` ON `customers` (id COLLATE NOCASE);
--> statement-breakpoint
-- Invoice-number type-ahead (an automatic run's range) is a case-insensitive prefix match;
-- LIKE cannot use the binary primary key, so this index serves it as a range.
CREATE INDEX `invoices_number_nocase_idx` ON `invoices` (number COLLATE NOCASE);

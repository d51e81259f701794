-- The type-ahead's trigram index in one segment (docs/decisions/360-type-ahead-main-thread-cpu.md):
-- an import writes it in many segments (twelve for 1M customers), and every trigram of a fragment
-- is looked up in each; merged, bench 2's fragment searches cost about 40% less CPU. The import
-- merges it again after it wrote customers (ar-import.repo.ts). About 1 s at 1M customers, once.
INSERT INTO `customers_search` (`customers_search`) VALUES ('optimize');

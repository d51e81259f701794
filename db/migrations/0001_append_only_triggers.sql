-- Journal and audit rows are facts: corrections are new rows (a reversal entry, a later
-- audit row), never edits. These triggers make the database refuse UPDATE and DELETE even
-- from code that forgets the rule (ADR 012).
CREATE TRIGGER `journal_entries_no_update` BEFORE UPDATE ON `journal_entries`
BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER `journal_entries_no_delete` BEFORE DELETE ON `journal_entries`
BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER `journal_postings_no_update` BEFORE UPDATE ON `journal_postings`
BEGIN SELECT RAISE(ABORT, 'journal_postings is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER `journal_postings_no_delete` BEFORE DELETE ON `journal_postings`
BEGIN SELECT RAISE(ABORT, 'journal_postings is append-only: post a reversal instead'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Journal and audit rows are facts: corrections are new rows (a reversal entry, a later audit
-- row), never edits. As on SQLite, triggers make the database refuse UPDATE and DELETE even from
-- code that forgets the rule (docs/decisions/012-append-only-journal-and-audit.md); PostgreSQL
-- also has TRUNCATE, which skips row triggers, so a statement trigger refuses that too. The
-- message is the trigger's argument, the same text SQLite raises.
CREATE FUNCTION writeoff_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_update BEFORE UPDATE ON journal_entries
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('journal_entries is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_delete BEFORE DELETE ON journal_entries
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('journal_entries is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
FOR EACH STATEMENT EXECUTE FUNCTION writeoff_refuse_change('journal_entries is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER journal_postings_no_update BEFORE UPDATE ON journal_postings
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('journal_postings is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER journal_postings_no_delete BEFORE DELETE ON journal_postings
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('journal_postings is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER journal_postings_no_truncate BEFORE TRUNCATE ON journal_postings
FOR EACH STATEMENT EXECUTE FUNCTION writeoff_refuse_change('journal_postings is append-only: post a reversal instead');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION writeoff_refuse_change('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION writeoff_refuse_change('audit_log is append-only');

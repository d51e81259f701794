// The A/R sub-ledger and the write-off workflow, in SQLite. Money is integer minor units
// (`*_minor`), calendar dates are ISO text (`*_on`), instants are epoch milliseconds
// (`*_at_ms`). Every status is an enum column plus a named CHECK, every index is named.
// Journal and audit rows are append-only: triggers in a custom migration refuse UPDATE and
// DELETE (ADR 012).
// In three files to keep each readable (the journal starts the last, as in the PostgreSQL twin):
// drizzle-kit reads this file (drizzle.config.ts); code imports tables from here.
export * from './schema-ledger.ts';
export * from './schema-requests.ts';
export * from './schema-workflow.ts';

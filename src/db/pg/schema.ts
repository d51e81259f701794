// The PostgreSQL schema (docs/decisions/230-postgresql-backend.md), in two files to keep each
// readable: the ledger and the requests, then the journal and the workflow around them.
// drizzle-kit reads this file (drizzle.pg.config.ts); code imports tables from here.
export * from './schema-ledger.ts';
export * from './schema-workflow.ts';

import { defineConfig } from 'drizzle-kit';

// The PostgreSQL schema's migrations (docs/decisions/230-postgresql-backend.md):
// `npm run db:generate:pg -- <intent>` writes into db/pg. Change src/db/schema.ts and
// src/db/pg/schema*.ts together; test/db/pg/schema-equivalence.test.ts says what differs.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/schema.ts',
  out: './db/pg',
  strict: true,
  verbose: false,
});

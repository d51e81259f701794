import { defineConfig } from 'drizzle-kit';

// `npm run db:generate -- <intent>` writes a new migration into db/migrations. The schema
// test runs drizzle-kit against a temporary copy to prove nothing is left ungenerated.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './db/migrations',
  strict: true,
  verbose: false,
});

// PostgreSQL must order text by code point, as SQLite does, or ids and names would sort and
// compare differently on the two backends (docs/decisions/265-postgresql-repositories.md): a
// database with a language collation is refused when it is opened, with how to create one.
import { describe, expect, it } from 'vitest';
import { openPgDatabase, PgOpenError } from '../../../src/db/pg/client.ts';
import { adminQuery, TEST_DATABASE_URL } from './backends.ts';

describe.skipIf(TEST_DATABASE_URL === undefined)('the collation of a PostgreSQL database', () => {
  it('is refused when it is a language collation (ICU), with the way out', async () => {
    const name = `writeoff_test_icu_${process.pid}`;
    await adminQuery(
      `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`,
    );
    try {
      const url = new URL(TEST_DATABASE_URL ?? '');
      url.pathname = `/${name}`;
      const error = await openPgDatabase(url.toString()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PgOpenError);
      expect(String((error as Error).message)).toMatch(
        /collation is the ICU locale en-US, which does not order text by code point; create it with CREATE DATABASE … TEMPLATE template0 LOCALE_PROVIDER libc LOCALE 'C.UTF-8'$/,
      );
    } finally {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }, 60_000);
});

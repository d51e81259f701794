import { describe, expect, it } from 'vitest';
import { databaseUrlProblems, redactDatabaseUrl } from '../../src/config/database-url.ts';
import { type Config, describeConfig, parseEnv } from '../../src/config/env.ts';

const URL_WITH_PASSWORD = 'postgres://writeoff:s3cret@db.internal:5432/writeoff';

const parsed = (env: NodeJS.ProcessEnv): Config => {
  const result = parseEnv(env);
  if (!result.ok) throw new Error(result.error.join('\n'));
  return result.value;
};
const problems = (env: NodeJS.ProcessEnv): string[] => {
  const result = parseEnv(env);
  if (result.ok) throw new Error('expected a configuration error');
  return result.error;
};

describe('DATABASE_URL', () => {
  it('is unset by default: the SQLite file is the database', () => {
    expect(parsed({}).databaseUrl).toBeUndefined();
    expect(parsed({ DATABASE_URL: ' ' }).databaseUrl).toBeUndefined();
  });

  it('selects PostgreSQL with a postgres:// or postgresql:// URL', () => {
    expect(parsed({ DATABASE_URL: URL_WITH_PASSWORD }).databaseUrl).toBe(URL_WITH_PASSWORD);
    const alias = 'postgresql://u@localhost/writeoff';
    expect(parsed({ DATABASE_URL: alias }).databaseUrl).toBe(alias);
  });

  it('refuses other URLs, naming the variable and never echoing the value', () => {
    for (const value of ['mysql://u:pw@h/db', 'not a url', 'postgres:///nohost']) {
      const found = problems({ DATABASE_URL: value });
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^DATABASE_URL: must /);
      expect(found[0]).not.toContain('pw');
    }
  });

  it('refuses DATABASE_URL together with WRITEOFF_DB rather than picking one silently', () => {
    expect(problems({ DATABASE_URL: URL_WITH_PASSWORD, WRITEOFF_DB: './x.db' })).toEqual([
      expect.stringMatching(/^DATABASE_URL: cannot be used together with WRITEOFF_DB/),
    ]);
  });

  it('is described without its password', () => {
    const config = parsed({ DATABASE_URL: URL_WITH_PASSWORD });
    expect(describeConfig(config)).toContain(
      'db=postgres://writeoff:***@db.internal:5432/writeoff',
    );
    expect(redactDatabaseUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
  });

  it('gives the command line the same answers', () => {
    expect(databaseUrlProblems({})).toEqual([]);
    expect(databaseUrlProblems({ DATABASE_URL: 'mysql://h/db' })[0]).toMatch(/^DATABASE_URL: must/);
    expect(databaseUrlProblems({ DATABASE_URL: URL_WITH_PASSWORD })).toEqual([]);
    const both = databaseUrlProblems({ DATABASE_URL: URL_WITH_PASSWORD, WRITEOFF_DB: 'x.db' });
    expect(both[0]).toContain('cannot be used together with WRITEOFF_DB');
  });
});

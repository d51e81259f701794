// The transaction helper: all or nothing, synchronous only.
import { describe, expect, it } from 'vitest';
import { sessionOf, transaction } from '../../src/db/client.ts';
import { customers } from '../../src/db/schema.ts';
import { createTestDatabase } from '../support/db.ts';

describe('transaction', () => {
  it('commits what the callback wrote and returns its value', () => {
    const database = createTestDatabase();
    const result = transaction(database, (tx) => {
      sessionOf(tx).insert(customers).values({ id: 'C1', name: 'One', nameLower: 'one' }).run();
      return 'done';
    });
    expect(result).toBe('done');
    expect(database.db.select().from(customers).all()).toHaveLength(1);
  });

  it('leaves nothing when the callback throws half-way', () => {
    const database = createTestDatabase();
    expect(() =>
      transaction(database, (tx) => {
        sessionOf(tx).insert(customers).values({ id: 'C1', name: 'One', nameLower: 'one' }).run();
        sessionOf(tx).insert(customers).values({ id: 'C2', name: 'Two', nameLower: 'two' }).run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(database.db.select().from(customers).all()).toEqual([]);
  });

  it('refuses an async callback and rolls back what it wrote before its first await', async () => {
    const database = createTestDatabase();
    let pending: Promise<void> | undefined;
    expect(() =>
      transaction(database, (tx) => {
        sessionOf(tx).insert(customers).values({ id: 'C1', name: 'One', nameLower: 'one' }).run();
        pending = Promise.resolve();
        return pending;
      }),
    ).toThrow(/must be synchronous/);
    await pending;
    expect(database.db.select().from(customers).all()).toEqual([]);
  });
});

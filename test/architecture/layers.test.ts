// The layering rule of docs/decisions/110-layering-rule.md, checked on the real import graph of
// src/. ALLOWED lists arrows that still break it while they are being removed (empty now).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, readImportGraph } from './import-graph.ts';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

/** Packages and node modules that do I/O or belong to an outer layer. */
const IO_PACKAGES =
  /^(drizzle-orm|better-sqlite3|pg|@electric-sql\/pglite|@slack\/.*|node:(fs|net|http|https|child_process|worker_threads|process|os|dgram|tls))$/;
const DRIVER = /^(drizzle-orm|better-sqlite3|pg|@electric-sql\/pglite)$/;

interface Rule {
  readonly name: string;
  readonly from: RegExp;
  readonly to: RegExp;
}

const RULES: readonly Rule[] = [
  { name: 'domain is pure', from: /^domain\//, to: /^(db|app|slack|jobs|cli|config)\/|^main\.ts$/ },
  { name: 'domain does no I/O', from: /^domain\//, to: IO_PACKAGES },
  { name: 'db knows no use-case or adapter', from: /^db\//, to: /^(app|slack|jobs|cli)\// },
  { name: 'app knows no adapter', from: /^app\//, to: /^(slack|jobs|cli)\// },
  { name: 'slack reaches data through app', from: /^slack\//, to: /^(db|jobs)\// },
  { name: 'jobs speak to Slack through the notifier', from: /^jobs\//, to: /^slack\// },
  { name: 'only db sees the driver', from: /^(?!db\/)/, to: DRIVER },
  // The storage boundary (docs/decisions/240-store-boundary.md): outside db/ only store.ts and
  // the repos; the connection (client.ts), the SQLite store and the Tx internals stay inside.
  {
    name: 'only db opens the connection',
    from: /^(?!db\/)/,
    to: /^db\/(client|sqlite-store|tx|pg-bridge|bridge-protocol)\.ts$/,
  },
  // Repos are reached through db/repos/, which runs each one on either backend (ADR 300).
  { name: 'repos through db/repos', from: /^(?!db\/)/, to: /^db\/[a-z-]+\.repo\.ts$/ },
  // The bridge thread's side loads the driver; the main thread never imports it.
  { name: 'the main thread never loads db/pg', from: /^(?!db\/pg\/)/, to: /^db\/pg\// },
  {
    name: 'listeners never import listeners',
    from: /^slack\/listeners\/(?!index\.ts)/,
    to: /^slack\/listeners\//,
  },
];

/**
 * Arrows that break a rule, as `from -> to`, while they are being removed; an entry must leave
 * when its arrow is gone. Empty since every break found at the start was fixed.
 */
const ALLOWED: ReadonlySet<string> = new Set<string>([]);

/** Import cycles being removed, each as its sorted members joined by ` <-> `. Empty. */
const ALLOWED_CYCLES: ReadonlySet<string> = new Set<string>([]);

const graph = readImportGraph(SRC);

function violations(): { arrow: string; rule: string }[] {
  const found: { arrow: string; rule: string }[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      const broken = RULES.find((rule) => rule.from.test(from) && rule.to.test(to));
      if (broken) found.push({ arrow: `${from} -> ${to}`, rule: broken.name });
    }
  }
  return found;
}

// `PRINT_IMPORT_GRAPH=1 npx vitest run test/architecture` prints what the closing notes quote.
if (process.env.PRINT_IMPORT_GRAPH) {
  const lines = violations().map(({ arrow, rule }) => `arrow ${arrow}  (${rule})`);
  for (const cycle of findCycles(graph)) lines.push(`cycle ${cycle.join(' <-> ')}`);
  console.log(`${lines.join('\n')}\n${lines.length} arrows/cycles against the layering rule`);
}

describe('layering of src/', () => {
  it('reads a graph that covers every layer', () => {
    const layers = new Set([...graph.keys()].map((id) => id.split('/')[0]));
    for (const layer of ['domain', 'db', 'app', 'slack', 'jobs', 'cli', 'config', 'main.ts']) {
      expect(layers).toContain(layer);
    }
  });

  it('has no arrow that breaks a rule, apart from the shrinking allowlist', () => {
    const found = violations();
    const unexpected = found.filter(({ arrow }) => !ALLOWED.has(arrow));
    expect(unexpected.map(({ arrow, rule }) => `${arrow}  (${rule})`)).toEqual([]);
    // An allowlisted arrow that is gone must leave the list, so it cannot come back unnoticed.
    const stale = [...ALLOWED].filter((arrow) => !found.some((v) => v.arrow === arrow));
    expect(stale).toEqual([]);
  });

  it('has no import cycle, apart from the shrinking allowlist', () => {
    const cycles = findCycles(graph).map((members) => members.join(' <-> '));
    expect(cycles.filter((cycle) => !ALLOWED_CYCLES.has(cycle))).toEqual([]);
    expect([...ALLOWED_CYCLES].filter((cycle) => !cycles.includes(cycle))).toEqual([]);
  });

  it('uses the raw driver handle (`.sqlite`) only inside src/db/', () => {
    const users = [...graph.keys()].filter(
      (id) => !id.startsWith('db/') && /\.sqlite\b/.test(readFileSync(join(SRC, id), 'utf8')),
    );
    expect(users).toEqual([]);
  });

  it('names neither the drizzle handle (`database.db`) nor `Database`/`Db` outside src/db/', () => {
    const users = [...graph.keys()].filter((id) => {
      if (id.startsWith('db/')) return false;
      const text = readFileSync(join(SRC, id), 'utf8');
      return /\b\w*[dD]atabase\??\.db\b|\btype (Database|Db)\b|\{[^}]*\b(Database|Db)\b[^}]*\} from/.test(
        text,
      );
    });
    expect(users).toEqual([]);
  });

  it('finds a cycle and a broken rule in a made-up graph (the checker itself works)', () => {
    const madeUp = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['d.ts']],
      ['e.ts', ['a.ts']],
    ]);
    expect(findCycles(madeUp)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['d.ts']]);
    const rule = RULES.find((r) => r.name === 'slack reaches data through app');
    expect(rule?.from.test('slack/app.ts') && rule.to.test('db/client.ts')).toBe(true);
    expect(rule?.to.test('domain/money.ts')).toBe(false);
  });
});

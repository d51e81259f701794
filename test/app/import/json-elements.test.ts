// The fast element reader (JSON.parse per element) must visit exactly what the tokenizer-driven
// reader visits, and a broken file must get the same "not valid JSON at line L, column C: …"
// message, including files whose values cross the reader's 32 KiB chunks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type RootVisitor,
  streamJsonFile,
  streamWithTokenizer,
} from '../../../src/app/import/json-stream.ts';

const dir = mkdtempSync(join(tmpdir(), 'writeoff-json-elements-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCount = 0;

type Outcome = { events: unknown[] } | { error: string };

function read(
  text: string,
  reader: (path: string, visitor: RootVisitor) => void,
  skip = new Set<string>(),
): Outcome {
  fileCount += 1;
  const path = join(dir, `f${fileCount}.json`);
  writeFileSync(path, text);
  const events: unknown[] = [];
  try {
    reader(path, {
      member: (key, value) => events.push(['member', key, value]),
      arrayStart: (key) => {
        events.push(['start', key]);
        return !skip.has(key);
      },
      element: (key, index, value) => events.push(['element', key, index, value]),
      arrayEnd: (key, length) => events.push(['end', key, length]),
    });
    return { events };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

const bothReaders = (text: string, skip?: Set<string>) => ({
  fast: read(text, streamJsonFile, skip),
  tokenizer: read(text, streamWithTokenizer, skip),
});

// Long strings with escapes and non-ASCII text push values across chunk boundaries.
const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 3000 }),
  fc.constantFrom('"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '}],{["'),
);
const leaf = fc.oneof(
  text,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const element = fc.oneof(
  leaf,
  fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 6 }),
  fc.array(leaf, { maxLength: 5 }),
);
const rootFile = fc.record({
  version: fc.constant(1),
  currency: text,
  header: fc.dictionary(fc.string({ maxLength: 5 }), element, { maxKeys: 3 }),
  invoices: fc.array(element, { maxLength: 60 }),
  empty: fc.constant([]),
  onAccount: fc.array(element, { maxLength: 20 }),
});

describe('fast element reader', () => {
  test.prop([rootFile, fc.constantFrom(0, 1, 2)], { numRuns: 60 })(
    'visits what the tokenizer reader visits',
    (file, indent) => {
      const { fast, tokenizer } = bothReaders(JSON.stringify(file, null, indent));
      expect(fast).toEqual(tokenizer);
      expect('events' in fast).toBe(true);
    },
  );

  test.prop(
    [rootFile, fc.nat(), fc.constantFrom('', ',', ']', '}', '"', ':', 'x', '[', '{', ' 1')],
    { numRuns: 150 },
  )('says the same about a file broken anywhere', (file, at, insert) => {
    const json = JSON.stringify(file);
    const cut = at % (json.length + 1);
    // Replace one character (or delete it, for ''), so most files become invalid.
    const broken = json.slice(0, cut) + insert + json.slice(cut + 1);
    const { fast, tokenizer } = bothReaders(broken);
    expect(fast).toEqual(tokenizer);
  });

  it('skips the elements of arrays the visitor declines, still checking them', () => {
    const file = '{"version":1,"invoices":[{"a":1},{"b":[2,3]}],"customers":[1]}';
    const { fast, tokenizer } = bothReaders(file, new Set(['invoices']));
    expect(fast).toEqual(tokenizer);
    expect(fast).toEqual({
      events: [
        ['member', 'version', 1],
        ['start', 'invoices'],
        ['end', 'invoices', 2],
        ['start', 'customers'],
        ['element', 'customers', 0, 1],
        ['end', 'customers', 1],
      ],
    });
  });

  it('reports files that are not one object as before', () => {
    for (const file of [
      '',
      '   ',
      '[1,2]',
      '"text"',
      '42',
      'nul',
      '{"a":1} x',
      '{"a":1',
      '{"a":[1,2}',
    ]) {
      const { fast, tokenizer } = bothReaders(file);
      expect(fast, JSON.stringify(file)).toEqual(tokenizer);
    }
  });
});

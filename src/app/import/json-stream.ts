// A synchronous streaming reader for the A/R file's shape: one root object whose big members
// are arrays. Each array element is assembled on its own and handed to the visitor, then
// dropped, so memory stays flat however many invoices the file holds. Synchronous on
// purpose: the whole import runs inside one better-sqlite3 transaction, which cannot span
// an `await` (ADR 013). stream-json's tokenizer is a plain function, so we feed it chunks.
import { jsonParser } from 'stream-json/core/parser.js';
import { JsonShapeError, readTextChunks } from './json-chunks.ts';
import { BrokenJsonAt, ElementReader } from './json-elements.ts';
import { END_OF_INPUT, locateBrokenJson } from './json-syntax-error.ts';

export interface RootVisitor {
  /** A root member that is not an array (scalar or object). */
  member(key: string, value: unknown): void;
  /** A root member that is an array starts. Return false to skip its elements unassembled. */
  arrayStart(key: string): boolean;
  element(key: string, index: number, value: unknown): void;
  arrayEnd(key: string, length: number): void;
  /** See ElementVisitor: an element taken from its JSON text (the fast reader only). */
  elementText?(key: string, index: number, json: string): boolean;
  /** A problem the reader found itself (the CSV reader's row checks), already located. */
  problem?(problem: { readonly path: string; readonly message: string }): void;
}

type Token = { readonly name: string; readonly value?: unknown };
type Container = unknown[] | Record<string, unknown>;

/**
 * Streams the file at `path` through `visitor`, telling `onBytes` how many bytes have been read
 * so far after each chunk. Throws JsonShapeError on broken JSON.
 */
export function streamJsonFile(
  path: string,
  visitor: RootVisitor,
  onBytes?: (readBytes: number) => void,
): void {
  try {
    readWith(path, new ElementReader(visitor), onBytes);
  } catch (error) {
    if (!(error instanceof BrokenJsonAt)) throw error;
    // Not even an object at the root: nothing was visited yet, so the tokenizer's reader can
    // say what the file is instead (its error or "must be one JSON object").
    if (error.untouched) {
      streamWithTokenizer(path, visitor, onBytes);
      return;
    }
    throw new JsonShapeError(`not valid JSON at ${locateBrokenJson(path, error.chunk)}`);
  }
}

function readWith(
  path: string,
  reader: { write(text: string, last: boolean): void },
  onBytes: ((readBytes: number) => void) | undefined,
): void {
  let readBytes = 0;
  readTextChunks(path, (text, last, n) => {
    reader.write(text, last);
    readBytes += n;
    onBytes?.(readBytes);
  });
}

/** The tokenizer-driven reader (slower): for files whose root is not an object, and tests. */
export function streamWithTokenizer(
  path: string,
  visitor: RootVisitor,
  onBytes?: (readBytes: number) => void,
): void {
  try {
    readWith(path, createRootReader(visitor), onBytes);
  } catch (error) {
    if (!(error instanceof BrokenJson)) throw error;
    throw new JsonShapeError(`not valid JSON at ${locateBrokenJson(path, error.chunk)}`);
  }
}

/** The tokenizer refused chunk number `chunk` (counted from 0); where exactly is found later. */
class BrokenJson extends Error {
  constructor(readonly chunk: number) {
    super('broken JSON');
  }
}

interface RootReader {
  write(text: string, last: boolean): void;
}

function createRootReader(visitor: RootVisitor): RootReader {
  const tokenize = jsonParser({ packValues: true, streamValues: false });
  const state = createRootState(visitor);
  let chunk = 0;
  return {
    write(text, last) {
      let out: unknown;
      let tail: unknown;
      try {
        out = tokenize(text);
        if (last) tail = tokenize(END_OF_INPUT);
      } catch {
        throw new BrokenJson(chunk);
      }
      chunk += 1;
      consume(state, out);
      consume(state, tail);
      if (last && !state.finished) throw new JsonShapeError('the file ends before the JSON does');
    },
  };
}

function consume(state: RootState, out: unknown): void {
  const values = (out as { values?: Token[] } | undefined)?.values;
  if (!Array.isArray(values)) return;
  for (const token of values) state.token(token);
}

interface RootState {
  finished: boolean;
  token(token: Token): void;
}

function createRootState(visitor: RootVisitor): RootState {
  let depth = 0;
  let rootKey = '';
  let arrayKey: string | undefined;
  let index = 0;
  let skipping = false;
  let builder: ValueBuilder | undefined;
  const state: RootState = {
    finished: false,
    token(token) {
      const opens = token.name === 'startObject' || token.name === 'startArray';
      const closes = token.name === 'endObject' || token.name === 'endArray';
      if (depth === 0) {
        if (token.name !== 'startObject')
          throw new JsonShapeError('the file must be one JSON object');
        depth = 1;
        return;
      }
      if (depth === 1) {
        if (token.name === 'keyValue') rootKey = String(token.value);
        else if (token.name === 'endObject') {
          depth = 0;
          state.finished = true;
        } else if (token.name === 'startArray') {
          arrayKey = rootKey;
          index = 0;
          skipping = !visitor.arrayStart(rootKey);
          depth = 2;
        } else if (opens) {
          builder = new ValueBuilder();
          builder.token(token);
          depth = 2;
          arrayKey = undefined;
        } else visitor.member(rootKey, scalarOf(token));
        return;
      }
      if (arrayKey !== undefined && depth === 2 && token.name === 'endArray') {
        visitor.arrayEnd(arrayKey, index);
        arrayKey = undefined;
        depth = 1;
        return;
      }
      if (arrayKey !== undefined && depth === 2 && !opens) {
        if (!skipping) visitor.element(arrayKey, index, scalarOf(token));
        index += 1;
        return;
      }
      if (!skipping || arrayKey === undefined) {
        builder ??= new ValueBuilder();
        builder.token(token);
      }
      depth += opens ? 1 : closes ? -1 : 0;
      const back = arrayKey === undefined ? 1 : 2;
      if (depth === back && closes) {
        const value = builder?.value;
        builder = undefined;
        if (arrayKey === undefined) visitor.member(rootKey, value);
        else {
          if (!skipping) visitor.element(arrayKey, index, value);
          index += 1;
        }
      }
    },
  };
  return state;
}

function scalarOf(token: Token): unknown {
  switch (token.name) {
    case 'stringValue':
      return token.value;
    case 'numberValue':
      return Number(token.value);
    case 'nullValue':
      return null;
    case 'trueValue':
      return true;
    case 'falseValue':
      return false;
    default:
      throw new JsonShapeError(`unexpected JSON token ${token.name}`);
  }
}

/** Builds one JSON value from tokens (a tiny, prototype-safe Assembler). */
class ValueBuilder {
  value: unknown;
  private readonly stack: Container[] = [];
  private key: string | undefined;

  token(token: Token): void {
    switch (token.name) {
      case 'startObject':
        this.open({});
        return;
      case 'startArray':
        this.open([]);
        return;
      case 'endObject':
      case 'endArray':
        this.stack.pop();
        return;
      case 'keyValue':
        this.key = String(token.value);
        return;
      default:
        this.add(scalarOf(token));
    }
  }

  private open(container: Container): void {
    this.add(container);
    this.stack.push(container);
  }

  private add(value: unknown): void {
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) this.value = value;
    else if (Array.isArray(top)) top.push(value);
    else if (this.key === '__proto__') {
      // defineProperty, so a `__proto__` key in the file is data, never a prototype.
      Object.defineProperty(top, this.key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else top[this.key ?? ''] = value;
  }
}

// A synchronous streaming reader for the A/R file's shape: one root object whose big members
// are arrays. Each array element is assembled on its own and handed to the visitor, then
// dropped, so memory stays flat however many invoices the file holds. Synchronous on
// purpose: the whole import runs inside one better-sqlite3 transaction, which cannot span
// an `await` (ADR 013). stream-json's tokenizer is a plain function, so we feed it chunks.
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import { jsonParser } from 'stream-json/core/parser.js';
import { BrokenJsonAt, ElementReader } from './json-elements.ts';

export interface RootVisitor {
  /** A root member that is not an array (scalar or object). */
  member(key: string, value: unknown): void;
  /** A root member that is an array starts. Return false to skip its elements unassembled. */
  arrayStart(key: string): boolean;
  element(key: string, index: number, value: unknown): void;
  arrayEnd(key: string, length: number): void;
  /** A problem the reader found itself (the CSV reader's row checks), already located. */
  problem?(problem: { readonly path: string; readonly message: string }): void;
}

export class JsonShapeError extends Error {}

type Token = { readonly name: string; readonly value?: unknown };
type Container = unknown[] | Record<string, unknown>;

const CHUNK_BYTES = 1 << 15;

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

/** Calls `onChunk` with each decoded chunk of the file, the last one (possibly '') flagged. */
function readTextChunks(
  path: string,
  onChunk: (text: string, last: boolean, bytes: number) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      onChunk(decodeChunk(decoder, n === 0 ? undefined : buffer.subarray(0, n)), n === 0, n);
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/** The tokenizer refused chunk number `chunk` (counted from 0); where exactly is found later. */
class BrokenJson extends Error {
  constructor(readonly chunk: number) {
    super('broken JSON');
  }
}

const END_OF_INPUT = Symbol.for('object-stream.none') as never;

/** `line L, column C: reason` of the first syntax error of a small JSON file known to be broken. */
export function jsonSyntaxErrorAt(path: string): string {
  return locateBrokenJson(path, 0);
}

/**
 * `line L, column C: reason` of the first syntax error. The fast pass only knows which chunk
 * the tokenizer refused; this slow pass (taken only for a broken file) replays the chunks before
 * it whole and then feeds one character at a time, so the character the tokenizer stops at is
 * known. Lines and columns count from 1, columns in characters, as editors show them.
 */
function locateBrokenJson(path: string, failedChunk: number): string {
  const tokenize = jsonParser({ packValues: true, streamValues: false });
  const where = { line: 1, column: 1, previous: '' };
  let chunk = 0;
  try {
    readTextChunks(path, (text, last) => {
      if (chunk < failedChunk) {
        tokenize(text);
        advance(where, text);
      } else {
        for (const char of text) {
          tokenize(char);
          advance(where, char);
        }
        if (last) tokenize(END_OF_INPUT);
      }
      chunk += 1;
    });
  } catch (error) {
    const reason = error instanceof Error ? plainReason(error.message, where.previous) : '';
    return `line ${where.line}, column ${where.column}: ${reason}`;
  }
  return `line ${where.line}, column ${where.column}`;
}

/** Moves the position past `text`, remembering the last character that is not white space. */
function advance(where: { line: number; column: number; previous: string }, text: string): void {
  for (const char of text) {
    if (char === '\n') {
      where.line += 1;
      where.column = 1;
    } else where.column += 1;
    if (!/\s/.test(char)) where.previous = char;
  }
}

// The tokenizer's own words, said the way a person editing the file thinks of it.
function plainReason(message: string, previous: string): string {
  const reason = message.replace(/^Parser (cannot parse input: |has )/, '');
  const closing = /^unexpected token '([}\]])'$/.exec(reason)?.[1];
  if (closing !== undefined && previous === ',') {
    return `a comma before '${closing}' (JSON allows no trailing comma)`;
  }
  if (reason === "expected ':'") return "expected ':' after a field name";
  if (reason === 'expected an object key') return 'expected a field name in double quotes';
  if (reason === 'escaped characters') {
    return 'a bad character in a text value (a line break or a backslash escape JSON does not allow)';
  }
  return reason;
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array | undefined): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    throw new JsonShapeError('the file is not valid UTF-8 text');
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

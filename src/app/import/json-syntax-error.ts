// Where a JSON file breaks, said as an editor shows it (`line L, column C: reason`), for the
// import's error and the CLI's own JSON inputs. Only taken for a file known to be broken.
import { jsonParser } from 'stream-json/core/parser.js';
import { readTextChunks } from './json-chunks.ts';

/** What tells stream-json's tokenizer the input ended. */
export const END_OF_INPUT = Symbol.for('object-stream.none') as never;

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
export function locateBrokenJson(path: string, failedChunk: number): string {
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

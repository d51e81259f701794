// The fast path of the streaming reader (json-stream.ts): it walks the root object and its
// arrays character by character, cuts out each element's text and hands it to JSON.parse, the
// engine's native parser, instead of assembling it from tokenizer events (five times the work
// on a million-line file). It only finds where values begin and end; JSON.parse judges them.
// On anything it does not accept it throws BrokenJsonAt with the chunk where the offending value
// began, and the caller locates the error with the tokenizer (same messages as before).

export interface ElementVisitor {
  member(key: string, value: unknown): void;
  arrayStart(key: string): boolean;
  element(key: string, index: number, value: unknown): void;
  arrayEnd(key: string, length: number): void;
  /**
   * An array element's JSON text, before it is parsed: true when the visitor took it from the
   * text itself (it must then be valid JSON), false to have it parsed and passed to `element`.
   */
  elementText?(key: string, index: number, json: string): boolean;
}

/** The file is not valid JSON; the first error is at or after chunk `chunk` (from 0). */
export class BrokenJsonAt extends Error {
  constructor(
    readonly chunk: number,
    /** Nothing but white space came before: no visitor method was called. */
    readonly untouched: boolean,
  ) {
    super('broken JSON');
  }
}

enum Where {
  RootStart, // before '{'
  KeyOrEnd, // after '{': a key or '}'
  Key, // after ',': a key
  Colon,
  MemberValue,
  AfterMember, // ',' or '}'
  ElementOrEnd, // after '[': an element or ']'
  Element, // after ',': an element
  AfterElement, // ',' or ']'
  Done,
}

const QUOTE = 34;
const BACKSLASH = 92;
const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isOpen = (c: number) => c === 123 || c === 91; // { [
const isClose = (c: number) => c === 125 || c === 93; // } ]

export class ElementReader {
  private where = Where.RootStart;
  private chunk = -1;
  private key = '';
  private index = 0;
  private skipping = false;
  // The value being cut out: text carried over from earlier chunks, nesting, string state.
  private carry = '';
  private inValue = false;
  private valueChunk = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;

  constructor(private readonly visitor: ElementVisitor) {}

  get finished(): boolean {
    return this.where === Where.Done;
  }

  /** True before anything but white space was read (the caller may still choose a reader). */
  get untouched(): boolean {
    return this.where === Where.RootStart;
  }

  write(text: string, last: boolean): void {
    this.chunk += 1;
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (this.inValue) {
        const end = this.scanValue(text, i);
        if (end < 0) {
          this.carry += text.slice(i);
          break;
        }
        this.completeValue(this.carry + text.slice(i, end));
        i = end;
        continue;
      }
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i += 1;
        continue;
      }
      i = this.structural(text, i, c);
    }
    if (last && this.inValue) this.completeValue(this.carry, true);
    if (last && this.where !== Where.Done) throw this.broken();
  }

  private broken(): BrokenJsonAt {
    return new BrokenJsonAt(this.inValue ? this.valueChunk : this.chunk, this.untouched);
  }

  /** One structural character at `i` (not white space); returns where to go on. */
  private structural(text: string, i: number, c: number): number {
    switch (this.where) {
      case Where.RootStart:
        if (c !== 123) throw this.broken();
        this.where = Where.KeyOrEnd;
        return i + 1;
      case Where.KeyOrEnd:
      case Where.Key:
        if (c === 125 && this.where === Where.KeyOrEnd) {
          this.where = Where.Done;
          return i + 1;
        }
        if (c !== QUOTE) throw this.broken();
        return this.startValue(text, i);
      case Where.Colon:
        if (c !== 58) throw this.broken();
        this.where = Where.MemberValue;
        return i + 1;
      case Where.MemberValue:
        if (c === 91) {
          this.skipping = !this.visitor.arrayStart(this.key);
          this.index = 0;
          this.where = Where.ElementOrEnd;
          return i + 1;
        }
        return this.startValue(text, i);
      case Where.AfterMember:
        if (c === 44) this.where = Where.Key;
        else if (c === 125) this.where = Where.Done;
        else throw this.broken();
        return i + 1;
      case Where.ElementOrEnd:
      case Where.Element:
        if (c === 93 && this.where === Where.ElementOrEnd) return this.endArray(i);
        return this.startValue(text, i);
      case Where.AfterElement:
        if (c === 44) this.where = Where.Element;
        else if (c === 93) return this.endArray(i);
        else throw this.broken();
        return i + 1;
      case Where.Done:
        throw this.broken();
    }
  }

  private isElement(): boolean {
    return this.where === Where.ElementOrEnd || this.where === Where.Element;
  }

  private endArray(i: number): number {
    this.visitor.arrayEnd(this.key, this.index);
    this.where = Where.AfterMember;
    return i + 1;
  }

  private startValue(text: string, i: number): number {
    const c = text.charCodeAt(i);
    this.inValue = true;
    this.valueChunk = this.chunk;
    this.carry = '';
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.scalar = c !== QUOTE && !isOpen(c);
    return i;
  }

  /** Scans the value from `i`; returns the index just past its end, or -1 if it goes on. */
  private scanValue(text: string, from: number): number {
    const n = text.length;
    for (let i = from; i < n; i += 1) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.depth === 0) return i + 1;
        }
      } else if (this.scalar) {
        if (c === 44 || isClose(c) || isSpace(c) || c === 58) return i;
      } else if (c === QUOTE) this.inString = true;
      else if (isOpen(c)) this.depth += 1;
      else if (isClose(c)) {
        this.depth -= 1;
        if (this.depth === 0) return i + 1;
      }
    }
    return -1;
  }

  private completeValue(json: string, atEnd = false): void {
    if (atEnd && !this.scalar) throw this.broken();
    if (
      this.isElement() &&
      !this.skipping &&
      this.visitor.elementText?.(this.key, this.index, json)
    ) {
      this.inValue = false;
      this.carry = '';
      this.index += 1;
      this.where = Where.AfterElement;
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw this.broken();
    }
    this.inValue = false;
    this.carry = '';
    switch (this.where) {
      case Where.KeyOrEnd:
      case Where.Key:
        this.key = String(value);
        this.where = Where.Colon;
        return;
      case Where.MemberValue:
        this.visitor.member(this.key, value);
        this.where = Where.AfterMember;
        return;
      default:
        if (!this.skipping) this.visitor.element(this.key, this.index, value);
        this.index += 1;
        this.where = Where.AfterElement;
    }
  }
}

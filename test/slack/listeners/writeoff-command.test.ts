import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../src/slack/listeners/writeoff-command.ts';

describe('parseCommandText', () => {
  it.each([
    ['', { word: '', rest: '' }],
    ['help', { word: 'help', rest: '' }],
    ['  HELP  ', { word: 'help', rest: '' }],
    ['find  Acme Builders ', { word: 'find', rest: 'Acme Builders' }],
  ])('%j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

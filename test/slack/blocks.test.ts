import { describe, expect, it } from 'vitest';
import {
  context,
  escapeMrkdwn,
  fields,
  header,
  section,
  truncate,
} from '../../src/slack/blocks.ts';

describe('block helpers', () => {
  it('build plain Block Kit JSON, with block_id only when given', () => {
    expect(header('Write-offs')).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Write-offs', emoji: true },
    });
    expect(section('*Total*', 'total')).toEqual({
      type: 'section',
      block_id: 'total',
      text: { type: 'mrkdwn', text: '*Total*' },
    });
    expect(fields(['a', 'b']).fields).toHaveLength(2);
    expect(context(['note']).elements).toEqual([{ type: 'mrkdwn', text: 'note' }]);
  });

  it('truncate keeps short text and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('Acme', 10)).toBe('Acme');
    expect(truncate('Acme Builders', 8)).toBe('Acme Bu…');
    expect(truncate('Acme Builders', 8)).toHaveLength(8);
  });

  it('truncate never splits a surrogate pair', () => {
    const cut = truncate('ab😀cd', 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
  });

  it('escapeMrkdwn neutralises Slack control characters', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});

// The sandbox page's mrkdwn parser (src/sandbox/ui/mrkdwn.js): Slack's formatting, its special
// `<…>` sequences, and that nothing unsafe becomes a link.
import { describe, expect, it } from 'vitest';
import { type MrkdwnToken, parseMrkdwn, safeHref } from '../../src/sandbox/ui/mrkdwn.js';

/** The tokens as compact text: `b(x)` for bold x, `link(href|label)`, `user(U1)`, … */
function show(tokens: MrkdwnToken[]): string {
  return tokens
    .map((t) => {
      if (t.t === 'text') return t.v;
      if (t.t === 'br') return '⏎';
      if (t.c) return `${t.t}(${show(t.c)})`;
      if (t.t === 'link') return `link(${t.href}|${t.label})`;
      if (t.t === 'user' || t.t === 'channel') return `${t.t}(${t.id})`;
      if (t.t === 'date') return `date(${t.ts}|${t.format})`;
      return `${t.t}(${t.v})`;
    })
    .join('');
}

describe('parseMrkdwn', () => {
  it('reads bold, italics, strike, code, blocks and quotes', () => {
    expect(show(parseMrkdwn('*Total* _net_ ~old~ `7100`'))).toBe(
      'b(Total) i(net) s(old) code(7100)',
    );
    expect(show(parseMrkdwn('a\n> quoted *bold*'))).toBe('a⏎quote(quoted b(bold))');
    expect(show(parseMrkdwn('```x *not bold*```'))).toBe('pre(x *not bold*)');
  });

  it('leaves markers inside words and amounts alone', () => {
    expect(show(parseMrkdwn('2*3*4 and snake_case_name'))).toBe('2*3*4 and snake_case_name');
  });

  it('reads mentions, channels, dates and links, and unescapes Slack entities', () => {
    expect(show(parseMrkdwn('<@U0CLERK01> in <#C0APPROVALS|approvals>'))).toBe(
      'user(U0CLERK01) in channel(C0APPROVALS)',
    );
    expect(show(parseMrkdwn('<!date^1767225600^{date_short}|Jan 1>'))).toBe(
      'date(1767225600|{date_short})',
    );
    expect(show(parseMrkdwn('<https://example.com/a?b=1&amp;c=2|the &lt;file&gt;>'))).toBe(
      'link(https://example.com/a?b=1&c=2|the <file>)',
    );
    expect(show(parseMrkdwn('A &amp; B &lt;script&gt;'))).toBe('A & B <script>');
  });

  it('never makes a link of javascript:, data: or stray markup', () => {
    expect(show(parseMrkdwn('<javascript:alert(1)|click>'))).toBe('click');
    expect(show(parseMrkdwn('<data:text/html,hi>'))).toBe('<data:text/html,hi>');
    expect(show(parseMrkdwn('<img src=x onerror=alert(1)>'))).toBe('<img src=x onerror=alert(1)>');
    expect(safeHref(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('mailto:ar@example.com')).toBe('mailto:ar@example.com');
  });
});

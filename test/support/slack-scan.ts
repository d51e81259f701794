// Scans what the app said to Slack for markup that Slack would act on but that we did not write:
// a mention (`<@U…>`, `<!channel>`, `<#C…>`) or a disguised link (`<https://…|label>`) that came
// from ERP or user text. Slack interprets markup in mrkdwn text objects and in the top-level
// `text` of messages (notifications, respond() bodies); plain_text objects are shown as typed
// (docs/decisions/105-escaping-slack-text.md), so they are not scanned.
//
//   const findings = findUnescapedMarkup(fake.calls(), fake.responses(), { users: [CLERK] });
//   expect(findings).toEqual([]);
import type { RecordedCall, RecordedResponse } from './fake-slack-api.ts';

export interface MarkupAllowance {
  /** User ids we mention on purpose (`<@U…>`): the test's real cast. */
  readonly users?: readonly string[];
  /** Channel ids we link on purpose (`<#C…>`). */
  readonly channels?: readonly string[];
  /** Link targets we build on purpose (`<https://…>` starting with one of these). */
  readonly linkPrefixes?: readonly string[];
}

export interface MarkupFinding {
  /** `chat.postMessage#3 /blocks/0/text/text` or `response /response/r1 /text`. */
  readonly where: string;
  readonly token: string;
  readonly text: string;
}

/** Our own `<!date^…|fallback>` (see slackDate): a timestamp and a UTC fallback only. */
const OWN_DATE = /^<!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d\d-\d\d \d\d:\d\d UTC>$/;
const MARKUP = /<(?:[!@#]|https?:)[^>]*>?/gi;

export function findUnescapedMarkup(
  calls: readonly RecordedCall[],
  responses: readonly RecordedResponse[] = [],
  allow: MarkupAllowance = {},
): MarkupFinding[] {
  const findings: MarkupFinding[] = [];
  const scan = (where: string, value: unknown) => {
    for (const { pointer, text } of interpretedTexts(value)) {
      for (const token of text.match(MARKUP) ?? []) {
        if (!isOurs(token, allow)) findings.push({ where: `${where} ${pointer}`, token, text });
      }
    }
  };
  for (const [index, call] of calls.entries()) scan(`${call.method}#${index}`, call.args);
  for (const response of responses) scan(`response ${response.path}`, response.body);
  return findings;
}

/** Texts Slack interprets: the top-level `text` and every mrkdwn text object, with pointers. */
export function interpretedTexts(args: unknown): { pointer: string; text: string }[] {
  const found: { pointer: string; text: string }[] = [];
  const root = args as { text?: unknown };
  if (typeof root?.text === 'string') found.push({ pointer: '/text', text: root.text });
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${pointer}/${i}`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    if (object.type === 'mrkdwn' && typeof object.text === 'string') {
      found.push({ pointer: `${pointer}/text`, text: object.text });
      return;
    }
    if (object.type === 'plain_text') return;
    for (const [key, child] of Object.entries(object)) walk(child, `${pointer}/${key}`);
  };
  walk(args, '');
  return found;
}

function isOurs(token: string, allow: MarkupAllowance): boolean {
  const user = /^<@([A-Z0-9_]+)>$/.exec(token)?.[1];
  if (user !== undefined) return (allow.users ?? []).includes(user);
  const channel = /^<#([A-Z0-9_]+)(?:\|[^<>]*)?>$/.exec(token)?.[1];
  if (channel !== undefined) return (allow.channels ?? []).includes(channel);
  if (OWN_DATE.test(token)) return true;
  const link = /^<(https?:[^|<>]*)(?:\|[^<>]*)?>$/i.exec(token)?.[1];
  if (link !== undefined) return (allow.linkPrefixes ?? []).some((p) => link.startsWith(p));
  return false;
}

/**
 * Text an ERP file or a user could supply, each carrying markup Slack would act on: mentions
 * (user, channel, everyone, user group), a link disguised as a button, entities and formatting.
 */
export const HOSTILE_TEXT = {
  customer: 'Acme <!channel> <@U0ADMIN> <https://evil.example/login|Click to re-verify> *BOLD*',
  otherCustomer: 'Nuts <#C123> &lt;b&gt; <!here> <!subteam^S0HACK|@finance>',
  invoice: '1002<!everyone>',
  description: 'Roofing <@U0ADMIN|admin> <#C123|general>',
  account: 'Bad debt <http://evil.example|expense> &amp;',
  comment: 'Chapter 7 <!channel> <https://evil.example/file|see the file> > quote',
  reason: 'Disputed <@U0ADMIN> <!here> &amp; <#C123|general> <https://evil.example|ok>',
  query: '<!channel> <@U0ADMIN>',
} as const;

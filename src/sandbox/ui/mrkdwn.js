// Slack mrkdwn → DOM nodes for the sandbox page. Text from the bot is data (customer names,
// comments, file contents), so nothing here ever parses HTML: the text is split into tokens
// and every piece becomes a text node or an element built with createElement. Links are kept
// only for http(s) and mailto targets.

/** @typedef {{t: string, v?: string, c?: Node[], href?: string, id?: string, label?: string, ts?: number, format?: string}} Token */

const EMOJI = {
  white_check_mark: '✅',
  warning: '⚠️',
  x: '❌',
  leftwards_arrow_with_hook: '↩️',
  rotating_light: '🚨',
  hourglass_flowing_sand: '⏳',
  no_entry_sign: '🚫',
  memo: '📝',
  information_source: 'ℹ️',
  arrow_up: '⬆️',
  heavy_check_mark: '✔️',
  bar_chart: '📊',
  page_facing_up: '📄',
  lock: '🔒',
  tada: '🎉',
};

/** Slack escapes &, < and > in text; shown text gets them back. */
export function unescapeSlack(text) {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}

export function safeHref(url) {
  const trimmed = unescapeSlack(url.trim());
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

/**
 * Parses mrkdwn into a token tree. Pure (no DOM), so it can be tested in Node.
 * @param {string} text
 * @returns {Token[]}
 */
export function parseMrkdwn(text) {
  const tokens = [];
  const parts = String(text).split(/```/);
  parts.forEach((part, index) => {
    // Odd parts sit between ``` fences (a trailing unmatched fence is literal text).
    if (index % 2 === 1 && index < parts.length - 1)
      tokens.push({ t: 'pre', v: unescapeSlack(part) });
    else tokens.push(...parseLines(index % 2 === 1 ? `\`\`\`${part}` : part));
  });
  return tokens;
}

function parseLines(text) {
  const tokens = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) tokens.push({ t: 'br' });
    const quote = /^(&gt;|>)\s?(.*)$/.exec(line);
    if (quote) tokens.push({ t: 'quote', c: parseInline(quote[2] ?? '') });
    else tokens.push(...parseInline(line));
  });
  return tokens;
}

// Formatting markers only count next to a boundary, as in Slack (`2*3*4` stays literal).
const FORMATS = [
  { t: 'code', re: /`([^`\n]+)`/ },
  { t: 'special', re: /<([^<>\n]+)>/ },
  { t: 'b', re: /(?<![\w*])\*(?!\s)([^*\n]*?[^*\s])\*(?![\w*])/ },
  { t: 'i', re: /(?<![\w_])_(?!\s)([^_\n]*?[^_\s])_(?![\w_])/ },
  { t: 's', re: /(?<![\w~])~(?!\s)([^~\n]*?[^~\s])~(?![\w~])/ },
  { t: 'emoji', re: /:([a-z0-9_+-]+):/ },
];

function parseInline(text) {
  let best;
  for (const format of FORMATS) {
    const match = format.re.exec(text);
    if (match && (best === undefined || match.index < best.match.index)) best = { format, match };
  }
  if (best === undefined) return text === '' ? [] : [{ t: 'text', v: unescapeSlack(text) }];
  const { format, match } = best;
  const before = text.slice(0, match.index);
  const after = text.slice(match.index + match[0].length);
  const inner = match[1] ?? '';
  const middle = tokenFor(format.t, inner, match[0]);
  return [...parseInline(before), ...middle, ...parseInline(after)];
}

function tokenFor(type, inner, whole) {
  switch (type) {
    case 'code':
      return [{ t: 'code', v: unescapeSlack(inner) }];
    case 'special':
      return [special(inner)];
    case 'emoji':
      return [{ t: 'text', v: EMOJI[inner] ?? whole }];
    default:
      return [{ t: type, c: parseInline(inner) }];
  }
}

/** `<@U1>`, `<#C1|name>`, `<!date^ts^format|fallback>`, `<!here>`, `<url|label>`. */
function special(inner) {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : unescapeSlack(inner.slice(bar + 1));
  if (target.startsWith('@')) return { t: 'user', id: target.slice(1), label };
  if (target.startsWith('#')) return { t: 'channel', id: target.slice(1), label };
  if (target.startsWith('!date^')) {
    const [, ts, format] = target.split('^');
    return { t: 'date', ts: Number(ts), format: format ?? '{date}', label };
  }
  if (target.startsWith('!'))
    return { t: 'text', v: `@${(label ?? target.slice(1)).replace(/^subteam\^\w+$/, 'group')}` };
  const href = safeHref(target);
  // Not a link Slack would make (e.g. `javascript:` or stray markup): the label, else the text.
  if (href === undefined) return { t: 'text', v: label ?? `<${unescapeSlack(target)}>` };
  return { t: 'link', href, label: label ?? href };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function ordinal(n) {
  const rest = n % 100;
  if (rest >= 11 && rest <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
}

/** Slack's `<!date>` tokens, in the reader's time zone as Slack shows them. */
export function formatSlackDate(seconds, format) {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return undefined;
  const pad = (n) => String(n).padStart(2, '0');
  const month = MONTHS[d.getMonth()] ?? '';
  const hours12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const ampm = d.getHours() < 12 ? 'AM' : 'PM';
  const values = {
    date_num: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    date: `${month} ${ordinal(d.getDate())}, ${d.getFullYear()}`,
    date_short: `${month.slice(0, 3)} ${d.getDate()}, ${d.getFullYear()}`,
    date_long: `${DAYS[d.getDay()]}, ${month} ${ordinal(d.getDate())}, ${d.getFullYear()}`,
    date_pretty: `${month} ${ordinal(d.getDate())}, ${d.getFullYear()}`,
    date_short_pretty: `${month.slice(0, 3)} ${d.getDate()}, ${d.getFullYear()}`,
    date_long_pretty: `${DAYS[d.getDay()]}, ${month} ${ordinal(d.getDate())}, ${d.getFullYear()}`,
    time: `${hours12}:${pad(d.getMinutes())} ${ampm}`,
    time_secs: `${hours12}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${ampm}`,
  };
  return format.replace(/\{(\w+)\}/g, (whole, key) => values[key] ?? whole);
}

/**
 * Renders mrkdwn as DOM nodes.
 * @param {Document} doc
 * @param {string} text
 * @param {{ personName: (id: string) => string | undefined, channelName: (id: string) => string | undefined }} names
 * @returns {DocumentFragment}
 */
export function renderMrkdwn(doc, text, names) {
  const fragment = doc.createDocumentFragment();
  for (const token of parseMrkdwn(text)) fragment.append(renderToken(doc, token, names));
  return fragment;
}

function renderToken(doc, token, names) {
  const el = (tag, cls) => {
    const node = doc.createElement(tag);
    if (cls) node.className = cls;
    return node;
  };
  const withChildren = (node, children) => {
    for (const child of children ?? []) node.append(renderToken(doc, child, names));
    return node;
  };
  switch (token.t) {
    case 'text':
      return doc.createTextNode(token.v ?? '');
    case 'br':
      return el('br');
    case 'b':
      return withChildren(el('strong'), token.c);
    case 'i':
      return withChildren(el('em'), token.c);
    case 's':
      return withChildren(el('s'), token.c);
    case 'quote':
      return withChildren(el('span', 'quote'), token.c);
    case 'code': {
      const node = el('code');
      node.textContent = token.v ?? '';
      return node;
    }
    case 'pre': {
      const node = el('pre');
      node.textContent = token.v ?? '';
      return node;
    }
    case 'link': {
      const node = el('a');
      node.href = token.href;
      node.target = '_blank';
      node.rel = 'noopener noreferrer';
      node.textContent = token.label ?? token.href;
      return node;
    }
    case 'user': {
      const node = el('span', 'mention');
      node.textContent = `@${names.personName(token.id) ?? token.label ?? token.id}`;
      return node;
    }
    case 'channel': {
      const node = el('span', 'mention');
      node.textContent = `#${token.label ?? names.channelName(token.id) ?? token.id}`;
      return node;
    }
    case 'date': {
      const node = el('time');
      node.textContent = formatSlackDate(token.ts, token.format) ?? token.label ?? '';
      return node;
    }
    default:
      return doc.createTextNode('');
  }
}

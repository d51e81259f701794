// Realistic, deterministic demo data for `writeoff demo` and for tests: the same `today`
// always gives the same file. A seeded PRNG (mulberry32) stands in for Math.random, and the
// only date is the one passed in. Demo = importArFile(buildDemoArFile(today)).
import { addDays, isIsoDate } from '../domain/dates.ts';
import { formatAmount } from '../domain/money.ts';
import type { IsoDate } from '../domain/types.ts';
import type { ArFileLineV1, ArFileV1 } from './import/ar-file-schema.ts';

export const DEMO_CURRENCY = 'USD';
export const DEMO_CUSTOMERS = 40;
/** The customer with many invoices (a paging / type-ahead stress case). */
export const DEMO_BIG_CUSTOMER = 'C100';
const BIG_CUSTOMER_INVOICES = 320;
const OTHER_INVOICES = 280;
const ON_ACCOUNT_ITEMS = 30;

/** mulberry32: tiny, fast, good enough for demo data, and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const intBetween = (rng: Rng, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
/** `minor × percent / 100`, rounded half up, on non-negative integers only. */
const percentOf = (minor: number, percent: number) => Math.floor((minor * percent + 50) / 100);
// `+ 0` turns the negative zero of a credit line's empty part into 0.
const money = (minor: number) => formatAmount(minor + 0, DEMO_CURRENCY);

const FIRST = ['Acme', 'Summit', 'Harbor', 'Pioneer', 'Granite', 'Cedar', 'Bluewater', 'Ironwood'];
const SECOND = [
  'Builders',
  'Supply',
  'Electric',
  'Plumbing',
  'Roofing',
  'Logistics',
  'Foods',
  'Dental',
];
const WORK = ['Framing', 'Materials', 'Labor', 'Site prep', 'Inspection', 'Consulting', 'Freight'];
/** Construction trades hold back retainage. */
const RETAINAGE_TRADES = new Set(['Builders', 'Electric', 'Plumbing', 'Roofing']);

export function buildDemoArFile(today: IsoDate): ArFileV1 {
  if (!isIsoDate(today)) throw new Error(`buildDemoArFile: ${today} is not an ISO date`);
  const rng = seededRandom(20260615);
  const customers = Array.from({ length: DEMO_CUSTOMERS }, (_, i) => ({
    id: `C${100 + i * 10}`,
    name: `${FIRST[i % FIRST.length]} ${SECOND[Math.floor(i / FIRST.length) % SECOND.length]}`,
  }));
  const invoices: ArFileV1['invoices'] = [];
  const add = (customer: { id: string; name: string }) => {
    const number = String(10001 + invoices.length);
    invoices.push(demoInvoice(rng, today, number, customer));
  };
  const [big, ...others] = customers;
  if (big !== undefined) for (let i = 0; i < BIG_CUSTOMER_INVOICES; i += 1) add(big);
  for (let i = 0; i < OTHER_INVOICES; i += 1) add(pick(rng, others));
  invoices.sort((a, b) => (a.number < b.number ? -1 : 1));
  const onAccount = Array.from({ length: ON_ACCOUNT_ITEMS }, (_, i) => ({
    id: `P-${5001 + i}`,
    customer: pick(rng, customers).id,
    date: addDays(today, -intBetween(rng, 1, 200)),
    amount: money(-intBetween(rng, 1000, 250000)),
  }));
  return {
    version: 1,
    currency: DEMO_CURRENCY,
    timezone: 'America/New_York',
    accounts: DEMO_ACCOUNTS.map((a) => ({ ...a })),
    periods: demoPeriods(today),
    customers,
    invoices,
    onAccount,
  };
}

const DEMO_ACCOUNTS: ArFileV1['accounts'] = [
  { code: '1200', name: 'Accounts receivable', role: 'ar' },
  { code: '1210', name: 'A/R retainage', role: 'ar_retainage' },
  { code: '1250', name: 'Finance charges receivable', role: 'fc_receivable' },
  { code: '2200', name: 'Sales tax payable', role: 'tax_payable' },
  { code: '7100', name: 'Bad debt expense', role: 'write_off', default: true },
  { code: '7150', name: 'Finance charge write-off', role: 'fc_write_off' },
  { code: '7160', name: 'Small balance write-off', role: 'write_off' },
];

/** Previous month closed; this month and next open. */
function demoPeriods(today: IsoDate): ArFileV1['periods'] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  return [-1, 0, 1].map((offset) => {
    const first = new Date(Date.UTC(year, month - 1 + offset, 1));
    const last = new Date(Date.UTC(year, month + offset, 0));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    return { name: iso(first).slice(0, 7), start: iso(first), end: iso(last), closed: offset < 0 };
  });
}

function demoInvoice(
  rng: Rng,
  today: IsoDate,
  number: string,
  customer: { id: string; name: string },
): ArFileV1['invoices'][number] {
  const ageDays = intBetween(rng, 5, 240);
  const date = addDays(today, -ageDays);
  const kind = rng();
  // 6% credit invoices, 10% small balances, the rest ordinary work.
  const sign = kind < 0.06 ? -1 : 1;
  const small = kind >= 0.06 && kind < 0.16;
  const retainage = RETAINAGE_TRADES.has(customer.name.split(' ')[1] ?? '') && rng() < 0.5;
  const lineCount = small ? 1 : intBetween(rng, 1, 4);
  const lines: ArFileLineV1[] = [];
  for (let line = 1; line <= lineCount; line += 1) {
    lines.push(demoLine(rng, line, { sign, small, retainage, late: ageDays > 60 && sign > 0 }));
  }
  return { number, customer: customer.id, date, dueDate: addDays(date, 30), lines };
}

function demoLine(
  rng: Rng,
  line: number,
  o: { sign: number; small: boolean; retainage: boolean; late: boolean },
): ArFileLineV1 {
  const base = o.small ? intBetween(rng, 1, 2500) : intBetween(rng, 5000, 900000);
  const tax = rng() < 0.6 ? percentOf(base, 7) : 0;
  const held = o.retainage ? percentOf(base, 10) : 0;
  const fc = o.late && rng() < 0.4 ? percentOf(base, 3) : 0;
  const due = base + tax + fc;
  return {
    line,
    description: o.sign < 0 ? `Credit: ${pick(rng, WORK)}` : pick(rng, WORK),
    due: money(o.sign * due),
    tax: money(o.sign * tax),
    retainage: money(o.sign * held),
    financeCharge: money(o.sign * fc),
  };
}

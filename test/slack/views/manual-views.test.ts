// The manual write-off views as pure functions: one inline snapshot for the first step, and the
// worst cases of the others (full pages, long text, every problem shown) against Block Kit limits.
import { describe, expect, it } from 'vitest';
import { manualIds as ids } from '../../../src/slack/ids.ts';
import { manualLoadingView, manualMessageView } from '../../../src/slack/views/manual-common.ts';
import { submittedMessage } from '../../../src/slack/views/manual-confirmation.ts';
import { manualFormView } from '../../../src/slack/views/manual-form.ts';
import {
  type InvoiceRowModel,
  type InvoicesViewModel,
  manualInvoicesView,
} from '../../../src/slack/views/manual-invoices.ts';
import {
  manualPreviewView,
  type PreviewViewModel,
} from '../../../src/slack/views/manual-preview.ts';
import { expectValidMessage, expectValidView } from '../../support/block-kit.ts';

const LONG = 'x'.repeat(600);

function invoicesModel(method: 'entry' | 'line-item', rows: number): InvoicesViewModel {
  const row = (i: number): InvoiceRowModel => ({
    invoice: `INV-${String(i).padStart(8, '0')}`,
    label: `INV-${String(i).padStart(8, '0')} · 2026-01-01 · 165 days`,
    openText: '$1,234,567.89',
    selected: i % 2 === 0,
    amountText: i % 2 === 0 ? '1234567.89' : '',
    account: i % 3 === 0 ? '7160' : null,
    comment: i % 3 === 0 ? LONG.slice(0, 500) : null,
    heldBy: i === 5 ? 'WO-000042' : null,
    problems: { select: LONG, amount: LONG, account: LONG, comment: LONG },
  });
  return {
    metadata: '{"v":1,"draft":"00000000-0000-0000-0000-000000000000"}',
    rev: 12,
    method,
    customerLine: `*${LONG}* (C100) · open invoices $1.00 · on account $0.00`,
    settingsLine: 'Period 2026-06 · date 2026-06-15 · Entry method',
    accounts: [
      { value: '7100', label: '7100 Bad debt expense' },
      { value: '7160', label: `7160 ${LONG}` },
    ],
    account: '7100',
    comment: LONG.slice(0, 500),
    selectAll: true,
    selectableCount: 320,
    totalLine: '*320 of 320 invoices selected · total $1.00*',
    rows: Array.from({ length: rows }, (_, i) => row(i)),
    pageIndex: 3,
    pageCount: 16,
    rangeLine: 'Page 4 of 16 · invoices 61–80 of 320',
    errorLines: Array.from({ length: 50 }, () => LONG),
  };
}

describe('manual write-off views', () => {
  it('step 1: customer type-ahead, open periods, date, method and mode', () => {
    const view = manualFormView({
      metadata: '{"v":1,"draft":"d1"}',
      customer: null,
      periods: [
        { value: '2026-06', label: '2026-06 (2026-06-01 – 2026-06-30)' },
        { value: '2026-07', label: '2026-07 (2026-07-01 – 2026-07-31)' },
      ],
      period: '2026-06',
      date: '2026-06-15',
      method: 'entry',
    });
    expectValidView(view);
    expect(view.blocks.map((b) => `${b.type}:${b.block_id ?? ''}`)).toMatchInlineSnapshot(`
      [
        "input:wo_customer",
        "input:wo_period",
        "input:wo_date",
        "input:wo_method",
        "input:wo_mode",
        "context:",
        "context:wo_footer",
      ]
    `);
    expect(view.blocks[0]).toMatchInlineSnapshot(`
      {
        "block_id": "wo_customer",
        "element": {
          "action_id": "wo_customer_select",
          "min_query_length": 1,
          "placeholder": {
            "emoji": true,
            "text": "Type a customer id or name",
            "type": "plain_text",
          },
          "type": "external_select",
        },
        "label": {
          "emoji": true,
          "text": "Customer",
          "type": "plain_text",
        },
        "type": "input",
      }
    `);
    expect(view.submit?.text).toBe('Next');
  });

  it.each([
    ['entry', 40],
    ['line-item', 20],
  ] as const)(
    'a full %s page with every problem shown stays within Block Kit limits',
    (method, rows) => {
      const view = manualInvoicesView(invoicesModel(method, rows));
      expectValidView(view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(view.callback_id).toBe(ids.invoicesCallback);
    },
  );

  it('a held invoice is a line naming the request, without inputs', () => {
    const view = manualInvoicesView(invoicesModel('entry', 6));
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('in pending request WO-000042');
    expect(text).not.toContain('wo_row|12|select|INV-00000005');
  });

  it('the preview of 320 invoices lists 60 and summarises the rest', () => {
    const model: PreviewViewModel = {
      metadata: '{"v":1,"draft":"d1"}',
      customer: `${LONG} (C100)`,
      period: '2026-06',
      date: '2026-06-15',
      methodLabel: 'Line item',
      requesterId: 'U0CLERK01',
      totalText: '$123,456,789.00',
      invoiceCount: 320,
      account: null,
      comment: null,
      items: Array.from({ length: 320 }, (_, i) => ({
        invoice: `INV-${i}`,
        amountText: '$1,234,567.89',
        openText: '$1,234,567.89',
        partial: i % 2 === 0,
        detail: `7160 · ${'y'.repeat(60)}`,
      })),
      journal: [
        { account: '1200', name: 'Accounts receivable', debitText: '', creditText: '$1.00' },
        { account: '7100', name: 'Bad debt expense', debitText: '$1.00', creditText: '' },
      ],
      heldLines: Array.from({ length: 300 }, (_, i) => `${i} (in WO-00000${i})`),
      voidLines: Array.from({ length: 300 }, (_, i) => `• ${i}: full balance`),
      notice: LONG,
      // The policy allows 100 reasons with 75-character labels.
      reasonInputs: {
        choices: Array.from({ length: 100 }, (_, i) => ({
          code: `reason_${i}`,
          label: `${'z'.repeat(70)}${i}`,
          evidenceText: 'from $1,000,000.00',
        })),
        selected: 'reason_99',
        evidence: 'e'.repeat(1000),
        amountNote: 'This request: $123,456,789.00 gross',
      },
    };
    const view = manualPreviewView(model);
    expectValidView(view);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('…and 260 more invoices');
    expect(text).toContain('Cr $1.00');
    expect(view.submit?.text).toBe('Submit for approval');
  });

  it('loading, message and confirmation surfaces are valid', () => {
    expectValidView(manualLoadingView());
    expectValidView(manualMessageView('Expired.'));
    const message = submittedMessage({
      requestId: 'WO-000001',
      totalText: '$183.00',
      customer: 'Acme Builders (C100)',
      approvalsChannel: 'C0APPROVALS',
      threadLink: 'https://example.slack.com/archives/C0APPROVALS/p1',
    });
    expectValidMessage(message);
    expect(message.text).toContain('WO-000001');
  });
});

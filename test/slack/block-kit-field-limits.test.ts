// Block Kit limits of ids, confirm dialogs and view fields, one test per rule (block-kit-cases.ts
// runs them): block_id and action_id, each text of a confirm dialog, and a modal's metadata, ids,
// title and buttons.
import { BLOCK_KIT_LIMITS as L } from '../../src/slack/block-kit-limits.ts';
import {
  actions,
  button,
  type Case,
  confirm,
  describeLimits,
  message,
  modal,
  msg,
  s,
  text,
  view,
} from './block-kit-cases.ts';

const cases: Case[] = [
  [
    'block_id.length',
    L.blockId,
    '/blocks/0/block_id',
    (n) => message({ type: 'divider', block_id: s(n) }),
    msg,
  ],
  [
    'action_id.length',
    L.actionId,
    '/blocks/0/elements/0/action_id',
    (n) => message(actions(button({ action_id: s(n) }))),
    msg,
  ],
  [
    'confirm.title.length',
    L.confirmTitle,
    '/blocks/0/elements/0/confirm/title/text',
    (n) => message(actions(button({ confirm: confirm('title', n) }))),
    msg,
  ],
  [
    'confirm.text.length',
    L.confirmText,
    '/blocks/0/elements/0/confirm/text/text',
    (n) => message(actions(button({ confirm: confirm('text', n) }))),
    msg,
  ],
  [
    'confirm.confirm.length',
    L.confirmButton,
    '/blocks/0/elements/0/confirm/confirm/text',
    (n) => message(actions(button({ confirm: confirm('confirm', n) }))),
    msg,
  ],
  [
    'confirm.deny.length',
    L.confirmButton,
    '/blocks/0/elements/0/confirm/deny/text',
    (n) => message(actions(button({ confirm: confirm('deny', n) }))),
    msg,
  ],
  [
    'view.private_metadata.length',
    L.privateMetadata,
    '/private_metadata',
    (n) => modal({ private_metadata: s(n) }),
    view,
  ],
  [
    'view.callback_id.length',
    L.callbackId,
    '/callback_id',
    (n) => modal({ callback_id: s(n) }),
    view,
  ],
  [
    'view.external_id.length',
    L.externalId,
    '/external_id',
    (n) => modal({ external_id: s(n) }),
    view,
  ],
  ['view.title.length', L.viewTitle, '/title/text', (n) => modal({ title: text(n) }), view],
  ['view.submit.length', L.viewButton, '/submit/text', (n) => modal({ submit: text(n) }), view],
  ['view.close.length', L.viewButton, '/close/text', (n) => modal({ close: text(n) }), view],
];

describeLimits(cases);

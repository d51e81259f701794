// Pieces shared by the manual write-off modal's views: the chrome every step has, the void
// reminder, and the one-screen message view (expired draft, no ledger, submit refused).
import type { types } from '@slack/bolt';
import { context, plainText, section } from '../blocks.ts';
import { manualIds } from '../ids.ts';

export type ModalView = types.ModalView;

export const MODAL_TITLE = 'Write off receivables';

export const VOID_REMINDER =
  'Write-offs are for valid invoices the customer will not pay. If an invoice was issued in error, void it in the ERP instead.';

export const VOID_NOTE =
  'If this invoice was issued in error, void it in the ERP instead — write-offs are for valid invoices the customer will not pay.';

export function voidReminder(): types.ContextBlock {
  return context([`:information_source: ${VOID_REMINDER}`], manualIds.footerBlock);
}

export interface ModalChrome {
  readonly callbackId: string;
  readonly metadata: string;
  readonly submit?: string;
  readonly close?: string;
}

export function modal(chrome: ModalChrome, blocks: types.KnownBlock[]): ModalView {
  return {
    type: 'modal',
    callback_id: chrome.callbackId,
    private_metadata: chrome.metadata,
    title: plainText(MODAL_TITLE),
    close: plainText(chrome.close ?? 'Cancel'),
    ...(chrome.submit === undefined ? {} : { submit: plainText(chrome.submit) }),
    blocks,
  };
}

/** The first thing `/writeoff` shows, before any data is read (the trigger id lives 3 s). */
export function manualLoadingView(): ModalView {
  return modal({ callbackId: manualIds.loadingCallback, metadata: '' }, [
    section(':hourglass_flowing_sand: Loading customers and periods…', manualIds.messageBlock),
  ]);
}

/** A one-message modal: nothing to submit, only Close. */
export function manualMessageView(text: string): ModalView {
  return modal({ callbackId: manualIds.messageCallback, metadata: '', close: 'Close' }, [
    section(text, manualIds.messageBlock),
  ]);
}

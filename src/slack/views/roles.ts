// Pure builder for the `/writeoff roles` modal (admins only): who holds which role and each
// approver's limit, then one change to apply — grant or revoke a role, optionally with a limit.
import type { types } from '@slack/bolt';
import { context, mentionUser, plainText, section, truncate } from '../blocks.ts';
import { ids } from '../ids.ts';
import { delegateButtonBlock } from './delegate.ts';

export interface RolesModel {
  /** `[userId, roles]`, sorted by user. */
  readonly users: readonly {
    readonly userId: string;
    readonly roles: readonly string[];
    readonly limits: readonly string[];
  }[];
  readonly roles: readonly string[];
  readonly currency: string;
  /** What the last submission changed, shown on top after an update. */
  readonly notice?: string;
}

export const ROLE_CHANGES = [
  { value: 'grant', label: 'Grant the role' },
  { value: 'revoke', label: 'Revoke the role' },
] as const;

const option = (value: string, label: string): types.PlainTextOption => ({
  text: plainText(label),
  value,
});

export function rolesModal(model: RolesModel): types.ModalView {
  return {
    type: 'modal',
    callback_id: ids.roles.modal,
    private_metadata: JSON.stringify({ v: 1 }),
    title: plainText('Roles and limits'),
    submit: plainText('Apply'),
    close: plainText('Close'),
    blocks: [
      ...(model.notice === undefined ? [] : [section(`:white_check_mark: ${model.notice}`)]),
      section(listing(model), ids.roles.listingBlock),
      {
        type: 'input',
        block_id: ids.roles.userBlock,
        label: plainText('Person'),
        element: { type: 'users_select', action_id: ids.roles.userInput },
      },
      {
        type: 'input',
        block_id: ids.roles.changeBlock,
        label: plainText('Change'),
        element: {
          type: 'static_select',
          action_id: ids.roles.changeInput,
          options: ROLE_CHANGES.map((c) => option(c.value, c.label)),
          initial_option: option(ROLE_CHANGES[0].value, ROLE_CHANGES[0].label),
        },
      },
      {
        type: 'input',
        block_id: ids.roles.roleBlock,
        label: plainText('Role'),
        element: {
          type: 'static_select',
          action_id: ids.roles.roleInput,
          options: model.roles.map((r) => option(r, r)),
        },
      },
      {
        type: 'input',
        block_id: ids.roles.limitBlock,
        optional: true,
        label: plainText(`Approver limit (${model.currency})`),
        hint: plainText(
          `Approvers only: the largest gross amount (sum of absolute line amounts) they may approve or reverse, e.g. 5000.00. Required when granting the approver role to someone without a ${model.currency} limit.`,
        ),
        element: {
          type: 'plain_text_input',
          action_id: ids.roles.limitInput,
          placeholder: plainText('5000.00'),
        },
      },
      context(['Every change is written to the audit log with who made it and when.']),
      delegateButtonBlock(),
    ],
  };
}

function listing(model: RolesModel): string {
  if (model.users.length === 0) return '*Current roles*\nNobody has a role yet.';
  const lines = model.users.map((u) => {
    const limits = u.limits.length === 0 ? '' : ` (limit ${u.limits.join(', ')})`;
    return `${mentionUser(u.userId)}: ${u.roles.join(', ') || 'no role'}${limits}`;
  });
  return truncate(`*Current roles*\n${lines.join('\n')}`, 2900);
}

/** The `/writeoff roles` answer for someone who is not an admin (ephemeral). */
export function notAdminReply(admins: readonly string[]) {
  const who =
    admins.length === 0
      ? 'No admin is set up yet: an operator adds one with WRITEOFF_ADMINS or `writeoff roles`.'
      : `Ask an admin: ${admins.slice(0, 10).map(mentionUser).join(', ')}.`;
  const text = `Only admins can manage roles and approval limits. ${who}`;
  return { response_type: 'ephemeral' as const, text, blocks: [section(text)] };
}

export interface RoleChangeModel {
  readonly change: 'grant' | 'revoke';
  readonly userId: string;
  readonly role: string;
  readonly changed: boolean;
  /** Formatted limit when one was set. */
  readonly limitText: string | null;
}

export function roleChangeNotice(c: RoleChangeModel): string {
  const who = mentionUser(c.userId);
  const limit = c.limitText === null ? '' : ` Limit set to ${c.limitText}.`;
  if (c.change === 'grant') {
    return c.changed
      ? `Granted ${c.role} to ${who}.${limit}`
      : `${who} already had ${c.role}.${limit}`;
  }
  return c.changed
    ? `Revoked ${c.role} from ${who}.`
    : `${who} did not have ${c.role}; nothing changed.`;
}

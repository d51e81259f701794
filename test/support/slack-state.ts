// What the Slack client sends as `state.values` for a view on screen: every stateful input's
// initial value, overlaid with what a person "typed". Shared by the modal drivers of the Slack
// tests (test/slack/manual-harness.ts) and of the walkthrough (scripts/walkthrough-support.ts).

type Json = Record<string, unknown>;

/** Input and actions blocks hold the elements Slack reports state for. */
function statefulElements(block: Json): Json[] {
  if (block.type === 'input') return [block.element as Json];
  if (block.type === 'actions') return (block.elements as Json[] | undefined) ?? [];
  return [];
}

/** `state.values` for `view`: each input's initial value, then `typed` on top (keeping its type). */
export function stateOf(view: Json, typed: Record<string, Record<string, Json>>): Json {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of (view.blocks as Json[] | undefined) ?? []) {
    const blockId = String(block.block_id ?? '');
    for (const element of statefulElements(block)) {
      const initial = initialState(element);
      if (initial === undefined) continue;
      values[blockId] = { ...values[blockId], [String(element.action_id)]: initial };
    }
  }
  for (const [blockId, actions] of Object.entries(typed)) {
    for (const [actionId, value] of Object.entries(actions)) {
      const type = values[blockId]?.[actionId]?.type;
      values[blockId] = { ...values[blockId], [actionId]: { type, ...value } };
    }
  }
  return values;
}

function initialState(element: Json): Json | undefined {
  const type = element.type;
  switch (type) {
    case 'external_select':
    case 'static_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'plain_text_input':
      return { type, value: element.initial_value ?? null };
    default:
      return undefined;
  }
}

/** A select / radio choice, as the client reports it. */
export const chosen = (value: string): Json => ({
  selected_option: { text: { type: 'plain_text', text: value }, value },
});
/** A text input's value (`null` for a cleared input). */
export const typedText = (value: string | null): Json => ({ value });
/** One ticked checkbox. */
export const ticked = (value: string): Json => ({
  selected_options: [{ text: { type: 'plain_text', text: value }, value }],
});

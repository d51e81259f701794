// The numbers and the element-level checks behind block-kit-limits.ts (split out to keep each
// file readable). Lengths are UTF-16 code units: never less than what Slack counts.

export const BLOCK_KIT_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 4000,
  /**
   * Undocumented cumulative text limit behind `msg_blocks_too_long` (failures seen at ~13,300
   * characters, bolt-js#2509); kept below that with margin.
   */
  messageBlocksText: 12_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  inputLabel: 2000,
  inputHint: 2000,
  buttonText: 75,
  buttonValue: 2000,
  optionText: 75,
  optionValue: 75,
  optionDescription: 75,
  optionGroupLabel: 75,
  placeholder: 150,
  selectOptions: 100,
  optionGroups: 100,
  checkboxOrRadioOptions: 10,
  overflowOptions: 5,
  blockId: 255,
  actionId: 255,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  viewTitle: 24,
  viewButton: 24,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
} as const;

export interface BlockKitProblem {
  /** JSON pointer into the checked object, in Slack's own `[json-pointer:/blocks/3/fields]` style. */
  readonly pointer: string;
  /** Stable rule name, e.g. `section.text.length`, for tests and logs. */
  readonly rule: string;
  readonly message: string;
}

export type Json = Record<string, unknown>;
export type Report = (pointer: string, rule: string, message: string) => void;

const L = BLOCK_KIT_LIMITS;
export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
export const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
export const textOf = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
};

const STATIC_SELECTS = new Set(['static_select', 'multi_static_select']);
const SMALL_CHOICES = new Set(['checkboxes', 'radio_buttons']);

export function checkElement(
  report: Report,
  pointer: string,
  element: unknown,
  actionIds: Set<string>,
): void {
  if (!isObject(element)) return;
  checkActionId(report, pointer, element.action_id, actionIds);
  maxLength(
    report,
    `${pointer}/placeholder/text`,
    'placeholder.length',
    textOf(element.placeholder),
    L.placeholder,
  );
  if (element.confirm !== undefined) checkConfirm(report, `${pointer}/confirm`, element.confirm);
  const type = String(element.type);
  if (type === 'button') {
    maxLength(
      report,
      `${pointer}/text/text`,
      'button.text.length',
      textOf(element.text),
      L.buttonText,
    );
    maxLength(report, `${pointer}/value`, 'button.value.length', element.value, L.buttonValue);
    return;
  }
  if (STATIC_SELECTS.has(type)) {
    maxCount(
      report,
      `${pointer}/options`,
      'select.options.count',
      element.options,
      L.selectOptions,
    );
    checkOptionGroups(report, pointer, element.option_groups);
  }
  if (SMALL_CHOICES.has(type)) {
    maxCount(
      report,
      `${pointer}/options`,
      `${type}.options.count`,
      element.options,
      L.checkboxOrRadioOptions,
    );
  }
  if (type === 'overflow') {
    maxCount(
      report,
      `${pointer}/options`,
      'overflow.options.count',
      element.options,
      L.overflowOptions,
    );
  }
  checkOptions(report, `${pointer}/options`, element.options);
  asArray(element.initial_options).forEach((option, i) => {
    checkOption(report, `${pointer}/initial_options/${i}`, option);
  });
  if (element.initial_option !== undefined)
    checkOption(report, `${pointer}/initial_option`, element.initial_option);
}

function checkActionId(
  report: Report,
  pointer: string,
  actionId: unknown,
  seen: Set<string>,
): void {
  if (typeof actionId !== 'string') return;
  maxLength(report, `${pointer}/action_id`, 'action_id.length', actionId, L.actionId);
  if (seen.has(actionId)) {
    report(
      `${pointer}/action_id`,
      'action_id.unique',
      `action_id "${actionId}" is used twice in one block`,
    );
  }
  seen.add(actionId);
}

export function checkOptionGroups(report: Report, pointer: string, groups: unknown): void {
  maxCount(
    report,
    `${pointer}/option_groups`,
    'select.option_groups.count',
    groups,
    L.optionGroups,
  );
  asArray(groups).forEach((group, i) => {
    if (!isObject(group)) return;
    const groupPointer = `${pointer}/option_groups/${i}`;
    maxLength(
      report,
      `${groupPointer}/label/text`,
      'option_group.label.length',
      textOf(group.label),
      L.optionGroupLabel,
    );
    maxCount(
      report,
      `${groupPointer}/options`,
      'select.options.count',
      group.options,
      L.selectOptions,
    );
    checkOptions(report, `${groupPointer}/options`, group.options);
  });
}

/** Also used for `block_suggestion` answers (`{ options }` / `{ option_groups }`). */
export function checkOptions(report: Report, pointer: string, options: unknown): void {
  asArray(options).forEach((option, i) => {
    checkOption(report, `${pointer}/${i}`, option);
  });
}

function checkOption(report: Report, pointer: string, option: unknown): void {
  if (!isObject(option)) return;
  maxLength(
    report,
    `${pointer}/text/text`,
    'option.text.length',
    textOf(option.text),
    L.optionText,
  );
  maxLength(report, `${pointer}/value`, 'option.value.length', option.value, L.optionValue);
  maxLength(
    report,
    `${pointer}/description/text`,
    'option.description.length',
    textOf(option.description),
    L.optionDescription,
  );
}

function checkConfirm(report: Report, pointer: string, confirm: unknown): void {
  if (!isObject(confirm)) return;
  maxLength(
    report,
    `${pointer}/title/text`,
    'confirm.title.length',
    textOf(confirm.title),
    L.confirmTitle,
  );
  maxLength(
    report,
    `${pointer}/text/text`,
    'confirm.text.length',
    textOf(confirm.text),
    L.confirmText,
  );
  maxLength(
    report,
    `${pointer}/confirm/text`,
    'confirm.confirm.length',
    textOf(confirm.confirm),
    L.confirmButton,
  );
  maxLength(
    report,
    `${pointer}/deny/text`,
    'confirm.deny.length',
    textOf(confirm.deny),
    L.confirmButton,
  );
}

export function maxLength(
  report: Report,
  pointer: string,
  rule: string,
  value: unknown,
  max: number,
): void {
  if (typeof value === 'string' && value.length > max) {
    report(pointer, rule, `must be at most ${max} characters (has ${value.length})`);
  }
}

export function maxCount(
  report: Report,
  pointer: string,
  rule: string,
  value: unknown,
  max: number,
): void {
  if (Array.isArray(value) && value.length > max) {
    report(pointer, rule, `no more than ${max} items allowed (has ${value.length})`);
  }
}

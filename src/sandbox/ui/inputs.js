// Block Kit's interactive elements as form controls, reporting their state the way the Slack
// client does (`{ type, value | selected_option | selected_options | selected_date | … }`).
// Every label is set with textContent; option values never reach the DOM as markup.

/** What the Slack client reports for an element nobody has touched yet. */
export function initialState(element) {
  const type = element.type;
  switch (type) {
    case 'plain_text_input':
    case 'number_input':
      return { type, value: element.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, selected_option: element.initial_option ?? null };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type, selected_options: element.initial_options ?? [] };
    case 'datepicker':
      return { type, selected_date: element.initial_date ?? null };
    case 'users_select':
      return { type, selected_user: element.initial_user ?? null };
    case 'multi_users_select':
      return { type, selected_users: element.initial_users ?? [] };
    default:
      return undefined;
  }
}

export function plainText(t) {
  return t && typeof t.text === 'string' ? t.text : '';
}

function el(doc, tag, cls, text) {
  const node = doc.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function allOptions(element) {
  if (Array.isArray(element.options)) return element.options;
  return (element.option_groups ?? []).flatMap((g) => g.options ?? []);
}

/**
 * Builds the control for `element`. `ui` gives the current state (`state()`), takes a change
 * (`change(state, dispatch)`), loads external options (`suggest(query)`), renders option text
 * (`text(t)`), and lists people for user selects.
 */
export function renderInput(doc, element, ui) {
  const current = ui.state() ?? initialState(element);
  const change = (patch) => ui.change({ type: element.type, ...patch });
  switch (element.type) {
    case 'plain_text_input':
      return textInput(doc, element, current, change);
    case 'number_input':
      return textInput(doc, element, current, change, 'number');
    case 'datepicker': {
      const input = el(doc, 'input', 'datepicker');
      input.type = 'date';
      input.value = current?.selected_date ?? '';
      input.setAttribute('aria-label', plainText(element.placeholder) || 'date');
      input.addEventListener('change', () => change({ selected_date: input.value || null }));
      return input;
    }
    case 'static_select':
    case 'users_select':
      return nativeSelect(doc, element, current, change, ui);
    case 'radio_buttons':
    case 'checkboxes':
      return choiceList(doc, element, current, change, ui);
    case 'external_select':
    case 'multi_external_select':
    case 'multi_static_select':
      return comboBox(doc, element, current, change, ui);
    case 'overflow':
      return overflowMenu(doc, element, ui);
    default:
      return el(doc, 'span', 'unsupported', `[${String(element.type)}]`);
  }
}

function textInput(doc, element, current, change, type = 'text') {
  const input = element.multiline ? el(doc, 'textarea') : el(doc, 'input');
  if (!element.multiline) input.type = type;
  input.className = 'text-input';
  input.value = current?.value ?? '';
  input.placeholder = plainText(element.placeholder);
  if (element.max_length) input.maxLength = element.max_length;
  input.dataset.actionId = element.action_id ?? '';
  input.addEventListener('input', () => change({ value: input.value === '' ? null : input.value }));
  return input;
}

function nativeSelect(doc, element, current, change, ui) {
  const select = el(doc, 'select', 'select');
  select.dataset.actionId = element.action_id ?? '';
  const empty = el(doc, 'option', '', plainText(element.placeholder) || 'Select…');
  empty.value = '';
  select.append(empty);
  const options =
    element.type === 'users_select'
      ? ui.people.map((p) => ({ text: { type: 'plain_text', text: p.name }, value: p.id }))
      : allOptions(element);
  for (const option of options) {
    const node = el(doc, 'option', '', plainText(option.text));
    node.value = option.value;
    select.append(node);
  }
  select.value =
    element.type === 'users_select'
      ? (current?.selected_user ?? '')
      : (current?.selected_option?.value ?? '');
  select.addEventListener('change', () => {
    if (element.type === 'users_select') return change({ selected_user: select.value || null });
    const option = options.find((o) => o.value === select.value) ?? null;
    change({ selected_option: option });
  });
  return select;
}

function choiceList(doc, element, current, change, ui) {
  const multi = element.type === 'checkboxes';
  const box = el(doc, 'div', multi ? 'checkboxes' : 'radios');
  const name = `${element.action_id}-${Math.random().toString(36).slice(2)}`;
  const selected = multi
    ? (current?.selected_options ?? []).map((o) => o.value)
    : [current?.selected_option?.value];
  const inputs = [];
  for (const option of element.options ?? []) {
    const label = el(doc, 'label', 'choice');
    const input = el(doc, 'input');
    input.type = multi ? 'checkbox' : 'radio';
    input.name = name;
    input.value = option.value;
    input.checked = selected.includes(option.value);
    inputs.push({ input, option });
    const text = el(doc, 'span', 'choice-text');
    text.append(ui.text(option.text));
    if (option.description) {
      const description = el(doc, 'span', 'choice-description');
      description.append(ui.text(option.description));
      text.append(description);
    }
    label.append(input, text);
    box.append(label);
    input.addEventListener('change', () => {
      const chosen = inputs.filter((i) => i.input.checked).map((i) => i.option);
      if (multi) change({ selected_options: chosen });
      else change({ selected_option: chosen[0] ?? null });
    });
  }
  return box;
}

// Type-ahead for external selects (options from the app), and multi-selects: a text box that
// filters or loads options, a list to pick from, and chips for what is chosen.
function comboBox(doc, element, current, change, ui) {
  const multi = element.type.startsWith('multi_');
  const external = element.type.endsWith('external_select');
  const box = el(doc, 'div', 'combo');
  const chips = el(doc, 'div', 'chips');
  const input = el(doc, 'input', 'combo-input');
  input.type = 'text';
  input.placeholder = plainText(element.placeholder) || 'Type to search…';
  input.dataset.actionId = element.action_id ?? '';
  input.setAttribute('role', 'combobox');
  const list = el(doc, 'ul', 'combo-list');
  list.setAttribute('role', 'listbox');
  let chosen = multi
    ? [...(current?.selected_options ?? [])]
    : current?.selected_option
      ? [current.selected_option]
      : [];
  const drawChips = () => {
    chips.replaceChildren();
    for (const option of multi ? chosen : []) {
      const chip = el(doc, 'span', 'chip', plainText(option.text));
      if (multi) {
        const remove = el(doc, 'button', 'chip-remove', '×');
        remove.type = 'button';
        remove.setAttribute('aria-label', `remove ${plainText(option.text)}`);
        remove.addEventListener('click', () => {
          chosen = chosen.filter((o) => o.value !== option.value);
          drawChips();
          change({ selected_options: chosen });
        });
        chip.append(remove);
      }
      chips.append(chip);
    }
    if (!multi) input.value = chosen[0] ? plainText(chosen[0].text) : '';
  };
  const pick = (option) => {
    chosen = multi ? [...chosen.filter((o) => o.value !== option.value), option] : [option];
    list.replaceChildren();
    drawChips();
    if (multi) input.value = '';
    change(multi ? { selected_options: chosen } : { selected_option: option });
  };
  const show = (options) => {
    list.replaceChildren();
    for (const option of options) {
      const item = el(doc, 'li', 'combo-option', plainText(option.text));
      item.setAttribute('role', 'option');
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(option);
      });
      list.append(item);
    }
    if (options.length === 0 && input.value !== '')
      list.append(el(doc, 'li', 'combo-empty', 'No results'));
  };
  let timer;
  let asked = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value;
    if (!external) {
      const needle = query.toLowerCase();
      show(allOptions(element).filter((o) => plainText(o.text).toLowerCase().includes(needle)));
      return;
    }
    if (query.length < (element.min_query_length ?? 3)) return list.replaceChildren();
    timer = setTimeout(async () => {
      const mine = ++asked;
      const options = await ui.suggest(query);
      if (mine === asked) show(options);
    }, 200);
  });
  input.addEventListener('focus', () => {
    if (!external) show(allOptions(element));
  });
  input.addEventListener('blur', () => setTimeout(() => list.replaceChildren(), 150));
  drawChips();
  box.append(chips, input, list);
  return box;
}

function overflowMenu(doc, element, ui) {
  const box = el(doc, 'span', 'overflow');
  const button = el(doc, 'button', 'btn overflow-button', '⋯');
  button.type = 'button';
  const menu = el(doc, 'ul', 'overflow-menu');
  menu.hidden = true;
  button.addEventListener('click', () => {
    menu.hidden = !menu.hidden;
  });
  for (const option of element.options ?? []) {
    const item = el(doc, 'li', 'combo-option', plainText(option.text));
    item.addEventListener('click', () => {
      menu.hidden = true;
      ui.change({ type: 'overflow', selected_option: option }, true);
    });
    menu.append(item);
  }
  box.append(button, menu);
  return box;
}

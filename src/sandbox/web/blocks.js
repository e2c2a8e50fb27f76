// @ts-check
import { safeHref, textObject } from './mrkdwn.js';

/**
 * Block Kit, rendered the way Slack lays it out: sections (text, fields, accessory), context, actions, dividers,
 * headers, images, and in modals the input blocks with their elements. Interactive elements call `onAction` with
 * the action payload Slack would send (`type`, `action_id`, `block_id`, `value` / `selected_option`).
 *
 * @typedef {import('./mrkdwn.js').TRenderContext & {
 *   onAction?: (action: Record<string, unknown>) => void,
 *   inModal?: boolean,
 *   previous?: Map<string, unknown>,
 *   errors?: Record<string, string>,
 * }} TBlockContext
 */

/** @param {string} tag @param {string} [cls] @param {string} [text] */
export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * @param {any[]} blocks
 * @param {TBlockContext} ctx
 */
export function renderBlocks(blocks, ctx) {
  const root = el('div', 'blocks');
  for (const b of blocks ?? []) {
    const node = renderBlock(b, ctx);
    if (node) root.append(node);
  }
  return root;
}

/** @param {any} b @param {TBlockContext} ctx @returns {HTMLElement | null} */
function renderBlock(b, ctx) {
  const blockId = String(b.block_id ?? '');
  switch (b.type) {
    case 'section': {
      const s = el('div', 'bk-section');
      const body = el('div', 'bk-section-body');
      if (b.text) {
        const t = el('div', 'bk-text');
        t.append(textObject(b.text, ctx));
        body.append(t);
      }
      if (Array.isArray(b.fields)) {
        const grid = el('div', 'bk-fields');
        for (const f of b.fields) {
          const cell = el('div', 'bk-field');
          cell.append(textObject(f, ctx));
          grid.append(cell);
        }
        body.append(grid);
      }
      s.append(body);
      if (b.accessory) {
        const acc = el('div', 'bk-accessory');
        acc.append(renderElement(b.accessory, blockId, ctx));
        s.append(acc);
      }
      return s;
    }
    case 'context': {
      const c = el('div', 'bk-context');
      for (const e of b.elements ?? []) {
        if (e.type === 'image') c.append(image(e.image_url, e.alt_text, 'bk-context-img'));
        else {
          const span = el('span', 'bk-context-item');
          span.append(textObject(e, ctx));
          c.append(span);
        }
      }
      return c;
    }
    case 'actions': {
      const a = el('div', 'bk-actions');
      for (const e of b.elements ?? []) a.append(renderElement(e, blockId, ctx));
      return a;
    }
    case 'divider':
      return el('hr', 'bk-divider');
    case 'header': {
      const h = el('div', 'bk-header');
      h.append(textObject(b.text, ctx));
      return h;
    }
    case 'image': {
      const fig = el('figure', 'bk-image');
      if (b.title) fig.append(el('figcaption', '', b.title.text));
      fig.append(image(b.image_url, b.alt_text, ''));
      return fig;
    }
    case 'input':
      return renderInput(b, ctx);
    default: {
      const u = el('div', 'bk-unknown', `[${String(b.type)} block]`);
      return u;
    }
  }
}

/** Images from this server only (the CSP blocks the rest); others show their alt text. */
function image(url, alt, cls) {
  const href = safeHref(String(url ?? ''));
  const local = href && new URL(href).origin === location.origin;
  if (!local) return el('span', `bk-img-placeholder ${cls}`, `🖼 ${alt ?? 'image'}`);
  const img = /** @type {HTMLImageElement} */ (el('img', cls));
  img.src = href;
  img.alt = alt ?? '';
  return img;
}

const optionLabel = (o) => String(o?.text?.text ?? o?.value ?? '');

/** @param {any} e @param {string} blockId @param {TBlockContext} ctx @returns {HTMLElement} */
function renderElement(e, blockId, ctx) {
  const send = (extra) => ctx.onAction?.({ type: e.type, action_id: e.action_id, block_id: blockId, ...extra });
  switch (e.type) {
    case 'button': {
      const btn = /** @type {HTMLButtonElement} */ (el('button', `bk-button ${e.style ? `bk-${e.style}` : ''}`));
      btn.type = 'button';
      btn.append(textObject(e.text, ctx));
      btn.dataset.actionId = e.action_id ?? '';
      const url = e.url ? safeHref(String(e.url)) : null;
      btn.addEventListener('click', () => {
        if (url) window.open(url, '_blank', 'noopener,noreferrer');
        if (e.confirm && !window.confirm(String(e.confirm.text?.text ?? 'Are you sure?'))) return;
        send({ value: e.value, text: e.text });
      });
      return btn;
    }
    case 'overflow': {
      const wrap = el('div', 'bk-overflow');
      const btn = /** @type {HTMLButtonElement} */ (el('button', 'bk-button bk-overflow-button', '⋯'));
      btn.type = 'button';
      btn.title = 'More actions';
      btn.setAttribute('aria-label', 'More actions');
      const menu = el('div', 'bk-menu');
      menu.hidden = true;
      for (const o of e.options ?? []) {
        const item = /** @type {HTMLButtonElement} */ (el('button', 'bk-menu-item', optionLabel(o)));
        item.type = 'button';
        item.setAttribute('role', 'menuitem');
        item.addEventListener('click', () => {
          menu.hidden = true;
          send({ selected_option: o });
        });
        menu.append(item);
      }
      btn.addEventListener('click', () => {
        menu.hidden = !menu.hidden;
      });
      wrap.append(btn, menu);
      return wrap;
    }
    case 'static_select': {
      const sel = selectFor(e);
      sel.addEventListener('change', () => {
        const o = findOption(e, sel.value);
        if (o) send({ selected_option: o });
      });
      return sel;
    }
    case 'image':
      return image(e.image_url, e.alt_text, 'bk-accessory-img');
    default:
      return el('span', 'bk-unknown', `[${String(e.type)}]`);
  }
}

const allOptions = (e) => [...(e.options ?? []), ...(e.option_groups ?? []).flatMap((g) => g.options ?? [])];
const findOption = (e, value) => allOptions(e).find((o) => o.value === value);

/** @param {any} e */
function selectFor(e) {
  const sel = /** @type {HTMLSelectElement} */ (el('select', 'bk-select'));
  const ph = /** @type {HTMLOptionElement} */ (el('option', '', e.placeholder?.text ?? 'Choose…'));
  ph.value = '';
  sel.append(ph);
  const add = (parent, o) => {
    const opt = /** @type {HTMLOptionElement} */ (el('option', '', optionLabel(o)));
    opt.value = o.value;
    parent.append(opt);
  };
  for (const o of e.options ?? []) add(sel, o);
  for (const g of e.option_groups ?? []) {
    const group = /** @type {HTMLOptGroupElement} */ (el('optgroup'));
    group.label = g.label?.text ?? '';
    for (const o of g.options ?? []) add(group, o);
    sel.append(group);
  }
  if (e.initial_option) sel.value = e.initial_option.value;
  return sel;
}

/**
 * An input block. What a person typed survives a views.update while the block_id and action_id stay the same,
 * as in Slack (`ctx.previous` holds those values); a new block_id starts from the initial value.
 * @param {any} b @param {TBlockContext} ctx
 */
function renderInput(b, ctx) {
  const e = b.element ?? {};
  const blockId = String(b.block_id ?? '');
  const key = `${blockId}/${e.action_id ?? ''}`;
  const kept = ctx.previous?.get(key);
  const wrap = el('div', 'bk-input');
  wrap.dataset.blockId = blockId;
  wrap.dataset.actionId = e.action_id ?? '';
  wrap.dataset.type = e.type ?? '';
  const id = `in-${blockId.replace(/[^\w-]/g, '_')}-${e.action_id ?? ''}`;
  const label = /** @type {HTMLLabelElement} */ (el('label', 'bk-label'));
  label.htmlFor = id;
  label.append(textObject(b.label, ctx));
  if (b.optional) label.append(el('span', 'bk-optional', ' (optional)'));
  wrap.append(label);
  const dispatch = (extra) => ctx.onAction?.({ type: e.type, action_id: e.action_id, block_id: blockId, ...extra });
  /** @type {HTMLElement} */
  let control;
  switch (e.type) {
    case 'plain_text_input': {
      const input = /** @type {HTMLInputElement | HTMLTextAreaElement} */ (el(e.multiline ? 'textarea' : 'input', 'bk-text-input'));
      if (e.max_length) input.maxLength = e.max_length;
      if (e.placeholder) input.placeholder = e.placeholder.text;
      input.value = typeof kept === 'string' ? kept : (e.initial_value ?? '');
      if (e.multiline) /** @type {HTMLTextAreaElement} */ (input).rows = 4;
      const triggers = e.dispatch_action_config?.trigger_actions_on ?? ['on_enter_pressed'];
      if (b.dispatch_action && triggers.includes('on_character_entered')) {
        // Slack sends these as the person types, a moment after they pause.
        let t = 0;
        input.addEventListener('input', () => {
          clearTimeout(t);
          t = window.setTimeout(() => dispatch({ value: input.value }), 350);
        });
      }
      control = input;
      break;
    }
    case 'static_select': {
      const sel = selectFor(e);
      if (typeof kept === 'string') sel.value = kept;
      if (b.dispatch_action) sel.addEventListener('change', () => dispatch({ selected_option: findOption(e, sel.value) ?? null }));
      control = sel;
      break;
    }
    case 'radio_buttons':
    case 'checkboxes': {
      const group = el('div', 'bk-choices');
      const initial = e.type === 'radio_buttons' ? [e.initial_option?.value] : (e.initial_options ?? []).map((o) => o.value);
      const chosen = Array.isArray(kept) ? kept : initial;
      for (const o of e.options ?? []) {
        const row = el('label', 'bk-choice');
        const input = /** @type {HTMLInputElement} */ (el('input'));
        input.type = e.type === 'radio_buttons' ? 'radio' : 'checkbox';
        input.name = id;
        input.value = o.value;
        input.checked = chosen.includes(o.value);
        row.append(input, textObject(o.text, ctx));
        group.append(row);
      }
      control = group;
      break;
    }
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker': {
      const input = /** @type {HTMLInputElement} */ (el('input', 'bk-text-input'));
      input.type = e.type === 'datepicker' ? 'date' : e.type === 'timepicker' ? 'time' : 'datetime-local';
      const initial =
        e.type === 'datepicker' ? e.initial_date : e.type === 'timepicker' ? e.initial_time : e.initial_date_time ? localDateTime(Number(e.initial_date_time)) : '';
      input.value = typeof kept === 'string' ? kept : (initial ?? '');
      control = input;
      break;
    }
    default:
      control = el('span', 'bk-unknown', `[${String(e.type)} input]`);
  }
  control.id = id;
  control.classList.add('bk-control');
  wrap.append(control);
  if (b.hint) {
    const hint = el('div', 'bk-hint');
    hint.append(textObject(b.hint, ctx));
    wrap.append(hint);
  }
  const err = ctx.errors?.[blockId];
  if (err) {
    wrap.classList.add('bk-has-error');
    wrap.append(el('div', 'bk-error', err));
  }
  return wrap;
}

const pad = (n) => String(n).padStart(2, '0');
/** Unix seconds → the value of a datetime-local input in the viewer's zone. */
function localDateTime(secs) {
  const d = new Date(secs * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The modal's state as Slack sends it in `view.state.values`, read from the rendered inputs.
 * @param {HTMLElement} root
 * @param {any[]} blocks
 */
export function stateValues(root, blocks) {
  /** @type {Record<string, Record<string, any>>} */
  const values = {};
  for (const wrap of root.querySelectorAll('.bk-input')) {
    const w = /** @type {HTMLElement} */ (wrap);
    const blockId = w.dataset.blockId ?? '';
    const actionId = w.dataset.actionId ?? '';
    const type = w.dataset.type ?? '';
    const block = blocks.find((b) => String(b.block_id ?? '') === blockId);
    const e = block?.element ?? {};
    const control = /** @type {any} */ (w.querySelector('.bk-control'));
    /** @type {any} */
    let v = { type };
    if (type === 'plain_text_input') v.value = control.value === '' ? null : control.value;
    else if (type === 'static_select') v.selected_option = findOption(e, control.value) ?? null;
    else if (type === 'radio_buttons') {
      const c = /** @type {HTMLInputElement | null} */ (w.querySelector('input:checked'));
      v.selected_option = c ? (findOption(e, c.value) ?? null) : null;
    } else if (type === 'checkboxes') v.selected_options = [...w.querySelectorAll('input:checked')].map((c) => findOption(e, /** @type {HTMLInputElement} */ (c).value));
    else if (type === 'datepicker') v.selected_date = control.value || null;
    else if (type === 'timepicker') v.selected_time = control.value || null;
    else if (type === 'datetimepicker') v.selected_date_time = control.value ? Math.floor(new Date(control.value).getTime() / 1000) : null;
    (values[blockId] ??= {})[actionId] = v;
  }
  return values;
}

/**
 * What the person has typed or chosen so far, keyed by block_id/action_id, to carry across a views.update.
 * @param {HTMLElement} root
 */
export function typedValues(root) {
  const kept = new Map();
  for (const wrap of root.querySelectorAll('.bk-input')) {
    const w = /** @type {HTMLElement} */ (wrap);
    const key = `${w.dataset.blockId}/${w.dataset.actionId}`;
    const type = w.dataset.type;
    if (type === 'radio_buttons' || type === 'checkboxes') kept.set(key, [...w.querySelectorAll('input:checked')].map((c) => /** @type {HTMLInputElement} */ (c).value));
    else {
      const c = /** @type {any} */ (w.querySelector('.bk-control'));
      if (c && 'value' in c) kept.set(key, c.value);
    }
  }
  return kept;
}

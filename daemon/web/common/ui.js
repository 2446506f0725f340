// Small DOM component kit. Everything is built with createElement/textContent: data never
// goes through innerHTML. No inline styles (the CSP forbids style attributes): use classes.
import { t, errorMessage, formatNumber } from './i18n.js';

let idCounter = 0;
// A document-unique id with the given prefix.
export function uid(prefix = 'id') {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

function appendChildren(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false || c === true) continue;
    if (Array.isArray(c)) appendChildren(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

const PROPS = new Set(['value', 'checked', 'disabled', 'selected', 'hidden', 'required', 'readOnly', 'multiple',
  'indeterminate']);

// h('button', {class: 'btn', onClick: fn, 'aria-label': 'x', dataset: {id: 1}}, 'text', child, [more])
// attrs: class (string or array, falsy items dropped), on<Event> listeners, dataset, DOM properties
// (value, checked, disabled, hidden, required…), everything else via setAttribute (false/null skip it).
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class' || key === 'className') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'dataset') {
      Object.entries(value).forEach(([k, v]) => { el.dataset[k] = v; });
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'for') {
      el.htmlFor = value;
    } else if (PROPS.has(key)) {
      el[key] = value;
    } else if (key === 'style') {
      throw new Error('inline styles are blocked by the CSP; use a class');
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  appendChildren(el, children);
  return el;
}

// Replaces the children of el.
export function mount(el, ...children) {
  el.replaceChildren();
  appendChildren(el, children);
  return el;
}

export function spinner(label) {
  return h('span', { class: 'spinner', role: label ? 'img' : null, 'aria-label': label || null,
    'aria-hidden': label ? null : 'true' });
}

// A centred spinner with a text, announced politely to screen readers.
export function loading(text = t('common.loading')) {
  return h('div', { class: 'loading', role: 'status', 'aria-live': 'polite' }, spinner(), h('span', {}, text));
}

// button(label, {variant: primary|secondary|danger|danger-outline|ghost|link, type, onClick, size: sm|lg,
// block, attrs}) → <button>.
export function button(label, opts = {}) {
  const variant = opts.variant && opts.variant !== 'primary' ? `btn-${opts.variant}` : null;
  return h('button', {
    type: opts.type || 'button',
    class: ['btn', variant, opts.size && `btn-${opts.size}`, opts.block && 'btn-block', opts.class],
    onClick: opts.onClick,
    ...(opts.attrs || {}),
  }, label);
}

// A link styled as a button.
export function linkButton(label, href, opts = {}) {
  const variant = opts.variant && opts.variant !== 'primary' ? `btn-${opts.variant}` : null;
  return h('a', { href, class: ['btn', variant, opts.size && `btn-${opts.size}`, opts.block && 'btn-block',
    opts.class], ...(opts.attrs || {}) }, label);
}

// Marks a button busy (disabled, aria-busy, spinner) while a promise runs; returns its result.
export async function withBusy(btn, promiseOrFn) {
  const original = Array.from(btn.childNodes);
  btn.disabled = true;
  btn.setAttribute('aria-busy', 'true');
  btn.replaceChildren(spinner(), ...original);
  try {
    return await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
    btn.replaceChildren(...original);
  }
}

// field({name, label, type='text', value, hint, required, optional, autocomplete, inputmode, placeholder,
// options: [{value, label}] (→ <select>), multiline (→ <textarea>), attrs, reveal (password show/hide)})
// → {el, input, hintEl, errorEl, setError(msg), clearError(), value()}.
// The input is aria-describedby its hint and error; setError sets aria-invalid.
export function field(opts) {
  const id = opts.id || uid(`f-${opts.name || 'field'}`);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  let input;
  const common = {
    id,
    name: opts.name,
    required: opts.required,
    autocomplete: opts.autocomplete,
    inputmode: opts.inputmode,
    placeholder: opts.placeholder,
    'aria-describedby': [opts.hint ? hintId : null, errorId].filter(Boolean).join(' '),
    ...(opts.attrs || {}),
  };
  if (opts.options) {
    input = h('select', common, (opts.options || []).map((o) =>
      h('option', { value: String(o.value), selected: String(o.value) === String(opts.value ?? '') }, o.label)));
  } else if (opts.multiline) {
    input = h('textarea', { ...common, value: opts.value ?? '' });
  } else {
    input = h('input', { ...common, type: opts.type || 'text', value: opts.value ?? '' });
  }
  const hintEl = opts.hint ? h('p', { class: 'hint', id: hintId }, opts.hint) : null;
  const errorEl = h('p', { class: 'error', id: errorId });
  const label = h('label', { for: id }, opts.label,
    opts.optional ? h('span', { class: 'optional' }, ` (${t('common.optional')})`) : null);
  let control = input;
  if (opts.type === 'password' && opts.reveal !== false) {
    const toggle = button(t('common.show'), { variant: 'ghost', class: 'reveal', attrs: { 'aria-controls': id,
      'aria-pressed': 'false' } });
    toggle.addEventListener('click', () => {
      const show = input.type === 'password';
      input.type = show ? 'text' : 'password';
      toggle.textContent = show ? t('common.hide') : t('common.show');
      toggle.setAttribute('aria-pressed', String(show));
    });
    control = h('div', { class: 'password-wrap' }, input, toggle);
  }
  const el = h('div', { class: ['field', opts.class] }, label, hintEl, control, errorEl);
  const api = {
    el, input, hintEl, errorEl, name: opts.name,
    setError(msg) {
      errorEl.textContent = msg || '';
      if (msg) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
    clearError() { api.setError(''); },
    value() { return input.value; },
    focus() { input.focus(); },
  };
  input.addEventListener('input', () => { if (input.getAttribute('aria-invalid')) api.clearError(); });
  return api;
}

// checkbox({name, label (text or nodes), required, checked}) → same shape as field().
export function checkbox(opts) {
  const id = opts.id || uid(`c-${opts.name || 'check'}`);
  const errorId = `${id}-error`;
  const input = h('input', { type: 'checkbox', id, name: opts.name, checked: !!opts.checked,
    required: opts.required, 'aria-describedby': errorId });
  const errorEl = h('p', { class: 'error', id: errorId });
  const el = h('div', { class: ['field', 'check-wrap', opts.class] },
    h('div', { class: 'check' }, input, h('label', { for: id }, opts.label)), errorEl);
  const api = {
    el, input, errorEl, name: opts.name,
    setError(msg) {
      errorEl.textContent = msg || '';
      el.classList.toggle('invalid', !!msg);
      if (msg) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    },
    clearError() { api.setError(''); },
    value() { return input.checked; },
    focus() { input.focus(); },
  };
  input.addEventListener('change', () => api.clearError());
  return api;
}

// alert(kind: error|success|warning|info, message or nodes, title?) → a div; errors use role=alert.
export function alert(kind, message, title) {
  return h('div', { class: ['alert', `alert-${kind}`], role: kind === 'error' ? 'alert' : 'status' },
    h('div', {}, title ? h('strong', { class: 'alert-title' }, title) : null,
      typeof message === 'string' ? h('p', {}, message) : message));
}

export function badge(text, kind = 'neutral') {
  return h('span', { class: ['badge', `badge-${kind}`] }, text);
}

// A form-level error area: put it at the top of a form; show(msg) / clear().
export function formAlert() {
  const el = h('div', { class: 'form-alert', tabindex: '-1' });
  return {
    el,
    show(message, kind = 'error', title) {
      mount(el, alert(kind, message, title));
      el.focus();
    },
    clear() { el.replaceChildren(); },
  };
}

// Shows an ApiError beside its field: `fields` maps names ("email", "consents.terms") to field()
// objects; `aliases` maps server field names to form names. Returns true if a field got the message.
// Otherwise shows it in formAlertApi (if given). Focuses the field with the error.
export function showFieldErrors(err, fields, formAlertApi, aliases = {}) {
  const message = errorMessage(err && err.code);
  let name = err && err.field;
  if (name && aliases[name]) name = aliases[name];
  if (name && !fields[name] && name.includes('.')) name = name.split('.')[0];
  const f = name && fields[name];
  if (f) {
    f.setError(message);
    f.focus();
    if (formAlertApi) formAlertApi.clear();
    return true;
  }
  if (formAlertApi) formAlertApi.show(message);
  return false;
}

// Clears every field's error (and the form alert).
export function clearFieldErrors(fields, formAlertApi) {
  Object.values(fields).forEach((f) => f.clearError());
  if (formAlertApi) formAlertApi.clear();
}

// ---------- Toasts ----------

let toastRegion = null;
// toast(message, {kind: info|success|error, timeout ms (0 = stays)}). Announced via aria-live.
export function toast(message, opts = {}) {
  if (!toastRegion || !toastRegion.isConnected) {
    toastRegion = h('div', { class: 'toast-region', role: 'status', 'aria-live': 'polite' });
    document.body.appendChild(toastRegion);
  }
  const kind = opts.kind || 'info';
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': t('common.close') }, '×');
  const el = h('div', { class: ['toast', `toast-${kind}`] }, h('span', { class: 'toast-text' }, message), close);
  const remove = () => el.remove();
  close.addEventListener('click', remove);
  toastRegion.appendChild(el);
  const timeout = opts.timeout ?? (kind === 'error' ? 8000 : 5000);
  if (timeout > 0) setTimeout(remove, timeout);
  return remove;
}

// ---------- Dialogs ----------

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

// dialog({title, body (nodes), actions: [{label, variant, value, onClick}], wide, dismissible=true,
// initialFocus: element}) → Promise resolving with the chosen action's value (null on Esc/close).
// An action's onClick(close) may return false to keep the dialog open (e.g. validation failed);
// it may be async. Focus is trapped inside and returns to the opener afterwards.
export function dialog(opts) {
  const opener = document.activeElement;
  const titleId = uid('dlg-title');
  return new Promise((resolve) => {
    let done = false;
    const dlg = h('dialog', { class: ['dialog', opts.wide && 'wide'], 'aria-labelledby': titleId });
    const finish = (value) => {
      if (done) return;
      done = true;
      dlg.close();
      dlg.remove();
      if (opener && opener.focus && opener.isConnected) opener.focus();
      resolve(value);
    };
    const closeBtn = opts.dismissible === false ? null
      : h('button', { type: 'button', class: 'dialog-close', 'aria-label': t('common.close'),
        onClick: () => finish(null) }, '×');
    const actions = (opts.actions || [{ label: t('common.close'), value: null, variant: 'secondary' }]).map((a) => {
      const b = button(a.label, { variant: a.variant || 'primary' });
      b.addEventListener('click', async () => {
        if (a.onClick) {
          const keep = await withBusy(b, () => a.onClick(finish));
          if (keep === false) return;
        }
        finish(a.value === undefined ? a.label : a.value);
      });
      return b;
    });
    mount(dlg, h('div', { class: 'dialog-inner' },
      h('div', { class: 'dialog-header' }, h('h2', { id: titleId }, opts.title), closeBtn),
      h('div', { class: 'dialog-body' }, opts.body),
      h('div', { class: 'dialog-footer' }, actions)));
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      if (opts.dismissible !== false) finish(null);
    });
    dlg.addEventListener('keydown', (e) => {
      if (e.key !== 'Tab') return;
      const items = Array.from(dlg.querySelectorAll(FOCUSABLE)).filter((el) => el.offsetParent !== null);
      if (!items.length) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
    });
    document.body.appendChild(dlg);
    dlg.showModal();
    const focusTarget = opts.initialFocus || dlg.querySelector('.dialog-body ' + FOCUSABLE) ||
      actions[actions.length - 1];
    if (focusTarget) focusTarget.focus();
  });
}

// confirmDialog(title, message, {confirmLabel, cancelLabel, danger}) → Promise<boolean>.
export async function confirmDialog(title, message, opts = {}) {
  const body = typeof message === 'string' ? h('p', {}, message) : message;
  const r = await dialog({
    title,
    body,
    actions: [
      { label: opts.cancelLabel || t('common.cancel'), variant: 'secondary', value: false },
      { label: opts.confirmLabel || t('common.confirm'), variant: opts.danger ? 'danger' : 'primary', value: true },
    ],
  });
  return r === true;
}

// ---------- Table with server-side pagination ----------

// table({columns: [{key, label, render(row) → node/text, class, num}], fetchPage({offset, limit}) →
// {items, total}, pageSize=50, caption, emptyText, onRowClick(row, tr), responsive=true})
// → {el, reload(), goTo(page), rows()}. Stays on the current page after reload when possible.
export function table(opts) {
  const pageSize = opts.pageSize || 50;
  let page = 0;
  let total = 0;
  let items = [];
  let seq = 0;
  const tbody = h('tbody');
  const status = h('span', { class: 'status', 'aria-live': 'polite' });
  const prev = button(t('table.previous'), { variant: 'secondary', size: 'sm' });
  const next = button(t('table.next'), { variant: 'secondary', size: 'sm' });
  const pageLabel = h('span', { class: 'muted small' });
  const errorBox = h('div');
  const thead = h('thead', {}, h('tr', {}, opts.columns.map((c) =>
    h('th', { scope: 'col', class: [c.num && 'num', c.class] }, c.label))));
  const tableEl = h('table', { class: ['table', opts.responsive !== false && 'responsive'] },
    opts.caption ? h('caption', { class: 'visually-hidden' }, opts.caption) : null, thead, tbody);
  const el = h('div', { class: 'data-table' }, errorBox, h('div', { class: 'table-wrap' }, tableEl),
    h('nav', { class: 'pagination', 'aria-label': t('table.pagination') }, status,
      h('div', { class: 'pages' }, prev, pageLabel, next)));

  function renderRows() {
    if (!items.length) {
      mount(tbody, h('tr', {}, h('td', { colspan: String(opts.columns.length), class: 'table-empty' },
        opts.emptyText || t('table.empty'))));
      return;
    }
    mount(tbody, items.map((row) => {
      const tr = h('tr', {}, opts.columns.map((c) => {
        const v = c.render ? c.render(row) : row[c.key];
        return h('td', { class: [c.num && 'num', c.class], 'data-label': c.label }, v ?? '');
      }));
      if (opts.onRowClick) {
        tr.classList.add('clickable');
        tr.addEventListener('click', (e) => {
          if (e.target.closest('a, button, input, select, textarea')) return;
          opts.onRowClick(row, tr);
        });
      }
      return tr;
    }));
  }

  async function load() {
    const my = ++seq;
    el.setAttribute('aria-busy', 'true');
    if (!items.length) mount(tbody, h('tr', {}, h('td', { colspan: String(opts.columns.length) }, loading())));
    try {
      const res = await opts.fetchPage({ offset: page * pageSize, limit: pageSize, page });
      if (my !== seq) return;
      items = res.items || [];
      total = typeof res.total === 'number' ? res.total : page * pageSize + items.length;
      errorBox.replaceChildren();
      renderRows();
    } catch (e) {
      if (my !== seq) return;
      mount(errorBox, alert('error', errorMessage(e && e.code)));
      items = [];
      renderRows();
    } finally {
      if (my === seq) el.removeAttribute('aria-busy');
    }
    const pages = Math.max(1, Math.ceil(total / pageSize));
    prev.disabled = page === 0;
    next.disabled = page + 1 >= pages;
    pageLabel.textContent = t('table.page', { page: page + 1, pages });
    const from = total ? page * pageSize + 1 : 0;
    const to = Math.min(total, page * pageSize + items.length);
    status.textContent = t('table.range', { from: formatNumber(from), to: formatNumber(to),
      total: formatNumber(total) });
  }
  prev.addEventListener('click', () => { if (page > 0) { page -= 1; load(); } });
  next.addEventListener('click', () => { page += 1; load(); });
  load();
  return {
    el,
    reload(resetPage = false) { if (resetPage) page = 0; return load(); },
    goTo(p) { page = Math.max(0, p); return load(); },
    rows() { return items.slice(); },
  };
}

// ---------- Page helpers ----------

// Sets document.title to "<title> · <suffix>" and moves focus to the main heading for screen readers.
export function setPageTitle(title, suffix) {
  document.title = suffix ? `${title} · ${suffix}` : title;
}

// Focuses the first h1 in root (tabindex -1 added), used after client-side navigation.
export function focusHeading(root = document) {
  const h1 = root.querySelector('h1');
  if (!h1) return;
  h1.setAttribute('tabindex', '-1');
  h1.focus({ preventScroll: true });
}

// Language switch buttons (PL / EN) calling onChange(lang); `current` is pressed.
export function languageSwitch(current, onChange, opts = {}) {
  return h('div', { class: ['lang-switch', opts.light && 'on-light'], role: 'group',
    'aria-label': t('common.language') },
  ['pl', 'en'].map((lang) => h('button', {
    type: 'button', lang, 'aria-pressed': String(current === lang), onClick: () => onChange(lang),
  }, lang.toUpperCase(), h('span', { class: 'visually-hidden' }, ` – ${t(`common.language_${lang}`)}`))));
}

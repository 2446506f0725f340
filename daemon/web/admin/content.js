// Helpers shared by the content pages (news, outages, contractors, documents, information, ads):
// date-time inputs, the group picker, uploads with progress, tabs and small badges.
import { api, ApiError, getCsrfToken } from '/common/api.js';
import { t, errorMessage, formatNumber } from '/common/i18n.js';
import { h, mount, badge, uid, button, confirmDialog, toast } from '/common/ui.js';
import { lists } from './lib.js';

const pad = (n) => String(n).padStart(2, '0');

// Unix seconds (or ISO text) → the value of <input type="datetime-local"> in local time; '' when unset.
export function toLocalInput(v) {
  if (v === null || v === undefined || v === '' || v === 0) return '';
  const d = typeof v === 'number' ? new Date(v * 1000) : new Date(v);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// The value of a datetime-local input → unix seconds; 0 when empty.
export function fromLocalInput(s) {
  if (!s) return 0;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? 0 : Math.floor(d.getTime() / 1000);
}

// YYYY-MM-DD of a Date in local time (date inputs, stats ranges).
export function isoDay(d) {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// Size in bytes → "1,2 MB" / "340 kB".
export function formatSize(bytes) {
  if (typeof bytes !== 'number') return '';
  if (bytes >= 1024 * 1024) return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
  if (bytes >= 1024) return `${formatNumber(Math.round(bytes / 1024))} kB`;
  return `${formatNumber(bytes)} B`;
}

// A yes/no badge (text, never colour alone).
export function yesNo(v, yesKey = 'common.yes', noKey = 'common.no') {
  return badge(t(v ? yesKey : noKey), v ? 'success' : 'neutral');
}

// Group targeting: checkboxes over GET /api/v1/admin/groups; nothing ticked = everyone.
// Returns {el, value() → [ids], set(ids)}. Works (with a note) when the groups list cannot be read.
export function groupPicker(selected = [], { legend = t('admin.content.groups'), hint = t('admin.content.groups_hint') } = {}) {
  const chosen = new Set((selected || []).map(Number));
  const list = h('ul', { class: 'check-list' }, h('li', { class: 'muted' }, t('common.loading')));
  const summary = h('p', { class: 'small muted', 'aria-live': 'polite' });
  const hintId = uid('groups-hint');
  const drawSummary = () => {
    summary.textContent = chosen.size ? t('admin.content.groups_chosen', { count: chosen.size }) : t('admin.content.groups_everyone');
  };
  lists.groups().then((groups) => {
    if (!groups.length) { mount(list, h('li', { class: 'muted' }, t('admin.content.groups_none'))); return; }
    mount(list, groups.map((g) => {
      const id = uid('grp');
      const input = h('input', { type: 'checkbox', id, value: String(g.id), checked: chosen.has(g.id) });
      input.addEventListener('change', () => { if (input.checked) chosen.add(g.id); else chosen.delete(g.id); drawSummary(); });
      return h('li', { class: 'check' }, input, h('label', { for: id }, g.name,
        g.description ? h('span', { class: 'muted small block' }, g.description) : null));
    }));
  }, (e) => mount(list, h('li', { class: 'muted' }, errorMessage(e.code), ' ',
    chosen.size ? t('admin.content.groups_kept', { count: chosen.size }) : '')));
  drawSummary();
  const el = h('fieldset', { class: 'picker-fieldset', 'aria-describedby': hintId },
    h('legend', {}, legend), h('p', { class: 'hint', id: hintId }, hint), summary, list);
  return { el, value: () => Array.from(chosen), set(ids) { chosen.clear(); ids.forEach((i) => chosen.add(i)); drawSummary(); } };
}

// POST /api/v1/admin/uploads with the raw file as the body, reporting progress (0..1) through onProgress.
// Resolves to {id, kind, mime, size}; rejects with an ApiError carrying the server's code.
export function uploadFile(file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/admin/uploads');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); });
    xhr.addEventListener('load', () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300 && data) { resolve(data); return; }
      const err = (data && data.error) || {};
      reject(new ApiError(xhr.status, err.code || `http_${xhr.status}`, err.field, err.message || ''));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, navigator.onLine === false ? 'offline' : 'network', null, '')));
    xhr.send(file);
  });
}

// A file chooser that uploads at once and shows progress, the server's error, and (images) a preview.
// kind: 'image' | 'pdf'. current: an upload id already attached (images are shown from /api/v1/images/{id}).
// onChange(upload|null) is called after a successful upload or a removal. → {el, value() → id|'' , busy()}.
export function uploadField({ label, kind = 'image', current = '', hint, onChange, removable = true, required = false }) {
  const id = uid('upload');
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  let value = current || '';
  let busy = false;
  const input = h('input', { type: 'file', id, accept: kind === 'pdf' ? 'application/pdf,.pdf' : 'image/png,image/jpeg,image/webp',
    'aria-describedby': `${hintId} ${errorId}`, required });
  const progress = h('progress', { max: '100', value: '0', hidden: true, 'aria-label': t('admin.content.upload_progress') });
  const status = h('p', { class: 'small', role: 'status', 'aria-live': 'polite' });
  const errorEl = h('p', { class: 'error', id: errorId });
  const preview = h('div', { class: 'upload-preview' });
  const remove = removable ? button(t('admin.content.upload_remove'), { variant: 'ghost', size: 'sm', onClick: () => {
    value = '';
    input.value = '';
    draw();
    if (onChange) onChange(null);
  } }) : null;
  function draw() {
    if (kind === 'image' && value) {
      mount(preview, h('img', { src: `/api/v1/images/${value}`, alt: t('admin.content.upload_preview_alt'), class: 'upload-thumb' }), remove);
    } else if (value) {
      mount(preview, h('span', { class: 'badge badge-success' }, t('admin.content.upload_attached')), remove);
    } else {
      preview.replaceChildren();
    }
  }
  input.addEventListener('change', async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    errorEl.textContent = '';
    input.removeAttribute('aria-invalid');
    progress.hidden = false;
    progress.value = 0;
    busy = true;
    status.textContent = t('admin.content.uploading', { name: file.name });
    try {
      const up = await uploadFile(file, (p) => { progress.value = Math.round(p * 100); });
      if (kind === 'pdf' && up.kind !== 'pdf') throw new ApiError(400, 'upload_type_unsupported', 'file', '');
      if (kind === 'image' && up.kind === 'pdf') throw new ApiError(400, 'upload_type_unsupported', 'file', '');
      value = up.id;
      status.textContent = t('admin.content.uploaded', { name: file.name, size: formatSize(up.size) });
      draw();
      if (onChange) onChange(up, file);
    } catch (e) {
      status.textContent = '';
      errorEl.textContent = errorMessage(e.code);
      input.setAttribute('aria-invalid', 'true');
      input.value = '';
    } finally {
      busy = false;
      progress.hidden = true;
    }
  });
  draw();
  const el = h('div', { class: 'field upload-field' },
    h('label', { for: id }, label),
    h('p', { class: 'hint', id: hintId }, hint || t(kind === 'pdf' ? 'admin.content.upload_pdf_hint' : 'admin.content.upload_image_hint')),
    input, progress, status, errorEl, preview);
  return {
    el, input,
    value: () => value,
    busy: () => busy,
    setError(msg) { errorEl.textContent = msg || ''; if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid'); },
    clearError() { this.setError(''); },
    focus() { input.focus(); },
  };
}

// Tabs as links between sibling pages: [[path, label, perm?]]; `current` is the active path.
export function subnav(items, current, label) {
  return h('nav', { class: 'subnav', 'aria-label': label },
    h('ul', {}, items.map(([path, text]) => h('li', {}, h('a', { href: `/admin${path}`, 'aria-current': path === current ? 'page' : null }, text)))));
}

// A checkbox built like field() (for forms that collect several).
export function check(name, label, checked) {
  const id = uid(`c-${name}`);
  const input = h('input', { type: 'checkbox', id, name, checked: !!checked });
  return { el: h('div', { class: 'check' }, input, h('label', { for: id }, label)), input,
    value: () => input.checked, setError() {}, clearError() {}, focus: () => input.focus() };
}

// Trims every string value of a field map into a plain object.
export function values(fields) {
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => {
    const v = f.value();
    return [k, typeof v === 'string' ? v.trim() : v];
  }));
}

// Server-rendered Markdown (body_html: cmark output, raw HTML already stripped by the daemon) shown without
// innerHTML: parsed inertly and rebuilt from an allow-list of tags and attributes (defence in depth).
const SAFE_TAGS = new Set(['P', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'B', 'I',
  'CODE', 'PRE', 'BLOCKQUOTE', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DEL', 'S', 'SUP', 'SUB', 'IMG']);
function copySafe(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const kids = Array.from(node.childNodes).map(copySafe).filter(Boolean);
  if (!SAFE_TAGS.has(node.tagName)) {
    const frag = document.createDocumentFragment();
    kids.forEach((k) => frag.appendChild(k));
    return frag;
  }
  const el = document.createElement(node.tagName.toLowerCase());
  if (node.tagName === 'A') {
    const href = node.getAttribute('href') || '';
    if (/^(https?:|mailto:|tel:|\/|#)/i.test(href)) el.setAttribute('href', href);
    el.setAttribute('rel', 'noopener noreferrer');
  } else if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') || '';
    if (!/^(\/|https?:)/i.test(src)) return null;
    el.setAttribute('src', src);
    el.setAttribute('alt', node.getAttribute('alt') || '');
  } else if (node.tagName === 'OL' && node.getAttribute('start')) {
    el.setAttribute('start', String(Number(node.getAttribute('start')) || 1));
  }
  kids.forEach((k) => el.appendChild(k));
  return el;
}
export function safeHtml(html) {
  const doc = new DOMParser().parseFromString(`<body>${html || ''}</body>`, 'text/html');
  const out = h('div', { class: 'rendered-md' });
  Array.from(doc.body.childNodes).map(copySafe).filter(Boolean).forEach((n) => out.appendChild(n));
  return out;
}

// A delete button: asks (title, text), sends DELETE `path`, toasts `done` and calls after(); a failure is toasted.
export function deleteButton({ label, title, text, path, done, after, size, ariaLabel, confirmLabel }) {
  const b = button(label, { variant: 'danger-outline', size, attrs: ariaLabel ? { 'aria-label': ariaLabel } : {}, onClick: async () => {
    if (!(await confirmDialog(title, text, { confirmLabel: confirmLabel || label, danger: true }))) return;
    try { await api.del(path); toast(done, { kind: 'success' }); if (after) after(); }
    catch (e) { toast(errorMessage(e.code), { kind: 'error' }); }
  } });
  return b;
}

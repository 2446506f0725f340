// Verification queue: one registration at a time beside the register's data for that flat,
// the KW-match flag up front, approve / reject with keyboard shortcuts (A, R, J, K). Decisions
// are sent in the background and the next item shows at once; a failed decision puts the item back.
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber, errorMessage } from '/common/i18n.js';
import { h, mount, button, dialog, field, toast, loading } from '/common/ui.js';
import { page, fullName, errorAlert } from '../lib.js';

const PAGE = 100;
const REFILL_BELOW = 20;

// The given KW number with the characters that differ from the register's marked.
function kwDiff(given, register) {
  if (!register) return h('span', { class: 'mono' }, given);
  return h('span', { class: 'mono kw-diff' }, given.split('').map((c, i) =>
    (c === register[i] ? c : h('mark', { title: t('admin.queue.kw_char_differs') }, c))));
}

function kwFlag(item) {
  if (!item.registry.kw_number) {
    return h('div', { class: 'kw-flag kw-unknown', role: 'note' }, h('span', { class: 'kw-icon', 'aria-hidden': 'true' }, '?'),
      h('div', {}, h('strong', {}, t('admin.queue.kw_unknown')), h('p', {}, t('admin.queue.kw_unknown_text'))));
  }
  if (item.kw_match) {
    return h('div', { class: 'kw-flag kw-match', role: 'note' }, h('span', { class: 'kw-icon', 'aria-hidden': 'true' }, '✓'),
      h('div', {}, h('strong', {}, t('admin.queue.kw_match')), h('p', {}, t('admin.queue.kw_match_text'))));
  }
  return h('div', { class: 'kw-flag kw-mismatch', role: 'note' }, h('span', { class: 'kw-icon', 'aria-hidden': 'true' }, '!'),
    h('div', {}, h('strong', {}, t('admin.queue.kw_mismatch')), h('p', {}, t('admin.queue.kw_mismatch_text'))));
}

function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]));
}

function detail(item) {
  const r = item.registry;
  const flat = r.flat || {};
  const flatText = t('admin.queue.flat_text', { building: r.building.address, number: flat.number });
  return h('div', { class: 'compare' },
    h('section', { class: 'compare-col', 'aria-labelledby': 'cmp-form' },
      h('h3', { id: 'cmp-form' }, t('admin.queue.from_form')),
      kv([
        [t('admin.queue.name'), fullName(item.user)],
        [t('admin.queue.email'), item.user.email],
        [t('admin.queue.phone'), item.user.phone],
        [t('admin.queue.flat'), flatText],
        [t('admin.queue.kw_given'), kwDiff(item.given_kw_number, r.kw_number)],
        [t('admin.queue.submitted'), formatDateTime(item.created_at)],
      ])),
    h('section', { class: 'compare-col register', 'aria-labelledby': 'cmp-reg' },
      h('h3', { id: 'cmp-reg' }, t('admin.queue.from_register')),
      kv([
        [t('admin.queue.estate'), r.estate],
        [t('admin.queue.building'), r.building.address],
        [t('admin.queue.staircase'), flat.staircase],
        [t('admin.queue.flat_number'), flat.number],
        [t('admin.queue.area'), flat.area_m2 ? `${formatNumber(flat.area_m2)} m²` : ''],
        [t('admin.queue.kw_register'), r.kw_number ? h('span', { class: 'mono' }, r.kw_number) : t('admin.queue.kw_none')],
        [t('admin.queue.member_number'), r.member_number],
      ])));
}

async function askReason(item) {
  const reason = field({ name: 'reason', label: t('admin.queue.reason'), multiline: true, required: true,
    hint: t('admin.queue.reason_hint'), attrs: { maxlength: '500', rows: '3' } });
  const quick = ['kw', 'flat', 'person', 'duplicate'].map((k) => button(t(`admin.queue.quick.${k}`), {
    variant: 'secondary', size: 'sm', onClick: () => { reason.input.value = t(`admin.queue.quick.${k}`); reason.clearError(); reason.focus(); },
  }));
  let text = null;
  const chosen = await dialog({
    title: t('admin.queue.reject_title', { name: fullName(item.user) }),
    body: h('div', { class: 'stack' }, h('p', {}, t('admin.queue.reject_lead')),
      h('div', { class: 'btn-row quick-reasons', role: 'group', 'aria-label': t('admin.queue.quick_label') }, quick), reason.el),
    initialFocus: reason.input,
    actions: [
      { label: t('common.cancel'), variant: 'secondary', value: false },
      { label: t('admin.queue.reject'), variant: 'danger', value: true, onClick: () => {
        text = reason.value().trim();
        if (!text) { reason.setError(errorMessage('reason_required')); reason.focus(); return false; }
        return true;
      } },
    ],
  });
  return chosen === true ? text : null;
}

export function render() {
  const body = page(t('admin.queue.title'), { lead: t('admin.queue.lead') });
  const state = { items: [], index: 0, total: 0, loadingMore: false, dialogOpen: false };
  const counter = h('p', { class: 'queue-counter', 'aria-live': 'polite' });
  const itemEl = h('div', { class: 'queue-item' });
  const listEl = h('ol', { class: 'queue-list' });
  const shortcuts = h('p', { class: 'shortcuts small muted' }, t('admin.queue.shortcuts_label'), ' ',
    ['a', 'r', 'j', 'k'].map((k) => h('span', { class: 'shortcut' }, h('kbd', {}, k.toUpperCase()), ' ', t(`admin.queue.key_${k}`))));
  const root = h('div', { class: 'queue' }, h('div', { class: 'queue-bar' }, counter, shortcuts),
    h('div', { class: 'queue-layout' }, itemEl, h('aside', { class: 'queue-aside', 'aria-label': t('admin.queue.list_label') }, listEl)));
  mount(body, root);

  function current() { return state.items[state.index]; }

  function drawList() {
    mount(listEl, state.items.slice(0, 200).map((it, i) => h('li', {},
      h('button', { type: 'button', class: ['queue-pick', i === state.index && 'current'], 'aria-current': i === state.index ? 'true' : null,
        onClick: () => { state.index = i; draw(); } },
      h('span', { class: ['kw-dot', it.kw_match ? 'ok' : 'bad'], 'aria-hidden': 'true' }, it.kw_match ? '✓' : '!'),
      h('span', { class: 'grow' }, h('span', { class: 'pick-name' }, fullName(it.user)),
        h('span', { class: 'pick-flat small muted' }, t('admin.queue.flat_text', { building: it.registry.building.address, number: it.registry.flat.number }))),
      h('span', { class: 'visually-hidden' }, it.kw_match ? t('admin.queue.kw_match') : t('admin.queue.kw_mismatch'))))));
  }

  function draw() {
    counter.textContent = state.total ? t('admin.queue.remaining', { count: state.total }) : '';
    drawList();
    const item = current();
    if (!item) {
      mount(itemEl, h('div', { class: 'card empty-queue center stack' }, h('span', { class: 'icon-circle', 'aria-hidden': 'true' }, '✓'),
        h('h2', {}, t('admin.queue.empty_title')), h('p', { class: 'muted' }, t('admin.queue.empty_text'))));
      return;
    }
    const approve = button([h('span', {}, t('admin.queue.approve')), h('kbd', { 'aria-hidden': 'true' }, 'A')],
      { class: 'btn-approve', onClick: () => decide('approve'), attrs: { 'aria-keyshortcuts': 'A' } });
    const reject = button([h('span', {}, t('admin.queue.reject')), h('kbd', { 'aria-hidden': 'true' }, 'R')],
      { variant: 'danger-outline', onClick: () => decide('reject'), attrs: { 'aria-keyshortcuts': 'R' } });
    const prev = button([h('kbd', { 'aria-hidden': 'true' }, 'K'), h('span', {}, t('admin.queue.previous'))],
      { variant: 'secondary', onClick: () => move(-1), attrs: { 'aria-keyshortcuts': 'K' } });
    const next = button([h('span', {}, t('admin.queue.next')), h('kbd', { 'aria-hidden': 'true' }, 'J')],
      { variant: 'secondary', onClick: () => move(1), attrs: { 'aria-keyshortcuts': 'J' } });
    prev.disabled = state.index === 0;
    next.disabled = state.index >= state.items.length - 1;
    mount(itemEl, h('article', { class: 'card stack', 'aria-labelledby': 'queue-item-title' },
      h('div', { class: 'row between top' },
        h('h2', { id: 'queue-item-title', class: 'queue-name' }, fullName(item.user)),
        h('span', { class: 'muted small' }, t('admin.queue.position', { n: formatNumber(state.index + 1), total: formatNumber(state.total) }))),
      kwFlag(item),
      detail(item),
      h('div', { class: 'queue-actions' }, h('div', { class: 'btn-row' }, approve, reject), h('div', { class: 'btn-row' }, prev, next))));
  }

  function move(delta) {
    const n = state.index + delta;
    if (n < 0 || n >= state.items.length) return;
    state.index = n;
    draw();
  }

  async function fetchMore() {
    if (state.loadingMore) return;
    state.loadingMore = true;
    try {
      const d = await api.get('/api/v1/admin/registrations', { status: 'pending', order: 'oldest', offset: state.items.length, limit: PAGE });
      const known = new Set(state.items.map((i) => i.id));
      d.items.forEach((i) => { if (!known.has(i.id)) state.items.push(i); });
      state.total = Math.max(d.total, state.items.length);
    } finally {
      state.loadingMore = false;
    }
  }

  async function decide(kind) {
    const item = current();
    if (!item || state.dialogOpen) return;
    let reason = '';
    if (kind === 'reject') {
      state.dialogOpen = true;
      try { reason = await askReason(item); } finally { state.dialogOpen = false; }
      if (reason === null) return;
    }
    // Show the next item at once; the decision goes out in the background.
    const at = state.index;
    state.items.splice(at, 1);
    state.total = Math.max(0, state.total - 1);
    if (state.index >= state.items.length) state.index = Math.max(0, state.items.length - 1);
    draw();
    itemEl.querySelector('h2')?.focus?.();
    const name = fullName(item.user);
    try {
      if (kind === 'approve') await api.post(`/api/v1/admin/registrations/${item.id}/approve`);
      else await api.post(`/api/v1/admin/registrations/${item.id}/reject`, { reason });
      toast(t(kind === 'approve' ? 'admin.queue.approved' : 'admin.queue.rejected', { name }), { kind: 'success', timeout: 3000 });
    } catch (e) {
      if (e.code === 'registration_already_decided' || e.code === 'registration_not_found') {
        toast(errorMessage(e.code), { kind: 'info' });
      } else {
        state.items.splice(Math.min(at, state.items.length), 0, item);
        state.total += 1;
        state.index = Math.min(at, state.items.length - 1);
        draw();
        toast(`${name}: ${errorMessage(e.code)}`, { kind: 'error' });
      }
    }
    if (state.items.length < REFILL_BELOW && state.total > state.items.length) {
      fetchMore().then(draw, () => {});
    }
  }

  function onKey(e) {
    if (!root.isConnected) { document.removeEventListener('keydown', onKey); return; }
    if (state.dialogOpen || e.ctrlKey || e.metaKey || e.altKey || document.querySelector('dialog[open]')) return;
    if (e.target.closest && e.target.closest('input, textarea, select, [contenteditable]')) return;
    const k = e.key.toLowerCase();
    if (k === 'a') { e.preventDefault(); decide('approve'); }
    else if (k === 'r') { e.preventDefault(); decide('reject'); }
    else if (k === 'j') { e.preventDefault(); move(1); }
    else if (k === 'k') { e.preventDefault(); move(-1); }
  }
  document.addEventListener('keydown', onKey);

  mount(itemEl, loading());
  fetchMore().then(draw, (e) => mount(itemEl, errorAlert(e)));
}

// Audit log: newest first, filters (kind of event, who did it, whom it concerns), cursor paging
// ("older entries") and the hash chain's verification status.
import { api, download } from '/common/api.js';
import { t, formatDateTime, errorMessage } from '/common/i18n.js';
import { h, mount, field, button, withBusy, loading, toast } from '/common/ui.js';
import { page, userRef, actionText, errorAlert, setQuery } from '../lib.js';

const PREFIXES = ['auth.', 'registration.', 'user.', 'role.', 'department.', 'group.', 'flats.'];

async function resolveUser(text) {
  const q = text.trim();
  if (!q) return 0;
  if (/^#?\d+$/.test(q)) return Number(q.replace('#', ''));
  const d = await api.get('/api/v1/admin/users', { query: q, limit: 2 });
  const exact = d.items.find((u) => u.email.toLowerCase() === q.toLowerCase());
  if (exact) return exact.id;
  if (d.items.length === 1) return d.items[0].id;
  return -1;
}

function chainStatus(el) {
  mount(el, loading(t('admin.audit.verifying')));
  api.get('/api/v1/admin/audit/verify').then((v) => {
    mount(el, v.ok
      ? h('div', { class: 'chain chain-ok', role: 'status' }, h('span', { class: 'chain-icon', 'aria-hidden': 'true' }, '✓'),
        h('div', {}, h('strong', {}, t('admin.audit.chain_ok')), h('p', {}, t('admin.audit.chain_ok_text', { count: v.entries }))))
      : h('div', { class: 'chain chain-bad', role: 'alert' }, h('span', { class: 'chain-icon', 'aria-hidden': 'true' }, '!'),
        h('div', {}, h('strong', {}, t('admin.audit.chain_bad')), h('p', {}, t('admin.audit.chain_bad_text', { id: v.first_bad_id, count: v.entries })))));
  }, (e) => mount(el, errorAlert(e)));
}

export function render(ctx) {
  const body = page(t('admin.audit.title'), { lead: t('admin.audit.lead') });
  const chain = h('div', { class: 'chain-box' });
  const recheck = button(t('admin.audit.verify_again'), { variant: 'secondary', size: 'sm', onClick: () => chainStatus(chain) });
  const exportBtn = button(t('admin.audit.export'), { variant: 'ghost', size: 'sm' });
  exportBtn.addEventListener('click', () => withBusy(exportBtn, download('/api/v1/admin/audit/export', 'audit.jsonl')).catch((e) => toast(errorMessage(e.code), { kind: 'error' })));
  chainStatus(chain);

  const q = { action: ctx.query.action || '', actor: ctx.query.actor || '', user: ctx.query.user || '' };
  const action = field({ name: 'action', label: t('admin.audit.filter_action'), value: q.action,
    options: [{ value: '', label: t('admin.users.any') }, ...PREFIXES.map((p) => ({ value: p, label: t(`admin.audit.prefix.${p.slice(0, -1)}`) }))] });
  const actor = field({ name: 'actor', label: t('admin.audit.filter_actor'), value: q.actor, hint: t('admin.audit.filter_user_hint'), attrs: { autocomplete: 'off' } });
  const user = field({ name: 'user', label: t('admin.audit.filter_user'), value: q.user, hint: t('admin.audit.filter_user_hint'), attrs: { autocomplete: 'off' } });
  const apply = button(t('admin.audit.apply'), { type: 'submit' });
  const rows = h('tbody');
  const more = button(t('admin.audit.older'), { variant: 'secondary' });
  const status = h('p', { class: 'small muted', 'aria-live': 'polite' });
  const errBox = h('div');
  let before = 0;
  let shown = 0;
  let filters = {};

  async function load(reset) {
    if (reset) { before = 0; shown = 0; mount(rows); }
    errBox.replaceChildren();
    try {
      const d = await withBusy(more, api.get('/api/v1/admin/audit', { ...filters, before: before || undefined, limit: 50 }));
      d.entries.forEach((e) => rows.append(h('tr', {},
        h('td', { 'data-label': t('admin.audit.col_time'), class: 'nowrap' }, h('time', { datetime: e.at }, formatDateTime(e.at))),
        h('td', { 'data-label': t('admin.audit.col_action') }, h('strong', {}, actionText(e.action)), h('span', { class: 'muted small block mono-soft' }, e.action)),
        h('td', { 'data-label': t('admin.audit.col_actor') }, userRef(e.actor_id)),
        h('td', { 'data-label': t('admin.audit.col_subject') }, e.subject_user_id ? userRef(e.subject_user_id) : '—'),
        h('td', { 'data-label': t('admin.audit.col_detail'), class: 'audit-detail' }, e.detail || '—', e.ip ? h('span', { class: 'muted small block' }, e.ip) : null),
        h('td', { 'data-label': t('admin.audit.col_id'), class: 'num muted' }, `#${e.id}`))));
      shown += d.entries.length;
      before = d.next_before || 0;
      more.hidden = !d.next_before;
      status.textContent = shown ? t('admin.audit.shown', { count: shown }) : '';
      if (!shown) rows.append(h('tr', {}, h('td', { colspan: '6', class: 'table-empty' }, t('admin.audit.empty'))));
    } catch (e) {
      mount(errBox, errorAlert(e));
    }
  }

  const form = h('form', { class: 'filters card', role: 'search' }, h('div', { class: 'filters-grid cols-3' }, action.el, actor.el, user.el), h('div', { class: 'row end' }, apply));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    actor.clearError(); user.clearError();
    q.action = action.value(); q.actor = actor.value().trim(); q.user = user.value().trim();
    const [a, u] = await Promise.all([resolveUser(q.actor), resolveUser(q.user)]);
    if (a < 0) { actor.setError(t('admin.audit.user_unknown')); actor.focus(); return; }
    if (u < 0) { user.setError(t('admin.audit.user_unknown')); user.focus(); return; }
    filters = { action: q.action || undefined, actor: a || undefined, user: u || undefined };
    setQuery(q);
    load(true);
  });
  more.addEventListener('click', () => load(false));

  body.append(h('section', { class: 'card stack', 'aria-labelledby': 'chain-title' },
    h('div', { class: 'row between' }, h('h2', { id: 'chain-title', class: 'card-title' }, t('admin.audit.chain_title')), h('div', { class: 'btn-row' }, recheck, exportBtn)), chain),
  form, errBox,
  h('div', { class: 'table-wrap' }, h('table', { class: 'table responsive' }, h('caption', { class: 'visually-hidden' }, t('admin.audit.title')),
    h('thead', {}, h('tr', {}, ['time', 'action', 'actor', 'subject', 'detail', 'id'].map((c) => h('th', { scope: 'col', class: c === 'id' ? 'num' : null }, t(`admin.audit.col_${c}`))))), rows)),
  h('div', { class: 'row between' }, status, more));
  if (q.actor || q.user || q.action) form.requestSubmit(); else load(true);
}

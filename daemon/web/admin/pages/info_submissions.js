// Submissions to one page's sign-up form: filter by status or "assigned to me", change status with a note, CSV export.
import { api } from '/common/api.js';
import { t, formatDateTime, formatDate, errorMessage } from '/common/i18n.js';
import { h, mount, field, table, button, badge, dialog, toast, loading, linkButton } from '/common/ui.js';
import { page, errorAlert, setQuery } from '../lib.js';

const STATUSES = ['registered', 'waiting', 'accepted', 'rejected', 'done', 'cancelled'];
const KIND = { registered: 'info', waiting: 'warning', accepted: 'success', rejected: 'danger', done: 'success', cancelled: 'neutral' };

function answerText(a) {
  if (Array.isArray(a.value)) return a.value.join(', ');
  if (typeof a.value === 'boolean') return t(a.value ? 'common.yes' : 'common.no');
  if (a.type === 'date' && a.value) return formatDate(a.value);
  return a.value === null || a.value === undefined || a.value === '' ? '—' : String(a.value);
}

async function decide(s) {
  const status = field({ name: 'status', label: t('admin.info.sub_status'), value: ['accepted', 'rejected', 'done'].includes(s.status) ? s.status : 'accepted',
    options: ['accepted', 'rejected', 'done'].map((v) => ({ value: v, label: t(`admin.info.st_${v}`) })) });
  const note = field({ name: 'note', label: t('admin.info.sub_note'), value: s.staff_note || '', optional: true, multiline: true, hint: t('admin.info.sub_note_hint'), attrs: { rows: '3', maxlength: '1000' } });
  const r = await dialog({
    title: t('admin.info.sub_decide', { name: s.user_name || s.user_email || `#${s.user_id}` }),
    body: h('div', { class: 'stack' }, h('dl', { class: 'kv' }, (s.answers || []).map((a) => [h('dt', {}, a.label), h('dd', {}, answerText(a))])), status.el, note.el),
    initialFocus: status.input,
    actions: [{ label: t('common.cancel'), variant: 'secondary', value: false }, { label: t('common.save'), value: true, onClick: async () => {
      try { await api.patch(`/api/v1/admin/info/submissions/${s.id}`, { status: status.value(), note: note.value().trim() }); return true; }
      catch (e) { note.setError(errorMessage(e.code)); return false; }
    } }],
  });
  return r === true;
}

export async function render(ctx) {
  const id = ctx.params.id;
  const first = page(t('admin.info.submissions'), { crumbs: [['/info', t('admin.nav.info')], [`/info/pages/${id}`, `#${id}`], [null, t('admin.info.submissions')]] });
  mount(first, loading());
  let p;
  try { p = await api.get(`/api/v1/admin/info/pages/${id}`); } catch (e) { mount(first, errorAlert(e)); return; }
  const csv = `/api/v1/admin/info/pages/${id}/submissions.csv`;
  const body = page(t('admin.info.submissions_of', { title: p.title }), {
    crumbs: [['/info', t('admin.nav.info')], [`/info/pages/${id}`, p.title], [null, t('admin.info.submissions')]],
    lead: p.form ? t('admin.info.form_stats', { taken: p.form.taken ?? 0, capacity: p.form.capacity || '∞', waiting: p.form.waiting ?? 0 }) : t('admin.info.no_form'),
    actions: [linkButton(t('admin.info.csv'), csv, { variant: 'secondary', attrs: { download: '' } })],
  });
  const q = { status: ctx.query.status || '', mine: ctx.query.mine || '' };
  const status = field({ name: 'status', label: t('admin.info.sub_status'), value: q.status,
    options: [{ value: '', label: t('admin.users.any') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.info.st_${s}`) }))] });
  const mineId = 'mine-only';
  const mine = h('input', { type: 'checkbox', id: mineId, checked: q.mine === '1' });
  const grid = table({
    caption: t('admin.info.submissions'),
    columns: [
      { key: 'when', label: t('admin.info.sub_when'), render: (s) => formatDateTime(s.created_at) },
      { key: 'who', label: t('admin.info.sub_who'), render: (s) => h('span', {}, s.user_name || `#${s.user_id}`, h('span', { class: 'muted small block' }, s.user_email || '')) },
      { key: 'status', label: t('admin.info.sub_status'), render: (s) => h('span', {}, badge(t(`admin.info.st_${s.status}`), KIND[s.status] || 'neutral'),
        s.waiting_position ? h('span', { class: 'small block' }, t('admin.info.waiting_pos', { n: s.waiting_position })) : null) },
      { key: 'answers', label: t('admin.info.sub_answers'), render: (s) => h('dl', { class: 'answers' }, (s.answers || []).map((a) => [h('dt', {}, a.label), h('dd', {}, answerText(a))])) },
      { key: 'note', label: t('admin.info.sub_note'), render: (s) => s.staff_note || '—' },
      { key: 'act', label: t('admin.info.sub_actions'), render: (s) => (s.status === 'cancelled' ? '—' : button(t('admin.info.sub_change'), { variant: 'secondary', size: 'sm',
        attrs: { 'aria-label': t('admin.info.sub_change_named', { name: s.user_name || `#${s.user_id}` }) },
        onClick: async () => { if (await decide(s)) { toast(t('common.saved'), { kind: 'success' }); grid.reload(); } } })) },
    ],
    fetchPage: ({ offset, limit }) => api.get(`/api/v1/admin/info/pages/${id}/submissions`, { status: q.status || undefined, mine: q.mine || undefined, offset, limit: Math.min(limit, 100) }),
    pageSize: 50,
    emptyText: t('admin.info.sub_empty'),
  });
  status.input.addEventListener('change', () => { q.status = status.value(); setQuery(q); grid.reload(true); });
  mine.addEventListener('change', () => { q.mine = mine.checked ? '1' : ''; setQuery(q); grid.reload(true); });
  body.append(h('form', { class: 'filters card', role: 'search', onSubmit: (e) => e.preventDefault() },
    h('div', { class: 'filters-grid cols-3' }, status.el, h('div', { class: 'check align-end' }, mine, h('label', { for: mineId }, t('admin.info.sub_mine'))))), grid.el);
}

// Comment moderation: the queue of reported comments across items, and the per-item list used by the editor.
// The API lists comments per item only (GET /api/v1/admin/news/{id}/comments?reported=1), so the queue walks the
// newest items that have comments.
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage, formatNumber } from '/common/i18n.js';
import { h, mount, button, badge, dialog, field, toast, loading, alert } from '/common/ui.js';
import { page, can, link, userRef, errorAlert } from '../lib.js';
import { newsTabs } from './news.js';

const SCAN_ITEMS = 100;

// Asks for a reason and hides comment `c`; resolves true when hidden.
async function hide(c) {
  const reason = field({ name: 'reason', label: t('admin.news.hide_reason'), multiline: true, required: true,
    hint: t('admin.news.hide_reason_hint'), attrs: { rows: '3', maxlength: '500' } });
  const r = await dialog({
    title: t('admin.news.hide_title'),
    body: h('div', { class: 'stack' }, h('blockquote', { class: 'comment-quote' }, c.body), reason.el),
    initialFocus: reason.input,
    actions: [
      { label: t('common.cancel'), variant: 'secondary', value: false },
      { label: t('admin.news.hide'), variant: 'danger', value: true, onClick: async () => {
        const text = reason.value().trim();
        if (!text) { reason.setError(t('errors.reason_required')); reason.focus(); return false; }
        try {
          await api.post(`/api/v1/admin/news/comments/${c.id}/hide`, { reason: text });
          return true;
        } catch (e) { reason.setError(errorMessage(e.code)); return false; }
      } },
    ],
  });
  return r === true;
}

// One comment as a list row with its state and the hide / unhide action; `changed()` after a change.
export function commentRow(c, changed, { showItem } = {}) {
  const actions = h('div', { class: 'btn-row' });
  if (can('news:moderate')) {
    actions.append(c.hidden
      ? button(t('admin.news.unhide'), { variant: 'secondary', size: 'sm', onClick: async () => {
        try { await api.post(`/api/v1/admin/news/comments/${c.id}/unhide`); toast(t('admin.news.unhidden'), { kind: 'success' }); changed(); }
        catch (e) { toast(errorMessage(e.code), { kind: 'error' }); }
      } })
      : button(t('admin.news.hide'), { variant: 'danger-outline', size: 'sm', onClick: async () => {
        if (await hide(c)) { toast(t('admin.news.hidden_done'), { kind: 'success' }); changed(); }
      } }));
  }
  return h('li', { class: ['comment', c.hidden && 'comment-hidden'] },
    h('div', { class: 'comment-head' },
      h('strong', {}, c.author_name || `#${c.author_id}`),
      h('span', { class: 'muted small' }, formatDateTime(c.created_at)),
      showItem ? h('span', { class: 'small' }, link(`/news/${c.item_id}`, showItem)) : null,
      c.report_count ? badge(t('admin.news.reports', { count: c.report_count }), 'warning') : null,
      c.hidden ? badge(t('admin.news.hidden'), 'neutral') : null),
    h('p', { class: 'comment-body' }, c.body),
    c.hidden ? h('p', { class: 'small muted' }, t('admin.news.hidden_because', { reason: c.hidden_reason || '—' }), ' · ', userRef(c.hidden_by),
      c.hidden_at ? ` · ${formatDateTime(c.hidden_at)}` : '') : null,
    actions);
}

// All comments of item `id` (optionally only reported), redrawn after each moderation.
export function itemComments(id) {
  const box = h('div', { class: 'stack' });
  const only = h('input', { type: 'checkbox', id: 'only-reported' });
  const list = h('ul', { class: 'comment-list' });
  const more = h('div');
  async function load() {
    mount(list, h('li', {}, loading()));
    try {
      const d = await api.get(`/api/v1/admin/news/${id}/comments`, { reported: only.checked ? 1 : undefined, limit: 100 });
      mount(list, d.items.length ? d.items.map((c) => commentRow(c, load)) : h('li', { class: 'muted' }, t('admin.news.no_comments')));
      mount(more, d.total > d.items.length ? h('p', { class: 'small muted' }, t('admin.news.comments_more', { shown: d.items.length, total: d.total })) : null);
    } catch (e) { mount(list, h('li', {}, errorAlert(e))); }
  }
  only.addEventListener('change', load);
  load();
  mount(box, h('div', { class: 'check' }, only, h('label', { for: 'only-reported' }, t('admin.news.only_reported'))), list, more);
  return box;
}

export async function render() {
  const body = page(t('admin.news.reported_title'), { lead: t('admin.news.reported_lead') });
  const tabs = newsTabs('/news/comments');
  const out = h('div', { class: 'stack' });
  body.append(...[tabs, out].filter(Boolean));
  if (!can('news:publish')) {
    mount(out, alert('info', t('admin.news.reported_needs_publish')));
    return;
  }
  async function load() {
    mount(out, loading());
    try {
      const items = (await api.get('/api/v1/admin/news', { limit: SCAN_ITEMS })).items.filter((n) => n.comment_count > 0 || n.comments_enabled);
      const found = [];
      for (let i = 0; i < items.length; i += 6) {
        const batch = await Promise.all(items.slice(i, i + 6).map((n) => api.get(`/api/v1/admin/news/${n.id}/comments`, { reported: 1, limit: 100 })
          .then((d) => d.items.map((c) => ({ ...c, item_title: n.title })), () => [])));
        batch.forEach((b) => found.push(...b));
      }
      found.sort((a, b) => (a.hidden - b.hidden) || (b.report_count - a.report_count));
      const open = found.filter((c) => !c.hidden).length;
      mount(out,
        h('p', { class: 'queue-counter', role: 'status' }, open ? t('admin.news.reported_open', { count: open }) : t('admin.news.reported_none')),
        found.length ? h('ul', { class: 'comment-list' }, found.map((c) => commentRow(c, load, { showItem: c.item_title }))) : null,
        h('p', { class: 'small muted' }, t('admin.news.reported_scope', { count: formatNumber(SCAN_ITEMS) })));
    } catch (e) { mount(out, errorAlert(e)); }
  }
  load();
}

// Comment moderation: the queue of reported comments across items (GET /api/v1/admin/news/comments?reported=1),
// and the per-item list used by the editor.
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage, formatNumber } from '/common/i18n.js';
import { h, mount, button, badge, dialog, field, toast, loading, withBusy } from '/common/ui.js';
import { page, can, link, userRef, errorAlert } from '../lib.js';
import { newsTabs } from './news.js';

const PAGE = 50;

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
  let shown = [];
  let total = 0;
  // The queue (GET /api/v1/admin/news/comments?reported=1): most recently reported first, PAGE at a time.
  async function load({ more = false } = {}) {
    if (!more) mount(out, loading());
    try {
      const d = await api.get('/api/v1/admin/news/comments', { reported: 1, offset: more ? shown.length : 0, limit: PAGE });
      shown = more ? [...shown, ...d.items] : d.items;
      total = d.total;
      draw();
    } catch (e) { mount(out, errorAlert(e)); }
  }
  function draw() {
    const open = shown.filter((c) => !c.hidden).length;
    const moreBtn = total > shown.length ? button(t('admin.news.reported_more', { count: total - shown.length }), {
      variant: 'secondary', onClick: () => withBusy(moreBtn, load({ more: true })) }) : null;
    mount(out,
      h('p', { class: 'queue-counter', role: 'status' }, open ? t('admin.news.reported_open', { count: open }) : t('admin.news.reported_none')),
      shown.length ? h('ul', { class: 'comment-list' }, shown.map((c) => commentRow(c, () => load(), { showItem: c.item_title }))) : null,
      shown.length ? h('p', { class: 'small muted' }, t('admin.news.reported_shown', { shown: formatNumber(shown.length), total: formatNumber(total) })) : null,
      moreBtn);
  }
  load();
}

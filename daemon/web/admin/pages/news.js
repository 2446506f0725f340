// Aktualności: every item with its state (scheduled / published / expired), pin, schedule and read counts.
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { h, table, badge, linkButton } from '/common/ui.js';
import { page, can, link, go } from '../lib.js';
import { subnav } from '../content.js';

const STATE_KIND = { scheduled: 'info', published: 'success', expired: 'neutral' };

export function newsTabs(current) {
  const items = [];
  if (can('news:publish')) items.push(['/news', t('admin.news.tab_items')]);
  if (can('news:moderate')) items.push(['/news/comments', t('admin.news.tab_reported')]);
  return items.length > 1 ? subnav(items, current, t('admin.news.tabs')) : null;
}

export function stateBadge(state) {
  return badge(t(`admin.news.state_${state}`), STATE_KIND[state] || 'neutral');
}

export async function render() {
  const body = page(t('admin.news.title'), { lead: t('admin.news.lead'),
    actions: [linkButton(t('admin.news.new'), '/admin/news/new')] });
  const grid = table({
    caption: t('admin.news.title'),
    pageSize: 50,
    columns: [
      { key: 'title', label: t('admin.news.col_title'), render: (n) => h('span', { class: 'title-cell' }, link(`/news/${n.id}`, n.title),
        n.pinned ? badge(t('admin.news.pinned'), 'info') : null) },
      { key: 'state', label: t('admin.news.col_state'), render: (n) => stateBadge(n.state) },
      { key: 'publish', label: t('admin.news.col_publish'), render: (n) => formatDateTime(n.publish_at) },
      { key: 'expire', label: t('admin.news.col_expire'), render: (n) => (n.expire_at ? formatDateTime(n.expire_at) : '—') },
      { key: 'groups', label: t('admin.news.col_groups'), render: (n) => (n.groups && n.groups.length ? t('admin.content.groups_chosen', { count: n.groups.length }) : t('admin.content.groups_everyone')) },
      { key: 'reads', label: t('admin.news.col_reads'), num: true, render: (n) => formatNumber(n.read_count || 0) },
      { key: 'comments', label: t('admin.news.col_comments'), num: true, render: (n) => (n.comments_enabled ? formatNumber(n.comment_count || 0) : '—') },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/news', { offset, limit }),
    emptyText: t('admin.news.empty'),
    onRowClick: (n) => go(`/news/${n.id}`),
  });
  body.append(...[newsTabs('/news'), grid.el].filter(Boolean));
}

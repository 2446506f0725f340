// Reklamy: banners with their placement, period, state and impression / click totals; CSV of daily counts.
import { api } from '/common/api.js';
import { t, formatDate, formatNumber, formatAmount } from '/common/i18n.js';
import { h, field, table, badge, linkButton } from '/common/ui.js';
import { page, link, go } from '../lib.js';
import { isoDay } from '../content.js';

// Running / scheduled / ended / off for a banner now.
export function adState(a, now = Date.now() / 1000) {
  if (!a.enabled) return ['off', 'neutral'];
  if (now < a.starts_at) return ['scheduled', 'info'];
  if (now >= a.ends_at) return ['ended', 'neutral'];
  return ['running', 'success'];
}

export function ctr(impressions, clicks) {
  return impressions ? `${formatNumber((clicks / impressions) * 100, 1)}%` : '—';
}

// From / to date inputs with a CSV link for every banner.
function csvExport() {
  const today = new Date();
  const monthAgo = new Date(today.getTime() - 29 * 86400000);
  const from = field({ name: 'from', label: t('admin.ads.from'), type: 'date', value: isoDay(monthAgo) });
  const to = field({ name: 'to', label: t('admin.ads.to'), type: 'date', value: isoDay(today) });
  const a = linkButton(t('admin.ads.csv'), '#', { variant: 'secondary', attrs: { download: '' } });
  const sync = () => { a.href = `/api/v1/admin/ads/stats.csv?from=${encodeURIComponent(from.value())}&to=${encodeURIComponent(to.value())}`; };
  [from, to].forEach((f) => f.input.addEventListener('change', sync));
  sync();
  return h('div', { class: 'filters card' }, h('h2', { class: 'card-title' }, t('admin.ads.csv_title')), h('div', { class: 'filters-grid cols-3 align-end' }, from.el, to.el, h('div', {}, a)),
    h('p', { class: 'small muted' }, t('admin.ads.csv_hint')));
}

export async function render() {
  const body = page(t('admin.ads.title'), { lead: t('admin.ads.lead'), actions: [linkButton(t('admin.ads.new'), '/admin/ads/new')] });
  const grid = table({
    caption: t('admin.ads.title'),
    columns: [
      { key: 'title', label: t('admin.ads.col_title'), render: (a) => h('span', { class: 'ad-cell' }, h('img', { src: a.image_url, alt: '', class: 'ad-thumb', loading: 'lazy' }),
        h('span', {}, link(`/ads/${a.id}`, a.title), h('span', { class: 'muted small block' }, a.advertiser || ''))) },
      { key: 'state', label: t('admin.ads.col_state'), render: (a) => { const [s, k] = adState(a); return badge(t(`admin.ads.state_${s}`), k); } },
      { key: 'placement', label: t('admin.ads.col_placement'), render: (a) => `${t(`admin.ads.placement_${a.placement}`)} · ${a.position}` },
      { key: 'period', label: t('admin.ads.col_period'), render: (a) => `${formatDate(a.starts_at)} – ${formatDate(a.ends_at - 1)}` },
      { key: 'paid', label: t('admin.ads.col_paid'), render: (a) => (a.paid ? (a.price !== null && a.price !== undefined ? formatAmount(a.price, { minor: true }) : t('admin.ads.paid')) : t('admin.ads.free')) },
      { key: 'impr', label: t('admin.ads.col_impressions'), num: true, render: (a) => formatNumber(a.impressions || 0) },
      { key: 'clicks', label: t('admin.ads.col_clicks'), num: true, render: (a) => formatNumber(a.clicks || 0) },
      { key: 'ctr', label: t('admin.ads.col_ctr'), num: true, render: (a) => ctr(a.impressions, a.clicks) },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/ads', { offset, limit }),
    emptyText: t('admin.ads.empty'),
    onRowClick: (a) => go(`/ads/${a.id}`),
  });
  body.append(grid.el, csvExport());
}

// Dokumenty: the PDF library as staff see it (all documents, with their targeting and download counts).
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { h, field, table, linkButton } from '/common/ui.js';
import { page, link, go, setQuery } from '../lib.js';
import { subnav, formatSize } from '../content.js';

export const docTabs = (current) => subnav([['/documents', t('admin.documents.tab_list')], ['/documents/categories', t('admin.documents.tab_categories')]],
  current, t('admin.documents.tabs'));
export const categories = () => api.get('/api/v1/documents/categories').then((d) => d.items);

export async function render(ctx) {
  const body = page(t('admin.documents.title'), { lead: t('admin.documents.lead'), actions: [linkButton(t('admin.documents.new'), '/admin/documents/new')] });
  const q = { category: ctx.query.category || '' };
  const category = field({ name: 'category', label: t('admin.documents.category'), value: q.category, options: [{ value: '', label: t('admin.users.any') }] });
  let names = new Map();
  categories().then((items) => {
    names = new Map(items.map((c) => [c.id, c.name]));
    category.input.replaceChildren(...[{ id: '', name: t('admin.users.any') }, ...items].map((c) => h('option', { value: String(c.id), selected: String(c.id) === q.category }, c.name)));
  }, () => {});
  const grid = table({
    caption: t('admin.documents.title'),
    columns: [
      { key: 'title', label: t('admin.documents.col_title'), render: (d) => h('span', {}, link(`/documents/${d.id}`, d.title), h('span', { class: 'muted small block' }, d.filename)) },
      { key: 'category', label: t('admin.documents.col_category'), render: (d) => (typeof d.category === 'string' ? d.category : (d.category && d.category.name)) || names.get(d.category_id) || '—' },
      { key: 'version', label: t('admin.documents.col_version'), num: true, render: (d) => formatNumber(Number(d.version) || 1) },
      { key: 'size', label: t('admin.documents.col_size'), num: true, render: (d) => formatSize(d.size) },
      { key: 'groups', label: t('admin.news.col_groups'), render: (d) => (d.groups && d.groups.length ? t('admin.content.groups_chosen', { count: d.groups.length }) : t('admin.content.groups_everyone')) },
      { key: 'downloads', label: t('admin.documents.col_downloads'), num: true, render: (d) => formatNumber(d.downloads || 0) },
      { key: 'updated', label: t('admin.documents.col_updated'), render: (d) => formatDateTime(d.updated_at) },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/documents', { ...q, offset, limit }),
    emptyText: t('admin.documents.empty'),
    onRowClick: (d) => go(`/documents/${d.id}`),
  });
  category.input.addEventListener('change', () => { q.category = category.value(); setQuery(q); grid.reload(true); });
  body.append(docTabs('/documents'), h('form', { class: 'filters card', role: 'search', onSubmit: (e) => e.preventDefault() }, h('div', { class: 'filters-grid cols-3' }, category.el)), grid.el);
}

// Wykonawcy: the directory as staff see it (inactive entries included), searched like residents search it.
import { api } from '/common/api.js';
import { t, formatNumber } from '/common/i18n.js';
import { h, field, table, badge, linkButton } from '/common/ui.js';
import { page, link, go, setQuery, debounce } from '../lib.js';

export function ratingText(r) {
  return r && r.count ? t('admin.contractors.rating', { average: formatNumber(r.average, 1), count: r.count }) : t('admin.contractors.no_rating');
}

export async function render(ctx) {
  const body = page(t('admin.contractors.title'), { lead: t('admin.contractors.lead'), actions: [linkButton(t('admin.contractors.new'), '/admin/contractors/new')] });
  const q = { q: ctx.query.q || '', category: ctx.query.category || '' };
  const search = field({ name: 'q', label: t('admin.contractors.search'), type: 'search', value: q.q, hint: t('admin.contractors.search_hint'), attrs: { autocomplete: 'off', maxlength: '200' } });
  const category = field({ name: 'category', label: t('admin.contractors.category'), value: q.category, options: [{ value: '', label: t('admin.users.any') }] });
  api.get('/api/v1/admin/contractors/categories').then((d) => {
    category.input.replaceChildren(...[{ id: '', name: t('admin.users.any') }, ...d.items].map((c) => h('option', { value: String(c.id), selected: String(c.id) === q.category }, c.name)));
  }, () => {});
  const grid = table({
    caption: t('admin.contractors.title'),
    pageSize: 50,
    columns: [
      { key: 'name', label: t('admin.contractors.col_name'), render: (c) => h('span', { class: 'title-cell' }, link(`/contractors/${c.id}`, c.name),
        c.recommended ? badge(t('admin.contractors.recommended'), 'success') : null, c.active ? null : badge(t('admin.contractors.inactive'), 'neutral')) },
      { key: 'cats', label: t('admin.contractors.col_categories'), render: (c) => c.categories.map((x) => x.name).join(', ') || '—' },
      { key: 'phone', label: t('admin.contractors.col_phone'), render: (c) => c.phone || '—' },
      { key: 'area', label: t('admin.contractors.col_area'), render: (c) => c.service_area || '—' },
      { key: 'rating', label: t('admin.contractors.col_rating'), render: (c) => ratingText(c.rating) },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/contractors', { ...q, offset, limit }),
    emptyText: t('admin.contractors.empty'),
    onRowClick: (c) => go(`/contractors/${c.id}`),
  });
  const apply = () => { setQuery(q); grid.reload(true); };
  const typed = debounce(apply, 250);
  search.input.addEventListener('input', () => { q.q = search.value().trim(); typed(); });
  category.input.addEventListener('change', () => { q.category = category.value(); apply(); });
  body.append(h('form', { class: 'filters card', role: 'search', onSubmit: (e) => { e.preventDefault(); apply(); } },
    h('div', { class: 'filters-grid cols-3' }, search.el, category.el)), grid.el);
}

// Groups: static lists and rule groups, with a link to the editor.
import { t, formatDateTime } from '/common/i18n.js';
import { h, table, linkButton, badge } from '/common/ui.js';
import { page, can, lists, link, go } from '../lib.js';

export function render() {
  const actions = can('groups:manage') ? [linkButton(t('admin.groups.new'), '/admin/groups/new')] : [];
  const body = page(t('admin.groups.title'), { lead: t('admin.groups.lead'), actions });
  const grid = table({
    caption: t('admin.groups.title'),
    columns: [
      { key: 'name', label: t('admin.groups.col_name'), render: (g) => link(`/groups/${g.id}`, g.name) },
      { key: 'kind', label: t('admin.groups.col_kind'), render: (g) => badge(t(`admin.groups.kind_${g.kind}`), g.kind === 'rule' ? 'info' : 'neutral') },
      { key: 'description', label: t('admin.groups.col_description'), render: (g) => g.description || '—' },
      { key: 'updated', label: t('admin.groups.col_updated'), render: (g) => formatDateTime(g.updated_at) },
    ],
    fetchPage: async () => { const items = await lists.groups(); return { items, total: items.length }; },
    emptyText: t('admin.groups.empty'),
    onRowClick: (g) => go(`/groups/${g.id}`),
  });
  body.append(grid.el);
}

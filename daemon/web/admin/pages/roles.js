// Roles: the list with user counts; built-in roles are marked (they cannot be changed).
import { t } from '/common/i18n.js';
import { h, table, linkButton, badge } from '/common/ui.js';
import { page, can, lists, link, go } from '../lib.js';

export function render() {
  const actions = can('roles:manage') ? [linkButton(t('admin.roles.new'), '/admin/roles/new')] : [];
  const body = page(t('admin.roles.title'), { lead: t('admin.roles.lead'), actions });
  const grid = table({
    caption: t('admin.roles.title'),
    columns: [
      { key: 'name', label: t('admin.roles.col_name'), render: (r) => [link(`/roles/${r.id}`, r.name), r.builtin ? [' ', badge(t('admin.roles.builtin'), 'neutral')] : null] },
      { key: 'description', label: t('admin.roles.col_description') },
      { key: 'permissions', label: t('admin.roles.col_permissions'), num: true, render: (r) => String(r.permissions.length) },
      { key: 'users', label: t('admin.roles.col_users'), num: true, render: (r) => t('admin.roles.users_count', { count: r.user_count }) },
    ],
    fetchPage: async () => { const items = await lists.roles(); return { items, total: items.length }; },
    onRowClick: (r) => go(`/roles/${r.id}`),
  });
  body.append(grid.el);
}

// Departments: list, create and rename (name + contact e-mail) in a dialog.
import { api } from '/common/api.js';
import { t, errorMessage } from '/common/i18n.js';
import { h, table, button, dialog, field, toast } from '/common/ui.js';
import { page, can, lists } from '../lib.js';

async function edit(dep, onSaved) {
  const name = field({ name: 'name', label: t('admin.departments.name'), value: dep ? dep.name : '', required: true, attrs: { maxlength: '100' } });
  const email = field({ name: 'email', label: t('admin.departments.email'), type: 'email', value: dep ? dep.email : '', optional: true });
  await dialog({
    title: dep ? t('admin.departments.edit') : t('admin.departments.new'),
    body: h('div', { class: 'stack' }, name.el, email.el),
    actions: [
      { label: t('common.cancel'), variant: 'secondary', value: null },
      { label: t('admin.departments.save'), value: true, onClick: async () => {
        name.clearError(); email.clearError();
        const payload = { name: name.value().trim(), email: email.value().trim() };
        try {
          if (dep) await api.put(`/api/v1/admin/departments/${dep.id}`, payload);
          else await api.post('/api/v1/admin/departments', payload);
        } catch (e) {
          (e.field === 'email' ? email : name).setError(errorMessage(e.code));
          return false;
        }
        toast(t('admin.departments.saved'), { kind: 'success' });
        onSaved();
        return true;
      } },
    ],
  });
}

export function render() {
  const manage = can('roles:manage');
  let grid;
  const actions = manage ? [button(t('admin.departments.new'), { onClick: () => edit(null, () => grid.reload()) })] : [];
  const body = page(t('admin.departments.title'), { lead: t('admin.departments.lead'), actions });
  grid = table({
    caption: t('admin.departments.title'),
    columns: [
      { key: 'name', label: t('admin.departments.name'), render: (d) => h('strong', {}, d.name) },
      { key: 'email', label: t('admin.departments.email'), render: (d) => d.email || '—' },
      { key: 'actions', label: t('admin.departments.actions'), render: (d) => (manage ? button(t('admin.departments.edit_short'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.departments.edit_named', { name: d.name }) }, onClick: () => edit(d, () => grid.reload()) }) : '') },
    ],
    fetchPage: async () => { const items = await lists.departments(); return { items, total: items.length }; },
    emptyText: t('admin.departments.empty'),
  });
  body.append(grid.el);
}

// Document categories: name, order and the "statutory" flag (documents a cooperative must publish for members).
import { api } from '/common/api.js';
import { t, formatNumber } from '/common/i18n.js';
import { h, mount, field, button, formAlert, showFieldErrors, clearFieldErrors, toast, loading, dialog, badge } from '/common/ui.js';
import { page, section, errorAlert } from '../lib.js';
import { check, deleteButton } from '../content.js';
import { docTabs, categories } from './documents.js';

// Create (c = null) or edit a category in a dialog; resolves true when saved.
async function edit(c) {
  const alertBox = formAlert();
  const f = {
    name: field({ name: 'name', label: t('admin.documents.cat_name'), value: c ? c.name : '', required: true, attrs: { maxlength: '100' } }),
    position: field({ name: 'position', label: t('admin.documents.cat_position'), type: 'number', value: c ? String(c.position ?? '') : '', optional: true, hint: t('admin.documents.cat_position_hint'), attrs: { min: '0', max: '1000000', inputmode: 'numeric' } }),
    statutory: check('statutory', t('admin.documents.cat_statutory'), c ? c.statutory : false),
  };
  const r = await dialog({
    title: c ? t('admin.documents.cat_edit') : t('admin.documents.cat_new'),
    body: h('div', { class: 'stack' }, alertBox.el, f.name.el, f.position.el, f.statutory.el, h('p', { class: 'small muted' }, t('admin.documents.cat_statutory_hint'))),
    initialFocus: f.name.input,
    actions: [{ label: t('common.cancel'), variant: 'secondary', value: false }, { label: t('common.save'), value: true, onClick: async () => {
      clearFieldErrors(f, alertBox);
      const payload = { name: f.name.value().trim(), statutory: f.statutory.value() };
      if (f.position.value() !== '') payload.position = Number(f.position.value());
      if (!payload.name) { f.name.setError(t('errors.field_required')); return false; }
      try {
        await (c ? api.put(`/api/v1/admin/documents/categories/${c.id}`, payload) : api.post('/api/v1/admin/documents/categories', payload));
        return true;
      } catch (e) { showFieldErrors(e, f, alertBox); return false; }
    } }],
  });
  return r === true;
}

export async function render() {
  const add = button(t('admin.documents.cat_new'));
  const body = page(t('admin.documents.categories_title'), { lead: t('admin.documents.categories_lead'), actions: [add] });
  const box = h('div', { class: 'stack' });
  body.append(docTabs('/documents/categories'), section(t('admin.documents.tab_categories'), box));
  async function load() {
    mount(box, loading());
    try {
      const items = await categories();
      mount(box, items.length ? h('ul', { class: 'list' }, items.map((c) => h('li', { class: 'row between' },
        h('div', { class: 'grow' }, h('strong', {}, c.name), ' ', c.statutory ? badge(t('admin.documents.statutory'), 'info') : null,
          h('span', { class: 'muted small block' }, t('admin.documents.cat_count', { count: c.count || 0, n: formatNumber(c.count || 0) }))),
        h('div', { class: 'btn-row' },
          button(t('common.edit'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.documents.cat_edit_named', { name: c.name }) }, onClick: async () => { if (await edit(c)) { toast(t('common.saved'), { kind: 'success' }); load(); } } }),
          deleteButton({ label: t('common.delete'), size: 'sm', ariaLabel: t('admin.documents.cat_delete_named', { name: c.name }), title: t('admin.documents.cat_delete_title'),
            text: t('admin.documents.cat_delete_text', { name: c.name }), path: `/api/v1/admin/documents/categories/${c.id}`, done: t('admin.documents.cat_deleted'), after: load }))))) : h('p', { class: 'muted' }, t('admin.documents.cat_empty')));
    } catch (e) { mount(box, errorAlert(e)); }
  }
  add.addEventListener('click', async () => { if (await edit(null)) { toast(t('common.saved'), { kind: 'success' }); load(); } });
  load();
}

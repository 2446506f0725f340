// Informacje i zapisy: sections (order, rename, delete when empty) and every page with its state and sign-up form.
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { h, mount, field, table, button, linkButton, badge, dialog, formAlert, showFieldErrors, clearFieldErrors, toast, loading } from '/common/ui.js';
import { page, link, go, section, errorAlert } from '../lib.js';
import { deleteButton } from '../content.js';

export const sections = () => api.get('/api/v1/admin/info/sections', { limit: 100 }).then((d) => (Array.isArray(d) ? d : d.items));

async function editSection(s) {
  const alertBox = formAlert();
  const f = {
    title: field({ name: 'title', label: t('admin.info.sec_title'), value: s ? s.title : '', required: true, attrs: { maxlength: '120' } }),
    position: field({ name: 'position', label: t('admin.info.position'), type: 'number', value: s ? String(s.position) : '0', hint: t('admin.info.position_hint'), attrs: { inputmode: 'numeric', min: '-1000000', max: '1000000' } }),
  };
  const r = await dialog({
    title: s ? t('admin.info.sec_edit') : t('admin.info.sec_new'),
    body: h('div', { class: 'stack' }, alertBox.el, f.title.el, f.position.el),
    initialFocus: f.title.input,
    actions: [{ label: t('common.cancel'), variant: 'secondary', value: false }, { label: t('common.save'), value: true, onClick: async () => {
      clearFieldErrors(f, alertBox);
      const payload = { title: f.title.value().trim(), position: Number(f.position.value()) || 0 };
      if (!payload.title) { f.title.setError(t('errors.field_required')); return false; }
      try { await (s ? api.put(`/api/v1/admin/info/sections/${s.id}`, payload) : api.post('/api/v1/admin/info/sections', payload)); return true; }
      catch (e) { showFieldErrors(e, f, alertBox); return false; }
    } }],
  });
  return r === true;
}

export async function render() {
  const addSection = button(t('admin.info.sec_new'), { variant: 'secondary' });
  const body = page(t('admin.info.title'), { lead: t('admin.info.lead'), actions: [addSection, linkButton(t('admin.info.page_new'), '/admin/info/pages/new')] });
  const secBox = h('div', { class: 'stack' });
  let names = new Map();
  const grid = table({
    caption: t('admin.info.pages'),
    columns: [
      { key: 'title', label: t('admin.info.col_title'), render: (p) => link(`/info/pages/${p.id}`, p.title) },
      { key: 'section', label: t('admin.info.col_section'), render: (p) => names.get(p.section_id) || `#${p.section_id}` },
      { key: 'published', label: t('admin.info.col_published'), render: (p) => badge(t(p.published ? 'admin.info.published' : 'admin.info.draft'), p.published ? 'success' : 'neutral') },
      { key: 'form', label: t('admin.info.col_form'), render: (p) => (p.has_form ? link(`/info/pages/${p.id}/submissions`, t('admin.info.submissions')) : '—') },
      { key: 'groups', label: t('admin.news.col_groups'), render: (p) => (p.groups && p.groups.length ? t('admin.content.groups_chosen', { count: p.groups.length }) : t('admin.content.groups_everyone')) },
      { key: 'updated', label: t('admin.info.col_updated'), render: (p) => formatDateTime(p.updated_at) },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/info/pages', { offset, limit }),
    emptyText: t('admin.info.pages_empty'),
    onRowClick: (p) => go(`/info/pages/${p.id}`),
  });
  async function loadSections() {
    mount(secBox, loading());
    try {
      const items = await sections();
      names = new Map(items.map((s) => [s.id, s.title]));
      grid.reload();
      mount(secBox, items.length ? h('ul', { class: 'list' }, items.map((s) => h('li', { class: 'row between' },
        h('div', { class: 'grow' }, h('strong', {}, s.title), h('span', { class: 'muted small block' }, t('admin.info.sec_pages', { count: s.page_count || 0, n: formatNumber(s.page_count || 0) }))),
        h('div', { class: 'btn-row' },
          button(t('common.edit'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.info.sec_edit_named', { name: s.title }) }, onClick: async () => { if (await editSection(s)) { toast(t('common.saved'), { kind: 'success' }); loadSections(); } } }),
          deleteButton({ label: t('common.delete'), size: 'sm', ariaLabel: t('admin.info.sec_delete_named', { name: s.title }), title: t('admin.info.sec_delete_title'),
            text: t('admin.info.sec_delete_text', { name: s.title }), path: `/api/v1/admin/info/sections/${s.id}`, done: t('admin.info.sec_deleted'), after: loadSections }))))) : h('p', { class: 'muted' }, t('admin.info.sec_empty')));
    } catch (e) { mount(secBox, errorAlert(e)); }
  }
  addSection.addEventListener('click', async () => { if (await editSection(null)) { toast(t('common.saved'), { kind: 'success' }); loadSections(); } });
  loadSections();
  body.append(section(t('admin.info.sections'), secBox), h('h2', {}, t('admin.info.pages')), grid.el);
}

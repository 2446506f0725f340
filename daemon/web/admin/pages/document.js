// One document: title, description, category and target groups; a new document starts from a PDF upload.
// Existing documents show their versions (downloads per version, older files reachable for staff) and take a new one.
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading } from '/common/ui.js';
import { page, go, section, errorAlert, userRef } from '../lib.js';
import { groupPicker, uploadField, formatSize, deleteButton } from '../content.js';
import { categories } from './documents.js';

// Upload + filename + note; the filename follows the chosen file unless typed over.
function versionFields() {
  const f = {
    filename: field({ name: 'filename', label: t('admin.documents.f_filename'), hint: t('admin.documents.f_filename_hint'), required: true, attrs: { maxlength: '200' } }),
    note: field({ name: 'note', label: t('admin.documents.f_note'), optional: true, hint: t('admin.documents.f_note_hint'), attrs: { maxlength: '500' } }),
  };
  f.upload_id = uploadField({ label: t('admin.documents.f_file'), kind: 'pdf', removable: false, required: true,
    onChange: (up, file) => { if (file && !f.filename.value().trim()) f.filename.input.value = file.name; } });
  return f;
}

function versionsTable(doc) {
  const versions = (doc.versions || []).slice().sort((a, b) => b.n - a.n);
  if (!versions.length) return h('p', { class: 'muted' }, t('admin.documents.no_versions'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table responsive' },
    h('caption', { class: 'visually-hidden' }, t('admin.documents.s_versions')),
    h('thead', {}, h('tr', {}, [t('admin.documents.v_n'), t('admin.documents.v_file'), t('admin.documents.v_note'), t('admin.documents.v_uploaded'), t('admin.documents.col_downloads')]
      .map((l, i) => h('th', { scope: 'col', class: i === 0 || i === 4 ? 'num' : null }, l)))),
    h('tbody', {}, versions.map((v) => h('tr', {},
      h('td', { class: 'num', 'data-label': t('admin.documents.v_n') }, String(v.n), v.n === Number(doc.version) ? h('span', { class: 'badge badge-success' }, t('admin.documents.current')) : null),
      h('td', { 'data-label': t('admin.documents.v_file') }, h('a', { href: v.file_url, download: v.filename }, v.filename), h('span', { class: 'muted small block' }, formatSize(v.size))),
      h('td', { 'data-label': t('admin.documents.v_note') }, v.note || '—'),
      h('td', { 'data-label': t('admin.documents.v_uploaded') }, formatDateTime(v.uploaded_at), h('span', { class: 'small block' }, userRef(v.uploaded_by))),
      h('td', { class: 'num', 'data-label': t('admin.documents.col_downloads') }, formatNumber(v.downloads || 0)))))));
}

export async function render(ctx) {
  const isNew = !ctx.params.id;
  const crumbs = (title) => [['/documents', t('admin.nav.documents')], [null, title]];
  const first = page(isNew ? t('admin.documents.new') : t('admin.documents.edit'), { crumbs: crumbs(isNew ? t('admin.documents.new') : t('admin.documents.edit')) });
  mount(first, loading());
  let doc = { title: '', description: '', category_id: '', groups: [] };
  let cats;
  try {
    cats = await categories();
    if (!isNew) doc = await api.get(`/api/v1/documents/${ctx.params.id}`);
  } catch (e) { mount(first, errorAlert(e)); return; }
  const title = isNew ? t('admin.documents.new') : doc.title;
  const actions = isNew ? [] : [deleteButton({ label: t('admin.documents.delete'), title: t('admin.documents.delete_title'), text: t('admin.documents.delete_text', { title: doc.title }),
    path: `/api/v1/admin/documents/${doc.id}`, done: t('admin.documents.deleted'), after: () => go('/documents') })];
  const body = page(title, { crumbs: crumbs(title), actions, lead: isNew ? t('admin.documents.new_lead') : null });
  if (!cats.length) body.append(h('div', { class: 'alert alert-warning', role: 'status' }, h('p', {}, t('admin.documents.no_categories'))));
  const alertBox = formAlert();
  const f = {
    title: field({ name: 'title', label: t('admin.documents.f_title'), value: doc.title, required: true, attrs: { maxlength: '200' } }),
    description: field({ name: 'description', label: t('admin.documents.f_description'), value: doc.description, optional: true, multiline: true, attrs: { rows: '3', maxlength: '2000' } }),
    category_id: field({ name: 'category_id', label: t('admin.documents.category'), value: doc.category_id, required: true,
      options: [{ value: '', label: t('admin.documents.choose_category') }, ...cats.map((c) => ({ value: c.id, label: c.name }))] }),
  };
  const groups = groupPicker(doc.groups, { hint: t('admin.documents.groups_hint') });
  const vf = isNew ? versionFields() : null;
  if (vf) Object.assign(f, vf);
  const save = button(isNew ? t('admin.documents.publish') : t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    isNew ? section(t('admin.documents.s_file'), vf.upload_id.el, vf.filename.el, vf.note.el) : null,
    section(t('admin.documents.s_meta'), f.title.el, f.description.el, f.category_id.el),
    section(t('admin.news.s_target'), groups.el),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    const payload = { title: f.title.value().trim(), description: f.description.value().trim(), category_id: Number(f.category_id.value()) || 0, groups: groups.value() };
    if (!payload.title) { f.title.setError(t('errors.field_required')); f.title.focus(); return; }
    if (!payload.category_id) { f.category_id.setError(t('errors.field_required')); f.category_id.focus(); return; }
    if (isNew) {
      if (vf.upload_id.busy()) { alertBox.show(t('admin.content.upload_wait')); return; }
      if (!vf.upload_id.value()) { vf.upload_id.setError(t('admin.documents.file_required')); vf.upload_id.focus(); return; }
      Object.assign(payload, { upload_id: vf.upload_id.value(), filename: vf.filename.value().trim(), note: vf.note.value().trim() });
    }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/documents', payload) : api.put(`/api/v1/admin/documents/${doc.id}`, payload));
      toast(t('admin.documents.saved'), { kind: 'success' });
      if (isNew) go(`/documents/${saved.id}`, { replace: true });
    } catch (err) { showFieldErrors(err, f, alertBox, { upload: 'upload_id', file: 'upload_id' }); }
  });
  body.append(form);
  if (isNew) return;

  const versionsBox = h('div', {}, versionsTable(doc));
  const nv = versionFields();
  const nvAlert = formAlert();
  const add = button(t('admin.documents.add_version'), { type: 'submit' });
  const vform = h('form', { class: 'stack', novalidate: true }, nvAlert.el, nv.upload_id.el, nv.filename.el, nv.note.el, h('div', { class: 'form-actions' }, add));
  vform.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(nv, nvAlert);
    if (nv.upload_id.busy()) { nvAlert.show(t('admin.content.upload_wait')); return; }
    if (!nv.upload_id.value()) { nv.upload_id.setError(t('admin.documents.file_required')); nv.upload_id.focus(); return; }
    try {
      doc = await withBusy(add, api.post(`/api/v1/admin/documents/${doc.id}/versions`, { upload_id: nv.upload_id.value(), filename: nv.filename.value().trim(), note: nv.note.value().trim() }));
      toast(t('admin.documents.version_added'), { kind: 'success' });
      mount(versionsBox, versionsTable(doc));
      render(ctx);
    } catch (err) { showFieldErrors(err, nv, nvAlert, { upload: 'upload_id', file: 'upload_id' }); }
  });
  body.append(section(t('admin.documents.s_versions'), h('p', { class: 'muted small' }, t('admin.documents.downloads_total', { n: formatNumber(doc.downloads || 0) })), versionsBox),
    section(t('admin.documents.s_new_version'), h('p', { class: 'muted small' }, t('admin.documents.new_version_hint')), vform));
}

// One information page: section, title, Markdown body, target groups, order, published flag and an optional
// sign-up form (built with form_builder.js). The server renders the body on save; the preview shows that.
import { api } from '/common/api.js';
import { t, errorMessage, formatDateTime } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading, linkButton } from '/common/ui.js';
import { page, go, section, errorAlert } from '../lib.js';
import { groupPicker, check, safeHtml, deleteButton } from '../content.js';
import { formBuilder } from '../form_builder.js';
import { sections } from './info.js';

export async function render(ctx) {
  const isNew = !ctx.params.id;
  const crumbs = (title) => [['/info', t('admin.nav.info')], [null, title]];
  const first = page(isNew ? t('admin.info.page_new') : t('admin.info.page_edit'), { crumbs: crumbs(isNew ? t('admin.info.page_new') : t('admin.info.page_edit')) });
  mount(first, loading());
  let p = { section_id: Number(ctx.query.section) || '', title: '', body: '', groups: [], position: 0, published: false, form: null };
  let secs;
  try {
    secs = await sections();
    if (!isNew) p = await api.get(`/api/v1/admin/info/pages/${ctx.params.id}`);
  } catch (e) { mount(first, errorAlert(e)); return; }
  const title = isNew ? t('admin.info.page_new') : p.title;
  const actions = [];
  if (!isNew && p.form) actions.push(linkButton(t('admin.info.submissions'), `/admin/info/pages/${p.id}/submissions`, { variant: 'secondary' }));
  if (!isNew) actions.push(deleteButton({ label: t('admin.info.page_delete'), title: t('admin.info.page_delete_title'), text: t('admin.info.page_delete_text', { title: p.title }),
    path: `/api/v1/admin/info/pages/${p.id}`, done: t('admin.info.page_deleted'), after: () => go('/info') }));
  const body = page(title, { crumbs: crumbs(title), actions });
  if (!secs.length) { body.append(h('div', { class: 'alert alert-warning', role: 'status' }, h('p', {}, t('admin.info.no_sections')))); }
  const alertBox = formAlert();
  const f = {
    section_id: field({ name: 'section_id', label: t('admin.info.col_section'), value: p.section_id, required: true,
      options: [{ value: '', label: t('admin.info.fb_choose') }, ...secs.map((s) => ({ value: s.id, label: s.title }))] }),
    title: field({ name: 'title', label: t('admin.info.col_title'), value: p.title, required: true, attrs: { maxlength: '200' } }),
    body: field({ name: 'body', label: t('admin.news.f_body'), value: p.body, optional: true, multiline: true, hint: t('admin.news.f_body_hint'), attrs: { rows: '12', maxlength: '50000', class: 'mono-input' } }),
    position: field({ name: 'position', label: t('admin.info.position'), type: 'number', value: String(p.position || 0), hint: t('admin.info.position_hint'), attrs: { inputmode: 'numeric' } }),
    published: check('published', t('admin.info.f_published'), p.published),
  };
  const groups = groupPicker(p.groups);
  const hasForm = check('has_form', t('admin.info.f_has_form'), !!p.form);
  const builder = formBuilder(p.form);
  const builderBox = h('div', {}, builder.el);
  builderBox.hidden = !p.form;
  hasForm.input.addEventListener('change', () => { builderBox.hidden = !hasForm.value(); });
  const preview = h('div', { class: 'preview-box' });
  const drawPreview = (x) => mount(preview, x && x.id ? [h('h3', {}, x.title), safeHtml(x.body_html), h('p', { class: 'small muted' }, t('admin.news.preview_saved_at', { at: formatDateTime(x.updated_at) }))]
    : h('p', { class: 'muted' }, t('admin.news.preview_after_save')));
  drawPreview(isNew ? null : p);
  const formStats = p.form ? h('p', { class: 'small muted' }, t('admin.info.form_stats', { taken: p.form.taken ?? 0, capacity: p.form.capacity || '∞', waiting: p.form.waiting ?? 0 })) : null;
  const save = button(t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    h('div', { class: 'content-grid' },
      h('div', { class: 'stack' }, section(t('admin.news.s_text'), f.title.el, f.body.el,
        h('details', { class: 'format-help' }, h('summary', {}, t('admin.news.md_help')), h('pre', {}, t('admin.news.md_help_text')))),
      section(t('admin.news.s_preview'), preview)),
      h('div', { class: 'stack' }, section(t('admin.news.s_publish'), f.section_id.el, f.position.el, f.published.el), section(t('admin.news.s_target'), groups.el))),
    section(t('admin.info.s_form'), hasForm.el, formStats, builderBox),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    const payload = { section_id: Number(f.section_id.value()) || 0, title: f.title.value().trim(), body: f.body.value(), groups: groups.value(),
      position: Number(f.position.value()) || 0, published: f.published.value() };
    if (hasForm.value()) {
      const fm = builder.value();
      if (!fm.assignee) delete fm.assignee;
      if (!fm.closes_at) delete fm.closes_at;
      payload.form = fm;
    }
    if (!payload.section_id) { f.section_id.setError(t('errors.field_required')); f.section_id.focus(); return; }
    if (!payload.title) { f.title.setError(t('errors.field_required')); f.title.focus(); return; }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/info/pages', payload) : api.put(`/api/v1/admin/info/pages/${p.id}`, payload));
      toast(t('admin.info.page_saved'), { kind: 'success' });
      if (isNew) { go(`/info/pages/${saved.id}`, { replace: true }); return; }
      p = saved;
      drawPreview(saved);
    } catch (err) {
      // Nested form errors name their place: "form.fields[2].label", "form.title".
      const m = /^form\.fields\[(\d+)\]\.?(\w*)/.exec(err.field || '');
      const head = /^form\.(title|capacity|closes_at)$/.exec(err.field || '');
      if (m && builder.editors()[Number(m[1])]) {
        const ed = builder.editors()[Number(m[1])].fields;
        const target = ed[m[2]] || ed.label;
        target.setError(errorMessage(err.code));
        target.focus();
      } else if (head) {
        builder.head[head[1]].setError(errorMessage(err.code));
        builder.head[head[1]].focus();
      } else {
        showFieldErrors(err, f, alertBox);
      }
    }
  });
  body.append(form);
}

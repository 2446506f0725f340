// News editor: title, lead, Markdown body, image, schedule, pin, target groups, comments; after saving, the
// server's rendered body is shown as the preview (the API renders only on save). Staff with news:moderate
// also moderate the item's comments here.
import { api } from '/common/api.js';
import { t, formatDateTime, formatNumber } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading } from '/common/ui.js';
import { page, can, go, section, errorAlert } from '../lib.js';
import { toLocalInput, fromLocalInput, groupPicker, uploadField, check, safeHtml, deleteButton } from '../content.js';
import { stateBadge } from './news.js';
import { itemComments } from './news_comments.js';

export async function render(ctx) {
  const isNew = ctx.params.id === undefined || ctx.params.id === 'new';
  const crumbs = (title) => [['/news', t('admin.nav.news')], [null, title]];
  let item = { title: '', lead: '', body: '', image_id: null, pinned: false, publish_at: 0, expire_at: null, groups: [], comments_enabled: true };
  if (!isNew) {
    const b = page(t('admin.news.edit'), { crumbs: crumbs(t('admin.news.edit')) });
    mount(b, loading());
    try { item = await api.get(`/api/v1/admin/news/${ctx.params.id}`); } catch (e) { mount(b, errorAlert(e)); return; }
  }
  const title = isNew ? t('admin.news.new') : item.title;
  const actions = [];
  if (!isNew) {
    actions.push(deleteButton({ label: t('admin.news.delete'), title: t('admin.news.delete_title'), text: t('admin.news.delete_text', { title: item.title }),
      path: `/api/v1/admin/news/${item.id}`, done: t('admin.news.deleted'), after: () => go('/news') }));
  }
  const body = page(title, { crumbs: crumbs(title), actions });
  const alertBox = formAlert();
  const f = {
    title: field({ name: 'title', label: t('admin.news.f_title'), value: item.title, required: true, attrs: { maxlength: '200' } }),
    lead: field({ name: 'lead', label: t('admin.news.f_lead'), value: item.lead, optional: true, multiline: true, hint: t('admin.news.f_lead_hint'), attrs: { rows: '2', maxlength: '500' } }),
    body: field({ name: 'body', label: t('admin.news.f_body'), value: item.body, optional: true, multiline: true, hint: t('admin.news.f_body_hint'), attrs: { rows: '14', maxlength: '50000', class: 'mono-input' } }),
    publish_at: field({ name: 'publish_at', label: t('admin.news.f_publish'), type: 'datetime-local', value: toLocalInput(item.publish_at), optional: true, hint: t('admin.news.f_publish_hint') }),
    expire_at: field({ name: 'expire_at', label: t('admin.news.f_expire'), type: 'datetime-local', value: toLocalInput(item.expire_at), optional: true, hint: t('admin.news.f_expire_hint') }),
    pinned: check('pinned', t('admin.news.f_pinned'), item.pinned),
    comments_enabled: check('comments_enabled', t('admin.news.f_comments'), item.comments_enabled),
  };
  const image = uploadField({ label: t('admin.news.f_image'), kind: 'image', current: item.image_id || '' });
  f.image_id = image;
  const groups = groupPicker(item.groups);
  const preview = h('div', { class: 'preview-box', 'aria-live': 'polite' });
  const drawPreview = (it) => {
    if (!it || !it.id) { mount(preview, h('p', { class: 'muted' }, t('admin.news.preview_after_save'))); return; }
    mount(preview,
      h('div', { class: 'row' }, stateBadge(it.state), it.pinned ? h('span', { class: 'badge badge-info' }, t('admin.news.pinned')) : null,
        h('span', { class: 'muted small' }, t('admin.news.stats', { reads: formatNumber(it.read_count || 0), comments: formatNumber(it.comment_count || 0) }))),
      h('article', { class: 'news-preview stack-sm' },
        it.image_url ? h('img', { src: it.image_url, alt: '', class: 'preview-image' }) : null,
        h('h3', {}, it.title), it.lead ? h('p', { class: 'lead' }, it.lead) : null, safeHtml(it.body_html)),
      h('p', { class: 'small muted' }, t('admin.news.preview_saved_at', { at: formatDateTime(it.updated_at) })));
  };
  drawPreview(isNew ? null : item);

  const save = button(t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    h('div', { class: 'content-grid' },
      h('div', { class: 'stack' },
        section(t('admin.news.s_text'), f.title.el, f.lead.el, f.body.el,
          h('details', { class: 'format-help' }, h('summary', {}, t('admin.news.md_help')), h('pre', {}, t('admin.news.md_help_text')))),
        section(t('admin.news.s_preview'), preview)),
      h('div', { class: 'stack' },
        section(t('admin.news.s_publish'), f.publish_at.el, f.expire_at.el, f.pinned.el, f.comments_enabled.el),
        section(t('admin.news.s_image'), image.el),
        section(t('admin.news.s_target'), groups.el))),
    h('div', { class: 'form-actions sticky-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    if (image.busy()) { alertBox.show(t('admin.content.upload_wait')); return; }
    const payload = {
      title: f.title.value().trim(),
      lead: f.lead.value().trim(),
      body: f.body.value(),
      image_id: image.value() || '',
      pinned: f.pinned.value(),
      comments_enabled: f.comments_enabled.value(),
      groups: groups.value(),
      publish_at: fromLocalInput(f.publish_at.value()) || null,
      expire_at: fromLocalInput(f.expire_at.value()) || null,
    };
    if (!payload.title) { f.title.setError(t('errors.field_required')); f.title.focus(); return; }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/news', payload) : api.put(`/api/v1/admin/news/${item.id}`, payload));
      toast(t('admin.news.saved'), { kind: 'success' });
      if (isNew) { go(`/news/${saved.id}`, { replace: true }); return; }
      item = saved;
      drawPreview(saved);
      preview.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      showFieldErrors(err, f, alertBox, { image: 'image_id' });
    }
  });
  body.append(form);
  if (!isNew && can('news:moderate') && (item.comments_enabled || item.comment_count)) {
    body.append(section(t('admin.news.s_comments'), itemComments(item.id)));
  }
}

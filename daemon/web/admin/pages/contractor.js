// One contractor: categories, contacts, area, hours, "recommended" and "active" flags; reviews with moderation.
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading, dialog, uid, badge } from '/common/ui.js';
import { page, go, section, errorAlert, userRef } from '../lib.js';
import { check, deleteButton } from '../content.js';
import { ratingText } from './contractors.js';

function categoryPicker(all, selected) {
  const chosen = new Set(selected);
  const list = h('ul', { class: 'check-list cols' });
  const draw = () => mount(list, all.map((c) => {
    const id = uid('cat');
    const input = h('input', { type: 'checkbox', id, checked: chosen.has(c.id) });
    input.addEventListener('change', () => { if (input.checked) chosen.add(c.id); else chosen.delete(c.id); });
    return h('li', { class: 'check' }, input, h('label', { for: id }, c.name));
  }));
  draw();
  const newName = field({ name: 'new-category', label: t('admin.contractors.new_category'), attrs: { maxlength: '100' } });
  const add = button(t('admin.contractors.add_category'), { variant: 'secondary', size: 'sm', onClick: async () => {
    const name = newName.value().trim();
    if (!name) { newName.setError(t('errors.field_required')); return; }
    try {
      const c = await withBusy(add, api.post('/api/v1/admin/contractors/categories', { name }));
      all.push(c);
      chosen.add(c.id);
      newName.input.value = '';
      draw();
      toast(t('admin.contractors.category_added', { name }), { kind: 'success' });
    } catch (e) { newName.setError(errorMessage(e.code)); }
  } });
  const errorEl = h('p', { class: 'error' });
  return {
    el: h('fieldset', { class: 'picker-fieldset' }, h('legend', {}, t('admin.contractors.f_categories')), list, errorEl,
      h('div', { class: 'row end inline-add' }, newName.el, add)),
    value: () => Array.from(chosen),
    setError(m) { errorEl.textContent = m || ''; }, clearError() { errorEl.textContent = ''; }, focus() { const i = list.querySelector('input'); if (i) i.focus(); },
  };
}

function reviews(id) {
  const box = h('div', { class: 'stack' });
  async function load() {
    mount(box, loading());
    try {
      const d = await api.get(`/api/v1/admin/contractors/${id}`, { limit: 100 });
      const items = d.reviews.items;
      mount(box, h('p', {}, ratingText(d.rating)), items.length ? h('ul', { class: 'comment-list' }, items.map((r) => h('li', { class: ['comment', r.hidden && 'comment-hidden'] },
        h('div', { class: 'comment-head' }, h('strong', { 'aria-label': t('admin.contractors.stars_label', { count: r.rating }) }, '★'.repeat(r.rating) + '☆'.repeat(5 - r.rating)),
          h('span', { class: 'muted small' }, formatDateTime(r.created_at)), h('span', { class: 'small' }, userRef(r.user_id)), r.hidden ? badge(t('admin.news.hidden'), 'neutral') : null),
        r.text ? h('p', { class: 'comment-body' }, r.text) : null,
        r.hidden ? h('p', { class: 'small muted' }, t('admin.news.hidden_because', { reason: r.hidden_reason || '—' })) : null,
        h('div', { class: 'btn-row' }, r.hidden
          ? button(t('admin.news.unhide'), { variant: 'secondary', size: 'sm', onClick: () => unhide(r) })
          : button(t('admin.news.hide'), { variant: 'danger-outline', size: 'sm', onClick: () => hide(r) }))))) : h('p', { class: 'muted' }, t('admin.contractors.no_reviews')),
      d.reviews.total > items.length ? h('p', { class: 'small muted' }, t('admin.news.comments_more', { shown: items.length, total: d.reviews.total })) : null);
    } catch (e) { mount(box, errorAlert(e)); }
  }
  async function hide(r) {
    const reason = field({ name: 'reason', label: t('admin.news.hide_reason'), multiline: true, required: true, attrs: { rows: '3', maxlength: '500' } });
    const ok = await dialog({ title: t('admin.contractors.hide_title'), initialFocus: reason.input,
      body: h('div', { class: 'stack' }, r.text ? h('blockquote', { class: 'comment-quote' }, r.text) : null, reason.el),
      actions: [{ label: t('common.cancel'), variant: 'secondary', value: false }, { label: t('admin.news.hide'), variant: 'danger', value: true, onClick: async () => {
        const text = reason.value().trim();
        if (!text) { reason.setError(t('errors.reason_required')); return false; }
        try { await api.post(`/api/v1/admin/contractors/reviews/${r.id}/hide`, { reason: text }); return true; } catch (e) { reason.setError(errorMessage(e.code)); return false; }
      } }] });
    if (ok === true) { toast(t('admin.contractors.review_hidden'), { kind: 'success' }); load(); }
  }
  async function unhide(r) {
    try { await api.post(`/api/v1/admin/contractors/reviews/${r.id}/unhide`); toast(t('admin.contractors.review_unhidden'), { kind: 'success' }); load(); }
    catch (e) { toast(errorMessage(e.code), { kind: 'error' }); }
  }
  load();
  return box;
}

export async function render(ctx) {
  const isNew = !ctx.params.id;
  const crumbs = (title) => [['/contractors', t('admin.nav.contractors')], [null, title]];
  const first = page(isNew ? t('admin.contractors.new') : t('admin.contractors.edit'), { crumbs: crumbs(isNew ? t('admin.contractors.new') : t('admin.contractors.edit')) });
  mount(first, loading());
  let c = { name: '', category_ids: [], description: '', phone: '', email: '', website: '', service_area: '', hours: '', recommended: false, active: true };
  let cats;
  try {
    cats = (await api.get('/api/v1/admin/contractors/categories')).items;
    if (!isNew) c = await api.get(`/api/v1/admin/contractors/${ctx.params.id}`, { limit: 1 });
  } catch (e) { mount(first, errorAlert(e)); return; }
  const title = isNew ? t('admin.contractors.new') : c.name;
  const actions = isNew ? [] : [deleteButton({ label: t('admin.contractors.delete'), title: t('admin.contractors.delete_title'), text: t('admin.contractors.delete_text', { name: c.name }),
    path: `/api/v1/admin/contractors/${c.id}`, done: t('admin.contractors.deleted'), after: () => go('/contractors') })];
  const body = page(title, { crumbs: crumbs(title), actions });
  const alertBox = formAlert();
  const f = {
    name: field({ name: 'name', label: t('admin.contractors.f_name'), value: c.name, required: true, attrs: { maxlength: '200' } }),
    description: field({ name: 'description', label: t('admin.contractors.f_description'), value: c.description, optional: true, multiline: true, attrs: { rows: '3', maxlength: '2000' } }),
    phone: field({ name: 'phone', label: t('admin.contractors.f_phone'), type: 'tel', value: c.phone, optional: true, autocomplete: 'off', attrs: { maxlength: '32' } }),
    email: field({ name: 'email', label: t('admin.contractors.f_email'), type: 'email', value: c.email, optional: true, autocomplete: 'off', attrs: { maxlength: '254' } }),
    website: field({ name: 'website', label: t('admin.contractors.f_website'), type: 'url', value: c.website, optional: true, placeholder: 'https://', attrs: { maxlength: '500' } }),
    service_area: field({ name: 'service_area', label: t('admin.contractors.f_area'), value: c.service_area, optional: true, hint: t('admin.contractors.f_area_hint'), attrs: { maxlength: '200' } }),
    hours: field({ name: 'hours', label: t('admin.contractors.f_hours'), value: c.hours, optional: true, hint: t('admin.contractors.f_hours_hint'), attrs: { maxlength: '200' } }),
    recommended: check('recommended', t('admin.contractors.f_recommended'), c.recommended),
    active: check('active', t('admin.contractors.f_active'), c.active),
  };
  const categories = categoryPicker(cats, c.category_ids || []);
  f.category_ids = categories;
  const save = button(t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    section(t('admin.contractors.s_basic'), f.name.el, categories.el, f.description.el, f.recommended.el, f.active.el),
    section(t('admin.contractors.s_contact'), h('div', { class: 'grid cols-2' }, f.phone.el, f.email.el), f.website.el, h('div', { class: 'grid cols-2' }, f.service_area.el, f.hours.el)),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    const payload = Object.fromEntries(['name', 'description', 'phone', 'email', 'website', 'service_area', 'hours'].map((k) => [k, f[k].value().trim()]));
    Object.assign(payload, { category_ids: categories.value(), recommended: f.recommended.value(), active: f.active.value() });
    if (!payload.name) { f.name.setError(t('errors.field_required')); f.name.focus(); return; }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/contractors', payload) : api.put(`/api/v1/admin/contractors/${c.id}`, payload));
      toast(t('admin.contractors.saved'), { kind: 'success' });
      if (isNew) go(`/contractors/${saved.id}`, { replace: true });
    } catch (err) { showFieldErrors(err, f, alertBox); }
  });
  body.append(form);
  if (!isNew) body.append(section(t('admin.contractors.s_reviews'), reviews(c.id)));
}

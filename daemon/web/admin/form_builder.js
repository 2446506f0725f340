// Sign-up form builder for information pages: form title, capacity (with a waiting list beyond it), closing time,
// who handles the submissions, and the questions (add, remove, move up/down). The model is the API's form object:
// {title, fields:[{key,type,label,required,options,min,max,max_length}], capacity, closes_at, assignee}.
import { api } from '/common/api.js';
import { t } from '/common/i18n.js';
import { h, mount, field, button, uid } from '/common/ui.js';
import { lists, fullName, debounce } from './lib.js';
import { toLocalInput, fromLocalInput, check } from './content.js';

export const FIELD_TYPES = ['text', 'textarea', 'number', 'date', 'choice', 'multi', 'consent'];

// "Imię i nazwisko" → "imie_i_nazwisko" (the API key alphabet: [a-z0-9_], ≤ 40).
export function keyFrom(label) {
  const map = { ą: 'a', ć: 'c', ę: 'e', ł: 'l', ń: 'n', ó: 'o', ś: 's', ź: 'z', ż: 'z' };
  return label.toLowerCase().replace(/[ąćęłńóśźż]/g, (c) => map[c]).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40) || 'pole';
}

function assigneePicker(assignee) {
  let mode = assignee && assignee.user_id ? 'user' : assignee && assignee.department_id ? 'department' : 'none';
  let userId = assignee && assignee.user_id ? assignee.user_id : 0;
  const dept = field({ name: 'department', label: t('admin.info.fb_department'), value: assignee && assignee.department_id ? assignee.department_id : '', options: [{ value: '', label: t('admin.info.fb_choose') }] });
  lists.departments().then((ds) => {
    dept.input.replaceChildren(...[{ id: '', name: t('admin.info.fb_choose') }, ...ds].map((d) => h('option', { value: String(d.id), selected: String(d.id) === String(assignee && assignee.department_id) }, d.name)));
  }, () => {});
  const chosenUser = h('p', { class: 'small', 'aria-live': 'polite' });
  const drawUser = (name) => { chosenUser.textContent = userId ? t('admin.info.fb_user_chosen', { name: name || `#${userId}` }) : t('admin.info.fb_user_none'); };
  if (userId) api.get(`/api/v1/admin/users/${userId}`).then((d) => drawUser(fullName(d.user)), () => drawUser());
  else drawUser();
  const search = field({ name: 'user-search', label: t('admin.info.fb_user_search'), type: 'search', hint: t('admin.groups.member_search_hint'), attrs: { autocomplete: 'off' } });
  const results = h('ul', { class: 'list picker-results', hidden: true });
  search.input.addEventListener('input', debounce(async () => {
    const q = search.value().trim();
    if (q.length < 2) { results.hidden = true; return; }
    try {
      const d = await api.get('/api/v1/admin/users', { query: q, limit: 8 });
      mount(results, d.items.map((u) => h('li', {}, h('span', { class: 'grow' }, fullName(u), h('span', { class: 'muted small' }, ` · ${u.email}`)),
        button(t('admin.info.fb_pick'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.info.fb_pick_named', { name: fullName(u) }) },
          onClick: () => { userId = u.id; drawUser(fullName(u)); results.hidden = true; search.input.value = ''; } }))));
      results.hidden = false;
    } catch { results.hidden = true; }
  }, 250));
  const userBox = h('div', { class: 'stack-sm' }, chosenUser, search.el, results);
  const name = uid('assignee');
  const radios = ['none', 'department', 'user'].map((m) => {
    const id = uid('as');
    const input = h('input', { type: 'radio', name, id, value: m, checked: mode === m });
    input.addEventListener('change', () => { if (input.checked) { mode = m; show(); } });
    return h('div', { class: 'check' }, input, h('label', { for: id }, t(`admin.info.fb_assignee_${m}`)));
  });
  const show = () => { dept.el.hidden = mode !== 'department'; userBox.hidden = mode !== 'user'; };
  show();
  return {
    el: h('fieldset', { class: 'picker-fieldset' }, h('legend', {}, t('admin.info.fb_assignee')), h('div', { class: 'row' }, radios), dept.el, userBox),
    value() {
      if (mode === 'user' && userId) return { user_id: userId };
      if (mode === 'department' && dept.value()) return { department_id: Number(dept.value()) };
      return null;
    },
  };
}

// One question's editor; `ctl` = {remove(), up(), down()}.
function fieldEditor(model, index, count, ctl) {
  const n = index + 1;
  const label = field({ name: `label-${n}`, label: t('admin.info.fb_label'), value: model.label, required: true, attrs: { maxlength: '200' } });
  const key = field({ name: `key-${n}`, label: t('admin.info.fb_key'), value: model.key, hint: t('admin.info.fb_key_hint'), attrs: { maxlength: '40', pattern: '[a-z0-9_]+', class: 'mono-input' } });
  const type = field({ name: `type-${n}`, label: t('admin.info.fb_type'), value: model.type, options: FIELD_TYPES.map((v) => ({ value: v, label: t(`admin.info.type_${v}`) })) });
  const required = check(`required-${n}`, t('admin.info.fb_required'), model.required);
  const options = field({ name: `options-${n}`, label: t('admin.info.fb_options'), multiline: true, value: (model.options || []).join('\n'), hint: t('admin.info.fb_options_hint'), attrs: { rows: '4' } });
  const min = field({ name: `min-${n}`, label: t('admin.info.fb_min'), type: 'number', value: model.min ?? '', optional: true, attrs: { step: 'any' } });
  const max = field({ name: `max-${n}`, label: t('admin.info.fb_max'), type: 'number', value: model.max ?? '', optional: true, attrs: { step: 'any' } });
  const maxLength = field({ name: `maxlen-${n}`, label: t('admin.info.fb_max_length'), type: 'number', value: model.max_length ?? '', optional: true, hint: t('admin.info.fb_max_length_hint'), attrs: { min: '1', max: '2000', inputmode: 'numeric' } });
  let keyTouched = !!model.key;
  key.input.addEventListener('input', () => { keyTouched = true; model.key = key.value().trim(); });
  label.input.addEventListener('input', () => { model.label = label.value(); if (!keyTouched) { model.key = keyFrom(model.label); key.input.value = model.key; } });
  required.input.addEventListener('change', () => { model.required = required.value(); });
  options.input.addEventListener('input', () => { model.options = options.value().split('\n').map((s) => s.trim()).filter(Boolean); });
  min.input.addEventListener('input', () => { model.min = min.value() === '' ? null : Number(min.value()); });
  max.input.addEventListener('input', () => { model.max = max.value() === '' ? null : Number(max.value()); });
  maxLength.input.addEventListener('input', () => { model.max_length = maxLength.value() === '' ? null : Number(maxLength.value()); });
  const showExtra = () => {
    options.el.hidden = !['choice', 'multi'].includes(model.type);
    min.el.hidden = max.el.hidden = model.type !== 'number';
    maxLength.el.hidden = !['text', 'textarea'].includes(model.type);
  };
  type.input.addEventListener('change', () => { model.type = type.value(); showExtra(); });
  showExtra();
  const name = model.label || t('admin.info.fb_question_n', { n });
  const head = h('div', { class: 'row between' }, h('h4', { class: 'fb-title' }, t('admin.info.fb_question_n', { n })),
    h('div', { class: 'btn-row' },
      button(t('admin.info.fb_up'), { variant: 'ghost', size: 'sm', attrs: { 'aria-label': t('admin.info.fb_up_named', { name }), disabled: index === 0 }, onClick: ctl.up }),
      button(t('admin.info.fb_down'), { variant: 'ghost', size: 'sm', attrs: { 'aria-label': t('admin.info.fb_down_named', { name }), disabled: index === count - 1 }, onClick: ctl.down }),
      button(t('admin.info.fb_remove'), { variant: 'danger-outline', size: 'sm', attrs: { 'aria-label': t('admin.info.fb_remove_named', { name }) }, onClick: ctl.remove })));
  const fields = { label, key, type, options, min, max, max_length: maxLength, required };
  return { el: h('li', { class: 'fb-field' }, head, h('div', { class: 'grid cols-2' }, label.el, type.el), key.el, options.el,
    h('div', { class: 'grid cols-2' }, min.el, max.el), maxLength.el, required.el), fields };
}

// → {el, value() → form object, fieldsFor(index) → editors (to show server errors)}.
export function formBuilder(form) {
  const model = {
    title: form ? form.title : '',
    capacity: form ? form.capacity || 0 : 0,
    closes_at: form ? form.closes_at || 0 : 0,
    fields: form ? form.fields.map((x) => ({ ...x })) : [{ key: 'imie_nazwisko', type: 'text', label: t('admin.info.fb_default_name'), required: true, options: [] }],
  };
  const title = field({ name: 'form-title', label: t('admin.info.fb_title'), value: model.title, required: true, attrs: { maxlength: '200' } });
  const capacity = field({ name: 'capacity', label: t('admin.info.fb_capacity'), type: 'number', value: model.capacity ? String(model.capacity) : '', optional: true, hint: t('admin.info.fb_capacity_hint'), attrs: { min: '0', inputmode: 'numeric' } });
  const closes = field({ name: 'closes_at', label: t('admin.info.fb_closes'), type: 'datetime-local', value: toLocalInput(model.closes_at), optional: true });
  const assignee = assigneePicker(form && form.assignee);
  const list = h('ol', { class: 'fb-list' });
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  let editors = [];
  const draw = (focusIndex) => {
    editors = model.fields.map((m, i) => fieldEditor(m, i, model.fields.length, {
      remove: () => { model.fields.splice(i, 1); live.textContent = t('admin.info.fb_removed'); draw(Math.min(i, model.fields.length - 1)); },
      up: () => { [model.fields[i - 1], model.fields[i]] = [model.fields[i], model.fields[i - 1]]; live.textContent = t('admin.info.fb_moved', { n: i }); draw(i - 1); },
      down: () => { [model.fields[i + 1], model.fields[i]] = [model.fields[i], model.fields[i + 1]]; live.textContent = t('admin.info.fb_moved', { n: i + 2 }); draw(i + 1); },
    }));
    mount(list, editors.length ? editors.map((e) => e.el) : h('li', { class: 'muted' }, t('admin.info.fb_no_fields')));
    if (focusIndex !== undefined && editors[focusIndex]) editors[focusIndex].fields.label.focus();
  };
  draw();
  const add = button(t('admin.info.fb_add'), { variant: 'secondary', onClick: () => {
    model.fields.push({ key: '', type: 'text', label: '', required: false, options: [] });
    draw(model.fields.length - 1);
  } });
  const el = h('div', { class: 'stack' }, title.el, h('div', { class: 'grid cols-2' }, capacity.el, closes.el), assignee.el,
    h('h3', {}, t('admin.info.fb_fields')), list, live, add);
  return {
    el,
    head: { title, capacity, closes_at: closes },
    editors: () => editors,
    value() {
      return {
        title: title.value().trim(),
        capacity: Number(capacity.value()) || 0,
        closes_at: fromLocalInput(closes.value()),
        assignee: assignee.value(),
        fields: model.fields.map((m) => {
          const out = { key: m.key || keyFrom(m.label || ''), type: m.type, label: (m.label || '').trim(), required: !!m.required };
          if (m.type === 'choice' || m.type === 'multi') out.options = m.options || [];
          if (m.type === 'number') { if (m.min !== null && m.min !== undefined && m.min !== '') out.min = Number(m.min); if (m.max !== null && m.max !== undefined && m.max !== '') out.max = Number(m.max); }
          if ((m.type === 'text' || m.type === 'textarea') && m.max_length) out.max_length = Number(m.max_length);
          return out;
        }),
      };
    },
  };
}

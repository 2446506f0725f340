// Group editor: name, description, kind; static members (search and add) or a rule built with
// the rule builder, with a live member count from POST /api/v1/admin/groups/preview while editing.
import { api } from '/common/api.js';
import { t, formatNumber, errorMessage } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading, confirmDialog, uid } from '/common/ui.js';
import { page, can, go, lists, fullName, errorAlert, debounce } from '../lib.js';
import { ruleBuilder, fromJson, toJson } from '../rule_builder.js';

function kindRadios(value, onChange) {
  const name = uid('kind');
  const radio = (v) => {
    const id = uid('kind');
    const input = h('input', { type: 'radio', name, id, value: v, checked: value === v });
    input.addEventListener('change', () => { if (input.checked) onChange(v); });
    return h('div', { class: 'check' }, input, h('label', { for: id }, h('strong', {}, t(`admin.groups.kind_${v}_long`)),
      h('span', { class: 'muted small block' }, t(`admin.groups.kind_${v}_hint`))));
  };
  return h('fieldset', { class: 'kind-choice' }, h('legend', {}, t('admin.groups.kind')), radio('rule'), radio('static'));
}

function memberPicker(members, onChange) {
  const results = h('ul', { class: 'list picker-results', hidden: true });
  const chosen = h('ul', { class: 'list' });
  const search = field({ name: 'member-search', label: t('admin.groups.member_search'), type: 'search', hint: t('admin.groups.member_search_hint'), attrs: { autocomplete: 'off' } });
  function drawChosen() {
    mount(chosen, members.length ? members.map((m, i) => h('li', {}, h('span', { class: 'grow' }, fullName(m), h('span', { class: 'muted small' }, ` · ${m.email}`)),
      button(t('admin.groups.member_remove'), { variant: 'ghost', size: 'sm', attrs: { 'aria-label': t('admin.groups.member_remove_named', { name: fullName(m) }) },
        onClick: () => { members.splice(i, 1); drawChosen(); onChange(); } }))) : h('li', { class: 'muted' }, t('admin.groups.no_members')));
  }
  const find = debounce(async () => {
    const q = search.value().trim();
    if (q.length < 2) { results.hidden = true; return; }
    try {
      const d = await api.get('/api/v1/admin/users', { query: q, limit: 10 });
      const known = new Set(members.map((m) => m.id));
      mount(results, d.items.length ? d.items.map((u) => h('li', {}, h('span', { class: 'grow' }, fullName(u), h('span', { class: 'muted small' }, ` · ${u.email}`)),
        known.has(u.id) ? h('span', { class: 'muted small' }, t('admin.groups.already_member'))
          : button(t('admin.groups.member_add'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.groups.member_add_named', { name: fullName(u) }) },
            onClick: () => { members.push(u); drawChosen(); onChange(); find(); } }))) : h('li', { class: 'muted' }, t('admin.users.empty')));
      results.hidden = false;
    } catch (e) {
      mount(results, h('li', {}, errorMessage(e.code)));
      results.hidden = false;
    }
  }, 250);
  search.input.addEventListener('input', find);
  drawChosen();
  return h('div', { class: 'stack' }, search.el, results, h('h3', {}, t('admin.groups.members')), chosen);
}

export async function render(ctx) {
  const isNew = ctx.params.id === 'new';
  const title = isNew ? t('admin.groups.new') : t('admin.groups.edit');
  const body = page(title, { crumbs: [['/groups', t('admin.nav.groups')], [null, title]] });
  mount(body, loading());
  let group = { name: '', description: '', kind: 'rule', rule: null };
  let members = [];
  let data;
  try {
    const [g, roles, estates, buildings, departments, m] = await Promise.all([
      isNew ? Promise.resolve(group) : api.get(`/api/v1/admin/groups/${ctx.params.id}`),
      lists.roles().catch(() => []), lists.estates().catch(() => []), lists.buildings().catch(() => []), lists.departments().catch(() => []),
      isNew ? Promise.resolve({ members: [] }) : api.get(`/api/v1/admin/groups/${ctx.params.id}/members`, { limit: 500 }),
    ]);
    group = g;
    data = { roles, estates, buildings, departments };
    members = g.kind === 'static' ? m.members : [];
  } catch (e) {
    mount(body, errorAlert(e));
    return;
  }
  const manage = can('groups:manage');
  const actions = [];
  if (!isNew && manage) {
    actions.push(button(t('admin.groups.delete'), { variant: 'danger-outline', onClick: async () => {
      if (!(await confirmDialog(t('admin.groups.delete_title', { name: group.name }), t('admin.groups.delete_text'), { confirmLabel: t('admin.groups.delete'), danger: true }))) return;
      try { await api.del(`/api/v1/admin/groups/${group.id}`); toast(t('admin.groups.deleted'), { kind: 'success' }); go('/groups'); }
      catch (e) { toast(errorMessage(e.code), { kind: 'error' }); }
    } }));
  }
  const main = page(isNew ? title : group.name, { crumbs: [['/groups', t('admin.nav.groups')], [null, isNew ? title : group.name]], actions });
  const alertBox = formAlert();
  const name = field({ name: 'name', label: t('admin.groups.name'), value: group.name, required: true, attrs: { maxlength: '100' } });
  const description = field({ name: 'description', label: t('admin.groups.description'), value: group.description, optional: true, multiline: true, attrs: { rows: '2' } });
  const fields = { name, description };
  const model = fromJson(group.rule);
  let kind = group.kind;

  const count = h('p', { id: 'rule-count', class: 'rule-count', role: 'status', 'aria-live': 'polite' });
  let seq = 0;
  const preview = debounce(async () => {
    const rule = toJson(model);
    const my = ++seq;
    if (!rule) { mount(count, h('span', { class: 'muted' }, t(model.rules.length ? 'admin.groups.count_incomplete' : 'admin.groups.count_empty'))); return; }
    count.classList.add('busy');
    try {
      const d = await api.post('/api/v1/admin/groups/preview', { rule });
      if (my !== seq) return;
      mount(count, h('span', { class: 'count-number' }, formatNumber(d.count)), ' ', t('admin.groups.count_people', { count: d.count }));
    } catch (e) {
      if (my !== seq) return;
      mount(count, h('span', { class: 'error-text' }, errorMessage(e.code)));
    } finally {
      if (my === seq) count.classList.remove('busy');
    }
  }, 250);
  const staticCount = h('p', { class: 'rule-count', role: 'status', 'aria-live': 'polite' });
  const drawStaticCount = () => { mount(staticCount, h('span', { class: 'count-number' }, formatNumber(members.length)), ' ', t('admin.groups.count_people', { count: members.length })); };

  const rulePane = h('section', { class: 'card stack', 'aria-labelledby': 'rule-title' },
    h('div', { class: 'row between top' }, h('h2', { id: 'rule-title', class: 'card-title' }, t('admin.groups.rule')), h('div', { class: 'count-box' }, h('span', { class: 'small muted' }, t('admin.groups.count_label')), count)),
    ruleBuilder({ model, lists: data, onChange: preview }));
  const staticPane = h('section', { class: 'card stack', 'aria-labelledby': 'static-title' },
    h('div', { class: 'row between top' }, h('h2', { id: 'static-title', class: 'card-title' }, t('admin.groups.members')), h('div', { class: 'count-box' }, staticCount)),
    memberPicker(members, drawStaticCount));
  const showKind = () => { rulePane.hidden = kind !== 'rule'; staticPane.hidden = kind !== 'static'; };
  showKind();
  preview();
  drawStaticCount();

  const save = button(t('admin.groups.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    h('div', { class: 'card stack' }, name.el, description.el, kindRadios(kind, (v) => { kind = v; showKind(); })),
    rulePane, staticPane,
    manage ? h('div', { class: 'form-actions' }, save) : null);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, alertBox);
    const payload = { name: name.value().trim(), description: description.value().trim(), kind };
    if (kind === 'rule') {
      payload.rule = toJson(model);
      if (!payload.rule) { alertBox.show(t('admin.groups.rule_incomplete')); return; }
    } else {
      payload.members = members.map((m) => m.id);
    }
    try {
      await withBusy(save, isNew ? api.post('/api/v1/admin/groups', payload) : api.put(`/api/v1/admin/groups/${group.id}`, payload));
      toast(t('admin.groups.saved'), { kind: 'success' });
      go('/groups');
    } catch (err) {
      showFieldErrors(err, fields, alertBox);
    }
  });
  main.append(form);
}

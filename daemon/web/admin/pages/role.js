// Role editor: name, description and permissions grouped by module (GET /api/v1/admin/permissions).
import { api } from '/common/api.js';
import { t, has, getLanguage } from '/common/i18n.js';
import { h, mount, field, checkbox, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading, alert } from '/common/ui.js';
import { page, can, go, errorAlert } from '../lib.js';

function moduleName(m) {
  const key = `admin.modules.${m}`;
  return has(key) ? t(key) : m;
}

export async function render(ctx) {
  const isNew = ctx.params.id === 'new';
  const crumbs = [['/roles', t('admin.nav.roles')], [null, isNew ? t('admin.roles.new') : `#${ctx.params.id}`]];
  const body = page(isNew ? t('admin.roles.new') : t('admin.roles.edit'), { crumbs });
  mount(body, loading());
  let role = { name: '', description: '', permissions: [], builtin: false };
  let registry = null;
  try {
    const [r, p] = await Promise.all([
      isNew ? Promise.resolve(role) : api.get(`/api/v1/admin/roles/${ctx.params.id}`),
      can('roles:manage') ? api.get('/api/v1/admin/permissions') : Promise.resolve(null),
    ]);
    role = r;
    registry = p;
  } catch (e) {
    mount(body, errorAlert(e));
    return;
  }
  const readonly = role.builtin || !can('roles:manage');
  const main = page(isNew ? t('admin.roles.new') : role.name, { crumbs: [['/roles', t('admin.nav.roles')], [null, isNew ? t('admin.roles.new') : role.name]] });
  const alertBox = formAlert();
  const name = field({ name: 'name', label: t('admin.roles.name'), value: role.name, required: true, attrs: { maxlength: '100', readOnly: readonly } });
  const description = field({ name: 'description', label: t('admin.roles.description'), value: role.description, optional: true, multiline: true, attrs: { rows: '2', readOnly: readonly } });
  const fields = { name, description };
  const boxes = [];
  const modules = registry ? registry.modules : [{ module: '', permissions: role.permissions.map((n) => ({ name: n, description: n })) }];
  const lang = getLanguage();
  const groups = modules.map((m) => h('fieldset', { class: 'perm-group card' },
    h('legend', {}, moduleName(m.module)),
    h('div', { class: 'stack-sm' }, m.permissions.map((p) => {
      const c = checkbox({ name: p.name, checked: role.permissions.includes(p.name),
        label: [h('span', {}, (lang === 'en' ? p.description_en : p.description_pl) || p.description), ' ', h('code', { class: 'perm-code' }, p.name)] });
      c.input.disabled = readonly;
      boxes.push([p.name, c]);
      return c.el;
    }))));
  const save = button(t('admin.roles.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    readonly && role.builtin ? alert('info', t('admin.roles.builtin_note')) : null,
    h('div', { class: 'card stack' }, name.el, description.el),
    h('h2', {}, t('admin.roles.permissions')),
    h('div', { class: 'perm-grid' }, groups),
    readonly ? null : h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, alertBox);
    const payload = { name: name.value().trim(), description: description.value().trim(), permissions: boxes.filter(([, c]) => c.value()).map(([n]) => n) };
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/roles', payload) : api.put(`/api/v1/admin/roles/${role.id}`, payload));
      toast(t('admin.roles.saved'), { kind: 'success' });
      go(`/roles/${saved.id}`, { replace: isNew });
    } catch (err) {
      showFieldErrors(err, fields, alertBox);
    }
  });
  main.append(form);
}

// Accounts: search and filters (status, role, group, estate, building) with server-side pagination.
// Filters live in the URL query so a reload or the back button keeps them.
import { api } from '/common/api.js';
import { t, formatDateTime } from '/common/i18n.js';
import { h, field, table, button } from '/common/ui.js';
import { page, fullName, statusBadge, link, lists, debounce, setQuery, go } from '../lib.js';

const FILTERS = ['query', 'status', 'role', 'group', 'estate', 'building'];

function option(value, label) { return { value, label }; }

export async function render(ctx) {
  const body = page(t('admin.users.title'), { lead: t('admin.users.lead') });
  const q = Object.fromEntries(FILTERS.map((k) => [k, ctx.query[k] || '']));
  const all = option('', t('admin.users.any'));
  const search = field({ name: 'query', label: t('admin.users.search'), type: 'search', value: q.query,
    hint: t('admin.users.search_hint'), attrs: { autocomplete: 'off' } });
  const status = field({ name: 'status', label: t('admin.users.status'), value: q.status,
    options: [all, ...['active', 'pending', 'blocked', 'deleted'].map((s) => option(s, t(`admin.status.${s}`)))] });
  const role = field({ name: 'role', label: t('admin.users.role'), value: q.role, options: [all] });
  const group = field({ name: 'group', label: t('admin.users.group'), value: q.group, options: [all] });
  const estate = field({ name: 'estate', label: t('admin.users.estate'), value: q.estate, options: [all] });
  const building = field({ name: 'building', label: t('admin.users.building'), value: q.building, options: [all] });
  const reset = button(t('admin.users.reset'), { variant: 'ghost', size: 'sm' });

  const fill = (f, items, current) => {
    f.input.replaceChildren(...[all, ...items].map((o) => h('option', { value: String(o.value), selected: String(o.value) === String(current) }, o.label)));
  };
  Promise.all([lists.roles(), lists.groups().catch(() => []), lists.estates().catch(() => [])]).then(([roles, groups, estates]) => {
    fill(role, roles.map((r) => option(r.id, r.name)), q.role);
    fill(group, groups.map((g) => option(g.id, g.name)), q.group);
    fill(estate, estates.map((e) => option(e.id, e.name)), q.estate);
  }, () => {});
  const loadBuildings = () => lists.buildings(q.estate || undefined).then((bs) => fill(building, bs.map((b) => option(b.id, b.address)), q.building), () => {});
  loadBuildings();

  const grid = table({
    caption: t('admin.users.title'),
    pageSize: 50,
    columns: [
      { key: 'name', label: t('admin.users.col_name'), render: (u) => h('span', { class: 'strong' }, fullName(u)) },
      { key: 'email', label: t('admin.users.col_email'), render: (u) => link(`/users/${u.id}`, u.email) },
      { key: 'status', label: t('admin.users.col_status'), render: (u) => statusBadge(u.status) },
      { key: 'roles', label: t('admin.users.col_roles'), render: (u) => roleNames(u.roles) },
      { key: 'last', label: t('admin.users.col_last_login'), render: (u) => (u.last_login_at ? formatDateTime(u.last_login_at) : t('admin.users.never')) },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/users', { ...q, offset, limit }),
    emptyText: t('admin.users.empty'),
    onRowClick: (u) => go(`/users/${u.id}`),
  });
  let roleMap = new Map();
  function roleNames(ids) {
    return (ids || []).map((id) => roleMap.get(id) || `#${id}`).join(', ');
  }
  lists.roles().then((rs) => { roleMap = new Map(rs.map((r) => [r.id, r.name])); grid.reload(); }, () => {});

  const apply = () => {
    setQuery(q);
    grid.reload(true);
  };
  const typed = debounce(apply, 300);
  search.input.addEventListener('input', () => { q.query = search.value().trim(); typed(); });
  for (const [name, f] of Object.entries({ status, role, group, estate, building })) {
    f.input.addEventListener('change', () => {
      q[name] = f.value();
      if (name === 'estate') { q.building = ''; loadBuildings(); }
      apply();
    });
  }
  reset.addEventListener('click', () => {
    FILTERS.forEach((k) => { q[k] = ''; });
    search.input.value = '';
    [status, role, group, estate, building].forEach((f) => { f.input.value = ''; });
    loadBuildings();
    apply();
  });

  const form = h('form', { class: 'filters card', role: 'search', onSubmit: (e) => { e.preventDefault(); apply(); } },
    h('div', { class: 'filters-grid' }, search.el, status.el, role.el, group.el, estate.el, building.el),
    h('div', { class: 'row end' }, reset));
  body.append(form, grid.el);
}

// Admin-only helpers on top of the common kit: session state, permissions, page scaffolding,
// status badges, user-name lookups. Shared by every page module in admin/pages/.
import { api } from '/common/api.js';
import { t, has } from '/common/i18n.js';
import { h, mount, badge, setPageTitle, focusHeading, alert, loading } from '/common/ui.js';

// Session state filled by app.js after GET /api/v1/me.
export const session = { me: null, router: null };

// Does the logged-in user hold permission `perm`?
export function can(perm) {
  return !!(session.me && session.me.permissions && session.me.permissions.includes(perm));
}

// Navigates inside the admin app ("/users/5").
export function go(path, opts) {
  session.router.navigate(path, opts);
}

// An in-app link.
export function link(path, text, attrs = {}) {
  return h('a', { href: `/admin${path}`, ...attrs }, text);
}

export function fullName(u) {
  if (!u) return '';
  const name = `${u.first_name || ''} ${u.last_name || ''}`.trim();
  return name || u.email || `#${u.id}`;
}

const STATUS_KIND = { active: 'success', pending: 'warning', blocked: 'danger', deleted: 'neutral',
  approved: 'success', rejected: 'danger' };

// Badge for a user or registration status, with its text (never colour alone).
export function statusBadge(status) {
  return badge(t(`admin.status.${status}`), STATUS_KIND[status] || 'neutral');
}

// Renders the page frame into <main>: heading, optional lead text and header actions; returns the body element.
export function page(title, { lead, actions, crumbs } = {}) {
  const main = document.getElementById('main');
  const body = h('div', { class: 'page-body stack' });
  const nav = crumbs ? h('nav', { class: 'crumbs', 'aria-label': t('admin.crumbs') },
    h('ol', {}, crumbs.map(([path, text]) => h('li', {}, path ? link(path, text) : h('span', { 'aria-current': 'page' }, text))))) : null;
  mount(main, h('div', { class: 'container admin-page' },
    nav,
    h('div', { class: 'page-head' },
      h('div', { class: 'grow' }, h('h1', {}, title), lead ? h('p', { class: 'lead' }, lead) : null),
      actions ? h('div', { class: 'btn-row' }, actions) : null),
    body));
  setPageTitle(title, t('admin.app_title'));
  focusHeading(main);
  return body;
}

// A section with an h2 heading (a card).
export function section(title, ...children) {
  return h('section', { class: 'card stack' }, h('h2', { class: 'card-title' }, title), children);
}

// Replaces el with a spinner while `promise` runs; shows the error in place if it fails.
export async function loadInto(el, promise, render) {
  mount(el, loading());
  try {
    const data = await promise;
    mount(el, render(data));
  } catch (e) {
    mount(el, errorAlert(e));
  }
}

export function errorAlert(e) {
  const code = e && e.code;
  return alert('error', has(`errors.${code}`) ? t(`errors.${code}`) : t('errors._generic'));
}

// Cached user lookups (audit actor names and the like); resolves to a display name.
const nameCache = new Map();
export function userName(id) {
  if (!id) return Promise.resolve(t('admin.audit.system'));
  if (!nameCache.has(id)) {
    nameCache.set(id, api.get(`/api/v1/admin/users/${id}`).then((d) => fullName(d.user), () => `#${id}`));
  }
  return nameCache.get(id);
}

// A span filled with the user's name once known (links to the account when allowed).
export function userRef(id) {
  const el = h('span', {}, id ? `#${id}` : t('admin.audit.system'));
  if (id && can('users:read')) {
    userName(id).then((name) => mount(el, link(`/users/${id}`, name)));
  }
  return el;
}

// Debounces fn by ms.
export function debounce(fn, ms = 300) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Lists shared by several pages, fetched once per page view.
export const lists = {
  roles: () => api.get('/api/v1/admin/roles').then((d) => d.roles),
  estates: () => api.get('/api/v1/admin/estates'),
  buildings: (estate) => api.get('/api/v1/admin/buildings', { estate }),
  groups: () => api.get('/api/v1/admin/groups').then((d) => d.groups),
  departments: () => api.get('/api/v1/admin/departments').then((d) => d.departments),
};

// Text for an audit action ("auth.login" → "Logowanie"), the code itself when unknown.
export function actionText(action) {
  const key = `admin.audit.actions.${action.replace(/\./g, '_')}`;
  return has(key) ? t(key) : action;
}

// Replaces the query string of the current URL without a navigation (filters kept on reload/back).
export function setQuery(query) {
  const params = new URLSearchParams();
  Object.entries(query).forEach(([k, v]) => { if (v !== '' && v !== undefined && v !== null) params.set(k, v); });
  const qs = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (qs ? `?${qs}` : ''));
}

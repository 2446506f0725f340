// The staff panel at /admin: loads the catalogues, checks the session, draws the shell
// (header, navigation) and routes to the page modules in admin/pages/.
import { api, onUnauthenticated, setCsrfToken } from '/common/api.js';
import { loadCatalog, t, translateDom, getLanguage, setLanguage } from '/common/i18n.js';
import { createRouter } from '/common/router.js';
import { h, mount, button, languageSwitch, toast } from '/common/ui.js';
import { session, can, fullName, page } from './lib.js';

const NAV = [
  { path: '/', key: 'dashboard' },
  { path: '/queue', key: 'queue', perm: 'users:verify' },
  { path: '/users', key: 'users', perm: 'users:read' },
  { path: '/flats', key: 'flats', perm: 'flats:read' },
  { path: '/letters', key: 'letters', perm: 'letters:manage' },
  { path: '/roles', key: 'roles', perm: 'users:manage' },
  { path: '/departments', key: 'departments', perm: 'users:read' },
  { path: '/groups', key: 'groups', perm: 'groups:read' },
  { path: '/audit', key: 'audit', perm: 'audit:read' },
  { path: '/news', key: 'news', perm: ['news:publish', 'news:moderate'] },
  { path: '/outages', key: 'outages', perm: 'outages:manage' },
  { path: '/contractors', key: 'contractors', perm: 'contractors:manage' },
  { path: '/documents', key: 'documents', perm: 'documents:manage' },
  { path: '/info', key: 'info', perm: 'information:manage' },
  { path: '/ads', key: 'ads', perm: 'ads:manage' },
  { path: '/account', key: 'account' },
];

const STAFF_PERMISSIONS = ['users:read', 'users:verify', 'flats:read', 'groups:read', 'audit:read', 'roles:manage',
  'news:publish', 'news:moderate', 'outages:manage', 'contractors:manage', 'documents:manage', 'information:manage',
  'ads:manage', 'letters:manage'];

// Lazily imported page modules: each exports render(ctx).
const lazy = (file) => async (ctx) => (await import(`./pages/${file}.js`)).render(ctx);

const routes = [
  { path: '/login', handler: lazy('login'), public: true },
  { path: '/', handler: lazy('dashboard') },
  { path: '/queue', handler: lazy('queue'), perm: 'users:verify' },
  { path: '/users', handler: lazy('users'), perm: 'users:read' },
  { path: '/users/:id', handler: lazy('user'), perm: 'users:read' },
  { path: '/flats', handler: lazy('flats'), perm: 'flats:read' },
  { path: '/flats/import', handler: lazy('flats_import'), perm: 'flats:import' },
  { path: '/flats/buildings/:id', handler: lazy('building'), perm: 'flats:read' },
  { path: '/letters', handler: lazy('letters'), perm: 'letters:manage' },
  { path: '/roles', handler: lazy('roles'), perm: 'users:manage' },
  { path: '/roles/:id', handler: lazy('role'), perm: 'users:manage' },
  { path: '/departments', handler: lazy('departments'), perm: 'users:read' },
  { path: '/groups', handler: lazy('groups'), perm: 'groups:read' },
  { path: '/groups/:id', handler: lazy('group'), perm: 'groups:read' },
  { path: '/audit', handler: lazy('audit'), perm: 'audit:read' },
  { path: '/news', handler: lazy('news'), perm: 'news:publish' },
  { path: '/news/comments', handler: lazy('news_comments'), perm: 'news:moderate' },
  { path: '/news/new', handler: lazy('news_edit'), perm: 'news:publish' },
  { path: '/news/:id', handler: lazy('news_edit'), perm: 'news:publish' },
  { path: '/outages', handler: lazy('outages'), perm: 'outages:manage' },
  { path: '/outages/new', handler: lazy('outage'), perm: 'outages:manage' },
  { path: '/outages/:id', handler: lazy('outage'), perm: 'outages:manage' },
  { path: '/contractors', handler: lazy('contractors'), perm: 'contractors:manage' },
  { path: '/contractors/new', handler: lazy('contractor'), perm: 'contractors:manage' },
  { path: '/contractors/:id', handler: lazy('contractor'), perm: 'contractors:manage' },
  { path: '/documents', handler: lazy('documents'), perm: 'documents:manage' },
  { path: '/documents/categories', handler: lazy('document_categories'), perm: 'documents:manage' },
  { path: '/documents/new', handler: lazy('document'), perm: 'documents:manage' },
  { path: '/documents/:id', handler: lazy('document'), perm: 'documents:manage' },
  { path: '/info', handler: lazy('info'), perm: 'information:manage' },
  { path: '/info/pages/new', handler: lazy('info_page'), perm: 'information:manage' },
  { path: '/info/pages/:id', handler: lazy('info_page'), perm: 'information:manage' },
  { path: '/info/pages/:id/submissions', handler: lazy('info_submissions'), perm: 'information:manage' },
  { path: '/ads', handler: lazy('ads'), perm: 'ads:manage' },
  { path: '/ads/new', handler: lazy('ad'), perm: 'ads:manage' },
  { path: '/ads/:id', handler: lazy('ad'), perm: 'ads:manage' },
  { path: '/account', handler: lazy('account') },
];

let navEl = null;

function isStaff() {
  return STAFF_PERMISSIONS.some((p) => can(p));
}

async function loadMe() {
  try {
    session.me = await api.get('/api/v1/me');
  } catch (e) {
    if (e.status !== 401) throw e;
    session.me = null;
  }
  return session.me;
}

async function logout() {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    /* the session may be gone already */
  }
  session.me = null;
  setCsrfToken('');
  session.router.navigate('/login', { replace: true });
}

// Draws the header and the navigation (once per login or language change).
function drawShell() {
  const app = document.getElementById('app');
  const main = document.getElementById('main');
  if (!session.me) {
    app.classList.add('logged-out');
    mount(app, main);
    navEl = null;
    return;
  }
  app.classList.remove('logged-out');
  const navId = 'admin-nav';
  const toggle = h('button', { type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': navId },
    h('span', { class: 'bars', 'aria-hidden': 'true' }), h('span', {}, t('admin.nav.menu')));
  navEl = h('nav', { id: navId, class: 'admin-nav', 'aria-label': t('admin.nav.label') },
    h('ul', {}, NAV.filter((n) => !n.perm || [].concat(n.perm).some(can)).map((n) =>
      h('li', {}, h('a', { href: `/admin${n.path === '/' ? '' : n.path}`, dataset: { path: n.path } },
        t(`admin.nav.${n.key}`))))));
  toggle.addEventListener('click', () => {
    const open = navEl.classList.toggle('open');
    toggle.setAttribute('aria-expanded', String(open));
  });
  navEl.addEventListener('click', (e) => {
    if (e.target.closest('a')) {
      navEl.classList.remove('open');
      toggle.setAttribute('aria-expanded', 'false');
    }
  });
  const header = h('header', { class: 'admin-header' },
    h('a', { class: 'brand', href: '/admin' }, h('img', { src: '/admin/favicon.svg', alt: '', width: '32', height: '32' }),
      h('span', {}, t('admin.brand'))),
    h('div', { class: 'header-user' },
      h('span', { class: 'user-name' }, fullName(session.me.user)),
      languageSwitch(getLanguage(), changeLanguage),
      button(t('admin.logout'), { variant: 'ghost', class: 'logout', onClick: logout })),
    toggle);
  mount(app, header, h('div', { class: 'admin-body' }, navEl, main));
}

function markCurrent(path) {
  if (!navEl) return;
  navEl.querySelectorAll('a').forEach((a) => {
    const p = a.dataset.path;
    const current = p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
}

async function changeLanguage(lang) {
  await setLanguage(lang);
  if (session.me) {
    // Remember the choice on the account too is a portal feature; here it only switches the UI.
    drawShell();
  }
  translateDom();
  session.router.refresh();
}

function forbidden() {
  page(t('admin.forbidden.title'), { lead: t('admin.forbidden.text') });
}

async function start() {
  await loadCatalog(undefined, ['common', 'admin']);
  translateDom();
  await loadMe();
  let shellFor;
  const ensureShell = () => {
    const key = session.me ? session.me.user.id : 0;
    if (shellFor !== key) {
      drawShell();
      shellFor = key;
    }
  };
  session.redrawShell = () => { shellFor = undefined; ensureShell(); };
  // Each handler redraws the shell when the login state changed and checks permissions first.
  const wrapped = routes.map((r) => ({
    ...r,
    handler: async (ctx) => {
      ensureShell();
      if (!r.public && !isStaff() && ctx.path !== '/account') return forbidden();
      if (r.perm && !can(r.perm)) {
        // A moderator without news:publish lands on the comment queue instead of the item list.
        if (ctx.path === '/news' && can('news:moderate')) return session.router.navigate('/news/comments', { replace: true });
        return forbidden();
      }
      return r.handler(ctx);
    },
  }));
  session.router = createRouter({
    mode: 'history',
    base: '/admin',
    routes: wrapped,
    notFound: () => ensureShell() || page(t('admin.not_found.title'), { lead: t('admin.not_found.text') }),
    beforeEach: async (ctx, route) => {
      if (route && route.public) return session.me ? '/' : undefined;
      if (!session.me) return `/login${ctx.path && ctx.path !== '/' ? `?next=${encodeURIComponent(ctx.path)}` : ''}`;
      if (session.me.totp_enrollment_required && ctx.path !== '/account') return '/account';
      return undefined;
    },
    afterEach: (ctx) => markCurrent(ctx.path),
  });
  onUnauthenticated(() => {
    if (!session.me) return;
    session.me = null;
    toast(t('errors.session_expired'), { kind: 'error' });
    session.router.navigate('/login', { replace: true });
  });
  session.reloadMe = loadMe;
  session.logout = logout;
  await session.router.start();
}

start().catch((e) => {
  const main = document.getElementById('main');
  mount(main, h('div', { class: 'container' }, h('p', { role: 'alert' }, String(e && e.message ? e.message : e))));
});

// Residents' portal: start-up, routes (hash based: /#/rejestracja) and access rules.
import { loadCatalog, onLanguageChange, t } from '/common/i18n.js';
import { createRouter } from '/common/router.js';
import { onUnauthenticated } from '/common/api.js';
import { toast, h, mount, alert } from '/common/ui.js';
import { session, refreshMe, logout } from './session.js';
import { setRouter } from './nav.js';
import { configureShell, renderFooter, renderHeader, setActivePath } from './shell.js';
import { landingPage, legalPage, notFoundPage } from './pages/public.js';
import { registerPage, registerDonePage, registerActivePage } from './pages/register.js';
import { loginPage, forgotPage, resetPage } from './pages/login.js';
import { accountPage, addFlatPage, profilePage } from './pages/account.js';
import { securityPage } from './pages/security.js';
import { privacyPage } from './pages/privacy.js';
import { homePage } from './pages/home.js';
import { newsListPage, newsItemPage } from './pages/news.js';
import { outagesPage, outagePage } from './pages/outages.js';
import { buildingOutagesPage } from './pages/building_outages.js';
import { infoPage, infoPageDetail, mySubmissionsPage } from './pages/info.js';
import { documentsPage } from './pages/documents.js';
import { contractorsPage, contractorPage } from './pages/contractors.js';

const routes = [
  { path: '/', handler: landingPage, public: true },
  { path: '/rejestracja', handler: registerPage, guestOnly: true },
  { path: '/rejestracja/wyslano', handler: registerDonePage, public: true },
  { path: '/rejestracja/aktywne', handler: registerActivePage, public: true },
  { path: '/logowanie', handler: loginPage, guestOnly: true },
  { path: '/nie-pamietam-hasla', handler: forgotPage, public: true },
  { path: '/reset', handler: resetPage, public: true },
  { path: '/regulamin', handler: (ctx) => legalPage(ctx, 'terms'), public: true },
  { path: '/rodo', handler: (ctx) => legalPage(ctx, 'rodo'), public: true },
  { path: '/konto', handler: accountPage },
  { path: '/konto/dodaj-mieszkanie', handler: addFlatPage },
  { path: '/konto/profil', handler: profilePage },
  { path: '/konto/bezpieczenstwo', handler: securityPage },
  { path: '/konto/dane', handler: privacyPage },
  { path: '/start', handler: homePage },
  { path: '/aktualnosci', handler: newsListPage },
  { path: '/aktualnosci/:id', handler: newsItemPage },
  { path: '/awarie', handler: outagesPage },
  { path: '/awarie/:id', handler: outagePage },
  // The login-free outage page of a building (lobby QR codes): the only content page anonymous visitors see.
  { path: '/awarie/budynek/:id', handler: buildingOutagesPage, public: true },
  { path: '/informacje', handler: infoPage },
  { path: '/informacje/:id', handler: infoPageDetail },
  { path: '/moje-zgloszenia', handler: mySubmissionsPage },
  { path: '/dokumenty', handler: documentsPage },
  { path: '/wykonawcy', handler: contractorsPage },
  { path: '/wykonawcy/:id', handler: contractorPage },
];

// Every handler first marks its path as the active one (see renderPage).
const active = (handler) => (ctx) => {
  setActivePath(ctx.path);
  return handler(ctx);
};

const router = createRouter({
  mode: 'hash',
  routes: routes.map((r) => ({ ...r, handler: active(r.handler) })),
  notFound: active(notFoundPage),
  beforeEach(ctx, route) {
    if (!route) return undefined;
    if (route.path === '/' && session.me) return '/start';
    if (route.guestOnly && session.me) return '/start';
    if (!route.public && !route.guestOnly && !session.me) {
      return `/logowanie?next=${encodeURIComponent(ctx.path)}`;
    }
    return undefined;
  },
});

setRouter(router);

async function doLogout() {
  await logout();
  toast(t('nav.logged_out'), { kind: 'success' });
  renderHeader();
  router.navigate('/');
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator) || window.location.protocol === 'file:') return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  });
}

async function start() {
  try {
    await loadCatalog(undefined, ['common']);
  } catch {
    await loadCatalog('pl', ['common']);
  }
  configureShell({ onLogout: doLogout, rerender: () => router.refresh() });
  renderFooter();
  // Skip link: the hash belongs to the router, so move focus by hand.
  const skip = document.getElementById('skip-link');
  if (skip) {
    skip.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById('main').focus();
    });
  }
  try {
    await refreshMe();
  } catch (e) {
    mount(document.getElementById('main'), h('div', { class: 'container narrow' },
      alert('error', t('errors.network'))));
  }
  onUnauthenticated(() => {
    if (!session.me) return;
    session.me = null;
    toast(t('nav.session_ended'), { kind: 'info' });
    router.navigate('/logowanie');
  });
  onLanguageChange(() => {
    renderFooter();
    router.refresh();
  });
  renderHeader();
  await router.start();
  registerServiceWorker();
}

start();

// The portal's frame: header with navigation, footer, and rendering a page into <main>.
import { h, mount, languageSwitch, focusHeading, setPageTitle } from '/common/ui.js';
import { t, getLanguage, setLanguage } from '/common/i18n.js';
import { session } from './session.js';
import { renderOutageBanner } from './outage_banner.js';

let firstRender = true;
let currentPath = '/';
let activePath = null;

// The path being shown; renderPage ignores late renders of pages the user has already left.
export function setActivePath(path) {
  activePath = path;
}
let logoutHandler = null;

export function link(path) {
  return `#${path}`;
}

function logo() {
  return h('img', { src: '/icons/icon.svg', alt: '', width: '32', height: '32' });
}

// The content sections, in the header menu and (on phones) the bottom bar: [path, label key, icon].
export const SECTIONS = [
  ['/start', 'portal.nav.home', 'home'],
  ['/aktualnosci', 'portal.nav.news', 'news'],
  ['/informacje', 'portal.nav.info', 'info'],
  ['/dokumenty', 'portal.nav.documents', 'documents'],
  ['/wykonawcy', 'portal.nav.contractors', 'contractors'],
];

function navItems() {
  if (session.me) {
    return [...SECTIONS.map(([path, key]) => [path, t(`${key}_short`)]), ['/konto', t('nav.account')]];
  }
  return [
    ['/logowanie', t('nav.login')],
    ['/rejestracja', t('nav.register')],
  ];
}

function isCurrent(path) {
  if (path === '/start') return currentPath === '/start' || currentPath.startsWith('/awarie');
  if (path === '/informacje') return currentPath.startsWith('/informacje') || currentPath === '/moje-zgloszenia';
  return currentPath === path || currentPath.startsWith(`${path}/`);
}

// Phones: the content sections in a bar at the bottom of the screen, within reach of a thumb.
function renderBottomNav() {
  const bar = document.getElementById('bottom-nav');
  if (!bar) return;
  document.body.classList.toggle('has-bottom-nav', !!session.me);
  if (!session.me) { bar.replaceChildren(); bar.hidden = true; return; }
  bar.hidden = false;
  bar.setAttribute('aria-label', t('portal.nav.bottom_label'));
  mount(bar, h('ul', {}, SECTIONS.map(([path, key, icon]) => h('li', {}, h('a', { href: link(path),
    'aria-current': isCurrent(path) ? 'page' : null },
  h('span', { class: ['nav-ico', `ico-${icon}`], 'aria-hidden': 'true' }),
  h('span', { class: 'nav-text' }, t(`${key}_short`)))))));
}

export function renderHeader() {
  const header = document.getElementById('app-header');
  const navId = 'app-nav';
  const toggle = h('button', { type: 'button', class: 'nav-toggle', 'aria-expanded': 'false',
    'aria-controls': navId }, h('span', { class: 'bars', 'aria-hidden': 'true' }), t('common.menu'));
  const items = navItems().map(([path, label]) => h('li', {}, h('a', { href: link(path),
    'aria-current': isCurrent(path) ? 'page' : null }, label)));
  if (session.me) {
    items.push(h('li', {}, h('button', { type: 'button', class: 'nav-logout',
      onClick: () => logoutHandler && logoutHandler() }, t('nav.logout'))));
  }
  items.push(h('li', { class: 'nav-lang' }, languageSwitch(getLanguage(), changeLanguage)));
  const nav = h('nav', { class: 'app-nav', id: navId, 'aria-label': t('nav.label') }, h('ul', {}, items));
  toggle.addEventListener('click', () => {
    const open = !nav.classList.contains('open');
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  nav.addEventListener('click', (e) => {
    if (e.target.closest('a')) {
      nav.classList.remove('open');
      toggle.setAttribute('aria-expanded', 'false');
    }
  });
  renderBottomNav();
  renderOutageBanner(currentPath);
  mount(header, h('div', { class: 'container' },
    h('a', { class: 'brand', href: link(session.me ? '/start' : '/') }, logo(),
      h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, t('common.app_name')),
        h('span', { class: 'brand-sub' }, t('common.portal_name')))),
    toggle, nav));
}

export function renderFooter() {
  const footer = document.getElementById('app-footer');
  mount(footer, h('div', { class: 'container' },
    h('span', {}, t('footer.copyright')),
    h('a', { href: link('/regulamin') }, t('footer.terms')),
    h('a', { href: link('/rodo') }, t('footer.rodo')),
    h('a', { href: '/admin' }, t('footer.staff'))));
  const skip = document.getElementById('skip-link');
  if (skip) skip.textContent = t('common.skip_to_content');
}

let rerender = null;
async function changeLanguage(lang) {
  await setLanguage(lang);
}

// Called by app.js: how to log out and how to redraw the page after a language change.
export function configureShell(opts) {
  logoutHandler = opts.onLogout;
  rerender = opts.rerender;
}

// Renders a page: sets <title>, fills <main>, redraws the header for the current path, moves focus
// to the page's heading after in-app navigation (not on the first load).
export function renderPage(path, title, ...content) {
  if (activePath !== null && path !== activePath) return;
  currentPath = path;
  renderHeader();
  setPageTitle(title, t('common.app_name'));
  const main = document.getElementById('main');
  mount(main, ...content);
  if (firstRender) {
    firstRender = false;
  } else {
    window.scrollTo(0, 0);
    focusHeading(main);
  }
}

export function redraw() {
  renderFooter();
  if (rerender) rerender();
}

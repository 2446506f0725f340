// Home page after login: the resident's active outages first, then pinned and newest news with unread
// markers, then the ad slider, then shortcuts to the sections. One call (GET /api/v1/home); while a
// server lacks it, the separate feeds.
import { h, linkButton, loading } from '/common/ui.js';
import { t } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { session } from '../session.js';
import { errorBox, itemsOf } from '../content.js';
import { primeOutages } from '../outage_banner.js';
import { slider } from '../slider.js';
import { newsCard } from './news.js';
import { outageCard } from './outages.js';

const NEWS_ON_HOME = 6;

const slides = () => api.get('/api/v1/ads', { placement: 'slider' }).then(itemsOf).catch(() => []);

async function loadHome() {
  try {
    const data = await api.get('/api/v1/home');
    // A server that does not fill the slider in /home yet: ask the ads module (only then: no double count).
    if (!itemsOf(data.ads).length) data.ads = await slides();
    return data;
  } catch (e) {
    if (e.status !== 404 && e.status !== 405) throw e;
  }
  const [outages, news, ads] = await Promise.all([
    api.get('/api/v1/outages/active', { limit: 20 }),
    api.get('/api/v1/news', { offset: 0, limit: NEWS_ON_HOME }),
    slides(),
  ]);
  return { outages: itemsOf(outages), news, ads };
}

function sectionTiles() {
  const tile = (path, title, text) => h('a', { class: 'tile', href: link(path) },
    h('span', { class: 'tile-title' }, title), h('span', { class: 'tile-text' }, text));
  return h('nav', { class: 'grid cols-2 tiles', 'aria-label': t('portal.home.sections') },
    tile('/informacje', t('portal.nav.info'), t('portal.home.tile_info')),
    tile('/dokumenty', t('portal.nav.documents'), t('portal.home.tile_documents')),
    tile('/wykonawcy', t('portal.nav.contractors'), t('portal.home.tile_contractors')),
    tile('/konto', t('nav.account'), t('portal.home.tile_account')));
}

export async function homePage(ctx) {
  const name = session.me && session.me.user ? session.me.user.first_name : '';
  const title = t('account.hello', { name });
  const head = h('div', { class: 'page-head' }, h('h1', {}, title));
  renderPage(ctx.path, t('portal.home.title'), h('div', { class: 'container' }, head, loading()));
  let data;
  try {
    data = await loadHome();
  } catch (e) {
    renderPage(ctx.path, t('portal.home.title'), h('div', { class: 'container' }, head,
      errorBox(e, () => homePage(ctx))));
    return;
  }
  const outages = itemsOf(data.outages).filter((o) => o.status !== 'resolved');
  primeOutages(outages);
  const newsItems = itemsOf(data.news).slice(0, NEWS_ON_HOME);
  const unread = newsItems.filter((i) => i.unread).length;
  const ads = slider(itemsOf(data.ads));
  renderPage(ctx.path, t('portal.home.title'), h('div', { class: 'container home' }, head,
    outages.length ? h('section', { class: 'home-outages', 'aria-labelledby': 'home-outages-title' },
      h('h2', { id: 'home-outages-title' }, t('portal.home.outages_title', { count: outages.length })),
      h('div', { class: 'outage-grid' }, outages.map((o) => outageCard(o, 'h3')))) : null,
    h('div', { class: 'home-grid' },
      h('section', { class: 'home-news', 'aria-labelledby': 'home-news-title' },
        h('div', { class: 'row between card-head' },
          h('h2', { id: 'home-news-title' }, t('portal.home.news_title')),
          unread ? h('span', { class: 'badge badge-warning' }, t('portal.news.unread_count', { count: unread }))
            : null),
        newsItems.length ? h('div', { class: 'stack' }, newsItems.map((i) => newsCard(i, 'h3')))
          : h('p', { class: 'empty' }, t('portal.news.empty')),
        h('p', { class: 'home-more' }, linkButton(t('portal.home.all_news'), link('/aktualnosci'),
          { variant: 'secondary' }))),
      h('div', { class: 'home-side' }, ads, sectionTiles()))));
}

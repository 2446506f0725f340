// The public, login-free outage page of one building (/awarie/budynek/:id), where lobby QR codes lead:
// the building's active outages from GET /api/v1/public/buildings/{id}/outages in large print for a lobby
// screen or a phone. Redraws itself every few minutes while it stays open.
import { h, loading } from '/common/ui.js';
import { t, formatDate, formatDateTime, formatTime } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage } from '../shell.js';
import { outageKind, outageStatusBadge, outageWhen, outagePlaces, errorBox } from '../content.js';

const REFRESH_MS = 5 * 60 * 1000;
const LIMIT = 50;
let timer = null;

function schedule(ctx) {
  clearTimeout(timer);
  const hash = window.location.hash;
  timer = setTimeout(() => {
    if (window.location.hash === hash) buildingOutagesPage(ctx, { quiet: true });
  }, REFRESH_MS);
}

function latestUpdate(o) {
  const updates = (o.updates || []).filter((u) => u.text);
  if (!updates.length) return null;
  const u = updates.reduce((a, b) => (b.at > a.at ? b : a));
  return h('p', { class: 'lobby-update' }, h('strong', {}, t('portal.lobby.latest_update', { at: formatDateTime(u.at) })),
    ' ', u.text);
}

function outageBlock(o) {
  return h('li', { class: ['lobby-outage', `is-${o.status}`] },
    h('div', { class: 'outage-card-head' }, h('span', { class: 'lobby-kind' }, outageKind(o.kind)),
      outageStatusBadge(o.status)),
    h('h2', { class: 'lobby-outage-title' }, o.title),
    h('p', { class: 'lobby-when' }, outageWhen(o)),
    o.places && o.places.length ? h('p', { class: 'lobby-places' },
      t('portal.lobby.where', { places: outagePlaces(o) })) : null,
    o.description ? h('p', { class: 'lobby-description' }, o.description) : null,
    latestUpdate(o));
}

// A full-page message (page disabled, unknown building) in the same large print.
function message(ctx, title, text) {
  renderPage(ctx.path, title, h('div', { class: 'container lobby' },
    h('h1', { class: 'lobby-title' }, title), h('p', { class: 'lobby-lead' }, text)));
}

export async function buildingOutagesPage(ctx, { quiet = false } = {}) {
  const fallback = t('portal.lobby.title');
  if (!quiet) renderPage(ctx.path, fallback, h('div', { class: 'container lobby' }, h('h1', {}, fallback), loading()));
  const id = ctx.params.id;
  if (!/^[1-9][0-9]{0,18}$/.test(id || '')) {
    message(ctx, t('portal.lobby.unknown_title'), t('portal.lobby.unknown_text'));
    return;
  }
  let page;
  try {
    page = await api.get(`/api/v1/public/buildings/${id}/outages`, { limit: LIMIT });
  } catch (e) {
    if (e.code === 'outages_public_disabled') {
      message(ctx, t('portal.lobby.disabled_title'), t('portal.lobby.disabled_text'));
    } else if (e.code === 'building_not_found' || e.status === 404) {
      message(ctx, t('portal.lobby.unknown_title'), t('portal.lobby.unknown_text'));
    } else {
      renderPage(ctx.path, fallback, h('div', { class: 'container lobby' }, h('h1', { class: 'lobby-title' }, fallback),
        errorBox(e, () => buildingOutagesPage(ctx))));
      schedule(ctx);
    }
    return;
  }
  const address = page.building_address || '';
  const title = address ? t('portal.lobby.title_building', { address }) : fallback;
  const items = page.items || [];
  const now = Math.floor(Date.now() / 1000);
  renderPage(ctx.path, title, h('div', { class: 'container lobby' },
    h('h1', { class: 'lobby-title' }, t('portal.lobby.title'),
      address ? h('span', { class: 'lobby-address' }, address) : null),
    h('p', { class: 'lobby-stamp', role: 'status' },
      t('portal.lobby.as_of', { time: formatTime(now), date: formatDate(now) })),
    items.length
      ? h('ul', { class: 'lobby-list' }, items.map(outageBlock))
      : h('p', { class: 'lobby-none' }, t('portal.lobby.none')),
    page.total > items.length ? h('p', { class: 'lobby-lead' },
      t('portal.lobby.more', { count: page.total - items.length })) : null,
    h('p', { class: 'lobby-foot' }, t('portal.lobby.footer'))));
  schedule(ctx);
}

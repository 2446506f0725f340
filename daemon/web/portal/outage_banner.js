// The outage banner under the header: every portal page shows the resident's active outages
// (GET /api/v1/outages/active) with a link to each one's details. The home page lists them in full
// as its first section, so the banner steps aside there. Answers are reused for a minute.
import { h, mount } from '/common/ui.js';
import { t } from '/common/i18n.js';
import { api } from '/common/api.js';
import { session } from './session.js';
import { outageKind, outageWhen } from './content.js';

const TTL_MS = 60 * 1000;
const SHOWN = 3;
let cache = { at: 0, userId: null, items: null, pending: null };

// Active outages of the logged-in resident (cached for a minute); [] when logged out or on errors.
export async function activeOutages({ fresh = false } = {}) {
  const userId = session.me && session.me.user && session.me.user.id;
  if (!userId) return [];
  const valid = cache.userId === userId && cache.items && Date.now() - cache.at < TTL_MS;
  if (valid && !fresh) return cache.items;
  if (!cache.pending || fresh) {
    cache.pending = api.get('/api/v1/outages/active', { limit: 20 })
      .then((r) => {
        cache = { at: Date.now(), userId, items: (r && r.items) || [], pending: null };
        return cache.items;
      })
      .catch(() => {
        cache.pending = null;
        return cache.items || [];
      });
  }
  return cache.pending;
}

// Lets the home page hand over what it fetched in one go (GET /api/v1/home).
export function primeOutages(items) {
  const userId = session.me && session.me.user && session.me.user.id;
  cache = { at: Date.now(), userId, items: items || [], pending: null };
}

function bannerItem(o) {
  const label = o.status === 'ongoing' ? t('portal.outage.banner_ongoing') : t('portal.outage.banner_planned');
  return h('li', { class: ['outage-banner-item', `is-${o.status}`] },
    h('a', { href: `#/awarie/${o.id}` },
      h('span', { class: 'outage-banner-kind' }, `${label}: ${outageKind(o.kind)}`),
      h('span', { class: 'outage-banner-title' }, o.title),
      h('span', { class: 'outage-banner-when' }, outageWhen(o))));
}

// Redraws the banner for `path`; called by the shell on every page render.
let lastPath = null;
export async function renderOutageBanner(path) {
  const slot = document.getElementById('outage-banner');
  if (!slot) return;
  lastPath = path;
  if (!session.me || path === '/start') { slot.replaceChildren(); slot.hidden = true; return; }
  const items = (await activeOutages()).filter((o) => o.status !== 'resolved');
  if (lastPath !== path) return; // the resident has moved on; that page draws its own banner
  if (!session.me || !items.length) { slot.replaceChildren(); slot.hidden = true; return; }
  slot.hidden = false;
  const more = items.length - SHOWN;
  mount(slot, h('section', { class: 'outage-banner', 'aria-label': t('portal.outage.banner_label') },
    h('div', { class: 'container' },
      h('ul', { class: 'outage-banner-list' }, items.slice(0, SHOWN).map(bannerItem)),
      more > 0 ? h('a', { class: 'outage-banner-more', href: '#/awarie' },
        t('portal.outage.banner_more', { count: more })) : null)));
}

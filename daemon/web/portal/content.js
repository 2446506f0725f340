// Shared pieces of the content pages (news, outages, information, documents, contractors):
// server-sanitised HTML, file sizes, pagers, outage texts, loading and error states.
import { h, mount, alert, badge, button, loading } from '/common/ui.js';
import { t, errorMessage, formatDate, formatTime, formatDateTime, formatNumber } from '/common/i18n.js';

// Inserts HTML that the SERVER rendered and sanitised (Markdown via cmark, raw HTML dropped): the only
// place in the portal that uses innerHTML. Links leaving the site open in a new tab without an opener.
export function serverHtml(html, cls = 'prose') {
  const el = h('div', { class: cls });
  el.innerHTML = typeof html === 'string' ? html : '';
  el.querySelectorAll('a[href]').forEach((a) => {
    const href = a.getAttribute('href') || '';
    if (/^https?:\/\//i.test(href) && !href.startsWith(window.location.origin)) {
      a.setAttribute('rel', 'noopener noreferrer');
      a.setAttribute('target', '_blank');
    }
  });
  // Headings inside a body must not compete with the page's <h1>.
  el.querySelectorAll('h1').forEach((x) => {
    const h2 = document.createElement('h2');
    h2.append(...x.childNodes);
    x.replaceWith(h2);
  });
  return el;
}

// "1,2 MB", "340 kB", "900 B" (decimal units, Polish comma).
export function formatSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1000) return t('portal.size_b', { n: formatNumber(n) });
  if (n < 1000 * 1000) return t('portal.size_kb', { n: formatNumber(Math.round(n / 1000)) });
  const mb = n / (1000 * 1000);
  return t('portal.size_mb', { n: formatNumber(Math.round(mb * 10) / 10, mb < 100 ? 1 : 0) });
}

// A page-level error with a retry button.
export function errorBox(err, retry) {
  const msg = errorMessage(err && err.code);
  return h('div', { class: 'stack-sm' }, alert('error', msg),
    retry ? button(t('common.retry'), { variant: 'secondary', onClick: retry }) : null);
}

// Runs `load` into `box`: a spinner first, then the nodes it returns, or an error with a retry button.
export async function fill(box, load) {
  mount(box, loading());
  try {
    mount(box, await load());
  } catch (e) {
    mount(box, errorBox(e, () => fill(box, load)));
  }
}

// Previous / next buttons for a {total, offset, limit} page; onPage(offset) loads another page.
export function pager(page, onPage, label) {
  const limit = page.limit || 1;
  const pages = Math.max(1, Math.ceil((page.total || 0) / limit));
  if (pages <= 1) return null;
  const current = Math.floor((page.offset || 0) / limit) + 1;
  const prev = button(t('table.previous'), { variant: 'secondary', onClick: () => onPage((current - 2) * limit) });
  const next = button(t('table.next'), { variant: 'secondary', onClick: () => onPage(current * limit) });
  prev.disabled = current <= 1;
  next.disabled = current >= pages;
  return h('nav', { class: 'pager', 'aria-label': label || t('table.pagination') }, prev,
    h('span', { class: 'pager-label' }, t('table.page', { page: current, pages })), next);
}

// ---------- Outages ----------

const OUTAGE_KINDS = ['water', 'hot_water', 'heating', 'electricity', 'gas', 'lift', 'intercom', 'other'];

export function outageKind(kind) {
  return t(`portal.outage.kind_${OUTAGE_KINDS.includes(kind) ? kind : 'other'}`);
}

export function outageStatusBadge(status) {
  const kind = { ongoing: 'danger', planned: 'warning', resolved: 'success' }[status] || 'neutral';
  return badge(t(`portal.outage.status_${status in { ongoing: 1, planned: 1, resolved: 1 } ? status : 'planned'}`),
    kind);
}

// "od 05.03.2025, 14:30 do 18:00" (same day) or "… do 06.03.2025, 08:00"; "do odwołania" without an end.
export function outageWhen(o) {
  const start = formatDateTime(o.start_at);
  if (!o.expected_end_at) return t('portal.outage.when_open', { start });
  const sameDay = formatDate(o.start_at) === formatDate(o.expected_end_at);
  const end = sameDay ? formatTime(o.expected_end_at) : formatDateTime(o.expected_end_at);
  return t('portal.outage.when', { start, end });
}

// The places of an outage in words; the API names each place (estate_name / building_address).
export function outagePlaces(o) {
  return (o.places || []).map((p) => {
    if (p.estate_id) {
      return p.estate_name ? t('portal.outage.place_estate_named', { name: p.estate_name })
        : t('portal.outage.place_estate');
    }
    const b = p.building_address || t('portal.outage.place_building', { id: p.building_id });
    return p.staircase ? t('portal.outage.place_staircase', { building: b, staircase: p.staircase }) : b;
  }).join('; ');
}

// ---------- Misc ----------

// The part of a listing answer that holds the items: {items:[…]} or a bare array.
export function itemsOf(resp) {
  if (Array.isArray(resp)) return resp;
  return (resp && Array.isArray(resp.items)) ? resp.items : [];
}

// A debounced version of fn (ms delay); .cancel() drops the pending call.
export function debounce(fn, ms) {
  let timer = null;
  const d = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(timer);
  return d;
}

export { formatDate, formatDateTime };

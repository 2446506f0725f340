// Awarie: announced outages (filter by status and building) and the public, login-free outage page per building
// (its address is what a lobby QR code should lead to).
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage } from '/common/i18n.js';
import { h, mount, field, table, badge, linkButton, toast, loading, button } from '/common/ui.js';
import { page, link, go, section, setQuery, errorAlert } from '../lib.js';

const STATUS_KIND = { planned: 'info', ongoing: 'danger', resolved: 'success' };
export const KINDS = ['water', 'hot_water', 'heating', 'electricity', 'gas', 'lift', 'intercom', 'other'];
export const STATUSES = ['planned', 'ongoing', 'resolved'];
// The portal's public outage page of a building (hash route of the resident portal).
export const publicUrl = (buildingId) => `${window.location.origin}/#/awarie/budynek/${buildingId}`;

export function statusBadge(s) {
  return badge(t(`admin.outages.status_${s}`), STATUS_KIND[s] || 'neutral');
}

// Estates → buildings → staircases an outage may affect (needs only outages:manage).
export const loadPlaces = () => api.get('/api/v1/admin/outages/places').then((d) => d.estates || []);

// The buildings of loadPlaces() in one list: {id, address, estate_id, estate, staircases}.
export const buildingsOf = (estates) => estates.flatMap((e) => e.buildings.map((b) => ({ ...b, estate_id: e.id, estate: e.name })));

// "Lazurowa 12, klatka B, Osiedle Górczewska" from the places of an outage (the API names them).
export function placesText(places) {
  return (places || []).map((p) => {
    if (p.estate_id) return p.estate_name || `#${p.estate_id}`;
    const name = p.building_address || `#${p.building_id}`;
    return p.staircase ? t('admin.outages.place_staircase', { building: name, staircase: p.staircase }) : name;
  }).join(', ');
}

function publicPages(buildings) {
  const box = h('div', { class: 'stack' });
  async function load() {
    mount(box, loading());
    try {
      const on = new Set((await api.get('/api/v1/admin/outages/public-buildings')).building_ids);
      mount(box, h('p', { class: 'small muted' }, t('admin.outages.public_hint')),
        h('ul', { class: 'public-list' }, buildings.map((b) => {
          const id = `pub-${b.id}`;
          const input = h('input', { type: 'checkbox', id, checked: on.has(b.id) });
          input.addEventListener('change', async () => {
            input.disabled = true;
            try {
              await api.put(`/api/v1/admin/outages/public-buildings/${b.id}`, { enabled: input.checked });
              toast(t(input.checked ? 'admin.outages.public_on' : 'admin.outages.public_off', { building: b.address }), { kind: 'success' });
              load();
            } catch (e) { input.checked = !input.checked; toast(errorMessage(e.code), { kind: 'error' }); input.disabled = false; }
          });
          const url = publicUrl(b.id);
          return h('li', { class: 'public-row' },
            h('div', { class: 'check' }, input, h('label', { for: id }, h('strong', {}, b.address), h('span', { class: 'muted small block' }, b.estate))),
            on.has(b.id) ? h('div', { class: 'public-url stack-sm' },
              h('a', { href: url, class: 'mono-soft', target: '_blank', rel: 'noopener' }, url),
              h('div', { class: 'btn-row' }, button(t('common.copy'), { variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.outages.copy_url', { building: b.address }) },
                onClick: async () => { try { await navigator.clipboard.writeText(url); toast(t('common.copied'), { kind: 'success' }); } catch { toast(url); } } })),
              h('p', { class: 'small muted' }, t('admin.outages.qr_hint'))) : null);
        })));
    } catch (e) { mount(box, errorAlert(e)); }
  }
  load();
  return box;
}

export async function render(ctx) {
  const body = page(t('admin.outages.title'), { lead: t('admin.outages.lead'), actions: [linkButton(t('admin.outages.new'), '/admin/outages/new')] });
  const q = { status: ctx.query.status || '', building: ctx.query.building || '' };
  let buildings = [];
  try { buildings = buildingsOf(await loadPlaces()); } catch { /* no building filter then */ }
  const status = field({ name: 'status', label: t('admin.outages.f_status'), value: q.status,
    options: [{ value: '', label: t('admin.users.any') }, ...STATUSES.map((s) => ({ value: s, label: t(`admin.outages.status_${s}`) }))] });
  const building = field({ name: 'building', label: t('admin.outages.f_building'), value: q.building,
    options: [{ value: '', label: t('admin.users.any') }, ...buildings.map((b) => ({ value: b.id, label: b.address }))] });
  const grid = table({
    caption: t('admin.outages.title'),
    columns: [
      { key: 'title', label: t('admin.outages.col_title'), render: (o) => h('span', {}, link(`/outages/${o.id}`, o.title), h('span', { class: 'muted small block' }, t(`admin.outages.kind_${o.kind}`))) },
      { key: 'status', label: t('admin.outages.col_status'), render: (o) => statusBadge(o.status) },
      { key: 'places', label: t('admin.outages.col_places'), render: (o) => placesText(o.places) },
      { key: 'start', label: t('admin.outages.col_start'), render: (o) => formatDateTime(o.start_at) },
      { key: 'end', label: t('admin.outages.col_end'), render: (o) => (o.resolved_at ? formatDateTime(o.resolved_at) : o.expected_end_at ? formatDateTime(o.expected_end_at) : '—') },
    ],
    fetchPage: ({ offset, limit }) => api.get('/api/v1/admin/outages', { ...q, offset, limit }),
    emptyText: t('admin.outages.empty'),
    onRowClick: (o) => go(`/outages/${o.id}`),
  });
  for (const [name, f] of Object.entries({ status, building })) {
    f.input.addEventListener('change', () => { q[name] = f.value(); setQuery(q); grid.reload(true); });
  }
  body.append(...[h('form', { class: 'filters card', role: 'search', onSubmit: (e) => e.preventDefault() }, h('div', { class: 'filters-grid cols-3' }, status.el, building.el)),
    grid.el,
    buildings.length ? section(t('admin.outages.public_title'), publicPages(buildings)) : null].filter(Boolean));
}

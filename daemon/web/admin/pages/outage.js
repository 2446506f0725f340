// One outage: kind, title, description, affected places (estates, buildings or staircases from the flats
// register, via GET /api/v1/admin/outages/places), start and expected end; then the timeline of updates,
// a new update and "resolve".
import { api } from '/common/api.js';
import { t, formatDateTime } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading, uid, confirmDialog } from '/common/ui.js';
import { page, go, section, errorAlert, userRef } from '../lib.js';
import { toLocalInput, fromLocalInput } from '../content.js';
import { KINDS, STATUSES, statusBadge, loadPlaces, buildingsOf } from './outages.js';

// Tree of estates → buildings → staircases (GET /api/v1/admin/outages/places) with checkboxes.
// → {el, value() → places, setError, clearError, focus}.
function placesPicker(places, estates) {
  const buildings = buildingsOf(estates);
  const estateSet = new Set(places.filter((p) => p.estate_id).map((p) => p.estate_id));
  const buildingSet = new Set(places.filter((p) => p.building_id && !p.staircase).map((p) => p.building_id));
  const stairs = new Map();
  places.filter((p) => p.staircase).forEach((p) => { if (!stairs.has(p.building_id)) stairs.set(p.building_id, new Set()); stairs.get(p.building_id).add(p.staircase); });
  const errorEl = h('p', { class: 'error', id: uid('places-error') });
  const summary = h('p', { class: 'small', 'aria-live': 'polite' });
  const boxes = [];
  const sync = () => {
    boxes.forEach((b) => b());
    const n = estateSet.size + buildingSet.size + Array.from(stairs.values()).reduce((s, v) => s + v.size, 0);
    summary.textContent = n ? t('admin.outages.places_chosen', { count: n }) : t('admin.outages.places_none');
  };
  const tick = (label, checked, onChange, cls) => {
    const id = uid('pl');
    const input = h('input', { type: 'checkbox', id, checked });
    input.addEventListener('change', () => { onChange(input.checked); errorEl.textContent = ''; sync(); });
    return { input, el: h('div', { class: ['check', cls] }, input, h('label', { for: id }, label)) };
  };
  const tree = h('ul', { class: 'place-tree' }, estates.map((e) => {
    const et = tick(h('strong', {}, t('admin.outages.whole_estate', { estate: e.name })), estateSet.has(e.id), (on) => { if (on) estateSet.add(e.id); else estateSet.delete(e.id); });
    const items = e.buildings.map((b) => {
      const bt = tick(b.address, buildingSet.has(b.id), (on) => { if (on) buildingSet.add(b.id); else buildingSet.delete(b.id); });
      const stairBox = h('div', { class: 'stair-box' });
      const chosen = stairs.get(b.id) || new Set();
      stairs.set(b.id, chosen);
      const det = h('details', { open: chosen.size > 0 }, h('summary', {}, t('admin.outages.staircases'), h('span', { class: 'visually-hidden' }, ` – ${b.address}`)), stairBox);
      const names = Array.from(new Set([...(b.staircases || []), ...chosen])).sort((a, c) => a.localeCompare(c, 'pl', { numeric: true }));
      mount(stairBox, names.length ? h('div', { class: 'stair-list' }, names.map((s) => {
        const st = tick(t('admin.outages.staircase', { name: s }), chosen.has(s), (on) => { if (on) chosen.add(s); else chosen.delete(s); });
        boxes.push(() => { st.input.disabled = estateSet.has(e.id) || buildingSet.has(b.id); });
        return st.el;
      })) : h('p', { class: 'small muted' }, t('admin.outages.no_staircases')));
      boxes.push(() => { bt.input.disabled = estateSet.has(e.id); });
      return h('li', {}, bt.el, det);
    });
    return h('li', {}, et.el, h('ul', {}, items));
  }));
  sync();
  const el = h('fieldset', { class: 'picker-fieldset', 'aria-describedby': errorEl.id }, h('legend', {}, t('admin.outages.f_places')),
    h('p', { class: 'hint' }, t('admin.outages.f_places_hint')), summary, tree, errorEl);
  return {
    el,
    value() {
      const out = [...Array.from(estateSet).map((id) => ({ estate_id: id }))];
      const est = new Map(buildings.map((b) => [b.id, b.estate_id]));
      buildingSet.forEach((id) => { if (!estateSet.has(est.get(id))) out.push({ building_id: id }); });
      stairs.forEach((set, id) => { if (!estateSet.has(est.get(id)) && !buildingSet.has(id)) set.forEach((s) => out.push({ building_id: id, staircase: s })); });
      return out;
    },
    setError(msg) { errorEl.textContent = msg || ''; },
    clearError() { errorEl.textContent = ''; },
    focus() { const i = el.querySelector('input:not([disabled])'); if (i) i.focus(); },
  };
}

function timeline(o) {
  if (!o.updates.length) return h('p', { class: 'muted' }, t('admin.outages.no_updates'));
  return h('ol', { class: 'timeline' }, o.updates.slice().reverse().map((u) => h('li', {},
    h('div', { class: 'row' }, h('strong', {}, formatDateTime(u.at)), u.status ? statusBadge(u.status) : null,
      u.author_id ? h('span', { class: 'small muted' }, userRef(u.author_id)) : null),
    u.text ? h('p', {}, u.text) : null,
    u.expected_end_at !== undefined ? h('p', { class: 'small muted' }, u.expected_end_at ? t('admin.outages.update_end', { at: formatDateTime(u.expected_end_at) }) : t('admin.outages.update_end_cleared')) : null)));
}

function updateForm(o, done) {
  const alertBox = formAlert();
  const f = {
    text: field({ name: 'text', label: t('admin.outages.u_text'), multiline: true, attrs: { rows: '3', maxlength: '1000' } }),
    status: field({ name: 'status', label: t('admin.outages.u_status'), value: '', options: [{ value: '', label: t('admin.outages.u_status_same') },
      ...STATUSES.map((s) => ({ value: s, label: t(`admin.outages.status_${s}`) }))] }),
    expected_end_at: field({ name: 'expected_end_at', label: t('admin.outages.u_end'), type: 'datetime-local', optional: true, value: toLocalInput(o.expected_end_at) }),
  };
  const add = button(t('admin.outages.u_add'), { type: 'submit' });
  const resolve = button(t('admin.outages.resolve'), { variant: 'secondary', onClick: async () => {
    if (!(await confirmDialog(t('admin.outages.resolve_title'), t('admin.outages.resolve_text'), { confirmLabel: t('admin.outages.resolve') }))) return;
    try {
      const saved = await withBusy(resolve, api.post(`/api/v1/admin/outages/${o.id}/updates`, { status: 'resolved', text: f.text.value().trim() || t('admin.outages.resolved_text') }));
      toast(t('admin.outages.resolved_done'), { kind: 'success' });
      done(saved);
    } catch (e) { showFieldErrors(e, f, alertBox); }
  } });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el, f.text.el, h('div', { class: 'grid cols-2' }, f.status.el, f.expected_end_at.el),
    h('div', { class: 'form-actions' }, add, o.status !== 'resolved' ? resolve : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    const payload = { text: f.text.value().trim() };
    if (f.status.value()) payload.status = f.status.value();
    const end = fromLocalInput(f.expected_end_at.value());
    if (end !== (o.expected_end_at || 0)) payload.expected_end_at = end;
    if (!payload.text && !payload.status && payload.expected_end_at === undefined) { f.text.setError(t('errors.field_required')); f.text.focus(); return; }
    try {
      const saved = await withBusy(add, api.post(`/api/v1/admin/outages/${o.id}/updates`, payload));
      toast(t('admin.outages.update_added'), { kind: 'success' });
      done(saved);
    } catch (err) { showFieldErrors(err, f, alertBox); }
  });
  return form;
}

export async function render(ctx) {
  const isNew = !ctx.params.id;
  const crumbs = (title) => [['/outages', t('admin.nav.outages')], [null, title]];
  const first = page(isNew ? t('admin.outages.new') : t('admin.outages.edit'), { crumbs: crumbs(isNew ? t('admin.outages.new') : t('admin.outages.edit')) });
  mount(first, loading());
  let o = { kind: 'water', title: '', description: '', status: 'planned', places: [], start_at: Math.floor(Date.now() / 1000), expected_end_at: null, updates: [] };
  let estates;
  try {
    estates = await loadPlaces();
    if (!isNew) o = await api.get(`/api/v1/admin/outages/${ctx.params.id}`);
  } catch (e) { mount(first, errorAlert(e)); return; }
  const title = isNew ? t('admin.outages.new') : o.title;
  const body = page(title, { crumbs: crumbs(title), lead: isNew ? t('admin.outages.new_lead') : null });
  const alertBox = formAlert();
  const f = {
    kind: field({ name: 'kind', label: t('admin.outages.f_kind'), value: o.kind, options: KINDS.map((k) => ({ value: k, label: t(`admin.outages.kind_${k}`) })) }),
    title: field({ name: 'title', label: t('admin.outages.f_title'), value: o.title, required: true, hint: t('admin.outages.f_title_hint'), attrs: { maxlength: '200' } }),
    description: field({ name: 'description', label: t('admin.outages.f_description'), value: o.description, optional: true, multiline: true, attrs: { rows: '4', maxlength: '5000' } }),
    start_at: field({ name: 'start_at', label: t('admin.outages.f_start'), type: 'datetime-local', value: toLocalInput(o.start_at), required: true }),
    expected_end_at: field({ name: 'expected_end_at', label: t('admin.outages.f_end'), type: 'datetime-local', value: toLocalInput(o.expected_end_at), optional: true }),
  };
  if (isNew) f.status = field({ name: 'status', label: t('admin.outages.f_status'), value: 'planned', options: STATUSES.filter((s) => s !== 'resolved').map((s) => ({ value: s, label: t(`admin.outages.status_${s}`) })) });
  const places = placesPicker(o.places, estates);
  f.places = places;
  const statusNow = h('p', {}, statusBadge(o.status));
  const save = button(isNew ? t('admin.outages.publish') : t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    section(t('admin.outages.s_what'), h('div', { class: 'grid cols-2' }, f.kind.el, f.status ? f.status.el : h('div', { class: 'field' }, h('span', { class: 'label-like' }, t('admin.outages.f_status')), statusNow)),
      f.title.el, f.description.el, h('div', { class: 'grid cols-2' }, f.start_at.el, f.expected_end_at.el)),
    section(t('admin.outages.s_where'), places.el),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    const payload = { kind: f.kind.value(), title: f.title.value().trim(), description: f.description.value().trim(),
      start_at: fromLocalInput(f.start_at.value()), expected_end_at: fromLocalInput(f.expected_end_at.value()), places: places.value() };
    if (f.status) payload.status = f.status.value();
    if (!payload.title) { f.title.setError(t('errors.field_required')); f.title.focus(); return; }
    if (!payload.start_at) { f.start_at.setError(t('errors.field_required')); f.start_at.focus(); return; }
    if (!payload.places.length) { places.setError(t('errors.outage_places_required')); places.focus(); return; }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/outages', payload) : api.put(`/api/v1/admin/outages/${o.id}`, payload));
      toast(t(isNew ? 'admin.outages.created' : 'admin.outages.saved'), { kind: 'success' });
      if (isNew) go(`/outages/${saved.id}`, { replace: true });
      else { o = saved; drawUpdates(); }
    } catch (err) { showFieldErrors(err, f, alertBox); }
  });
  body.append(form);
  if (isNew) return;
  const updates = h('div', { class: 'stack' });
  const drawUpdates = () => mount(statusNow, statusBadge(o.status)) && mount(updates, h('p', {}, statusBadge(o.status), o.resolved_at ? ` ${t('admin.outages.resolved_at', { at: formatDateTime(o.resolved_at) })}` : ''),
    updateForm(o, (saved) => { o = saved; drawUpdates(); }),
    h('h3', {}, t('admin.outages.timeline')), timeline(o));
  drawUpdates();
  body.append(section(t('admin.outages.s_updates'), updates));
}

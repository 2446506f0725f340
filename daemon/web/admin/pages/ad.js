// One banner: image, alt text, link, advertiser, paid/free with a price, period, target groups, placement and order;
// daily impressions and clicks for a chosen range as a table and a CSS bar chart.
import { api } from '/common/api.js';
import { t, formatDate, formatNumber } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, toast, loading } from '/common/ui.js';
import { page, go, section, errorAlert } from '../lib.js';
import { toLocalInput, fromLocalInput, groupPicker, uploadField, check, isoDay, deleteButton } from '../content.js';
import { ctr } from './ads.js';

// "12,50" → 1250 grosze; NaN for garbage.
function parseZl(s) {
  const v = String(s).replace(/\s|\u00a0|zł/g, '').replace(',', '.');
  if (v === '') return null;
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : NaN;
}
const showZl = (grosze) => (grosze === null || grosze === undefined ? '' : (grosze / 100).toFixed(2).replace('.', ','));

function stats(ad) {
  const today = new Date();
  const from = field({ name: 'from', label: t('admin.ads.from'), type: 'date', value: isoDay(new Date(today.getTime() - 13 * 86400000)) });
  const to = field({ name: 'to', label: t('admin.ads.to'), type: 'date', value: isoDay(today) });
  const out = h('div', { class: 'stack' });
  async function load() {
    mount(out, loading());
    try {
      const d = await api.get(`/api/v1/admin/ads/${ad.id}/stats`, { from: from.value(), to: to.value() });
      const days = d.days || [];
      const max = Math.max(1, ...days.map((x) => x.impressions));
      const sum = days.reduce((s, x) => ({ i: s.i + x.impressions, c: s.c + x.clicks }), { i: 0, c: 0 });
      // Bar heights are classes (h0..h20), never style attributes (CSP).
      const bar = (n, cls) => h('span', { class: ['bar', cls, `h${Math.round((n / max) * 20)}`] });
      mount(out,
        h('p', {}, t('admin.ads.totals', { impressions: formatNumber(sum.i), clicks: formatNumber(sum.c), ctr: ctr(sum.i, sum.c) })),
        days.length ? h('div', { class: 'bar-chart', 'aria-hidden': 'true' }, days.map((x) => h('div', { class: 'bar-day', title: `${formatDate(x.date)}: ${x.impressions} / ${x.clicks}` },
          h('div', { class: 'bars' }, bar(x.impressions, 'bar-impr'), bar(x.clicks, 'bar-click')), h('span', { class: 'bar-label' }, formatDate(x.date).slice(0, 5))))) : null,
        days.length ? h('p', { class: 'legend small', 'aria-hidden': 'true' }, h('span', { class: 'key key-impr' }), t('admin.ads.col_impressions'), ' ', h('span', { class: 'key key-click' }), t('admin.ads.col_clicks')) : null,
        h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('admin.ads.s_stats') }, h('table', { class: 'table' }, h('caption', { class: 'visually-hidden' }, t('admin.ads.s_stats')),
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin.ads.day')), h('th', { scope: 'col', class: 'num' }, t('admin.ads.col_impressions')),
            h('th', { scope: 'col', class: 'num' }, t('admin.ads.col_clicks')), h('th', { scope: 'col', class: 'num' }, t('admin.ads.col_ctr')))),
          h('tbody', {}, days.slice().reverse().map((x) => h('tr', {}, h('td', {}, formatDate(x.date)), h('td', { class: 'num' }, formatNumber(x.impressions)),
            h('td', { class: 'num' }, formatNumber(x.clicks)), h('td', { class: 'num' }, ctr(x.impressions, x.clicks))))))));
    } catch (e) { mount(out, errorAlert(e)); }
  }
  [from, to].forEach((f) => f.input.addEventListener('change', load));
  load();
  return h('div', { class: 'stack' }, h('div', { class: 'filters-grid cols-3' }, from.el, to.el), out);
}

export async function render(ctx) {
  const isNew = !ctx.params.id;
  const crumbs = (title) => [['/ads', t('admin.nav.ads')], [null, title]];
  let ad = { title: '', advertiser: '', image_id: '', alt: '', link: 'https://', paid: false, price: null, notes: '', starts_at: 0, ends_at: 0, groups: [], placement: 'slider', position: 0, enabled: true };
  if (!isNew) {
    const first = page(t('admin.ads.edit'), { crumbs: crumbs(t('admin.ads.edit')) });
    mount(first, loading());
    try { ad = await api.get(`/api/v1/admin/ads/${ctx.params.id}`); } catch (e) { mount(first, errorAlert(e)); return; }
  } else {
    const now = new Date();
    now.setHours(0, 0, 0, 0);
    ad.starts_at = Math.floor(now.getTime() / 1000);
    ad.ends_at = ad.starts_at + 30 * 86400;
  }
  const title = isNew ? t('admin.ads.new') : ad.title;
  const actions = isNew ? [] : [deleteButton({ label: t('admin.ads.delete'), title: t('admin.ads.delete_title'), text: t('admin.ads.delete_text', { title: ad.title }),
    path: `/api/v1/admin/ads/${ad.id}`, done: t('admin.ads.deleted'), after: () => go('/ads') })];
  const body = page(title, { crumbs: crumbs(title), actions });
  const alertBox = formAlert();
  const f = {
    title: field({ name: 'title', label: t('admin.ads.f_title'), value: ad.title, required: true, hint: t('admin.ads.f_title_hint'), attrs: { maxlength: '120' } }),
    advertiser: field({ name: 'advertiser', label: t('admin.ads.f_advertiser'), value: ad.advertiser, optional: true, attrs: { maxlength: '200' } }),
    alt: field({ name: 'alt', label: t('admin.ads.f_alt'), value: ad.alt, required: true, hint: t('admin.ads.f_alt_hint'), attrs: { maxlength: '200' } }),
    link: field({ name: 'link', label: t('admin.ads.f_link'), type: 'url', value: ad.link, required: true, attrs: { maxlength: '2000' } }),
    price: field({ name: 'price', label: t('admin.ads.f_price'), value: showZl(ad.price), optional: true, inputmode: 'decimal', hint: t('admin.ads.f_price_hint'), attrs: { maxlength: '14' } }),
    notes: field({ name: 'notes', label: t('admin.ads.f_notes'), value: ad.notes, optional: true, multiline: true, hint: t('admin.ads.f_notes_hint'), attrs: { rows: '2', maxlength: '1000' } }),
    starts_at: field({ name: 'starts_at', label: t('admin.ads.f_starts'), type: 'datetime-local', value: toLocalInput(ad.starts_at), required: true }),
    ends_at: field({ name: 'ends_at', label: t('admin.ads.f_ends'), type: 'datetime-local', value: toLocalInput(ad.ends_at), required: true }),
    placement: field({ name: 'placement', label: t('admin.ads.f_placement'), value: ad.placement, options: ['slider', 'stack'].map((p) => ({ value: p, label: t(`admin.ads.placement_${p}_long`) })) }),
    position: field({ name: 'position', label: t('admin.ads.f_position'), type: 'number', value: String(ad.position || 0), hint: t('admin.ads.f_position_hint'), attrs: { min: '0', max: '1000000', inputmode: 'numeric' } }),
    paid: check('paid', t('admin.ads.f_paid'), ad.paid),
    enabled: check('enabled', t('admin.ads.f_enabled'), ad.enabled),
  };
  const image = uploadField({ label: t('admin.ads.f_image'), kind: 'image', current: ad.image_id, removable: false, hint: t('admin.ads.f_image_hint') });
  f.image_id = image;
  const groups = groupPicker(ad.groups);
  const showPrice = () => { f.price.el.hidden = !f.paid.value(); };
  f.paid.input.addEventListener('change', showPrice);
  showPrice();
  const save = button(t('common.save'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el,
    h('div', { class: 'content-grid' },
      h('div', { class: 'stack' }, section(t('admin.ads.s_banner'), image.el, f.alt.el, f.title.el, f.link.el, f.advertiser.el),
        section(t('admin.ads.s_money'), f.paid.el, f.price.el, f.notes.el)),
      h('div', { class: 'stack' }, section(t('admin.news.s_publish'), f.enabled.el, f.starts_at.el, f.ends_at.el, f.placement.el, f.position.el),
        section(t('admin.news.s_target'), groups.el))),
    h('div', { class: 'form-actions' }, save));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(f, alertBox);
    if (image.busy()) { alertBox.show(t('admin.content.upload_wait')); return; }
    const payload = { title: f.title.value().trim(), advertiser: f.advertiser.value().trim(), image_id: image.value(), alt: f.alt.value().trim(), link: f.link.value().trim(),
      paid: f.paid.value(), notes: f.notes.value().trim(), starts_at: fromLocalInput(f.starts_at.value()), ends_at: fromLocalInput(f.ends_at.value()),
      groups: groups.value(), placement: f.placement.value(), position: Number(f.position.value()) || 0, enabled: f.enabled.value() };
    const price = payload.paid ? parseZl(f.price.value()) : null;
    if (Number.isNaN(price)) { f.price.setError(t('admin.ads.price_invalid')); f.price.focus(); return; }
    payload.price = price;
    if (!payload.image_id) { image.setError(t('admin.ads.image_required')); image.focus(); return; }
    for (const k of ['title', 'alt', 'link']) if (!payload[k]) { f[k].setError(t('errors.field_required')); f[k].focus(); return; }
    try {
      const saved = await withBusy(save, isNew ? api.post('/api/v1/admin/ads', payload) : api.put(`/api/v1/admin/ads/${ad.id}`, payload));
      toast(t('admin.ads.saved'), { kind: 'success' });
      if (isNew) go(`/ads/${saved.id}`, { replace: true });
    } catch (err) { showFieldErrors(err, f, alertBox); }
  });
  body.append(form);
  if (!isNew) body.append(section(t('admin.ads.s_stats'), stats(ad)));
}

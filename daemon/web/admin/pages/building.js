// Flats of one building (the register's data: staircase, number, area, KW, member number).
import { api } from '/common/api.js';
import { t, formatNumber } from '/common/i18n.js';
import { h, mount, table, loading, field, button, linkButton } from '/common/ui.js';
import { page, lists, errorAlert, debounce, can } from '../lib.js';
import { showLetterCodes } from '../letter_codes.js';

export async function render(ctx) {
  const id = Number(ctx.params.id);
  const body = page(t('admin.flats.building_title'), { crumbs: [['/flats', t('admin.nav.flats')], [null, `#${id}`]] });
  mount(body, loading());
  let building;
  let flats;
  try {
    const [bs, fs] = await Promise.all([lists.buildings(), api.get('/api/v1/admin/flats', { building: id })]);
    building = bs.find((b) => b.id === id);
    flats = fs;
  } catch (e) {
    mount(body, errorAlert(e));
    return;
  }
  const title = building ? building.address : `#${id}`;
  const letters = can('letters:manage');
  const actions = letters ? [linkButton(t('admin.letters.building_link'), `/admin/letters?building=${id}`, { variant: 'secondary' })] : null;
  const page2 = page(title, { lead: building ? `${building.estate} · ${t('admin.flats.flats_count', { count: flats.length })}` : '',
    crumbs: [['/flats', t('admin.nav.flats')], [null, title]], actions });
  // "Kody z listów" per flat for staff who manage the registration letters.
  const codesColumn = { key: 'codes', label: t('admin.letters.codes'), render: (f) => button(t('admin.letters.codes'), {
    variant: 'secondary', size: 'sm', attrs: { 'aria-label': t('admin.letters.codes_for', { number: f.number }) },
    onClick: () => showLetterCodes(f) }) };
  const filter = field({ name: 'filter', label: t('admin.flats.filter'), type: 'search', attrs: { autocomplete: 'off' } });
  let shown = flats;
  const grid = table({
    caption: title,
    pageSize: 100,
    columns: [
      { key: 'staircase', label: t('admin.queue.staircase') },
      { key: 'number', label: t('admin.queue.flat_number'), render: (f) => h('strong', {}, f.number) },
      { key: 'area', label: t('admin.queue.area'), num: true, render: (f) => (f.area_m2 ? `${formatNumber(f.area_m2)} m²` : '—') },
      { key: 'kw', label: t('admin.queue.kw_register'), render: (f) => h('span', { class: 'mono' }, f.kw_number || '—') },
      { key: 'member', label: t('admin.queue.member_number'), render: (f) => f.member_number || '—' },
      ...(letters ? [codesColumn] : []),
    ],
    fetchPage: async ({ offset, limit }) => ({ items: shown.slice(offset, offset + limit), total: shown.length }),
    emptyText: t('admin.flats.no_flats'),
  });
  filter.input.addEventListener('input', debounce(() => {
    const q = filter.value().trim().toLowerCase();
    shown = q ? flats.filter((f) => [f.number, f.staircase, f.kw_number, f.member_number].some((v) => String(v || '').toLowerCase().includes(q))) : flats;
    grid.reload(true);
  }, 150));
  page2.append(h('div', { class: 'filters card' }, filter.el), grid.el);
}

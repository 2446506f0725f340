// Flats register: estates → buildings (with flat counts); a building opens its flats.
import { t } from '/common/i18n.js';
import { h, mount, linkButton, loading } from '/common/ui.js';
import { page, can, lists, link, errorAlert } from '../lib.js';

export async function render() {
  const actions = can('flats:import') ? [linkButton(t('admin.flats.import'), '/admin/flats/import')] : [];
  const body = page(t('admin.flats.title'), { lead: t('admin.flats.lead'), actions });
  mount(body, loading());
  let estates;
  let buildings;
  try {
    [estates, buildings] = await Promise.all([lists.estates(), lists.buildings()]);
  } catch (e) {
    mount(body, errorAlert(e));
    return;
  }
  if (!buildings.length) {
    mount(body, h('div', { class: 'card empty stack' }, h('p', {}, t('admin.flats.empty')),
      can('flats:import') ? linkButton(t('admin.flats.import'), '/admin/flats/import') : null));
    return;
  }
  const total = buildings.reduce((s, b) => s + b.flats, 0);
  mount(body,
    h('p', { class: 'muted' }, [t('admin.flats.estates_count', { count: estates.length }), t('admin.flats.buildings_count', { count: buildings.length }),
      t('admin.flats.flats_count', { count: total })].join(' · ')),
    estates.map((e) => {
      const own = buildings.filter((b) => b.estate_id === e.id);
      return h('section', { class: 'card stack', 'aria-labelledby': `estate-${e.id}` },
        h('div', { class: 'row between' }, h('h2', { id: `estate-${e.id}`, class: 'card-title' }, e.name),
          h('span', { class: 'muted small' }, t('admin.flats.buildings_count', { count: own.length }))),
        own.length
          ? h('ul', { class: 'building-grid' }, own.map((b) => h('li', {}, link(`/flats/buildings/${b.id}`,
            [h('span', { class: 'building-name' }, b.address), h('span', { class: 'muted small' }, t('admin.flats.flats_count', { count: b.flats }))],
            { class: 'building-card' }))))
          : h('p', { class: 'muted' }, t('admin.flats.no_buildings')));
    }));
}

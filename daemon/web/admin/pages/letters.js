// Registration letters: choose every flat or one building, download the printable PDF or the CSV for a
// mail merge (POST /api/v1/admin/letters?format=pdf|csv). Each download issues new codes, which revokes
// the earlier codes of those flats, so the page says so and asks before it starts.
import { download } from '/common/api.js';
import { t, errorMessage } from '/common/i18n.js';
import { h, field, button, alert, mount, confirmDialog, withBusy, toast, loading } from '/common/ui.js';
import { page, lists, can, errorAlert, setQuery } from '../lib.js';

function flatsText(n) {
  return t('admin.flats.flats_count', { count: n });
}

// <option>s: every flat first, then the buildings (grouped by estate when there are several).
function scopeOptions(select, buildings, selected) {
  const total = buildings.reduce((s, b) => s + (b.flats || 0), 0);
  const option = (value, text) => h('option', { value, selected: value === selected }, text);
  const all = option('', buildings.length ? t('admin.letters.all_count', { flats: flatsText(total) }) : t('admin.letters.all'));
  const one = (b) => option(String(b.id), t('admin.letters.building_option', { address: b.address, flats: flatsText(b.flats || 0) }));
  const estates = [...new Set(buildings.map((b) => b.estate))];
  if (estates.length <= 1) {
    mount(select, all, buildings.map(one));
    return;
  }
  mount(select, all, estates.map((e) => h('optgroup', { label: e }, buildings.filter((b) => b.estate === e).map(one))));
}

export async function render(ctx) {
  const body = page(t('admin.letters.title'), { lead: t('admin.letters.lead') });
  mount(body, loading());
  let buildings = [];
  if (can('flats:read')) {
    try {
      buildings = await lists.buildings();
    } catch (e) {
      mount(body, errorAlert(e));
      return;
    }
  }
  const selected = ctx.query && ctx.query.building ? String(ctx.query.building) : '';
  const scope = field({ name: 'scope', label: t('admin.letters.scope'), options: [], hint: t('admin.letters.scope_hint') });
  scopeOptions(scope.input, buildings, selected);
  scope.input.addEventListener('change', () => setQuery({ building: scope.value() }));
  const result = h('div', { 'aria-live': 'polite' });

  const targetText = () => {
    const id = Number(scope.value());
    const b = buildings.find((x) => x.id === id);
    if (b) return t('admin.letters.building_option', { address: b.address, flats: flatsText(b.flats || 0) });
    const total = buildings.reduce((s, x) => s + (x.flats || 0), 0);
    return buildings.length ? t('admin.letters.all_count', { flats: flatsText(total) }) : t('admin.letters.all');
  };

  async function fetchLetters(btn, format) {
    const ok = await confirmDialog(t('admin.letters.confirm_title'),
      h('div', { class: 'stack-sm' }, h('p', {}, t('admin.letters.confirm_text', { target: targetText() })),
        h('p', { class: 'small' }, t('admin.letters.secret'))),
      { confirmLabel: t('admin.letters.confirm'), danger: true });
    if (!ok) return;
    const id = Number(scope.value());
    mount(result);
    try {
      const name = await withBusy(btn, download('/api/v1/admin/letters', undefined, { format },
        { method: 'POST', body: id ? { building_id: id } : {} }));
      mount(result, alert('success', t('admin.letters.done', { name })));
      toast(t('admin.letters.done', { name }), { kind: 'success' });
    } catch (e) {
      mount(result, alert('error', errorMessage(e && e.code)));
    }
  }

  const pdf = button(t('admin.letters.pdf'));
  pdf.addEventListener('click', () => fetchLetters(pdf, 'pdf'));
  const csv = button(t('admin.letters.csv'), { variant: 'secondary' });
  csv.addEventListener('click', () => fetchLetters(csv, 'csv'));

  mount(body,
    alert('warning', h('div', { class: 'stack-sm' }, h('p', {}, t('admin.letters.warning')),
      h('p', {}, t('admin.letters.secret'))), t('admin.letters.warning_title')),
    h('section', { class: 'card stack', 'aria-labelledby': 'letters-form-title' },
      h('h2', { class: 'card-title', id: 'letters-form-title' }, t('admin.letters.download_title')),
      scope.el,
      h('div', { class: 'btn-row' }, pdf, csv),
      h('p', { class: 'small muted' }, t('admin.letters.csv_hint')),
      result),
    can('flats:read') ? h('p', { class: 'muted' }, t('admin.letters.per_flat')) : null);
}

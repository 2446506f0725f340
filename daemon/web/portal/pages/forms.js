// Form pieces shared by registration, "add another flat", password pages.
import { h, field, mount, loading, alert } from '/common/ui.js';
import { renderPage } from '../shell.js';
import { t, errorMessage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { attachMask, validate as validateKw } from '/common/kw.js';

let buildingsCache = null;

// Buildings for the form (GET /api/v1/public/buildings), cached for the page's lifetime.
export async function loadBuildings() {
  if (!buildingsCache) buildingsCache = await api.get('/api/v1/public/buildings');
  return buildingsCache;
}

// Shows a spinner while the buildings load; on failure renders the error page and returns null.
export async function buildingsOrErrorPage(ctx, title) {
  renderPage(ctx.path, title, h('div', { class: 'container narrow' }, loading()));
  try {
    return await loadBuildings();
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container narrow' }, h('h1', {}, title),
      alert('error', errorMessage(e.code))));
    return null;
  }
}

// <select> options grouped by estate (optgroup) when there is more than one estate.
function fillBuildingSelect(select, buildings) {
  const estates = [...new Set(buildings.map((b) => b.estate))];
  const placeholder = h('option', { value: '' }, t('flat.building_choose'));
  if (estates.length <= 1) {
    mount(select, placeholder, buildings.map((b) => h('option', { value: String(b.id) }, b.address)));
    return;
  }
  mount(select, placeholder, estates.map((e) => h('optgroup', { label: e },
    buildings.filter((b) => b.estate === e).map((b) => h('option', { value: String(b.id) }, b.address)))));
}

// The KW number field with the live check (mask, check digit) → field() object plus
// validate() → null when fine (else sets the error) and normalised().
export function kwField() {
  const kw = field({ name: 'kw_number', label: t('flat.kw'), required: true, autocomplete: 'off',
    hint: t('flat.kw_hint'), placeholder: 'WA4M/00123456/4',
    attrs: { maxlength: '15', autocapitalize: 'characters', spellcheck: 'false', class: 'mono' } });
  const ok = h('p', { class: 'ok-text', id: `${kw.input.id}-ok`, 'aria-live': 'polite' });
  kw.el.appendChild(ok);
  kw.input.setAttribute('aria-describedby', `${kw.input.getAttribute('aria-describedby')} ${ok.id}`);

  const showKw = (res, final) => {
    ok.textContent = '';
    if (!kw.input.value) { kw.clearError(); return; }
    if (res.ok) { kw.clearError(); ok.textContent = t('flat.kw_ok'); return; }
    // While typing, only complain once all 15 characters are there (or on leaving the field).
    if (res.complete || final) kw.setError(errorMessage(res.code));
    else kw.clearError();
  };
  attachMask(kw.input, (res) => showKw(res, false));
  kw.input.addEventListener('blur', () => showKw(validateKw(kw.input.value), true));
  // Client-side check before sending; returns true when the field is fine.
  kw.check = () => {
    if (!kw.value().trim()) { kw.setError(errorMessage('field_required')); return false; }
    const res = validateKw(kw.value());
    if (!res.ok) { kw.setError(errorMessage(res.code)); return false; }
    return true;
  };
  kw.normalised = () => validateKw(kw.value()).value;
  return kw;
}

// The fields that identify a flat: building, flat number and (opts.kw, default true) the KW number
// with a live check. → {el, fields: {building, flat[, kw_number]}, validate() → first invalid field or
// null, values()}.
export function flatFields(buildings, opts = {}) {
  const withKw = opts.kw !== false;
  const building = field({ name: 'building', label: t('flat.building'), options: [], required: true,
    hint: t('flat.building_hint') });
  fillBuildingSelect(building.input, buildings);
  const flat = field({ name: 'flat', label: t('flat.number'), required: true, autocomplete: 'off',
    hint: t('flat.number_hint'), attrs: { maxlength: '20', class: 'input-short' } });
  const kw = withKw ? kwField() : null;

  const fields = { building, flat };
  if (kw) fields.kw_number = kw;
  return {
    el: h('div', { class: 'flat-fields' }, building.el, flat.el, kw ? kw.el : null),
    fields,
    // Client-side checks before sending; the server stays the authority. Returns the first bad field.
    validate() {
      let first = null;
      const req = (f) => {
        if (!f.value().trim()) { f.setError(errorMessage('field_required')); first = first || f; }
      };
      req(building);
      req(flat);
      if (kw && !kw.check()) first = first || kw;
      return first;
    },
    values() {
      const v = { building: Number(building.value()), flat: flat.value().trim() };
      if (kw) v.kw_number = kw.normalised();
      return v;
    },
  };
}

// 0..4 strength estimate for the hint meter (the server's rule: ≥ 10 characters, not one repeated
// character, not the e-mail address).
export function passwordLevel(pw) {
  if (!pw) return 0;
  if (pw.length < 10 || /^(.)\1*$/.test(pw)) return 1;
  const classes = [/[a-ząćęłńóśźż]/, /[A-ZĄĆĘŁŃÓŚŹŻ]/, /[0-9]/, /[^A-Za-z0-9ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/]
    .filter((re) => re.test(pw)).length;
  if (pw.length >= 16 || (pw.length >= 12 && classes >= 3)) return 4;
  if (pw.length >= 12 || classes >= 3) return 3;
  return 2;
}

// A new-password field with a strength meter and its spoken description.
export function newPasswordField(name, label) {
  const f = field({ name, label, type: 'password', required: true, autocomplete: 'new-password',
    hint: t('password.hint') });
  const meter = h('div', { class: 'meter', 'data-level': '0', 'aria-hidden': 'true' },
    h('span'), h('span'), h('span'), h('span'));
  const text = h('p', { class: 'hint strength', id: `${f.input.id}-strength`, 'aria-live': 'polite' });
  f.input.setAttribute('aria-describedby', `${f.input.getAttribute('aria-describedby')} ${text.id}`);
  f.el.insertBefore(meter, f.errorEl);
  f.el.insertBefore(text, f.errorEl);
  f.input.addEventListener('input', () => {
    const level = passwordLevel(f.input.value);
    meter.dataset.level = String(level);
    text.textContent = level ? t(`password.level${level}`) : '';
  });
  return f;
}

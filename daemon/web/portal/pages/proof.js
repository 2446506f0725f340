// Proof of ownership on the registration form. The site says which one it asks for
// (GET /api/v1/public/site → registration.proof: "kw" | "member-number" | "letter-code"); a code from
// a registration letter is accepted whatever the site asks for, so "Mam kod z listu" is always offered.
import { h, field, button, mount } from '/common/ui.js';
import { t, errorMessage } from '/common/i18n.js';
import { attachMask, validate as validateCode, mask } from '/common/letter_code.js';
import { kwField } from './forms.js';

export const PROOFS = ['kw', 'member-number', 'letter-code'];

// The site's proof mode from the /public/site answer ("kw" when unknown or the answer is missing).
export function siteProof(site) {
  const p = site && site.registration && site.registration.proof;
  return PROOFS.includes(p) ? p : 'kw';
}

function memberField() {
  const f = field({ name: 'member_number', label: t('proof.member'), required: true, autocomplete: 'off',
    hint: t('proof.member_hint'), attrs: { maxlength: '32', spellcheck: 'false', class: 'input-short' } });
  f.check = () => {
    if (f.value().trim()) return true;
    f.setError(errorMessage('field_required'));
    return false;
  };
  return f;
}

function codeField(initial) {
  const f = field({ name: 'letter_code', label: t('proof.code'), required: true, autocomplete: 'off',
    hint: t('proof.code_hint'), placeholder: 'XXXX-XXXX-XXXX', value: initial ? mask(initial) : '',
    attrs: { maxlength: '24', autocapitalize: 'characters', spellcheck: 'false', class: 'mono input-code-letter' } });
  const message = (res) => (res.code === 'letter_code_chars' ? t('proof.code_chars') : t('proof.code_format'));
  // Wrong characters are reported at once; a short code only when the user leaves the field.
  attachMask(f.input, (res) => {
    if (res.code === 'letter_code_chars') f.setError(message(res));
    else f.clearError();
  });
  f.input.addEventListener('blur', () => {
    const res = validateCode(f.input.value);
    if (f.input.value && !res.ok) f.setError(message(res));
  });
  f.check = () => {
    if (!f.value().trim()) { f.setError(errorMessage('field_required')); return false; }
    const res = validateCode(f.value());
    if (!res.ok) { f.setError(message(res)); return false; }
    return true;
  };
  return f;
}

// proofFields(base, {code}) → {el, mode(), field() (the visible one), fields (name → field, visible
// one only), validate() → the bad field or null, values() → the body part, onChange(fn)}.
// base: the site's mode; code: a letter code from the QR link (starts in letter-code mode).
export function proofFields(base, opts = {}) {
  let mode = opts.code || base === 'letter-code' ? 'letter-code' : base;
  const made = {};
  const get = (m) => {
    if (!made[m]) made[m] = m === 'kw' ? kwField() : m === 'member-number' ? memberField() : codeField(opts.code);
    return made[m];
  };
  const slot = h('div', { class: 'proof-slot' });
  const toggle = base === 'letter-code' ? null : button('', { variant: 'link', class: 'proof-toggle' });
  const listeners = [];

  function render(focus) {
    const f = get(mode);
    mount(slot, f.el);
    if (toggle) {
      toggle.textContent = mode === 'letter-code'
        ? t(base === 'kw' ? 'proof.use_kw' : 'proof.use_member') : t('proof.have_code');
    }
    if (focus) f.focus();
  }
  if (toggle) {
    toggle.addEventListener('click', () => {
      mode = mode === 'letter-code' ? base : 'letter-code';
      render(true);
      listeners.forEach((fn) => fn(mode));
    });
  }
  render(false);

  return {
    el: h('div', { class: 'proof-fields stack-sm' }, slot, toggle ? h('p', { class: 'proof-switch' }, toggle) : null),
    mode: () => mode,
    field: () => get(mode),
    get fields() {
      const name = { kw: 'kw_number', 'member-number': 'member_number', 'letter-code': 'letter_code' }[mode];
      return { [name]: get(mode) };
    },
    validate() {
      const f = get(mode);
      return f.check() ? null : f;
    },
    values() {
      const f = get(mode);
      if (mode === 'kw') return { kw_number: f.normalised() };
      if (mode === 'member-number') return { member_number: f.value().trim() };
      return { letter_code: mask(f.value()) };
    },
    onChange(fn) { listeners.push(fn); },
  };
}

// Registration of a flat owner (POST /api/v1/registrations) and the confirmation page.
import { h, field, checkbox, button, formAlert, showFieldErrors, clearFieldErrors, withBusy, alert,
  linkButton, dialog, mount } from '/common/ui.js';
import { t, errorMessage, getLanguage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { flatFields, buildingsOrErrorPage, newPasswordField } from './forms.js';
import { proofFields, siteProof } from './proof.js';
import { legalContent } from './public.js';
import { loadSite } from '../session.js';

const CONSENTS_VERSION = '2025-01'; // daemon/modules/identity/service.hpp kConsentsVersion
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
let lastEmail = '';
let lastByCode = false; // the last registration was verified by a letter code (not by a register match)

// A link that opens the legal text in a dialog, so the half-filled form is not lost.
function legalLink(kind, text) {
  return h('a', {
    href: link(kind === 'terms' ? '/regulamin' : '/rodo'),
    onClick: (e) => {
      e.preventDefault();
      dialog({ title: t(`legal.${kind}.title`), body: legalContent(kind, 'h3'), wide: true });
    },
  }, text);
}

function section(title, hint, ...children) {
  return h('fieldset', { class: 'form-section' }, h('legend', {}, title),
    hint ? h('p', { class: 'muted small section-hint' }, hint) : null, ...children);
}

// The side card: what to have at hand and where to find the proof the form asks for.
function asideFor(mode) {
  const where = {
    kw: [t('register.kw_where_title'), h('p', {}, t('register.kw_where_text')),
      h('p', { class: 'kw-example' }, 'WA4M/00123456/4'), h('p', { class: 'small' }, t('register.kw_where_more'))],
    'member-number': [t('proof.member_where_title'), h('p', {}, t('proof.member_where_text'))],
    'letter-code': [t('proof.code_where_title'), h('p', {}, t('proof.code_where_text')),
      h('p', { class: 'kw-example' }, 'ABCD-EFGH-JK23'), h('p', { class: 'small' }, t('proof.code_where_more'))],
  }[mode];
  const prep = { kw: t('register.prep_kw'), 'member-number': t('proof.prep_member'),
    'letter-code': t('proof.prep_code') }[mode];
  return h('div', { class: 'card aside-card' },
    h('h2', { id: 'prep-title' }, t('register.prep_title')),
    h('ul', {}, h('li', {}, prep), h('li', {}, t('register.prep_email')), h('li', {}, t('register.prep_time'))),
    h('h2', {}, where[0]), where.slice(1));
}

// Building, flat and code from a registration letter's QR link
// (#/rejestracja?budynek=<id>&lokal=<number>&kod=<XXXX-XXXX-XXXX>); true when anything was filled.
function prefill(query, buildings, flat) {
  let filled = false;
  const id = Number(query.budynek);
  if (id && buildings.some((b) => b.id === id)) {
    flat.fields.building.input.value = String(id);
    filled = true;
  }
  if (query.lokal && String(query.lokal).length <= 20) {
    flat.fields.flat.input.value = String(query.lokal).trim();
    filled = true;
  }
  return filled;
}

export async function registerPage(ctx) {
  const buildings = await buildingsOrErrorPage(ctx, t('register.title'));
  if (!buildings) return;
  const site = await loadSite();

  const flat = flatFields(buildings, { kw: false });
  const query = ctx.query || {};
  const code = typeof query.kod === 'string' && query.kod.length <= 32 ? query.kod : '';
  const proof = proofFields(siteProof(site), { code });
  const fromLetter = prefill(query, buildings, flat) || !!code;
  const first = field({ name: 'first_name', label: t('register.first_name'), required: true,
    autocomplete: 'given-name', attrs: { maxlength: '100' } });
  const last = field({ name: 'last_name', label: t('register.last_name'), required: true,
    autocomplete: 'family-name', attrs: { maxlength: '100' } });
  const email = field({ name: 'email', label: t('register.email'), type: 'email', required: true,
    autocomplete: 'email', inputmode: 'email', hint: t('register.email_hint'), attrs: { maxlength: '254' } });
  const phone = field({ name: 'phone', label: t('register.phone'), type: 'tel', optional: true,
    autocomplete: 'tel', inputmode: 'tel', hint: t('register.phone_hint'), attrs: { maxlength: '20' } });
  const password = newPasswordField('password', t('register.password'));
  const terms = checkbox({ name: 'terms', required: true, label: [t('register.consent_terms_before'),
    legalLink('terms', t('register.consent_terms_link')), t('register.consent_terms_after')] });
  const rodo = checkbox({ name: 'rodo', required: true, label: [t('register.consent_rodo_before'),
    legalLink('rodo', t('register.consent_rodo_link')), t('register.consent_rodo_after')] });

  const personal = { first_name: first, last_name: last, email, phone, password, terms, rodo };
  const allFields = () => ({ ...flat.fields, ...proof.fields, ...personal });
  const aliases = { 'consents.terms': 'terms', 'consents.rodo': 'rodo', 'consents.version': 'terms',
    consents: 'terms' };
  const top = formAlert();
  const submit = button('', { type: 'submit', size: 'lg', class: 'btn-submit' });
  const flatHint = h('p', { class: 'muted small section-hint' });
  const aside = h('aside', { 'aria-labelledby': 'prep-title' });
  const showMode = (mode) => {
    submit.textContent = t(mode === 'letter-code' ? 'proof.submit_code' : 'register.submit');
    flatHint.textContent = t(mode === 'letter-code' ? 'proof.section_hint_code' : 'register.section_flat_hint');
    mount(aside, asideFor(mode));
  };
  showMode(proof.mode());
  proof.onChange(showMode);

  function validate() {
    clearFieldErrors(allFields(), top);
    const badFlat = flat.validate();
    const badProof = proof.validate();
    let bad = badFlat || badProof;
    const need = (f, code = 'field_required') => { f.setError(errorMessage(code)); bad = bad || f; };
    if (!first.value().trim()) need(first);
    if (!last.value().trim()) need(last);
    if (!email.value().trim()) need(email);
    else if (!EMAIL_RE.test(email.value().trim())) need(email, 'email_invalid');
    if (!password.value()) need(password);
    else if (password.value().length < 10) need(password, 'password_too_weak');
    if (!terms.value()) terms.setError(t('register.consent_terms_required'));
    if (!rodo.value()) rodo.setError(t('register.consent_rodo_required'));
    bad = bad || (!terms.value() ? terms : null) || (!rodo.value() ? rodo : null);
    if (bad) bad.focus();
    return !bad;
  }

  const form = h('form', { class: 'stack-lg register-form', novalidate: true },
    top.el,
    fromLetter ? alert('info', t('proof.prefilled')) : null,
    h('fieldset', { class: 'form-section' }, h('legend', {}, t('register.section_flat')), flatHint, flat.el, proof.el),
    section(t('register.section_person'), null, h('div', { class: 'form-pair' }, first.el, last.el), email.el, phone.el),
    section(t('register.section_password'), null, password.el),
    section(t('register.section_consents'), null, terms.el, rodo.el),
    h('div', { class: 'form-actions' }, submit),
    h('p', { class: 'muted small' }, t('register.have_account'), ' ',
      h('a', { href: link('/logowanie') }, t('register.login_link'))));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!validate()) return;
    const body = {
      ...flat.values(),
      ...proof.values(),
      first_name: first.value().trim(),
      last_name: last.value().trim(),
      email: email.value().trim(),
      password: password.value(),
      lang: getLanguage(),
      consents: { terms: true, rodo: true, version: CONSENTS_VERSION },
    };
    if (phone.value().trim()) body.phone = phone.value().trim();
    try {
      const r = await withBusy(submit, api.post('/api/v1/registrations', body));
      lastEmail = body.email;
      lastByCode = proof.mode() === 'letter-code';
      navigate(r && r.verified === true ? '/rejestracja/aktywne' : '/rejestracja/wyslano');
    } catch (err) {
      if (err.code === 'rate_limited') top.show(errorMessage(err.code));
      else showFieldErrors(err, allFields(), top, aliases);
    }
  });

  renderPage(ctx.path, t('register.title'), h('div', { class: 'container' }, h('div', { class: 'with-aside' },
    h('div', {},
      h('div', { class: 'page-head' }, h('h1', {}, t('register.title')),
        h('p', { class: 'lead' }, t('register.lead'))),
      h('div', { class: 'card' }, form)),
    aside)));
}

// After a registration with a valid letter code: the account is active at once.
export function registerActivePage(ctx) {
  const emailNode = lastEmail ? h('strong', { class: 'break' }, lastEmail) : t('register.done_your_email');
  renderPage(ctx.path, t('proof.active_title'), h('div', { class: 'container narrow' },
    h('div', { class: 'card stack' },
      h('div', { class: 'center' }, h('span', { class: 'icon-circle', 'aria-hidden': 'true' }, '✓')),
      h('h1', { class: 'center' }, t('proof.active_title')),
      h('p', { class: 'lead center' }, t(lastByCode ? 'proof.active_lead' : 'proof.active_lead_match')),
      h('p', {}, t('proof.active_login_before'), emailNode, t('proof.active_login_after')),
      h('div', { class: 'btn-row stack-mobile' },
        linkButton(t('proof.active_login'), link('/logowanie'), { size: 'lg' }),
        linkButton(t('register.done_home'), link('/'), { variant: 'secondary' })))));
}

export function registerDonePage(ctx) {
  const emailNode = lastEmail ? h('strong', { class: 'break' }, lastEmail) : t('register.done_your_email');
  renderPage(ctx.path, t('register.done_title'), h('div', { class: 'container narrow' },
    h('div', { class: 'card stack' },
      h('div', { class: 'center' }, h('span', { class: 'icon-circle', 'aria-hidden': 'true' }, '✓')),
      h('h1', { class: 'center' }, t('register.done_title')),
      h('p', { class: 'lead center' }, t('register.done_lead')),
      h('h2', {}, t('register.done_next')),
      h('ol', { class: 'steps' },
        h('li', {}, t('register.done_step1_before'), emailNode, t('register.done_step1_after')),
        h('li', {}, t('register.done_step2')),
        h('li', {}, t('register.done_step3'))),
      alert('info', t('register.done_note')),
      h('div', { class: 'btn-row stack-mobile' }, linkButton(t('register.done_home'), link('/'), {
        variant: 'secondary' })))));
}


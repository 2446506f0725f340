// Registration of a flat owner (POST /api/v1/registrations) and the confirmation page.
import { h, field, checkbox, button, formAlert, showFieldErrors, clearFieldErrors, withBusy, alert,
  linkButton, dialog } from '/common/ui.js';
import { t, errorMessage, getLanguage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { flatFields, buildingsOrErrorPage, newPasswordField } from './forms.js';
import { legalContent } from './public.js';

const CONSENTS_VERSION = '2025-01'; // daemon/modules/identity/service.hpp kConsentsVersion
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
let lastEmail = '';

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

export async function registerPage(ctx) {
  const buildings = await buildingsOrErrorPage(ctx, t('register.title'));
  if (!buildings) return;

  const flat = flatFields(buildings);
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

  const fields = { ...flat.fields, first_name: first, last_name: last, email, phone, password, terms, rodo };
  const aliases = { 'consents.terms': 'terms', 'consents.rodo': 'rodo', 'consents.version': 'terms',
    consents: 'terms' };
  const top = formAlert();
  const submit = button(t('register.submit'), { type: 'submit', size: 'lg', class: 'btn-submit' });

  function validate() {
    clearFieldErrors(fields, top);
    let bad = flat.validate();
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
    section(t('register.section_flat'), t('register.section_flat_hint'), flat.el),
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
      first_name: first.value().trim(),
      last_name: last.value().trim(),
      email: email.value().trim(),
      password: password.value(),
      lang: getLanguage(),
      consents: { terms: true, rodo: true, version: CONSENTS_VERSION },
    };
    if (phone.value().trim()) body.phone = phone.value().trim();
    try {
      await withBusy(submit, api.post('/api/v1/registrations', body));
      lastEmail = body.email;
      navigate('/rejestracja/wyslano');
    } catch (err) {
      if (err.code === 'rate_limited') top.show(errorMessage(err.code));
      else showFieldErrors(err, fields, top, aliases);
    }
  });

  renderPage(ctx.path, t('register.title'), h('div', { class: 'container' }, h('div', { class: 'with-aside' },
    h('div', {},
      h('div', { class: 'page-head' }, h('h1', {}, t('register.title')),
        h('p', { class: 'lead' }, t('register.lead'))),
      h('div', { class: 'card' }, form)),
    h('aside', { 'aria-labelledby': 'prep-title' }, h('div', { class: 'card aside-card' },
      h('h2', { id: 'prep-title' }, t('register.prep_title')),
      h('ul', {}, h('li', {}, t('register.prep_kw')), h('li', {}, t('register.prep_email')),
        h('li', {}, t('register.prep_time'))),
      h('h2', {}, t('register.kw_where_title')),
      h('p', {}, t('register.kw_where_text')),
      h('p', { class: 'kw-example' }, 'WA4M/00123456/4'),
      h('p', { class: 'small' }, t('register.kw_where_more')))))));
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


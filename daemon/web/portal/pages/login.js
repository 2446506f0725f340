// Login (with the TOTP step), "Nie pamiętam hasła" and setting a new password from the mailed link.
import { h, field, button, formAlert, showFieldErrors, clearFieldErrors, withBusy, alert, linkButton,
  mount } from '/common/ui.js';
import { t, errorMessage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { refreshMe } from '../session.js';
import { newPasswordField } from './forms.js';

function narrow(...children) {
  return h('div', { class: 'container narrow' }, ...children);
}

// A full-card explanation instead of a generic error (pending and blocked accounts).
function statusCard(kind, onBack) {
  return h('div', { class: 'card stack', role: 'alert' },
    h('div', { class: 'center' }, h('span', { class: ['icon-circle', kind === 'pending' ? 'info' : 'warning'],
      'aria-hidden': 'true' }, kind === 'pending' ? 'i' : '!')),
    h('h2', { class: 'center' }, t(`login.${kind}_title`)),
    h('p', {}, t(`login.${kind}_text`)),
    h('p', { class: 'muted' }, t(`login.${kind}_more`)),
    h('div', { class: 'btn-row stack-mobile' }, button(t('login.back_to_form'), { variant: 'secondary',
      onClick: onBack })));
}

function safeNext(next) {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/start';
}

export function loginPage(ctx) {
  const container = h('div');
  const email = field({ name: 'email', label: t('login.email'), type: 'email', required: true,
    autocomplete: 'username', inputmode: 'email' });
  const password = field({ name: 'password', label: t('login.password'), type: 'password', required: true,
    autocomplete: 'current-password' });
  const fields = { email, password };
  const top = formAlert();
  const submit = button(t('login.submit'), { type: 'submit', size: 'lg', block: true });
  const form = h('form', { class: 'stack', novalidate: true }, top.el, email.el, password.el,
    h('p', { class: 'forgot' }, h('a', { href: link('/nie-pamietam-hasla') }, t('login.forgot'))),
    submit);

  const showForm = () => {
    mount(container, h('div', { class: 'card' }, form),
      h('p', { class: 'center alt-action' }, t('login.no_account'), ' ',
        h('a', { href: link('/rejestracja') }, t('login.register_link'))));
  };

  async function finish() {
    await refreshMe();
    navigate(safeNext(ctx.query.next), { replace: true });
  }

  function showTotp() {
    const code = field({ name: 'totp', label: t('login.totp_label'), required: true,
      autocomplete: 'one-time-code', inputmode: 'numeric', hint: t('login.totp_hint'),
      attrs: { maxlength: '8', pattern: '[0-9]*', class: 'input-code' } });
    const totpTop = formAlert();
    const go = button(t('login.totp_submit'), { type: 'submit', size: 'lg', block: true });
    const back = button(t('login.back_to_form'), { variant: 'link', onClick: () => { showForm(); password.focus(); } });
    const totpForm = h('form', { class: 'stack', novalidate: true }, totpTop.el,
      h('p', {}, t('login.totp_text')), code.el, go, back);
    totpForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const value = code.value().replace(/\s+/g, '');
      if (!/^\d{6,8}$/.test(value)) { code.setError(errorMessage('totp_invalid')); code.focus(); return; }
      try {
        await withBusy(go, api.post('/api/v1/auth/login', { email: email.value().trim(),
          password: password.value(), totp: value }));
        await finish();
      } catch (err) {
        if (err.code === 'totp_invalid' || err.code === 'totp_required') {
          code.setError(errorMessage('totp_invalid'));
          code.input.select();
          code.focus();
        } else handleError(err, totpTop);
      }
    });
    mount(container, h('div', { class: 'card' }, h('h2', {}, t('login.totp_title')), totpForm));
    code.focus();
  }

  function handleError(err, alertApi) {
    if (err.code === 'account_pending' || err.code === 'account_blocked') {
      mount(container, statusCard(err.code === 'account_pending' ? 'pending' : 'blocked', () => showForm()));
      container.querySelector('h2').setAttribute('tabindex', '-1');
      container.querySelector('h2').focus();
      return;
    }
    if (err.code === 'rate_limited' && err.retryAfter) {
      alertApi.show(t('login.rate_limited', { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) }));
      return;
    }
    if (err.code === 'invalid_credentials') {
      alertApi.show(errorMessage(err.code), 'error', t('login.failed_title'));
      password.input.value = '';
      return;
    }
    showFieldErrors(err, fields, alertApi);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, top);
    let bad = null;
    if (!email.value().trim()) { email.setError(errorMessage('field_required')); bad = email; }
    if (!password.value()) { password.setError(errorMessage('field_required')); bad = bad || password; }
    if (bad) { bad.focus(); return; }
    try {
      await withBusy(submit, api.post('/api/v1/auth/login', { email: email.value().trim(),
        password: password.value() }));
      await finish();
    } catch (err) {
      if (err.code === 'totp_required') showTotp();
      else handleError(err, top);
    }
  });

  showForm();
  renderPage(ctx.path, t('login.title'), narrow(
    h('div', { class: 'page-head center' }, h('h1', {}, t('login.title')), h('p', { class: 'lead' }, t('login.lead'))),
    ctx.query.next ? alert('info', t('login.need_login')) : null,
    container));
}

export function forgotPage(ctx) {
  const email = field({ name: 'email', label: t('forgot.email'), type: 'email', required: true,
    autocomplete: 'email', inputmode: 'email' });
  const top = formAlert();
  const submit = button(t('forgot.submit'), { type: 'submit', size: 'lg', block: true });
  const box = h('div', { class: 'card' });
  const form = h('form', { class: 'stack', novalidate: true }, top.el, h('p', {}, t('forgot.text')), email.el, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors({ email }, top);
    if (!email.value().trim()) { email.setError(errorMessage('field_required')); email.focus(); return; }
    try {
      await withBusy(submit, api.post('/api/v1/auth/password-reset', { email: email.value().trim() }));
      mount(box, h('div', { class: 'stack', role: 'status' },
        h('div', { class: 'center' }, h('span', { class: 'icon-circle info', 'aria-hidden': 'true' }, '✉')),
        h('h2', { class: 'center' }, t('forgot.sent_title')),
        h('p', {}, t('forgot.sent_text', { email: email.value().trim() })),
        h('p', { class: 'muted' }, t('forgot.sent_more')),
        linkButton(t('forgot.back_to_login'), link('/logowanie'), { variant: 'secondary', block: true })));
      box.querySelector('h2').setAttribute('tabindex', '-1');
      box.querySelector('h2').focus();
    } catch (err) {
      showFieldErrors(err, { email }, top);
    }
  });
  mount(box, form);
  renderPage(ctx.path, t('forgot.title'), narrow(
    h('div', { class: 'page-head center' }, h('h1', {}, t('forgot.title'))), box,
    h('p', { class: 'center alt-action' }, h('a', { href: link('/logowanie') }, t('forgot.back_to_login')))));
}

export function resetPage(ctx) {
  const token = ctx.query.token || '';
  const box = h('div', { class: 'card' });
  const invalid = () => mount(box, h('div', { class: 'stack' },
    alert('error', errorMessage('reset_token_invalid')),
    linkButton(t('reset.request_new'), link('/nie-pamietam-hasla'), { block: true })));
  if (!token) {
    invalid();
  } else {
    const pw = newPasswordField('password', t('reset.password'));
    const repeat = field({ name: 'password_repeat', label: t('reset.repeat'), type: 'password', required: true,
      autocomplete: 'new-password' });
    const top = formAlert();
    const submit = button(t('reset.submit'), { type: 'submit', size: 'lg', block: true });
    const form = h('form', { class: 'stack', novalidate: true }, top.el, pw.el, repeat.el, submit);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors({ pw, repeat }, top);
      if (pw.value().length < 10) { pw.setError(errorMessage('password_too_weak')); pw.focus(); return; }
      if (pw.value() !== repeat.value()) { repeat.setError(t('reset.mismatch')); repeat.focus(); return; }
      try {
        await withBusy(submit, api.post('/api/v1/auth/password-reset/confirm', { token, password: pw.value() }));
        mount(box, h('div', { class: 'stack', role: 'status' },
          h('div', { class: 'center' }, h('span', { class: 'icon-circle', 'aria-hidden': 'true' }, '✓')),
          h('h2', { class: 'center' }, t('reset.done_title')),
          h('p', {}, t('reset.done_text')),
          linkButton(t('reset.to_login'), link('/logowanie'), { block: true })));
      } catch (err) {
        if (err.code === 'reset_token_invalid') invalid();
        else showFieldErrors(err, { password: pw }, top);
      }
    });
    mount(box, form);
  }
  renderPage(ctx.path, t('reset.title'), narrow(
    h('div', { class: 'page-head center' }, h('h1', {}, t('reset.title')), h('p', { class: 'lead' }, t('reset.lead'))),
    box));
}

// Staff login: e-mail + password, then the TOTP code when the server answers totp_required.
import { api } from '/common/api.js';
import { t, errorMessage } from '/common/i18n.js';
import { h, mount, field, button, formAlert, withBusy, showFieldErrors, clearFieldErrors, setPageTitle } from '/common/ui.js';
import { session } from '../lib.js';

export function render(ctx) {
  const main = document.getElementById('main');
  setPageTitle(t('admin.login.title'), t('admin.app_title'));
  const alertBox = formAlert();
  const email = field({ name: 'email', label: t('admin.login.email'), type: 'email', autocomplete: 'username', required: true });
  const password = field({ name: 'password', label: t('admin.login.password'), type: 'password', autocomplete: 'current-password', required: true });
  const code = field({ name: 'totp', label: t('admin.login.code'), hint: t('admin.login.code_hint'), inputmode: 'numeric',
    autocomplete: 'one-time-code', attrs: { maxlength: '8', pattern: '[0-9 ]*', class: 'input-code' } });
  const codeStep = h('div', { class: 'stack', hidden: true }, h('p', {}, t('admin.login.code_lead')), code.el);
  const credentials = h('div', { class: 'stack' }, email.el, password.el);
  const submit = button(t('admin.login.submit'), { type: 'submit', block: true, size: 'lg' });
  const back = button(t('admin.login.back'), { variant: 'link', onClick: () => {
    codeStep.hidden = true;
    credentials.hidden = false;
    code.input.value = '';
    alertBox.clear();
    password.focus();
  } });
  back.hidden = true;
  const fields = { email, password, totp: code };

  const form = h('form', { class: 'stack', novalidate: true }, alertBox.el, credentials, codeStep, submit, back);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, alertBox);
    const body = { email: email.value().trim(), password: password.value() };
    if (!body.email) return email.setError(errorMessage('field_required')), email.focus();
    if (!body.password) return password.setError(errorMessage('field_required')), password.focus();
    if (!codeStep.hidden) {
      body.totp = code.value().replace(/\s+/g, '');
      if (!body.totp) return code.setError(errorMessage('totp_required')), code.focus();
    }
    try {
      await withBusy(submit, () => api.post('/api/v1/auth/login', body));
    } catch (err) {
      if (err.code === 'totp_required') {
        credentials.hidden = true;
        codeStep.hidden = false;
        back.hidden = false;
        code.focus();
        return;
      }
      if (err.code === 'totp_invalid') {
        code.setError(errorMessage('totp_invalid'));
        code.input.select();
        code.focus();
        return;
      }
      if (err.code === 'rate_limited' && err.retryAfter) {
        alertBox.show(t('admin.login.rate_limited', { minutes: Math.max(1, Math.ceil(err.retryAfter / 60)) }));
        return;
      }
      showFieldErrors(err, fields, alertBox, { totp: 'totp' });
      return;
    }
    await session.reloadMe();
    const next = ctx.query.next && ctx.query.next.startsWith('/') && !ctx.query.next.startsWith('//') ? ctx.query.next : '/';
    session.router.navigate(next, { replace: true });
  });

  mount(main, h('div', { class: 'login-wrap' },
    h('div', { class: 'login-card card stack' },
      h('div', { class: 'login-brand' }, h('img', { src: '/admin/favicon.svg', alt: '', width: '48', height: '48' }),
        h('div', {}, h('p', { class: 'login-app muted' }, t('admin.brand')), h('h1', {}, t('admin.login.title')))),
      form,
      h('p', { class: 'small muted' }, t('admin.login.resident_hint'), ' ', h('a', { href: '/' }, t('admin.login.portal_link'))))));
  email.focus();
}

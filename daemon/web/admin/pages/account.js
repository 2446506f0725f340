// My account (staff): profile summary and two-step login (TOTP) — enrol with the secret or the
// otpauth:// link in an authenticator app, confirm with a first code; turn off with a code.
import { api } from '/common/api.js';
import { t, errorMessage } from '/common/i18n.js';
import { h, mount, field, button, alert, withBusy, toast, badge } from '/common/ui.js';
import { page, section, session, fullName } from '../lib.js';

function groups4(secret) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

function enrolled(onChange) {
  const code = field({ name: 'code', label: t('admin.account.code'), inputmode: 'numeric', autocomplete: 'one-time-code', attrs: { maxlength: '8', class: 'input-code' } });
  const off = button(t('admin.account.totp_disable'), { variant: 'danger-outline' });
  off.addEventListener('click', async () => {
    code.clearError();
    try {
      await withBusy(off, api.post('/api/v1/me/totp/disable', { code: code.value().replace(/\s+/g, '') }));
      toast(t('admin.account.totp_disabled'), { kind: 'success' });
      onChange();
    } catch (e) { code.setError(errorMessage(e.code)); code.focus(); }
  });
  return h('div', { class: 'stack' }, alert('success', t('admin.account.totp_on_text'), t('admin.account.totp_on')),
    h('details', {}, h('summary', {}, t('admin.account.totp_disable')), h('div', { class: 'stack' }, h('p', { class: 'small muted' }, t('admin.account.totp_disable_hint')), code.el, h('div', { class: 'btn-row' }, off))));
}

function enrolment(onChange) {
  const wrap = h('div', { class: 'stack' });
  const start = button(t('admin.account.totp_start'));
  start.addEventListener('click', async () => {
    let setup;
    try {
      setup = await withBusy(start, api.post('/api/v1/me/totp/setup'));
    } catch (e) { toast(errorMessage(e.code), { kind: 'error' }); return; }
    const code = field({ name: 'code', label: t('admin.account.code'), hint: t('admin.account.code_hint'), inputmode: 'numeric', autocomplete: 'one-time-code', attrs: { maxlength: '8', class: 'input-code' } });
    const enable = button(t('admin.account.totp_enable'), { type: 'submit' });
    const form = h('form', { class: 'stack', novalidate: true },
      h('ol', { class: 'steps' },
        h('li', {}, t('admin.account.step_app')),
        setup.qr_data_uri ? h('li', {}, h('p', {}, t('admin.account.step_qr')),
          h('img', { class: 'totp-qr', src: setup.qr_data_uri, alt: t('admin.account.qr_alt'), width: '200', height: '200' })) : null,
        h('li', {}, h('p', {}, t(setup.qr_data_uri ? 'admin.account.step_secret_or' : 'admin.account.step_secret')), h('p', { id: 'totp-secret', class: 'secret-box', 'aria-label': t('admin.account.secret_label') }, groups4(setup.secret)),
          h('details', {}, h('summary', {}, t('admin.account.uri_label')), h('p', { id: 'totp-uri', class: 'secret-box small' }, setup.otpauth_uri),
            h('p', {}, h('a', { href: setup.otpauth_uri }, t('admin.account.uri_open'))))),
        h('li', {}, t('admin.account.step_code'))),
      code.el, h('div', { class: 'btn-row' }, enable));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      code.clearError();
      const value = code.value().replace(/\s+/g, '');
      if (!value) { code.setError(errorMessage('field_required')); code.focus(); return; }
      try {
        await withBusy(enable, api.post('/api/v1/me/totp/enable', { code: value }));
      } catch (err) { code.setError(errorMessage(err.code)); code.focus(); return; }
      toast(t('admin.account.totp_enabled'), { kind: 'success' });
      onChange();
    });
    mount(wrap, form);
    code.focus();
  });
  mount(wrap, h('p', {}, t('admin.account.totp_off_text')), h('div', { class: 'btn-row' }, start));
  return wrap;
}

export async function render() {
  await session.reloadMe();
  const me = session.me;
  const body = page(t('admin.account.title'), { lead: fullName(me.user) });
  const rerender = () => render();
  const totpBox = me.user.totp_enabled ? enrolled(rerender) : enrolment(async () => { await session.reloadMe(); session.redrawShell(); rerender(); });
  if (me.totp_enrollment_required) body.append(alert('warning', t('admin.account.totp_required_text'), t('admin.account.totp_required')));
  body.append(
    h('div', { class: 'grid cols-2' },
      section(t('admin.account.profile'), h('dl', { class: 'kv' },
        h('dt', {}, t('admin.queue.email')), h('dd', {}, me.user.email),
        h('dt', {}, t('admin.user.roles')), h('dd', {}, me.roles.map((r) => r.name).join(', ') || '—'),
        h('dt', {}, t('admin.account.totp')), h('dd', {}, me.user.totp_enabled ? badge(t('admin.account.totp_on'), 'success') : badge(t('admin.account.totp_off'), 'warning')))),
      section(t('admin.account.totp'), totpBox)));
}

// Security: change password, two-step login (TOTP), active sessions.
import { h, field, button, formAlert, showFieldErrors, clearFieldErrors, withBusy, alert, badge, toast,
  loading, mount, dialog, confirmDialog } from '/common/ui.js';
import { t, errorMessage, errorText, formatDateTime } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { session, refreshMe } from '../session.js';
import { newPasswordField } from './forms.js';

// "Chrome · Android" from a User-Agent; "" when nothing is recognised.
export function describeAgent(ua = '') {
  const browsers = [[/Edg\//, 'Edge'], [/OPR\/|Opera/, 'Opera'], [/SamsungBrowser/, 'Samsung Internet'],
    [/Firefox\//, 'Firefox'], [/Chrome\/|Chromium\//, 'Chrome'], [/Safari\//, 'Safari'], [/curl\//, 'curl']];
  const systems = [[/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'], [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux']];
  const b = browsers.find(([re]) => re.test(ua));
  const s = systems.find(([re]) => re.test(ua));
  return [b && b[1], s && s[1]].filter(Boolean).join(' · ');
}

function passwordCard() {
  const current = field({ name: 'current_password', label: t('security.current_password'), type: 'password',
    required: true, autocomplete: 'current-password' });
  const next = newPasswordField('new_password', t('security.new_password'));
  const repeat = field({ name: 'repeat', label: t('security.repeat_password'), type: 'password', required: true,
    autocomplete: 'new-password' });
  const fields = { current_password: current, new_password: next, repeat };
  const top = formAlert();
  const submit = button(t('security.change_password'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, top.el,
    h('p', { class: 'muted' }, t('security.password_text')), current.el, next.el, repeat.el,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, top);
    let bad = null;
    if (!current.value()) { current.setError(errorMessage('field_required')); bad = current; }
    if (next.value().length < 10) { next.setError(errorMessage('password_too_weak')); bad = bad || next; }
    else if (next.value() !== repeat.value()) { repeat.setError(t('reset.mismatch')); bad = bad || repeat; }
    if (bad) { bad.focus(); return; }
    try {
      await withBusy(submit, api.post('/api/v1/me/password', { current_password: current.value(),
        new_password: next.value() }));
      form.reset();
      next.input.dispatchEvent(new Event('input'));
      top.show(t('security.password_changed'), 'success');
      document.dispatchEvent(new CustomEvent('sessions-changed'));
    } catch (err) {
      showFieldErrors(err, fields, top);
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'pw-title' },
    h('h2', { id: 'pw-title' }, t('security.password_title')), form);
}

// Secret in groups of four for reading aloud / typing.
function groupSecret(s) {
  return s.replace(/\s+/g, '').replace(/(.{4})/g, '$1 ').trim();
}

function copyButton(text) {
  return button(t('common.copy'), { variant: 'secondary', size: 'sm', onClick: async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast(t('common.copied'), { kind: 'success' });
    } catch {
      toast(errorMessage('_generic'), { kind: 'error' });
    }
  } });
}

function totpCard(rerender) {
  const me = session.me;
  const body = h('div', { class: 'stack' });
  const card = h('section', { class: 'card', 'aria-labelledby': 'totp-title' },
    h('div', { class: 'row between card-head' }, h('h2', { id: 'totp-title' }, t('security.totp_title')),
      me.user.totp_enabled ? badge(t('security.totp_on'), 'success') : badge(t('security.totp_off'), 'neutral')),
    body);

  async function disable() {
    const code = field({ name: 'code', label: t('security.totp_code'), inputmode: 'numeric',
      autocomplete: 'one-time-code', attrs: { maxlength: '8', class: 'input-code' } });
    const pw = field({ name: 'password', label: t('security.totp_or_password'), type: 'password',
      autocomplete: 'current-password' });
    const top = formAlert();
    const ok = await dialog({
      title: t('security.totp_disable_title'),
      body: h('div', { class: 'stack' }, top.el, h('p', {}, t('security.totp_disable_text')), code.el, pw.el),
      actions: [
        { label: t('common.cancel'), variant: 'secondary', value: false },
        { label: t('security.totp_disable'), variant: 'danger', value: true, onClick: async () => {
          clearFieldErrors({ code, password: pw }, top);
          const c = code.value().replace(/\s+/g, '');
          if (!c && !pw.value()) { code.setError(t('security.totp_disable_need')); code.focus(); return false; }
          try {
            await api.post('/api/v1/me/totp/disable', c ? { code: c } : { password: pw.value() });
            return true;
          } catch (err) {
            showFieldErrors(err, { code, password: pw }, top);
            return false;
          }
        } },
      ],
      initialFocus: code.input,
    });
    if (ok) {
      await refreshMe();
      toast(t('security.totp_disabled'), { kind: 'success' });
      rerender();
    }
  }

  async function startSetup(btn) {
    let setup;
    try {
      setup = await withBusy(btn, api.post('/api/v1/me/totp/setup'));
    } catch (err) {
      toast(errorText(err), { kind: 'error' });
      return;
    }
    const code = field({ name: 'code', label: t('security.totp_code'), required: true, inputmode: 'numeric',
      autocomplete: 'one-time-code', hint: t('security.totp_code_hint'),
      attrs: { maxlength: '8', class: 'input-code' } });
    const top = formAlert();
    const confirm = button(t('security.totp_enable_confirm'), { type: 'submit' });
    const cancel = button(t('common.cancel'), { variant: 'ghost', onClick: () => rerender() });
    const qrSrc = setup.qr_data_uri || setup.qr_url || null;
    const form = h('form', { class: 'stack', novalidate: true }, top.el,
      h('ol', { class: 'steps' },
        h('li', {}, h('strong', {}, t('security.totp_step1_title')), h('br'), t('security.totp_step1')),
        h('li', {}, h('strong', {}, t('security.totp_step2_title')), h('br'),
          qrSrc ? t('security.totp_step2_qr') : t('security.totp_step2'),
          qrSrc ? h('img', { class: 'qr', src: qrSrc, alt: t('security.totp_qr_alt'), width: '200', height: '200' })
            : null,
          h('div', { class: 'btn-row otp-open' }, h('a', { class: 'btn btn-secondary', href: setup.otpauth_uri },
            t('security.totp_open_app'))),
          h('p', { class: 'small muted' }, t('security.totp_manual')),
          h('div', { class: 'row secret-row' }, h('code', { class: 'secret-box grow', 'aria-label':
            t('security.totp_secret') }, groupSecret(setup.secret)), copyButton(setup.secret)),
          h('details', { class: 'small' }, h('summary', {}, t('security.totp_uri')),
            h('p', { class: 'mono small uri' }, setup.otpauth_uri))),
        h('li', {}, h('strong', {}, t('security.totp_step3_title')), h('br'), t('security.totp_step3'), code.el)),
      h('div', { class: 'form-actions' }, confirm, cancel));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFieldErrors({ code }, top);
      const c = code.value().replace(/\s+/g, '');
      if (!/^\d{6,8}$/.test(c)) { code.setError(errorMessage('totp_invalid')); code.focus(); return; }
      try {
        await withBusy(confirm, api.post('/api/v1/me/totp/enable', { code: c }));
        await refreshMe();
        toast(t('security.totp_enabled'), { kind: 'success' });
        rerender();
      } catch (err) {
        showFieldErrors(err, { code }, top);
      }
    });
    mount(body, form);
    form.querySelector('.btn').focus();
  }

  if (me.user.totp_enabled) {
    mount(body, h('p', {}, t('security.totp_on_text')),
      h('div', { class: 'btn-row' }, button(t('security.totp_disable'), { variant: 'danger-outline',
        onClick: disable })));
  } else {
    const start = button(t('security.totp_enable'), { onClick: () => startSetup(start) });
    mount(body, h('p', {}, t('security.totp_off_text')),
      me.totp_enrollment_required ? alert('warning', t('account.totp_required')) : null,
      h('div', { class: 'btn-row' }, start));
  }
  return card;
}

const SESSIONS_SHOWN = 5;

function sessionsCard() {
  let showAll = false;
  const list = h('div', {}, loading());
  const endOthers = button(t('security.sessions_end_others'), { variant: 'secondary', size: 'sm' });
  const card = h('section', { class: 'card', 'aria-labelledby': 'sessions-title' },
    h('div', { class: 'row between card-head' }, h('h2', { id: 'sessions-title' }, t('security.sessions_title')),
      endOthers),
    h('p', { class: 'muted' }, t('security.sessions_text')), list);

  async function load() {
    let sessions;
    try {
      sessions = await api.get('/api/v1/me/sessions');
    } catch (err) {
      mount(list, alert('error', errorText(err)));
      return;
    }
    sessions.sort((a, b) => (b.current - a.current) || String(b.last_seen_at).localeCompare(a.last_seen_at));
    endOthers.hidden = !sessions.some((s) => !s.current);
    const shown = showAll ? sessions : sessions.slice(0, SESSIONS_SHOWN);
    const more = sessions.length > shown.length
      ? button(t('security.sessions_show_all', { count: sessions.length }), { variant: 'link', onClick: () => {
        showAll = true;
        load();
      } })
      : null;
    mount(list, h('p', { class: 'muted small' }, t('security.sessions_count', { count: sessions.length })),
      h('ul', { class: 'list sessions' }, shown.map((s) => sessionItem(s))), more);
  }

  function sessionItem(s) {
    const device = describeAgent(s.user_agent) || t('security.unknown_device');
    const revoke = s.current ? null : button(t('security.session_end'), { variant: 'danger-outline', size: 'sm',
      attrs: { 'aria-label': t('security.session_end_label', { device }) } });
    if (revoke) {
      revoke.addEventListener('click', async () => {
        try {
          await withBusy(revoke, api.del(`/api/v1/me/sessions/${s.id}`));
          toast(t('security.session_ended'), { kind: 'success' });
          load();
        } catch (err) {
          toast(errorText(err), { kind: 'error' });
        }
      });
    }
    return h('li', {},
      h('span', { class: 'device-icon', 'aria-hidden': 'true' }),
      h('div', { class: 'grow' },
        h('strong', {}, device), ' ',
        s.current ? badge(t('security.this_device'), 'info') : null,
        h('div', { class: 'muted small' }, t('security.session_meta', {
          seen: formatDateTime(s.last_seen_at), started: formatDateTime(s.created_at), ip: s.ip || '—' }))),
      revoke);
  }

  endOthers.addEventListener('click', async () => {
    const yes = await confirmDialog(t('security.sessions_end_others'), t('security.sessions_end_others_text'),
      { confirmLabel: t('security.sessions_end_others'), danger: true });
    if (!yes) return;
    try {
      const sessions = await api.get('/api/v1/me/sessions');
      await Promise.all(sessions.filter((s) => !s.current).map((s) => api.del(`/api/v1/me/sessions/${s.id}`)));
      toast(t('security.sessions_ended_others'), { kind: 'success' });
    } catch (err) {
      toast(errorText(err), { kind: 'error' });
    }
    load();
  });
  const onChanged = () => {
    if (card.isConnected) load();
    else document.removeEventListener('sessions-changed', onChanged);
  };
  document.addEventListener('sessions-changed', onChanged);
  load();
  return card;
}

export async function securityPage(ctx) {
  if (!session.me) { navigate('/logowanie', { replace: true }); return; }
  const totpSlot = h('div');
  const rerenderTotp = () => mount(totpSlot, totpCard(rerenderTotp));
  rerenderTotp();
  renderPage(ctx.path, t('security.title'), h('div', { class: 'container' },
    h('div', { class: 'page-head' }, h('h1', {}, t('security.title')), h('p', { class: 'lead' }, t('security.lead'))),
    h('div', { class: 'stack-lg security' }, totpSlot, sessionsCard(), passwordCard()),
    h('p', { class: 'back-link' }, h('a', { href: link('/konto') }, `← ${t('nav.account')}`))));
}

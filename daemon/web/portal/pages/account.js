// My account: profile, my flats, pending claims, "add another flat".
import { h, button, field, formAlert, showFieldErrors, clearFieldErrors, withBusy, alert, badge, linkButton,
  loading } from '/common/ui.js';
import { t, errorMessage, formatDate, formatDateTime } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { refreshMe } from '../session.js';
import { flatFields, buildingsOrErrorPage } from './forms.js';

const STATUS_KIND = { verified: 'success', pending: 'warning', rejected: 'danger' };

export function statusBadge(status) {
  return badge(t(`flat.status_${status}`), STATUS_KIND[status] || 'neutral');
}

function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v || t('common.none'))]));
}

function flatLabel(f) {
  const parts = [f.building.address, t('flat.flat_no', { number: f.number })];
  if (f.staircase) parts.push(t('flat.staircase', { staircase: f.staircase }));
  return parts.join(', ');
}

function flatsCard(me) {
  const flats = me.flats || [];
  const known = new Set(flats.map((f) => f.id));
  const pending = (me.pending_registrations || []).filter((r) => !known.has(r.flat_id));
  const items = flats.map((f) => h('li', {},
    h('span', { class: 'flat-icon', 'aria-hidden': 'true' }),
    h('div', { class: 'grow' }, h('strong', {}, flatLabel(f)), h('div', { class: 'muted small' }, f.estate)),
    statusBadge(f.status)));
  pending.forEach((r) => items.push(h('li', {},
    h('span', { class: 'flat-icon', 'aria-hidden': 'true' }),
    h('div', { class: 'grow' }, h('strong', {}, t('account.claim_label', { kw: r.kw_number })),
      h('div', { class: 'muted small' }, t('account.claim_sent', { date: formatDate(r.created_at) }))),
    statusBadge('pending'))));
  const anyPending = flats.some((f) => f.status === 'pending') || pending.length > 0;
  return h('section', { class: 'card', 'aria-labelledby': 'flats-title' },
    h('div', { class: 'row between card-head' }, h('h2', { id: 'flats-title' }, t('account.flats_title')),
      linkButton(t('account.add_flat'), link('/konto/dodaj-mieszkanie'), { variant: 'secondary', size: 'sm' })),
    items.length ? h('ul', { class: 'list flats' }, items) : h('p', { class: 'empty' }, t('account.no_flats')),
    anyPending ? h('p', { class: 'muted small' }, t('account.pending_note')) : null);
}

function profileCard(me) {
  const u = me.user;
  return h('section', { class: 'card', 'aria-labelledby': 'profile-title' },
    h('h2', { id: 'profile-title' }, t('account.profile_title')),
    kv([
      [t('account.name'), `${u.first_name} ${u.last_name}`],
      [t('account.email'), u.email],
      [t('account.phone'), u.phone],
      [t('account.member_since'), formatDate(u.created_at)],
      [t('account.last_login'), formatDateTime(u.last_login_at)],
    ]),
    h('div', { class: 'btn-row' },
      linkButton(t('account.edit_profile'), link('/konto/profil'), { variant: 'secondary', size: 'sm' })),
    h('p', { class: 'muted small profile-note' }, t('account.email_change_note')));
}

// Own names and phone (PATCH /api/v1/me); the e-mail identifies the account and stays with the office.
export async function profilePage(ctx) {
  const me = await refreshMe().catch(() => null);
  if (!me) { navigate('/logowanie', { replace: true }); return; }
  const u = me.user;
  const fields = [
    field({ name: 'first_name', label: t('register.first_name'), value: u.first_name, autocomplete: 'given-name',
      required: true }),
    field({ name: 'last_name', label: t('register.last_name'), value: u.last_name, autocomplete: 'family-name',
      required: true }),
    field({ name: 'phone', label: t('account.phone'), value: u.phone, type: 'tel', autocomplete: 'tel',
      optional: true }),
  ];
  const top = formAlert();
  const submit = button(t('common.save'), { type: 'submit', size: 'lg' });
  const form = h('form', { class: 'stack', novalidate: true }, top.el, fields.map((f) => f.el),
    h('div', { class: 'form-actions' }, submit,
      linkButton(t('common.cancel'), link('/konto'), { variant: 'ghost' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(fields, top);
    const body = Object.fromEntries(fields.map((f) => [f.name, f.value().trim()]));
    try {
      await withBusy(submit, api.patch('/api/v1/me', body));
      await refreshMe();
      navigate('/konto');
    } catch (err) {
      showFieldErrors(err, fields, top);
    }
  });
  renderPage(ctx.path, t('account.edit_profile'), h('div', { class: 'container narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: link('/konto') }, `← ${t('nav.account')}`)),
    h('div', { class: 'page-head' }, h('h1', {}, t('account.edit_profile'))),
    h('div', { class: 'card' }, form)));
}

function shortcuts(me) {
  const tile = (path, title, text, state) => h('a', { class: 'tile', href: link(path) },
    h('span', { class: 'tile-title' }, title), h('span', { class: 'tile-text' }, text), state);
  return h('nav', { class: 'grid cols-2 tiles', 'aria-label': t('account.shortcuts') },
    tile('/konto/bezpieczenstwo', t('nav.security'), t('account.tile_security'),
      me.user.totp_enabled ? badge(t('account.tile_totp_on'), 'success')
        : badge(t('account.tile_totp_off'), 'warning')),
    tile('/konto/dane', t('nav.privacy'), t('account.tile_privacy')));
}

export async function accountPage(ctx) {
  renderPage(ctx.path, t('account.title'), h('div', { class: 'container' }, loading()));
  let me;
  try {
    me = await refreshMe();
  } catch (e) {
    renderPage(ctx.path, t('account.title'), h('div', { class: 'container' }, alert('error', errorMessage(e.code))));
    return;
  }
  if (!me) { navigate('/logowanie', { replace: true }); return; }
  const notices = [];
  if (ctx.query.dodano) notices.push(alert('success', t('account.flat_added'), t('account.flat_added_title')));
  if (me.user.deletion_requested) notices.push(alert('warning', t('privacy.deletion_pending')));
  if (me.totp_enrollment_required) {
    notices.push(alert('warning', h('span', {}, t('account.totp_required'), ' ',
      h('a', { href: link('/konto/bezpieczenstwo') }, t('account.totp_required_link')))));
  }
  renderPage(ctx.path, t('account.title'), h('div', { class: 'container' },
    h('div', { class: 'page-head' }, h('h1', {}, t('account.hello', { name: me.user.first_name })),
      h('p', { class: 'lead' }, t('account.lead'))),
    notices,
    h('div', { class: 'account-grid' }, flatsCard(me), profileCard(me)),
    shortcuts(me)));
}

export async function addFlatPage(ctx) {
  const buildings = await buildingsOrErrorPage(ctx, t('addflat.title'));
  if (!buildings) return;
  const flat = flatFields(buildings);
  const top = formAlert();
  const submit = button(t('addflat.submit'), { type: 'submit', size: 'lg' });
  const form = h('form', { class: 'stack', novalidate: true }, top.el, flat.el,
    h('div', { class: 'form-actions' }, submit,
      linkButton(t('common.cancel'), link('/konto'), { variant: 'ghost' })));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFieldErrors(flat.fields, top);
    const bad = flat.validate();
    if (bad) { bad.focus(); return; }
    try {
      await withBusy(submit, api.post('/api/v1/me/flats', flat.values()));
      await refreshMe();
      navigate('/konto?dodano=1');
    } catch (err) {
      showFieldErrors(err, flat.fields, top);
    }
  });
  renderPage(ctx.path, t('addflat.title'), h('div', { class: 'container narrow' },
    h('p', { class: 'breadcrumb' }, h('a', { href: link('/konto') }, `← ${t('nav.account')}`)),
    h('div', { class: 'page-head' }, h('h1', {}, t('addflat.title')), h('p', { class: 'lead' }, t('addflat.lead'))),
    h('div', { class: 'card' }, form)));
}


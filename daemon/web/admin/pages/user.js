// One account: data, flats, roles (editable), groups, registrations, activity and login history;
// block / unblock and a password-reset link to hand over.
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage } from '/common/i18n.js';
import { h, mount, button, dialog, confirmDialog, toast, checkbox, withBusy, loading, badge } from '/common/ui.js';
import { page, section, fullName, statusBadge, can, lists, actionText, userRef, errorAlert, link } from '../lib.js';

const LOGIN_ACTIONS = /^auth\./;

function kv(pairs) {
  return h('dl', { class: 'kv' }, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v === '' || v == null ? '—' : v)]));
}

function activityList(entries, empty) {
  if (!entries.length) return h('p', { class: 'muted' }, empty);
  return h('ul', { class: 'list activity' }, entries.map((e) => h('li', {},
    h('time', { class: 'muted small nowrap', datetime: e.at }, formatDateTime(e.at)),
    h('span', { class: 'grow' }, h('strong', {}, actionText(e.action)),
      e.actor_id && e.actor_id !== e.target_id ? [' · ', userRef(e.actor_id)] : null,
      e.ip ? h('span', { class: 'muted small' }, ` · ${e.ip}`) : null))));
}

async function resetLink(user) {
  const ok = await confirmDialog(t('admin.user.reset_title'), t('admin.user.reset_confirm', { email: user.email }),
    { confirmLabel: t('admin.user.reset_issue') });
  if (!ok) return;
  try {
    const r = await api.post(`/api/v1/admin/users/${user.id}/password-reset`);
    const out = h('input', { id: 'reset-link', class: 'mono', readOnly: true, value: r.link });
    const copy = button(t('admin.user.copy'), { variant: 'secondary', onClick: async () => {
      out.select();
      try { await navigator.clipboard.writeText(r.link); toast(t('admin.user.copied'), { kind: 'success' }); }
      catch { document.execCommand('copy'); }
    } });
    await dialog({ title: t('admin.user.reset_title'), wide: true,
      body: h('div', { class: 'stack' }, h('p', {}, t('admin.user.reset_done')),
        h('div', { class: 'field' }, h('label', { for: 'reset-link' }, t('admin.user.reset_link')), h('div', { class: 'row' }, h('div', { class: 'grow' }, out), copy)),
        h('p', { class: 'small muted' }, t('admin.user.reset_expiry'))) });
  } catch (e) {
    toast(errorMessage(e.code), { kind: 'error' });
  }
}

function rolesEditor(user, roleIds, onSaved) {
  const wrap = h('div', { class: 'stack' }, loading());
  lists.roles().then((roles) => {
    const boxes = roles.map((r) => ({ r, c: checkbox({ name: `role-${r.id}`, label: [h('strong', {}, r.name), r.description ? h('span', { class: 'muted small' }, ` — ${r.description}`) : null], checked: roleIds.includes(r.id) }) }));
    const save = button(t('admin.user.roles_save'), { variant: 'secondary' });
    save.addEventListener('click', () => withBusy(save, async () => {
      const ids = boxes.filter((b) => b.c.value()).map((b) => b.r.id);
      try {
        await api.put(`/api/v1/admin/users/${user.id}/roles`, { roles: ids });
        toast(t('admin.user.roles_saved'), { kind: 'success' });
        onSaved();
      } catch (e) { toast(errorMessage(e.code), { kind: 'error' }); }
    }));
    const editable = can('roles:manage');
    boxes.forEach((b) => { b.c.input.disabled = !editable; });
    mount(wrap, h('fieldset', { class: 'stack-sm' }, h('legend', { class: 'visually-hidden' }, t('admin.user.roles')), boxes.map((b) => b.c.el)),
      editable ? h('div', { class: 'btn-row' }, save) : h('p', { class: 'small muted' }, t('admin.user.roles_readonly')));
  }, (e) => mount(wrap, errorAlert(e)));
  return wrap;
}

export async function render(ctx) {
  const id = ctx.params.id;
  const main = page(t('admin.user.loading_title'), { crumbs: [['/users', t('admin.nav.users')], [null, `#${id}`]] });
  mount(main, loading());
  let d;
  let activity;
  try {
    [d, activity] = await Promise.all([api.get(`/api/v1/admin/users/${id}`), api.get(`/api/v1/admin/users/${id}/activity`, { limit: 100 })]);
  } catch (e) {
    mount(main, errorAlert(e));
    return;
  }
  const u = d.user;
  const reload = () => render(ctx);
  const actions = [];
  if (can('users:manage')) {
    if (u.status === 'blocked') {
      actions.push(button(t('admin.user.unblock'), { variant: 'secondary', onClick: async (e) => {
        try { await withBusy(e.currentTarget, api.post(`/api/v1/admin/users/${u.id}/unblock`)); toast(t('admin.user.unblocked'), { kind: 'success' }); reload(); }
        catch (err) { toast(errorMessage(err.code), { kind: 'error' }); }
      } }));
    } else if (u.status !== 'deleted') {
      actions.push(button(t('admin.user.block'), { variant: 'danger-outline', onClick: async () => {
        const ok = await confirmDialog(t('admin.user.block_title', { name: fullName(u) }), t('admin.user.block_text'),
          { confirmLabel: t('admin.user.block'), danger: true });
        if (!ok) return;
        try { await api.post(`/api/v1/admin/users/${u.id}/block`); toast(t('admin.user.blocked'), { kind: 'success' }); reload(); }
        catch (err) { toast(errorMessage(err.code), { kind: 'error' }); }
      } }));
    }
    if (u.status !== 'deleted') actions.push(button(t('admin.user.reset'), { variant: 'secondary', onClick: () => resetLink(u) }));
  }
  const body = page(fullName(u), { crumbs: [['/users', t('admin.nav.users')], [null, fullName(u)]], actions });
  const logins = activity.items.filter((e) => LOGIN_ACTIONS.test(e.action));
  const other = activity.items.filter((e) => !LOGIN_ACTIONS.test(e.action));
  const groupsEl = h('div', {}, d.groups.length ? loading() : h('p', { class: 'muted' }, t('admin.user.no_groups')));
  if (d.groups.length) {
    lists.groups().then((gs) => {
      const byId = new Map(gs.map((g) => [g.id, g]));
      mount(groupsEl, h('ul', { class: 'chips' }, d.groups.map((gid) => h('li', {}, can('groups:read') ? link(`/groups/${gid}`, byId.get(gid)?.name || `#${gid}`) : byId.get(gid)?.name || `#${gid}`))));
    }, (e) => mount(groupsEl, errorAlert(e)));
  }
  const flats = d.flats.length
    ? h('ul', { class: 'list' }, d.flats.map((f) => h('li', {}, h('span', { class: 'grow' }, t('admin.queue.flat_text', { building: f.building.address, number: f.number }),
      f.staircase ? h('span', { class: 'muted small' }, ` · ${t('admin.queue.staircase')} ${f.staircase}`) : null, h('span', { class: 'muted small' }, ` · ${f.estate}`)),
    badge(t(`admin.ownership.${f.status}`), f.status === 'verified' ? 'success' : 'warning'))))
    : h('p', { class: 'muted' }, t('admin.user.no_flats'));
  const regs = d.registrations.length
    ? h('ul', { class: 'list' }, d.registrations.map((r) => h('li', {}, h('span', { class: 'grow' }, formatDateTime(r.created_at), ' · ', h('span', { class: 'mono' }, r.kw_number),
      r.reject_reason ? h('span', { class: 'muted small' }, ` · ${r.reject_reason}`) : null), statusBadge(r.status))))
    : h('p', { class: 'muted' }, t('admin.user.no_registrations'));

  body.append(
    h('div', { class: 'row user-status' }, statusBadge(u.status), u.totp_enabled ? badge(t('admin.user.totp_on'), 'info') : null,
      u.deletion_requested ? badge(t('admin.user.deletion_requested'), 'danger') : null),
    h('div', { class: 'grid cols-2' },
      section(t('admin.user.data'), kv([
        [t('admin.queue.email'), u.email], [t('admin.queue.phone'), u.phone], [t('admin.user.created'), formatDateTime(u.created_at)],
        [t('admin.user.last_login'), u.last_login_at ? formatDateTime(u.last_login_at) : t('admin.users.never')],
        [t('admin.user.last_seen'), u.last_seen_at ? formatDateTime(u.last_seen_at) : '—'], [t('admin.user.lang'), u.lang.toUpperCase()],
      ])),
      section(t('admin.user.flats'), flats),
      section(t('admin.user.roles'), rolesEditor(u, d.roles, reload)),
      section(t('admin.user.groups'), groupsEl)),
    section(t('admin.user.registrations'), regs),
    h('div', { class: 'grid cols-2' },
      section(t('admin.user.logins'), activityList(logins, t('admin.user.no_logins'))),
      section(t('admin.user.activity'), activityList(other, t('admin.user.no_activity')))));
}

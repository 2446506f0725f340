// Dashboard: pending registrations, accounts, flats, groups and the latest audit entries.
import { api } from '/common/api.js';
import { t, formatNumber, formatDateTime } from '/common/i18n.js';
import { h, linkButton, loading } from '/common/ui.js';
import { page, section, can, userRef, actionText, loadInto } from '../lib.js';

function stat(label, valuePromise, href, unitKey) {
  const value = h('span', { class: 'stat-value' }, h('span', { class: 'skeleton stat-skeleton' }));
  const unit = h('span', { class: 'stat-unit muted' });
  valuePromise.then((n) => {
    value.textContent = formatNumber(n);
    if (unitKey) unit.textContent = t(unitKey, { count: n });
  }, () => { value.textContent = '—'; });
  const inner = [h('span', { class: 'stat-label' }, label), value, unit];
  return h('li', { class: 'stat card' }, href ? h('a', { href, class: 'stat-link' }, inner) : inner);
}

export function render() {
  const body = page(t('admin.dashboard.title'), { lead: t('admin.dashboard.lead') });
  const stats = [];
  if (can('users:verify')) {
    const pending = api.get('/api/v1/admin/registrations', { status: 'pending', limit: 1 }).then((d) => d.total);
    stats.push(stat(t('admin.dashboard.pending'), pending, '/admin/queue', 'admin.dashboard.pending_unit'));
    pending.then((n) => {
      if (n > 0) {
        body.prepend(h('div', { class: 'alert alert-warning queue-callout', role: 'status' },
          h('p', {}, t('admin.dashboard.pending_callout', { count: n })),
          linkButton(t('admin.dashboard.open_queue'), '/admin/queue')));
      }
    }, () => {});
  }
  if (can('users:read')) {
    stats.push(stat(t('admin.dashboard.accounts'), api.get('/api/v1/admin/users', { limit: 1 }).then((d) => d.total), '/admin/users'));
    stats.push(stat(t('admin.dashboard.active'), api.get('/api/v1/admin/users', { limit: 1, status: 'active' }).then((d) => d.total),
      '/admin/users?status=active'));
  }
  if (can('flats:read')) {
    stats.push(stat(t('admin.dashboard.flats'), api.get('/api/v1/admin/buildings').then((b) => b.reduce((s, x) => s + x.flats, 0)),
      '/admin/flats'));
  }
  body.append(h('ul', { class: 'stats' }, stats));

  if (can('audit:read')) {
    const list = h('div', {}, loading());
    body.append(section(t('admin.dashboard.recent'), list,
      h('p', {}, h('a', { href: '/admin/audit' }, t('admin.dashboard.all_activity')))));
    loadInto(list, api.get('/api/v1/admin/audit', { limit: 10 }), (d) => (d.entries.length
      ? h('ul', { class: 'list activity' }, d.entries.map((e) => h('li', {},
        h('time', { class: 'muted small nowrap', datetime: e.at }, formatDateTime(e.at)),
        h('span', { class: 'grow' }, h('strong', {}, actionText(e.action)), ' · ', userRef(e.actor_id)))))
      : h('p', { class: 'empty' }, t('admin.dashboard.no_activity'))));
  }
}

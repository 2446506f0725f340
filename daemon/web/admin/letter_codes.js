// "Kody z listów" of one flat: the codes of its registration letters with their state
// (GET /api/v1/admin/flats/{id}/letter-codes) and "Unieważnij" for an active one
// (POST /api/v1/admin/letter-codes/{id}/revoke). Used by the building page of the flats register.
import { api } from '/common/api.js';
import { t, formatDateTime, errorMessage } from '/common/i18n.js';
import { h, mount, button, badge, dialog, confirmDialog, withBusy, toast, loading, alert } from '/common/ui.js';
import { userRef } from './lib.js';

const KIND = { active: 'success', used: 'info', revoked: 'neutral' };

function statusBadge(status) {
  const key = `admin.letters.status_${status}`;
  return badge(KIND[status] ? t(key) : status, KIND[status] || 'neutral');
}

function codesTable(flat, items, onRevoke) {
  const cols = ['col_created', 'col_created_by', 'col_status', 'col_used', 'col_used_by', 'col_actions'];
  const cell = (i, ...content) => h('td', { 'data-label': t(`admin.letters.${cols[i]}`) }, ...content);
  return h('div', { class: 'table-wrap' }, h('table', { class: 'table responsive letter-codes' },
    h('caption', { class: 'visually-hidden' }, t('admin.letters.codes_caption', { number: flat.number })),
    h('thead', {}, h('tr', {}, cols.map((c) => h('th', { scope: 'col' }, t(`admin.letters.${c}`))))),
    h('tbody', {}, items.map((c) => {
      const when = formatDateTime(c.created_at);
      const revoke = c.status === 'active'
        ? button(t('admin.letters.revoke'), { variant: 'danger-outline', size: 'sm',
          attrs: { 'aria-label': t('admin.letters.revoke_label', { date: when }) } })
        : null;
      if (revoke) revoke.addEventListener('click', () => onRevoke(c, revoke));
      return h('tr', { dataset: { codeId: String(c.id), status: c.status } },
        cell(0, when),
        cell(1, c.created_by ? userRef(c.created_by) : '—'),
        cell(2, statusBadge(c.status)),
        cell(3, c.used_at ? formatDateTime(c.used_at) : '—'),
        cell(4, c.used_by_user_id ? userRef(c.used_by_user_id) : '—'),
        cell(5, revoke || '—'));
    }))));
}

// Opens the dialog for `flat` ({id, number}); resolves when it is closed.
export function showLetterCodes(flat) {
  const content = h('div', { class: 'stack', 'aria-live': 'polite' }, loading());

  async function load() {
    try {
      const r = await api.get(`/api/v1/admin/flats/${flat.id}/letter-codes`);
      const items = (r && r.items) || [];
      mount(content, items.length ? codesTable(flat, items, revoke) : h('p', { class: 'muted' }, t('admin.letters.codes_empty')));
    } catch (e) {
      mount(content, alert('error', errorMessage(e && e.code)));
    }
  }

  async function revoke(code, btn) {
    const ok = await confirmDialog(t('admin.letters.revoke_title'), t('admin.letters.revoke_text', { number: flat.number }),
      { confirmLabel: t('admin.letters.revoke'), danger: true });
    if (!ok) return;
    try {
      await withBusy(btn, api.post(`/api/v1/admin/letter-codes/${code.id}/revoke`));
      toast(t('admin.letters.revoked'), { kind: 'success' });
    } catch (e) {
      toast(errorMessage(e && e.code), { kind: 'error' });
    }
    await load();
    const heading = content.closest('dialog') && content.closest('dialog').querySelector('h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }

  load();
  return dialog({ title: t('admin.letters.codes_for', { number: flat.number }), body: content, wide: true });
}

// My data: language, download my data (RODO art. 15/20), request deletion (art. 17).
import { h, button, withBusy, alert, toast, confirmDialog, languageSwitch } from '/common/ui.js';
import { t, errorText, getLanguage, setLanguage } from '/common/i18n.js';
import { api, download } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { session, refreshMe } from '../session.js';

function languageCard() {
  return h('section', { class: 'card', 'aria-labelledby': 'lang-title' },
    h('h2', { id: 'lang-title' }, t('privacy.language_title')),
    h('p', { class: 'muted' }, t('privacy.language_text')),
    languageSwitch(getLanguage(), (lang) => setLanguage(lang), { light: true }));
}

function exportCard() {
  const btn = button(t('privacy.export_button'), { variant: 'secondary' });
  btn.addEventListener('click', async () => {
    try {
      await withBusy(btn, download('/api/v1/me/export', 'osiedle-moje-dane.json'));
      toast(t('privacy.export_done'), { kind: 'success' });
    } catch (err) {
      toast(errorText(err), { kind: 'error' });
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title' }, t('privacy.export_title')),
    h('p', {}, t('privacy.export_text')),
    h('div', { class: 'btn-row' }, btn));
}

function deletionCard(rerender) {
  const requested = session.me.user.deletion_requested;
  const btn = button(t('privacy.delete_button'), { variant: 'danger-outline' });
  btn.addEventListener('click', async () => {
    const yes = await confirmDialog(t('privacy.delete_confirm_title'), h('div', { class: 'stack' },
      h('p', {}, t('privacy.delete_confirm_text')),
      h('ul', {}, h('li', {}, t('privacy.delete_confirm_1')), h('li', {}, t('privacy.delete_confirm_2')),
        h('li', {}, t('privacy.delete_confirm_3')))),
    { confirmLabel: t('privacy.delete_confirm_button'), danger: true });
    if (!yes) return;
    try {
      await withBusy(btn, api.post('/api/v1/me/deletion-request'));
      await refreshMe();
      toast(t('privacy.delete_sent'), { kind: 'success' });
      rerender();
    } catch (err) {
      toast(errorText(err), { kind: 'error' });
    }
  });
  return h('section', { class: 'card danger-zone', 'aria-labelledby': 'delete-title' },
    h('h2', { id: 'delete-title' }, t('privacy.delete_title')),
    requested ? alert('warning', t('privacy.deletion_pending')) : h('p', {}, t('privacy.delete_text')),
    requested ? null : h('div', { class: 'btn-row' }, btn));
}

export function privacyPage(ctx) {
  if (!session.me) { navigate('/logowanie', { replace: true }); return; }
  const rerender = () => privacyPage(ctx);
  renderPage(ctx.path, t('privacy.title'), h('div', { class: 'container' },
    h('div', { class: 'page-head' }, h('h1', {}, t('privacy.title')), h('p', { class: 'lead' }, t('privacy.lead'))),
    h('div', { class: 'stack-lg' }, languageCard(), exportCard(), deletionCard(rerender),
      h('p', { class: 'muted small' }, t('privacy.rodo_more'), ' ', h('a', { href: link('/rodo') },
        t('footer.rodo')))),
    h('p', { class: 'back-link' }, h('a', { href: link('/konto') }, `← ${t('nav.account')}`))));
}

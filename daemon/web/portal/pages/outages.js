// Outages that concern the resident: the list (/awarie) and one outage with its updates (/awarie/:id).
import { h, loading } from '/common/ui.js';
import { t, formatDateTime } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { outageKind, outageStatusBadge, outageWhen, outagePlaces, errorBox } from '../content.js';
import { activeOutages } from '../outage_banner.js';

// A card for lists (home page, /awarie): kind, status, title, when, where, link to the details.
export function outageCard(o, headingLevel = 'h3') {
  return h('article', { class: ['outage-card', `is-${o.status}`] },
    h('div', { class: 'outage-card-head' }, h('span', { class: 'outage-kind' }, outageKind(o.kind)),
      outageStatusBadge(o.status)),
    h(headingLevel, { class: 'outage-title' }, h('a', { href: link(`/awarie/${o.id}`) }, o.title)),
    h('p', { class: 'outage-when' }, outageWhen(o)),
    o.places && o.places.length ? h('p', { class: 'muted small' }, outagePlaces(o)) : null,
    o.updates && o.updates.length ? h('p', { class: 'small' },
      t('portal.outage.updates_count', { count: o.updates.length })) : null);
}

export async function outagesPage(ctx) {
  const title = t('portal.outage.list_title');
  renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), loading()));
  const items = await activeOutages({ fresh: true });
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' },
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.outage.list_lead'))),
    items.length ? h('div', { class: 'stack' }, items.map((o) => outageCard(o, 'h2')))
      : h('p', { class: 'empty' }, t('portal.outage.none'))));
}

export async function outagePage(ctx) {
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: link('/start') }, `← ${t('portal.nav.home')}`));
  const fallbackTitle = t('portal.outage.title');
  renderPage(ctx.path, fallbackTitle, h('div', { class: 'container' }, back, h('h1', {}, fallbackTitle), loading()));
  let o;
  try {
    o = await api.get(`/api/v1/outages/${encodeURIComponent(ctx.params.id)}`);
  } catch (e) {
    const nf = e.status === 404;
    const title = nf ? t('portal.outage.not_found') : fallbackTitle;
    renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' }, back, h('h1', {}, title),
      nf ? h('p', {}, t('portal.outage.not_found_text')) : errorBox(e, () => outagePage(ctx))));
    return;
  }
  const updates = (o.updates || []).slice().sort((a, b) => b.at - a.at);
  renderPage(ctx.path, o.title, h('div', { class: 'container narrow-wide' }, back,
    h('article', { class: ['card', 'outage-detail', `is-${o.status}`] },
      h('div', { class: 'outage-card-head' }, h('span', { class: 'outage-kind' }, outageKind(o.kind)),
        outageStatusBadge(o.status)),
      h('h1', {}, o.title),
      h('dl', { class: 'kv' },
        h('dt', {}, t('portal.outage.when_label')), h('dd', {}, outageWhen(o)),
        h('dt', {}, t('portal.outage.where_label')), h('dd', {}, outagePlaces(o) || t('common.none')),
        o.resolved_at ? [h('dt', {}, t('portal.outage.resolved_label')), h('dd', {}, formatDateTime(o.resolved_at))]
          : null,
        h('dt', {}, t('portal.outage.updated_label')), h('dd', {}, formatDateTime(o.updated_at))),
      o.description ? h('p', { class: 'outage-description' }, o.description) : null),
    h('section', { class: 'card', 'aria-labelledby': 'updates-title' },
      h('h2', { id: 'updates-title' }, t('portal.outage.updates_title')),
      updates.length ? h('ol', { class: 'timeline' }, updates.map((u) => h('li', {},
        h('p', { class: 'timeline-time' }, h('strong', {}, formatDateTime(u.at)),
          u.status ? [' ', outageStatusBadge(u.status)] : null),
        u.text ? h('p', {}, u.text) : null,
        u.expected_end_at ? h('p', { class: 'small muted' },
          t('portal.outage.new_end', { end: formatDateTime(u.expected_end_at) })) : null)))
        : h('p', { class: 'empty' }, t('portal.outage.no_updates')))));
}

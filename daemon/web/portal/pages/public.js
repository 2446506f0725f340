// Public pages: landing, terms, RODO information clause, not found.
import { h, linkButton } from '/common/ui.js';
import { t, raw } from '/common/i18n.js';
import { renderPage, link } from '../shell.js';
import { loadSite } from '../session.js';

function feature(icon, title, text) {
  return h('div', { class: 'feature' },
    h('span', { class: 'feature-icon', 'aria-hidden': 'true' }, icon),
    h('h3', {}, title), h('p', { class: 'muted' }, text));
}

export function landingPage(ctx) {
  const kicker = h('p', { class: 'hero-kicker' }, t('landing.cooperative'));
  loadSite().then((site) => {
    if (site && site.name) kicker.textContent = site.name;
  });
  renderPage(ctx.path, t('landing.title'),
    h('section', { class: 'hero' }, h('div', { class: 'container' },
      h('img', { class: 'hero-logo', src: '/icons/icon.svg', alt: '', width: '72', height: '72' }),
      kicker,
      h('h1', {}, t('landing.title')),
      h('p', { class: 'hero-lead' }, t('landing.lead')),
      h('div', { class: 'btn-row stack-mobile hero-actions' },
        linkButton(t('landing.register'), link('/rejestracja'), { size: 'lg' }),
        linkButton(t('landing.login'), link('/logowanie'), { size: 'lg', variant: 'secondary' })))),
    h('div', { class: 'container' },
      h('section', { class: 'grid cols-3 features', 'aria-labelledby': 'features-title' },
        h('h2', { id: 'features-title', class: 'visually-hidden' }, t('landing.features_title')),
        feature('⌂', t('landing.f1_title'), t('landing.f1_text')),
        feature('✓', t('landing.f2_title'), t('landing.f2_text')),
        feature('✉', t('landing.f3_title'), t('landing.f3_text'))),
      h('section', { class: 'card how' },
        h('h2', {}, t('landing.how_title')),
        h('ol', { class: 'steps' },
          h('li', {}, h('strong', {}, t('landing.how1_title')), h('br'), t('landing.how1_text')),
          h('li', {}, h('strong', {}, t('landing.how2_title')), h('br'), t('landing.how2_text')),
          h('li', {}, h('strong', {}, t('landing.how3_title')), h('br'), t('landing.how3_text'))),
        h('p', { class: 'muted small' }, t('landing.kw_note')))));
}

// Renders the structured legal text {title, updated, intro, sections: [{title, paragraphs | items}]}.
export function legalContent(kind, headingLevel = 'h2') {
  const doc = raw(`legal.${kind}`) || {};
  return h('div', { class: 'legal' },
    doc.intro ? h('p', { class: 'lead' }, doc.intro) : null,
    (doc.sections || []).map((s) => h('section', {},
      h(headingLevel, {}, s.title),
      (s.paragraphs || []).map((p) => h('p', {}, p)),
      s.items ? h('ul', {}, s.items.map((i) => h('li', {}, i))) : null)),
    doc.updated ? h('p', { class: 'muted small' }, doc.updated) : null);
}

export function legalPage(ctx, kind) {
  renderPage(ctx.path, t(`legal.${kind}.title`),
    h('div', { class: 'container narrow' }, h('article', { class: 'card' },
      h('h1', {}, t(`legal.${kind}.title`)),
      legalContent(kind),
      h('p', {}, h('a', { href: link('/') }, t('common.back'))))));
}

export function notFoundPage(ctx) {
  renderPage(ctx.path, t('notfound.title'),
    h('div', { class: 'container narrow' }, h('div', { class: 'card center stack' },
      h('h1', {}, t('notfound.title')),
      h('p', {}, t('notfound.text')),
      linkButton(t('notfound.home'), link('/')))));
}

// Znajdź wykonawcę: search as you type over the directory (GET /api/v1/contractors?q=&category=),
// result cards with phone / e-mail / website, the cooperative's recommendation and the rating; one
// contractor with reviews and "add my review" (once per account: my_review, or error review_exists).
import { h, mount, field, badge, button, withBusy, formAlert, showFieldErrors, toast, loading } from '/common/ui.js';
import { t, formatDate, formatNumber, errorMessage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { errorBox, itemsOf, debounce, pager } from '../content.js';

const PAGE = 20;
const REVIEWS_PAGE = 10;
const REVIEW_MAX = 1000;

// "★★★★☆ 4,5 (12 opinii)" with a text alternative; "Brak opinii" without ratings.
function ratingView(rating) {
  const count = (rating && rating.count) || 0;
  if (!count) return h('span', { class: 'rating muted small' }, t('portal.contractors.no_ratings'));
  const avg = rating.average || 0;
  const full = Math.round(avg);
  const text = t('portal.contractors.rating_text', { avg: formatNumber(Math.round(avg * 10) / 10, 1), count });
  return h('span', { class: 'rating' },
    h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(full) + '☆'.repeat(5 - full)),
    h('span', { class: 'small' }, text));
}

function safeWebsite(url) {
  return /^https?:\/\//i.test(url || '') ? url : null;
}

function contactList(c) {
  const items = [];
  if (c.phone) {
    items.push(h('li', {}, h('a', { class: 'contact-link', href: `tel:${c.phone.replace(/[^0-9+]/g, '')}` },
      h('span', { class: 'contact-kind' }, t('portal.contractors.phone')), c.phone)));
  }
  if (c.email) {
    items.push(h('li', {}, h('a', { class: 'contact-link', href: `mailto:${c.email}` },
      h('span', { class: 'contact-kind' }, t('portal.contractors.email')), c.email)));
  }
  const web = safeWebsite(c.website);
  if (web) {
    items.push(h('li', {}, h('a', { class: 'contact-link', href: web, target: '_blank', rel: 'noopener noreferrer' },
      h('span', { class: 'contact-kind' }, t('portal.contractors.website')),
      web.replace(/^https?:\/\//i, '').replace(/\/$/, ''),
      h('span', { class: 'visually-hidden' }, ` (${t('portal.ads.new_tab')})`))));
  }
  return items.length ? h('ul', { class: 'contacts' }, items) : null;
}

function recommendedBadge(c) {
  return c.recommended ? badge(t('portal.contractors.recommended'), 'success') : null;
}

function contractorCard(c) {
  return h('li', { class: 'card contractor-card' },
    h('div', { class: 'contractor-head' },
      h('h2', { class: 'contractor-name' }, h('a', { href: link(`/wykonawcy/${c.id}`) }, c.name)),
      recommendedBadge(c)),
    h('p', { class: 'small muted contractor-categories' }, (c.categories || []).map((x) => x.name).join(', ')),
    ratingView(c.rating),
    c.description ? h('p', { class: 'contractor-desc' }, c.description) : null,
    c.service_area ? h('p', { class: 'small' }, t('portal.contractors.area', { area: c.service_area })) : null,
    contactList(c));
}

export async function contractorsPage(ctx) {
  const title = t('portal.contractors.title');
  renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), loading()));
  let categories;
  try {
    categories = itemsOf(await api.get('/api/v1/contractors/categories'));
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title),
      errorBox(e, () => contractorsPage(ctx))));
    return;
  }
  const q = field({ name: 'q', type: 'search', label: t('portal.contractors.search'), value: ctx.query.q || '',
    hint: t('portal.contractors.search_hint'), attrs: { maxlength: '200', enterkeyhint: 'search',
      autocomplete: 'off' } });
  const cat = field({ name: 'category', label: t('portal.contractors.category'), value: ctx.query.kategoria || '',
    options: [{ value: '', label: t('portal.contractors.all_categories') },
      ...categories.map((c) => ({ value: c.id, label: c.name }))] });
  const status = h('p', { class: 'results-status', role: 'status' });
  const list = h('ul', { class: 'contractor-list' });
  const moreBox = h('div', { class: 'more-box' });
  let seq = 0;
  let offset = 0;

  async function load(append) {
    const my = ++seq;
    if (!append) offset = 0;
    try {
      const page = await api.get('/api/v1/contractors', { q: q.value().trim() || undefined,
        category: cat.value() || undefined, offset, limit: PAGE });
      if (my !== seq) return;
      const items = page.items || [];
      if (!append) list.replaceChildren();
      items.forEach((c) => list.appendChild(contractorCard(c)));
      offset += items.length;
      const total = page.total ?? offset;
      status.textContent = total ? t('portal.contractors.found', { count: total }) : t('portal.contractors.none_found');
      mount(moreBox, offset < total ? button(t('portal.common.show_more'), { variant: 'secondary',
        onClick: (e) => withBusy(e.currentTarget, () => load(true)) }) : null);
    } catch (e) {
      if (my !== seq) return;
      status.textContent = errorMessage(e.code);
    }
  }
  const remember = () => {
    const params = new URLSearchParams();
    if (q.value().trim()) params.set('q', q.value().trim());
    if (cat.value()) params.set('kategoria', cat.value());
    const qs = params.toString();
    window.history.replaceState(null, '', `#${ctx.path}${qs ? `?${qs}` : ''}`);
  };
  const later = debounce(() => { remember(); load(false); }, 250);
  q.input.addEventListener('input', later);
  cat.input.addEventListener('change', () => { later.cancel(); remember(); load(false); });
  const form = h('form', { class: 'card filters', role: 'search', onSubmit: (e) => {
    e.preventDefault(); later.cancel(); remember(); load(false);
  } }, h('div', { class: 'filters-grid' }, q.el, cat.el));
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' },
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.contractors.lead'))),
    form, status, list, moreBox));
  mount(list, h('li', {}, loading()));
  load(false);
}

function reviewView(r) {
  return h('li', { class: 'review' },
    h('p', { class: 'review-head' },
      h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(r.rating) + '☆'.repeat(5 - r.rating)),
      h('span', { class: 'visually-hidden' }, t('portal.contractors.stars', { count: r.rating })),
      ' ', h('time', { class: 'muted small', datetime: r.created_at }, formatDate(r.created_at)),
      r.mine ? [' ', badge(t('portal.contractors.my_review'), 'info')] : null,
      r.hidden ? [' ', badge(t('portal.contractors.review_hidden'), 'neutral')] : null),
    r.text ? h('p', { class: 'review-text' }, r.text) : null,
    r.hidden && r.hidden_reason ? h('p', { class: 'small muted' },
      t('portal.contractors.hidden_reason', { reason: r.hidden_reason })) : null);
}

// The review form: a 1–5 star radio group and an optional text.
function reviewForm(contractor, onDone) {
  const name = `rating-${contractor.id}`;
  const errorEl = h('p', { class: 'error', id: `${name}-error` });
  const radios = [5, 4, 3, 2, 1].map((n) => {
    const id = `${name}-${n}`;
    return h('div', { class: 'check star-option' },
      h('input', { type: 'radio', id, name, value: String(n), 'aria-describedby': `${name}-error` }),
      h('label', { for: id }, h('span', { class: 'stars', 'aria-hidden': 'true' }, '★'.repeat(n) + '☆'.repeat(5 - n)),
        ` ${t(`portal.contractors.rating_${n}`)}`));
  });
  const group = h('fieldset', { class: 'field rating-field' },
    h('legend', {}, t('portal.contractors.rating_label'), ' ',
      h('span', { class: 'required-mark' }, `(${t('portal.forms.required')})`)), radios, errorEl);
  const ratingApi = {
    setError(msg) { errorEl.textContent = msg || ''; group.classList.toggle('invalid', !!msg); },
    clearError() { ratingApi.setError(''); },
    focus() { group.querySelector('input').focus(); },
  };
  const text = field({ name: 'text', label: t('portal.contractors.review_text'), multiline: true, optional: true,
    hint: t('portal.news.comment_hint', { max: REVIEW_MAX }), attrs: { maxlength: String(REVIEW_MAX) } });
  const top = formAlert();
  const submit = button(t('portal.contractors.review_submit'), { type: 'submit' });
  const form = h('form', { class: 'stack', novalidate: true }, top.el, group, text.el,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ratingApi.clearError(); text.clearError(); top.clear();
    const checked = form.querySelector(`input[name="${name}"]:checked`);
    if (!checked) { ratingApi.setError(t('portal.contractors.rating_missing')); ratingApi.focus(); return; }
    try {
      await withBusy(submit, api.post(`/api/v1/contractors/${contractor.id}/reviews`,
        { rating: Number(checked.value), text: text.value().trim() }));
      toast(t('portal.contractors.review_added'), { kind: 'success' });
      onDone();
    } catch (err) {
      if (err.code === 'review_exists') { toast(errorMessage(err.code), { kind: 'info' }); onDone(); return; }
      showFieldErrors(err, { rating: ratingApi, text }, top);
    }
  });
  return form;
}

export async function contractorPage(ctx) {
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: link('/wykonawcy') }, `← ${t('portal.contractors.title')}`));
  const id = encodeURIComponent(ctx.params.id);
  const offset = Math.max(0, parseInt(ctx.query.od || '0', 10) || 0);
  renderPage(ctx.path, t('portal.contractors.title'), h('div', { class: 'container' }, back,
    h('h1', {}, t('portal.contractors.title')), loading()));
  let c;
  try {
    c = await api.get(`/api/v1/contractors/${id}`, { offset, limit: REVIEWS_PAGE });
  } catch (e) {
    const nf = e.status === 404;
    const title = nf ? t('portal.contractors.not_found') : t('portal.contractors.title');
    renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' }, back, h('h1', {}, title),
      nf ? h('p', {}, t('portal.contractors.not_found_text')) : errorBox(e, () => contractorPage(ctx))));
    return;
  }
  const reviews = c.reviews || { items: [], total: 0, offset: 0, limit: REVIEWS_PAGE };
  const details = [
    [t('portal.contractors.categories'), (c.categories || []).map((x) => x.name).join(', ')],
    [t('portal.contractors.service_area'), c.service_area],
    [t('portal.contractors.hours'), c.hours],
  ].filter(([, v]) => v);
  const mine = c.my_review
    ? h('div', { class: 'stack-sm' }, h('p', {}, t('portal.contractors.already_reviewed')),
      h('ul', { class: 'reviews' }, reviewView(c.my_review)))
    : reviewForm(c, () => contractorPage(ctx));
  renderPage(ctx.path, c.name, h('div', { class: 'container narrow-wide' }, back,
    h('article', { class: 'card contractor-detail' },
      h('div', { class: 'contractor-head' }, h('h1', {}, c.name), recommendedBadge(c)),
      ratingView(c.rating),
      c.description ? h('p', { class: 'contractor-desc' }, c.description) : null,
      details.length ? h('dl', { class: 'kv' }, details.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null,
      contactList(c)),
    h('section', { class: 'card', 'aria-labelledby': 'reviews-title' },
      h('h2', { id: 'reviews-title' }, t('portal.contractors.reviews_title', { count: reviews.total || 0 })),
      (reviews.items || []).length ? h('ul', { class: 'reviews' }, reviews.items.map(reviewView))
        : h('p', { class: 'empty' }, t('portal.contractors.no_reviews')),
      pager(reviews, (o) => window.location.assign(`#/wykonawcy/${id}${o ? `?od=${o}` : ''}`))),
    h('section', { class: 'card', 'aria-labelledby': 'my-review-title' },
      h('h2', { id: 'my-review-title' }, t('portal.contractors.add_review')), mine)));
}

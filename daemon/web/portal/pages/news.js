// Aktualności: the feed (GET /api/v1/news, pinned first, unread markers), one item with its
// server-rendered body (marked read on open) and, when staff allow them, comments.
import { h, mount, badge, button, field, formAlert, showFieldErrors, withBusy, toast, confirmDialog, alert,
  loading } from '/common/ui.js';
import { t, errorMessage, formatDate, formatDateTime } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { navigate } from '../nav.js';
import { serverHtml, pager, errorBox } from '../content.js';

const PAGE = 10;
const COMMENTS_PAGE = 20;
const COMMENT_MAX = 2000;

// One feed entry as a card: title link, date, lead, pinned / unread / comments markers.
export function newsCard(item, headingLevel = 'h2') {
  const marks = [];
  if (item.pinned) marks.push(badge(t('portal.news.pinned'), 'info'));
  if (item.unread) marks.push(badge(t('portal.news.unread'), 'warning'));
  return h('article', { class: ['card', 'news-card', item.unread && 'is-unread'] },
    marks.length ? h('div', { class: 'news-marks' }, marks) : null,
    h(headingLevel, { class: 'news-title' }, h('a', { href: link(`/aktualnosci/${item.id}`) }, item.title,
      item.unread ? h('span', { class: 'visually-hidden' }, ` (${t('portal.news.unread')})`) : null)),
    h('p', { class: 'muted small news-date' }, h('time', { datetime: item.published_at },
      formatDate(item.published_at))),
    item.lead ? h('p', { class: 'news-lead' }, item.lead) : null,
    item.comments_enabled && item.comment_count ? h('p', { class: 'small muted' },
      t('portal.news.comment_count', { count: item.comment_count })) : null);
}

export async function newsListPage(ctx) {
  const offset = Math.max(0, parseInt(ctx.query.od || '0', 10) || 0);
  const title = t('portal.news.title');
  renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), loading()));
  let page;
  try {
    page = await api.get('/api/v1/news', { offset, limit: PAGE });
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title),
      errorBox(e, () => newsListPage(ctx))));
    return;
  }
  const items = page.items || [];
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' },
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.news.lead'))),
    items.length ? h('div', { class: 'stack news-list' }, items.map((i) => newsCard(i)))
      : h('p', { class: 'empty' }, t('portal.news.empty')),
    pager(page, (o) => navigate(o > 0 ? `/aktualnosci?od=${o}` : '/aktualnosci'))));
}

function commentView(c, onReport) {
  const report = button(t('portal.news.report'), { variant: 'link', size: 'sm',
    attrs: { 'aria-label': t('portal.news.report_label', { name: c.author_name }) } });
  report.addEventListener('click', () => onReport(c, report));
  return h('li', { class: 'comment' },
    h('p', { class: 'comment-meta' }, h('strong', {}, c.author_name), ' ',
      h('time', { class: 'muted small', datetime: c.created_at }, formatDateTime(c.created_at))),
    h('p', { class: 'comment-body' }, c.body),
    h('div', { class: 'comment-actions' }, report));
}

// The comment list (oldest first, "show more") and the form to add one.
function commentsSection(item) {
  const list = h('ol', { class: 'comments' });
  const status = h('p', { class: 'muted small', 'aria-live': 'polite' });
  const moreBox = h('div');
  let loaded = 0;
  let total = 0;

  async function report(c, btn) {
    const ok = await confirmDialog(t('portal.news.report_title'), t('portal.news.report_confirm'),
      { confirmLabel: t('portal.news.report') });
    if (!ok) return;
    try {
      await withBusy(btn, api.post(`/api/v1/news/comments/${c.id}/report`, {}));
      toast(t('portal.news.reported'), { kind: 'success' });
      btn.disabled = true;
    } catch (e) {
      toast(errorMessage(e.code), { kind: e.code === 'comment_already_reported' ? 'info' : 'error' });
    }
  }

  async function loadMore() {
    try {
      const page = await api.get(`/api/v1/news/${item.id}/comments`, { offset: loaded, limit: COMMENTS_PAGE });
      total = page.total || 0;
      (page.items || []).forEach((c) => list.appendChild(commentView(c, report)));
      loaded += (page.items || []).length;
      status.textContent = total ? t('portal.news.comment_count', { count: total }) : t('portal.news.no_comments');
      mount(moreBox, loaded < total ? button(t('portal.news.more_comments'), { variant: 'secondary',
        onClick: (e) => withBusy(e.currentTarget, loadMore) }) : null);
    } catch (e) {
      mount(moreBox, alert('error', errorMessage(e.code)));
    }
  }

  const body = field({ name: 'body', label: t('portal.news.comment_label'), multiline: true,
    hint: t('portal.news.comment_hint', { max: COMMENT_MAX }), attrs: { maxlength: String(COMMENT_MAX) } });
  const top = formAlert();
  const submit = button(t('portal.news.comment_submit'), { type: 'submit' });
  const form = h('form', { class: 'stack comment-form', novalidate: true }, top.el, body.el,
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    body.clearError();
    top.clear();
    const text = body.value().trim();
    if (!text) { body.setError(errorMessage('field_required')); body.focus(); return; }
    try {
      const c = await withBusy(submit, api.post(`/api/v1/news/${item.id}/comments`, { body: text }));
      body.input.value = '';
      total += 1;
      if (loaded >= total - 1) { list.appendChild(commentView(c, report)); loaded += 1; }
      status.textContent = t('portal.news.comment_count', { count: total });
      toast(t('portal.news.comment_added'), { kind: 'success' });
    } catch (err) {
      showFieldErrors(err, { body }, top);
    }
  });
  loadMore();
  return h('section', { class: 'card comments-card', 'aria-labelledby': 'comments-title' },
    h('h2', { id: 'comments-title' }, t('portal.news.comments_title')), status, list, moreBox,
    h('h3', { class: 'comment-form-title' }, t('portal.news.comment_add')), form);
}

export async function newsItemPage(ctx) {
  const id = ctx.params.id;
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: link('/aktualnosci') }, `← ${t('portal.news.title')}`));
  renderPage(ctx.path, t('portal.news.title'), h('div', { class: 'container narrow-wide' }, back,
    h('h1', {}, t('portal.news.title')), loading()));
  let item;
  try {
    item = await api.get(`/api/v1/news/${encodeURIComponent(id)}`);
  } catch (e) {
    const title = e.status === 404 ? t('portal.news.not_found') : t('portal.news.title');
    renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' }, back, h('h1', {}, title),
      e.status === 404 ? h('p', {}, t('portal.news.not_found_text')) : errorBox(e, () => newsItemPage(ctx))));
    return;
  }
  if (item.unread) api.post(`/api/v1/news/${item.id}/read`, {}).catch(() => {});
  renderPage(ctx.path, item.title, h('div', { class: 'container narrow-wide' }, back,
    h('article', { class: 'card news-article' },
      item.pinned ? h('div', { class: 'news-marks' }, badge(t('portal.news.pinned'), 'info')) : null,
      h('h1', {}, item.title),
      h('p', { class: 'muted small' }, t('portal.news.published', { date: formatDate(item.published_at) })),
      item.image_url ? h('img', { class: 'news-image', src: item.image_url, alt: '' }) : null,
      item.lead ? h('p', { class: 'lead' }, item.lead) : null,
      serverHtml(item.body_html)),
    item.comments_enabled ? commentsSection(item) : null));
}

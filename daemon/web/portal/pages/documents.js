// Dokumenty spółdzielni: categories (statutory ones marked), a search box, the list of documents
// the resident may see, each with a plain download link (file_url), its size and date.
import { h, mount, field, button, withBusy, loading } from '/common/ui.js';
import { t, formatDate } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage } from '../shell.js';
import { formatSize, errorBox, itemsOf, debounce } from '../content.js';

const PAGE = 20;

function documentCard(d) {
  const meta = [d.version ? t('portal.docs.version', { version: d.version }) : null,
    t('portal.docs.updated', { date: formatDate(d.updated_at) })].filter(Boolean).join(' · ');
  return h('li', { class: 'card doc-card' },
    h('span', { class: 'doc-icon', 'aria-hidden': 'true' }, 'PDF'),
    h('div', { class: 'grow' },
      h('h2', { class: 'doc-title' }, d.title),
      d.category ? h('p', { class: 'small muted doc-category' }, d.category) : null,
      d.description ? h('p', { class: 'doc-description' }, d.description) : null,
      h('p', { class: 'small muted' }, meta)),
    h('a', { class: 'btn btn-secondary doc-download', href: d.file_url, download: d.filename || '' },
      t('common.download'),
      h('span', { class: 'visually-hidden' }, ` ${d.title},`), ` (${t('portal.docs.pdf_size', { size: formatSize(d.size) })})`));
}

export async function documentsPage(ctx) {
  const title = t('portal.docs.title');
  renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), loading()));
  let categories;
  try {
    categories = itemsOf(await api.get('/api/v1/documents/categories'));
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title),
      errorBox(e, () => documentsPage(ctx))));
    return;
  }
  categories.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const selected = categories.find((c) => String(c.id) === ctx.query.kategoria || c.slug === ctx.query.kategoria);
  const catField = field({ name: 'category', label: t('portal.docs.category'), value: selected ? selected.id : '',
    options: [{ value: '', label: t('portal.docs.all_categories') }, ...categories.map((c) => ({ value: c.id,
      label: c.count !== undefined ? t('portal.docs.category_count', { name: c.name, count: c.count }) : c.name }))] });
  const q = field({ name: 'q', type: 'search', label: t('portal.docs.search'), value: ctx.query.q || '',
    hint: t('portal.docs.search_hint'), attrs: { maxlength: '200', enterkeyhint: 'search' } });
  const status = h('p', { class: 'results-status', role: 'status' });
  const list = h('ul', { class: 'doc-list' });
  const moreBox = h('div', { class: 'more-box' });
  let seq = 0;
  let offset = 0;

  async function load(append) {
    const my = ++seq;
    if (!append) { offset = 0; mount(list, h('li', {}, loading())); mount(moreBox); }
    try {
      const page = await api.get('/api/v1/documents', { category: catField.value() || undefined,
        q: q.value().trim() || undefined, offset, limit: PAGE });
      if (my !== seq) return;
      const items = page.items || [];
      if (!append) list.replaceChildren();
      items.forEach((d) => list.appendChild(documentCard(d)));
      offset += items.length;
      const total = page.total ?? offset;
      status.textContent = total ? t('portal.docs.found', { count: total }) : '';
      if (!total) mount(list, h('li', { class: 'empty' }, q.value().trim() ? t('portal.docs.none_found')
        : t('portal.docs.empty')));
      mount(moreBox, offset < total ? button(t('portal.common.show_more'), { variant: 'secondary',
        onClick: (e) => withBusy(e.currentTarget, () => load(true)) }) : null);
    } catch (e) {
      if (my !== seq) return;
      status.textContent = '';
      mount(list, h('li', {}, errorBox(e, () => load(false))));
    }
  }
  // Keeps the choice in the address (back button, links) without redrawing the page.
  const remember = () => {
    const params = new URLSearchParams();
    if (catField.value()) params.set('kategoria', catField.value());
    if (q.value().trim()) params.set('q', q.value().trim());
    const qs = params.toString();
    window.history.replaceState(null, '', `#${ctx.path}${qs ? `?${qs}` : ''}`);
  };
  const searchLater = debounce(() => { remember(); load(false); }, 250);
  catField.input.addEventListener('change', () => { searchLater.cancel(); remember(); load(false); });
  q.input.addEventListener('input', searchLater);
  const form = h('form', { class: 'card filters', role: 'search', onSubmit: (e) => {
    e.preventDefault(); searchLater.cancel(); remember(); load(false);
  } }, h('div', { class: 'filters-grid' }, catField.el, q.el));

  const statutory = categories.filter((c) => c.statutory);
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' },
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.docs.lead'))),
    statutory.length ? h('nav', { class: 'chips', 'aria-label': t('portal.docs.statutory') },
      h('span', { class: 'small muted' }, t('portal.docs.statutory'), ':'),
      statutory.map((c) => h('a', { class: 'chip', href: `#/dokumenty?kategoria=${c.id}`,
        'aria-current': selected && selected.id === c.id ? 'true' : null,
        onClick: (e) => { e.preventDefault(); catField.input.value = String(c.id); remember(); load(false); } },
      c.name))) : null,
    form, status, list, moreBox));
  load(false);
}

// CSV import of the flats register: choose a file → preview (dry run: counts and per-line errors
// in Polish) → import. The file's bytes go to the server as they are (it detects the encoding).
import { api } from '/common/api.js';
import { t, formatNumber, has, errorMessage } from '/common/i18n.js';
import { h, mount, button, linkButton, alert, withBusy, table, uid } from '/common/ui.js';
import { page, errorAlert } from '../lib.js';

function lineError(e) {
  const key = `admin.import.errors.${e.code}`;
  return has(key) ? t(key) : errorMessage(e.code);
}

function fieldName(f) {
  return f ? t(`admin.import.fields.${f}`) : '—';
}

function summary(r) {
  const items = [
    ['new', r.imported, 'success'], ['updated', r.updated, 'info'], ['unchanged', r.unchanged, 'neutral'], ['errors_count', r.error_count, r.error_count ? 'danger' : 'neutral'],
  ];
  return h('ul', { class: 'stats import-stats' }, items.map(([k, n, kind]) => h('li', { class: ['stat', 'card', `stat-${kind}`] },
    h('span', { class: 'stat-label' }, t(`admin.import.${k}`)), h('span', { class: 'stat-value' }, formatNumber(n)))));
}

export function render() {
  const body = page(t('admin.import.title'), { lead: t('admin.import.lead'), crumbs: [['/flats', t('admin.nav.flats')], [null, t('admin.import.title')]] });
  const inputId = uid('csv');
  const input = h('input', { type: 'file', id: inputId, accept: '.csv,text/csv,text/plain', 'aria-describedby': `${inputId}-hint` });
  const check = button(t('admin.import.check'), { type: 'submit' });
  const result = h('div', { class: 'stack', 'aria-live': 'polite' });
  let file = null;

  const form = h('form', { class: 'card stack' },
    h('div', { class: 'field' }, h('label', { for: inputId }, t('admin.import.file')),
      h('p', { class: 'hint', id: `${inputId}-hint` }, t('admin.import.file_hint')), input),
    h('details', { class: 'format-help' }, h('summary', {}, t('admin.import.format_title')),
      h('p', {}, t('admin.import.format_text')), h('pre', { class: 'secret-box' }, t('admin.import.format_example'))),
    h('div', { class: 'btn-row' }, check));
  input.addEventListener('change', () => { file = input.files[0] || null; mount(result); });

  async function commit(btn) {
    try {
      const r = await withBusy(btn, api.postRaw('/api/v1/admin/flats/import', file, file.type || 'text/csv'));
      mount(result, alert('success', t('admin.import.done', { count: r.imported + r.updated }), t('admin.import.done_title')), summary(r),
        r.error_count ? alert('warning', t('admin.import.skipped', { count: r.error_count })) : null,
        h('div', { class: 'btn-row' }, linkButton(t('admin.import.to_register'), '/admin/flats')));
    } catch (e) {
      mount(result, errorAlert(e));
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file) {
      mount(result, alert('error', t('admin.import.no_file')));
      input.focus();
      return;
    }
    let r;
    try {
      r = await withBusy(check, api.postRaw('/api/v1/admin/flats/import?dry_run=1', file, file.type || 'text/csv'));
    } catch (err) {
      const text = err.code === 'csv_header_missing' && err.field
        ? `${errorMessage(err.code)} ${t('admin.import.missing_column', { column: fieldName(err.field) })}`
        : errorMessage(err.code);
      mount(result, alert('error', text, t('admin.import.failed_title')));
      return;
    }
    const ok = r.error_count === 0;
    const go = button(ok ? t('admin.import.commit') : t('admin.import.commit_partial', { count: r.imported + r.updated + r.unchanged }),
      { variant: ok ? 'primary' : 'danger-outline' });
    go.addEventListener('click', () => commit(go));
    const parts = [
      h('h2', {}, t('admin.import.preview_title')),
      alert(ok ? 'info' : 'warning', ok ? t('admin.import.preview_ok') : t('admin.import.preview_errors', { count: r.error_count })),
      summary(r),
    ];
    if (r.errors.length) {
      const grid = table({
        caption: t('admin.import.errors_caption'),
        pageSize: 50,
        columns: [
          { key: 'line', label: t('admin.import.line'), num: true },
          { key: 'field', label: t('admin.import.field'), render: (x) => fieldName(x.field) },
          { key: 'code', label: t('admin.import.problem'), render: (x) => lineError(x) },
        ],
        fetchPage: async ({ offset, limit }) => ({ items: r.errors.slice(offset, offset + limit), total: r.errors.length }),
      });
      parts.push(h('h3', {}, t('admin.import.errors_caption')), grid.el);
      if (r.error_count > r.errors.length) parts.push(h('p', { class: 'small muted' }, t('admin.import.errors_truncated', { shown: formatNumber(r.errors.length), count: r.error_count })));
    }
    if (r.imported + r.updated + r.unchanged > 0) parts.push(h('div', { class: 'btn-row' }, go));
    mount(result, ...parts);
  });
  body.append(form, result);
}

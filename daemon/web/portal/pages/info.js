// Informacje: sections with their pages, one page (server-rendered body) with its sign-up form built
// from the form's field list, and "Moje zgłoszenia" (own submissions, cancel).
import { h, mount, field, checkbox, badge, button, withBusy, formAlert, toast, confirmDialog, alert,
  loading } from '/common/ui.js';
import { t, formatDate, formatDateTime, errorMessage } from '/common/i18n.js';
import { api } from '/common/api.js';
import { renderPage, link } from '../shell.js';
import { serverHtml, errorBox, itemsOf } from '../content.js';

const STATUS_KIND = { registered: 'success', waiting: 'warning', accepted: 'success', rejected: 'danger',
  cancelled: 'neutral', done: 'info' };
const CANCELLABLE = new Set(['registered', 'waiting', 'accepted']);

export function submissionBadge(s) {
  const known = s.status in STATUS_KIND;
  return badge(known ? t(`portal.info.status_${s.status}`) : s.status, STATUS_KIND[s.status] || 'neutral');
}

function submissionLine(s) {
  const parts = [t('portal.info.sent_on', { date: formatDateTime(s.created_at) })];
  if (s.status === 'waiting' && s.waiting_position) {
    parts.push(t('portal.info.waiting_position', { n: s.waiting_position }));
  }
  return parts.join(' · ');
}

// ---------- Sections ----------

export async function infoPage(ctx) {
  const title = t('portal.info.title');
  renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), loading()));
  let sections;
  try {
    sections = itemsOf(await api.get('/api/v1/info/sections'));
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container' }, h('h1', {}, title), errorBox(e, () => infoPage(ctx))));
    return;
  }
  const blocks = sections.map((entry) => {
    const s = entry.section || entry;
    const pages = entry.pages || [];
    const hid = `section-${s.id}`;
    return h('section', { class: 'card info-section', 'aria-labelledby': hid },
      h('h2', { id: hid }, s.title || s.name),
      pages.length ? h('ul', { class: 'link-list' }, pages.map((p) => h('li', {},
        h('a', { href: link(`/informacje/${p.id}`) }, h('span', { class: 'grow' }, p.title),
          p.has_form ? badge(t('portal.info.has_form'), 'info') : null))))
        : h('p', { class: 'empty' }, t('portal.info.section_empty')));
  });
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' },
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.info.lead'))),
    h('p', {}, h('a', { class: 'btn btn-secondary', href: link('/moje-zgloszenia') }, t('portal.info.my_title'))),
    blocks.length ? h('div', { class: 'grid cols-2 info-sections' }, blocks)
      : h('p', { class: 'empty' }, t('portal.info.empty'))));
}

// ---------- Sign-up form ----------

function requiredMark() {
  return h('span', { class: 'required-mark' }, ` (${t('portal.forms.required')})`);
}

// A group of radios (choice) or checkboxes (multi) in a fieldset; same API as field().
function optionGroup(f, multi) {
  const name = `form-${f.key}`;
  const errorId = `${name}-error`;
  const errorEl = h('p', { class: 'error', id: errorId });
  const inputs = [];
  const options = (f.options || []).map((opt, i) => {
    const id = `${name}-${i}`;
    const input = h('input', { type: multi ? 'checkbox' : 'radio', id, name, value: opt,
      'aria-describedby': errorId });
    inputs.push(input);
    return h('div', { class: 'check' }, input, h('label', { for: id }, opt));
  });
  const el = h('fieldset', { class: 'field option-group' },
    h('legend', {}, f.label, f.required ? requiredMark() : null), options, errorEl);
  const api2 = {
    el,
    setError(msg) {
      errorEl.textContent = msg || '';
      el.classList.toggle('invalid', !!msg);
      inputs.forEach((x) => (msg ? x.setAttribute('aria-invalid', 'true') : x.removeAttribute('aria-invalid')));
    },
    clearError() { api2.setError(''); },
    focus() { if (inputs[0]) inputs[0].focus(); },
    value() {
      const chosen = inputs.filter((x) => x.checked).map((x) => x.value);
      return multi ? chosen : (chosen[0] ?? '');
    },
    empty() { return !inputs.some((x) => x.checked); },
  };
  inputs.forEach((x) => x.addEventListener('change', () => api2.clearError()));
  return api2;
}

// One control for a form field definition → {el, setError, clearError, focus, value(), empty()}.
function formControl(f) {
  if (f.type === 'choice' && (f.options || []).length > 8) {
    const c = field({ name: f.key, label: f.label, required: f.required,
      options: [{ value: '', label: t('portal.forms.choose') }, ...f.options.map((o) => ({ value: o, label: o }))] });
    if (f.required) c.el.querySelector('label').appendChild(requiredMark());
    return { ...c, empty: () => !c.value() };
  }
  if (f.type === 'choice' || f.type === 'multi') return optionGroup(f, f.type === 'multi');
  if (f.type === 'consent') {
    const c = checkbox({ name: f.key, label: [f.label, f.required ? requiredMark() : null] });
    return { ...c, empty: () => !c.value() };
  }
  const attrs = {};
  let hint = null;
  if ((f.type === 'text' || f.type === 'textarea') && f.max_length) {
    attrs.maxlength = String(f.max_length);
    if (f.type === 'textarea') hint = t('portal.news.comment_hint', { max: f.max_length });
  }
  if (f.type === 'number') {
    if (f.min !== null && f.min !== undefined) attrs.min = String(f.min);
    if (f.max !== null && f.max !== undefined) attrs.max = String(f.max);
    attrs.step = 'any';
    if (attrs.min && attrs.max) hint = t('portal.forms.range', { min: f.min, max: f.max });
  }
  const c = field({ name: f.key, label: f.label, required: f.required, multiline: f.type === 'textarea',
    type: f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text',
    inputmode: f.type === 'number' ? 'decimal' : undefined, hint, attrs });
  if (f.required) c.el.querySelector('label').appendChild(requiredMark());
  const value = () => {
    const v = c.value().trim();
    if (f.type === 'number') return v === '' ? '' : Number(v.replace(',', '.'));
    return v;
  };
  return { ...c, value, empty: () => c.value().trim() === '' };
}

function capacityText(form) {
  const parts = [];
  if (form.capacity) {
    parts.push(t('portal.info.capacity', { taken: form.taken || 0, capacity: form.capacity }));
    if (form.waiting) parts.push(t('portal.info.waiting_count', { count: form.waiting }));
  }
  if (form.closes_at) parts.push(t('portal.info.closes_at', { date: formatDateTime(form.closes_at) }));
  return parts.join(' · ');
}

function signUpForm(page, onDone) {
  const form = page.form;
  const controls = {};
  (form.fields || []).forEach((f) => { controls[f.key] = formControl(f); });
  const top = formAlert();
  const full = form.capacity && (form.taken || 0) >= form.capacity;
  const submit = button(full ? t('portal.info.submit_waiting') : t('portal.info.submit'), { type: 'submit',
    size: 'lg' });
  const el = h('form', { class: 'stack', novalidate: true, 'aria-labelledby': 'signup-title' }, top.el,
    h('p', { class: 'muted small' }, t('portal.forms.required_note')),
    Object.values(controls).map((c) => c.el), h('div', { class: 'form-actions' }, submit));
  el.addEventListener('submit', async (e) => {
    e.preventDefault();
    Object.values(controls).forEach((c) => c.clearError());
    top.clear();
    let first = null;
    const answers = {};
    for (const f of form.fields || []) {
      const c = controls[f.key];
      if (f.required && c.empty()) {
        c.setError(f.type === 'consent' ? t('portal.forms.consent_missing') : errorMessage('field_required'));
        first = first || c;
        continue;
      }
      if (c.empty() && f.type !== 'consent') continue;
      answers[f.key] = c.value();
    }
    if (first) { first.focus(); return; }
    try {
      const r = await withBusy(submit, api.post(`/api/v1/info/pages/${page.id}/submissions`, { answers }));
      toast(r.status === 'waiting' ? t('portal.info.sent_waiting', { n: r.waiting_position || '?' })
        : t('portal.info.sent_registered'), { kind: 'success', timeout: 8000 });
      onDone();
    } catch (err) {
      let key = err.field || '';
      if (key.startsWith('answers.')) key = key.slice(8);
      const c = controls[key];
      if (c) { c.setError(errorMessage(err.code)); c.focus(); } else top.show(errorMessage(err.code));
    }
  });
  return el;
}

function formSection(page, reload) {
  const form = page.form;
  const mine = page.my_submissions || [];
  const active = mine.find((s) => CANCELLABLE.has(s.status) || s.status === 'done');
  const info = capacityText(form);
  let body;
  if (active) {
    body = alert(active.status === 'waiting' ? 'warning' : 'success',
      h('p', {}, t('portal.info.already', { status: t(`portal.info.status_${active.status}`) }), ' ',
        h('a', { href: link('/moje-zgloszenia') }, t('portal.info.my_title'))));
  } else if (!form.open) {
    body = alert('info', t('portal.info.closed'));
  } else {
    body = signUpForm(page, reload);
  }
  return h('section', { class: 'card signup', 'aria-labelledby': 'signup-title' },
    h('h2', { id: 'signup-title' }, form.title || t('portal.info.form_title')),
    info ? h('p', { class: 'signup-info' }, info) : null,
    form.capacity && (form.taken || 0) >= form.capacity && form.open && !active
      ? alert('warning', t('portal.info.full_note')) : null,
    body,
    mine.length ? h('div', { class: 'my-submissions' }, h('h3', {}, t('portal.info.my_here')),
      h('ul', { class: 'list' }, mine.map((s) => h('li', {}, h('span', { class: 'grow' }, submissionLine(s)),
        submissionBadge(s))))) : null);
}

export async function infoPageDetail(ctx) {
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: link('/informacje') }, `← ${t('portal.info.title')}`));
  renderPage(ctx.path, t('portal.info.title'), h('div', { class: 'container' }, back,
    h('h1', {}, t('portal.info.title')), loading()));
  let page;
  try {
    page = await api.get(`/api/v1/info/pages/${encodeURIComponent(ctx.params.id)}`);
  } catch (e) {
    const nf = e.status === 404;
    const title = nf ? t('portal.info.not_found') : t('portal.info.title');
    renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' }, back, h('h1', {}, title),
      nf ? h('p', {}, t('portal.info.not_found_text')) : errorBox(e, () => infoPageDetail(ctx))));
    return;
  }
  renderPage(ctx.path, page.title, h('div', { class: 'container narrow-wide' }, back,
    h('article', { class: 'card info-article' }, h('h1', {}, page.title),
      page.updated_at ? h('p', { class: 'muted small' }, t('portal.info.updated', { date: formatDate(page.updated_at) }))
        : null,
      serverHtml(page.body_html)),
    page.form ? formSection(page, () => infoPageDetail(ctx)) : null));
}

// ---------- My submissions ----------

export async function mySubmissionsPage(ctx) {
  const title = t('portal.info.my_title');
  const back = h('p', { class: 'breadcrumb' }, h('a', { href: link('/informacje') }, `← ${t('portal.info.title')}`));
  renderPage(ctx.path, title, h('div', { class: 'container' }, back, h('h1', {}, title), loading()));
  let items;
  try {
    items = itemsOf(await api.get('/api/v1/me/submissions', { limit: 100 }));
  } catch (e) {
    renderPage(ctx.path, title, h('div', { class: 'container' }, back, h('h1', {}, title),
      errorBox(e, () => mySubmissionsPage(ctx))));
    return;
  }
  const row = (s) => {
    const cancel = CANCELLABLE.has(s.status) ? button(t('portal.info.cancel'), { variant: 'danger-outline',
      size: 'sm', attrs: { 'aria-label': t('portal.info.cancel_label', { title: s.page_title || '' }) } }) : null;
    if (cancel) {
      cancel.addEventListener('click', async () => {
        const ok = await confirmDialog(t('portal.info.cancel_title'), t('portal.info.cancel_confirm',
          { title: s.page_title || '' }), { confirmLabel: t('portal.info.cancel'), danger: true,
          cancelLabel: t('portal.info.keep') });
        if (!ok) return;
        try {
          await withBusy(cancel, api.post(`/api/v1/me/submissions/${s.id}/cancel`, {}));
          toast(t('portal.info.cancelled'), { kind: 'success' });
          mySubmissionsPage(ctx);
        } catch (e) {
          toast(errorMessage(e.code), { kind: 'error' });
        }
      });
    }
    return h('li', { class: 'card submission' },
      h('div', { class: 'grow' },
        h('h2', { class: 'submission-title' }, s.page_id ? h('a', { href: link(`/informacje/${s.page_id}`) },
          s.page_title || t('portal.info.form_title')) : (s.page_title || t('portal.info.form_title'))),
        h('p', { class: 'small muted' }, submissionLine(s)),
        s.staff_note ? h('p', { class: 'small staff-note' }, t('portal.info.staff_note', { note: s.staff_note })) : null),
      h('div', { class: 'submission-side' }, submissionBadge(s), cancel));
  };
  const box = h('div');
  mount(box, items.length ? h('ul', { class: 'submission-list' }, items.map(row))
    : h('p', { class: 'empty' }, t('portal.info.my_empty')));
  renderPage(ctx.path, title, h('div', { class: 'container narrow-wide' }, back,
    h('div', { class: 'page-head' }, h('h1', {}, title), h('p', { class: 'lead' }, t('portal.info.my_lead'))), box));
}

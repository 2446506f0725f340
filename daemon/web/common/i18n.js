// Message catalogues, plural rules and Polish number/date formats.
// Catalogues live in common/i18n/: "<lang>.json" is the part "common" (shared + portal texts);
// any other part P is "<P>.<lang>.json" (e.g. admin.pl.json). Keys are dot paths ("login.title").
// Polish is the fallback for missing keys in English.

export const LANGUAGES = ['pl', 'en'];
const STORAGE_KEY = 'osiedle.lang';
const NBSP = '\u00a0';
const BASE = new URL('./i18n/', import.meta.url);

let currentLang = detectLanguage();
let loadedParts = ['common'];
let catalog = {};
let fallback = {};
const listeners = new Set();

function detectLanguage() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (LANGUAGES.includes(saved)) return saved;
  } catch {
    /* storage blocked: fall through */
  }
  const nav = (navigator.languages && navigator.languages[0]) || navigator.language || 'pl';
  return nav.toLowerCase().startsWith('en') ? 'en' : 'pl';
}

function fileFor(part, lang) {
  return part === 'common' ? `${lang}.json` : `${part}.${lang}.json`;
}

function deepMerge(target, source) {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object') {
      deepMerge(target[k], v);
    } else {
      target[k] = v;
    }
  }
  return target;
}

async function fetchParts(lang, parts) {
  const out = {};
  const docs = await Promise.all(
    parts.map(async (part) => {
      const resp = await fetch(new URL(fileFor(part, lang), BASE), { credentials: 'same-origin' });
      if (!resp.ok) throw new Error(`catalogue ${part}/${lang}: HTTP ${resp.status}`);
      return resp.json();
    }),
  );
  docs.forEach((d) => deepMerge(out, d));
  return out;
}

// Loads the catalogue parts for `lang` (default: the current language). Call once at start-up,
// e.g. await loadCatalog(undefined, ['common', 'admin']). Sets <html lang>.
export async function loadCatalog(lang = currentLang, parts = loadedParts) {
  if (!LANGUAGES.includes(lang)) lang = 'pl';
  loadedParts = parts.slice();
  const [main, base] = await Promise.all([
    fetchParts(lang, loadedParts),
    lang === 'pl' ? Promise.resolve(null) : fetchParts('pl', loadedParts),
  ]);
  catalog = main;
  fallback = base || main;
  currentLang = lang;
  document.documentElement.lang = lang;
}

export function getLanguage() {
  return currentLang;
}

// Switches language: remembers it, reloads the catalogues and notifies onLanguageChange listeners.
export async function setLanguage(lang) {
  if (!LANGUAGES.includes(lang)) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* ignore */
  }
  await loadCatalog(lang, loadedParts);
  listeners.forEach((fn) => fn(lang));
}

// fn(lang) runs after every setLanguage. Returns an unsubscribe function.
export function onLanguageChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function lookup(obj, key) {
  let cur = obj;
  for (const part of key.split('.')) {
    if (cur == null || typeof cur !== 'object') return undefined;
    cur = cur[part];
  }
  return cur;
}

function interpolate(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : String(params[name])));
}

// Does the key exist in the loaded catalogue (or the Polish fallback)?
export function has(key) {
  return lookup(catalog, key) !== undefined || lookup(fallback, key) !== undefined;
}

// The raw catalogue entry (object, array or string) for structured texts such as legal pages;
// undefined if missing.
export function raw(key) {
  const v = lookup(catalog, key);
  return v === undefined ? lookup(fallback, key) : v;
}

// Translated text for `key`, with {name} placeholders filled from params. When the entry is a
// plural object ({one, few, many, other}) params.count chooses the form. Missing keys return the key.
export function t(key, params) {
  let v = lookup(catalog, key);
  if (v === undefined) v = lookup(fallback, key);
  if (v === undefined) return key;
  if (v && typeof v === 'object') {
    const n = params && typeof params.count === 'number' ? params.count : 0;
    v = plural(n, v);
  }
  const p = params && typeof params.count === 'number' ? { ...params, count: formatNumber(params.count) } : params;
  return interpolate(String(v), p);
}

// CLDR plural category of n: pl → one / few / many / other, en → one / other.
export function pluralCategory(n, lang = currentLang) {
  const abs = Math.abs(n);
  const integer = Number.isInteger(abs);
  if (lang === 'pl') {
    if (!integer) return 'other';
    if (abs === 1) return 'one';
    const m10 = abs % 10;
    const m100 = abs % 100;
    if (m10 >= 2 && m10 <= 4 && !(m100 >= 12 && m100 <= 14)) return 'few';
    return 'many';
  }
  return integer && abs === 1 ? 'one' : 'other';
}

// Picks the form for n. forms: {one, few, many, other} or an array [one, few, many, other]
// (Polish order). Falls back to "other", then "many".
export function plural(n, forms) {
  const cat = pluralCategory(n);
  if (Array.isArray(forms)) {
    const idx = { one: 0, few: 1, many: 2, other: 3 }[cat];
    return forms[idx] ?? forms[forms.length - 1];
  }
  return forms[cat] ?? forms.other ?? forms.many ?? '';
}

function toDate(value) {
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value); // unix s or ms
  if (typeof value === 'string' && value) return new Date(value);
  return null;
}
const pad = (n) => String(n).padStart(2, '0');

// 05.03.2025 (local time); "" for empty or invalid input. Accepts Date, ISO string, unix seconds.
export function formatDate(value) {
  const d = toDate(value);
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()}`;
}

// 14:30 (24-hour, local time).
export function formatTime(value) {
  const d = toDate(value);
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

// 05.03.2025, 14:30
export function formatDateTime(value) {
  const d = toDate(value);
  if (!d || Number.isNaN(d.getTime())) return '';
  return `${formatDate(d)}, ${formatTime(d)}`;
}

function groupDigits(intPart) {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

// 1 234 567 (NBSP between groups of three digits), decimals with a comma; `decimals` fixes them.
export function formatNumber(n, decimals) {
  if (typeof n !== 'number' || Number.isNaN(n)) return '';
  const s = decimals === undefined ? String(Math.abs(n)) : Math.abs(n).toFixed(decimals);
  const [i, f] = s.split('.');
  return `${n < 0 ? '−' : ''}${groupDigits(i)}${f ? `,${f}` : ''}`;
}

// "1 234,50 zł" from złoty (number). opts.minor = true: the value is in grosze (123450).
// NBSP between digit groups and before the currency.
export function formatAmount(value, opts = {}) {
  const zl = opts.minor ? value / 100 : value;
  return `${formatNumber(Math.round(zl * 100) / 100, 2)}${NBSP}${opts.currency || 'zł'}`;
}

// Polish message for a server error code (catalogue section "errors"); generic text if unknown.
export function errorMessage(code) {
  if (code && has(`errors.${code}`)) return t(`errors.${code}`);
  return t('errors._generic');
}

// Message for anything caught: ApiError codes, network failures, other exceptions.
export function errorText(err) {
  if (err && typeof err === 'object' && 'code' in err) return errorMessage(err.code);
  return t('errors._generic');
}

// Fills elements marked data-i18n="key" (textContent) and data-i18n-attr="attr:key;attr2:key2".
export function translateDom(root = document) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.getAttribute('data-i18n'));
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.getAttribute('data-i18n-attr').split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  });
}

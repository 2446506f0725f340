// Browser session helpers: Debian's chromium via playwright-core, screenshots at two sizes, axe-core checks.
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';

export const BASE_URL = process.env.BASE_URL || 'http://127.0.0.1:8080';
export const ARTIFACTS = process.env.E2E_ARTIFACTS || path.resolve('artifacts');
export const REPO = process.env.E2E_REPO || path.resolve('../..');

export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1366, height: 768 };

export const DEMO = {
  admin: { email: 'admin@lazurowa.demo', password: 'Lazurowa-Admin-2025' },
  office: { email: 'biuro@lazurowa.demo', password: 'Lazurowa-Biuro-2025' },
  resident: { email: 'jan.kowalski@lazurowa.demo', password: 'Lazurowa-Mieszkaniec-2025' },
  // A resident of another building (Lazurowa 14; jan.kowalski lives in Lazurowa 12).
  neighbour: { email: 'ewa.zielinska@lazurowa.demo', password: 'Lazurowa-Mieszkaniec-2025' },
};

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

// A fresh context (own cookies) with Polish locale; page errors and CSP violations fail `errors`. `baseURL`: another
// server than the demo daemon (the setup wizard).
export async function newPage(browser, viewport = DESKTOP, baseURL = BASE_URL) {
  const context = await browser.newContext({ viewport, locale: 'pl-PL', baseURL, timezoneId: 'Europe/Warsaw' });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) page.errors.push(m.text());
  });
  return page;
}

// Screenshot of the current page at the phone and desktop sizes: artifacts/<name>-360.png and -1366.png.
export async function shootBoth(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize();
  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${vp.width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

// Runs axe-core (WCAG 2.1 A/AA) in the page; fails on serious or critical violations.
// Waits until the page shows its heading and no spinner is left in <main>.
export async function settle(page) {
  await page.locator('main h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('main .loading, main .skeleton, main [aria-busy="true"]'),
    null, { timeout: 10000 });
  await page.waitForTimeout(200);
}

export async function checkA11y(page, label) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }),
  );
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  assert.equal(bad.length, 0, `axe on ${label}:\n${report}`);
}

// Logs in through an app's login form (portal "/" or admin "/admin"); handles the TOTP step if `totp` is given.
export async function loginAdmin(page, who, { totp } = {}) {
  await page.goto('/admin/login');
  await page.getByLabel(/^e-mail/i).fill(who.email);
  await page.getByLabel(/^hasło/i).fill(who.password);
  await page.getByRole('button', { name: /zaloguj/i }).click();
  if (totp) {
    const code = page.getByLabel(/kod/i);
    await code.waitFor();
    await code.fill(await totp());
    await page.getByRole('button', { name: /zaloguj|potwierdź/i }).click();
  }
  await page.getByRole('button', { name: /wyloguj/i }).waitFor();
}

// Logs a resident in through the portal's form (/#/logowanie) and waits for the home page's greeting.
export async function loginPortal(page, who) {
  await page.goto('/#/logowanie');
  await page.getByLabel('Adres e-mail').fill(who.email);
  await page.getByLabel('Hasło', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Zaloguj się', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: /^Dzień dobry/ }).waitFor();
}

// Collects every console error of `page` into page.consoleErrors (newPage() only keeps CSP ones in
// page.errors). `ignore(text)` → true drops an expected one (e.g. the 404 of a page that tests a 404).
export function trackConsole(page, ignore = () => false) {
  page.consoleErrors = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !ignore(m.text(), m)) page.consoleErrors.push(`${m.text()} @ ${m.location().url || '?'}`);
  });
  return page.consoleErrors;
}

// JSON API client with its own session cookie and CSRF token (for test setup, not for what is under test).
export class Api {
  constructor() {
    this.cookie = '';
    this.csrf = '';
  }
  async request(method, url, body) {
    const headers = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(BASE_URL + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const text = await res.text();
    const json = text ? JSON.parse(text) : null;
    return { status: res.status, json };
  }
  async login(who, totp) {
    const r = await this.request('POST', '/api/v1/auth/login', { email: who.email, password: who.password, ...(totp ? { totp } : {}) });
    assert.equal(r.status, 200, `login ${who.email}: ${JSON.stringify(r.json)}`);
    this.csrf = r.json.csrf_token;
    return r.json;
  }
  get(url) { return this.request('GET', url); }
  post(url, body = {}) { return this.request('POST', url, body); }
  put(url, body = {}) { return this.request('PUT', url, body); }
}

// A valid KW number for court `court` and register number `num` (8 digits), with the check digit.
export function kwNumber(court, num) {
  const values = '0123456789XABCDEFGHIJKLMNOPRSTUWYZ';
  const weights = [1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3, 7];
  const chars = (court + num).toUpperCase().split('');
  const sum = chars.reduce((s, ch, i) => s + values.indexOf(ch) * weights[i], 0);
  return `${court}/${num}/${sum % 10}`;
}

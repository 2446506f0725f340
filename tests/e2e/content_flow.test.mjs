// The content modules end to end (issue 4, "browser tests"), everything through the real UI:
//  1. the office (biuro@) publishes a news item targeted at the group "Lazurowa 12" and a water outage for the
//     building Lazurowa 12 through the admin forms;
//  2. jan.kowalski (Lazurowa 12) sees both on his home page (the outage as the "Awaria w Twoim budynku" notice,
//     and as the banner on other pages) and opens the item; ewa.zielinska (Lazurowa 14) sees neither, and the
//     item's and the outage's direct addresses give her the not-found view (the server answers 404);
//  3. jan downloads a PDF from Dokumenty (saved file starts with %PDF-, application/pdf, attachment);
//  4. jan types "hydr" in Znajdź wykonawcę and finds a Hydraulik, then "slusarz" and finds a Ślusarz.
// Every page is free of page errors, console errors and CSP violations; axe-core (serious/critical) runs on
// jan's home page at 360 and 1366 px. Screenshots: artifacts/content-flow-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, newPage, loginAdmin, loginPortal, trackConsole, checkA11y, shootBoth, DEMO, PHONE, DESKTOP,
  settle }
  from './lib/browser.mjs';

const STAMP = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const NEWS_TITLE = `Przegląd instalacji gazowej ${STAMP}`;
const NEWS_LEAD = 'Kominiarz odwiedzi mieszkania w budynku Lazurowa 12.';
const OUTAGE_TITLE = `Awaria wody zimnej ${STAMP}`;
const LAZUROWA_12_GROUP = 'Lazurowa 12 Mieszkańcy budynku Lazurowa 12';

let browser;
const created = { newsId: null, outageId: null };

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Paths whose 404 a step provokes on purpose: their "Failed to load resource" console line is expected.
const expected404 = new Set();
function watched(page) {
  trackConsole(page, (text, m) => {
    let where = '';
    try { where = new URL(m.location().url).pathname; } catch { return false; }
    // The apps ask /api/v1/me before anyone has logged in: 401 there is how they learn it.
    if (/status of 401/.test(text)) return where === '/api/v1/me';
    return /status of 404/.test(text) && expected404.has(where);
  });
  return page;
}

function assertClean(page, where) {
  assert.deepEqual(page.errors, [], `page errors / CSP violations on ${where}`);
  assert.deepEqual(page.consoleErrors, [], `console errors on ${where}`);
}

// Waits until <main> shows its heading and no spinner is left.
// Folds case and Polish diacritics the way the contractor search does ("Ślusarz" → "slusarz").
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').toLowerCase();
const hasWordPrefix = (text, prefix) => fold(text).split(/[^\p{L}\p{N}]+/u).some((w) => w.startsWith(prefix));

test('staff publish a news item for "Lazurowa 12" and a water outage in that building (admin UI)', async () => {
  const page = watched(await newPage(browser, DESKTOP));
  await loginAdmin(page, DEMO.office);

  // News: title, lead, Markdown body, the group "Lazurowa 12", no date = published on saving.
  await page.getByRole('link', { name: 'Aktualności' }).first().click();
  await page.waitForURL(/\/admin\/news$/);
  await settle(page);
  await page.goto('/admin/news/new');
  await settle(page);
  await page.getByLabel('Tytuł', { exact: true }).fill(NEWS_TITLE);
  await page.getByLabel(/^Zajawka/).fill(NEWS_LEAD);
  await page.getByLabel(/^Treść/).fill('Prosimy o **udostępnienie** kuchni i łazienek.\n\n- klatka A: rano\n- klatka B: po południu');
  assert.equal(await page.getByLabel(/^Publikacja od/).inputValue(), '', 'no publication date = now');
  // The demo's rule group "Lazurowa 12" (its label reads name + description; other files make groups whose
  // names also start with "Lazurowa 12", e.g. "Lazurowa 12 — e2e …").
  const group = page.getByRole('group', { name: 'Dla kogo' })
    .getByRole('checkbox', { name: LAZUROWA_12_GROUP, exact: true });
  await group.check();
  await page.getByRole('group', { name: 'Dla kogo' }).getByText('1 grupa').waitFor();
  await page.getByRole('button', { name: 'Zapisz' }).click();
  await page.waitForURL(/\/admin\/news\/\d+$/);
  created.newsId = Number(/\/admin\/news\/(\d+)$/.exec(page.url())[1]);
  await settle(page);
  await page.locator('.preview-box').getByText('Opublikowana').waitFor();
  await page.locator('.preview-box strong', { hasText: 'udostępnienie' }).waitFor();
  assert.ok(await page.getByRole('group', { name: 'Dla kogo' }).getByRole('checkbox', { name: LAZUROWA_12_GROUP, exact: true }).isChecked(),
    'the saved item keeps its group');
  await shootBoth(page, 'content-flow-admin-news');

  // Outage: kind water, ongoing, starting now, the building Lazurowa 12 ticked in the places tree.
  await page.goto('/admin/outages/new');
  await settle(page);
  await page.getByLabel('Rodzaj').selectOption({ label: 'Woda' });
  await page.getByLabel('Stan').selectOption({ label: 'Trwa' });
  await page.getByLabel('Tytuł', { exact: true }).fill(OUTAGE_TITLE);
  await page.getByLabel(/^Opis/).fill('Pęknięta rura w piwnicy. Beczkowóz stoi przed klatką A.');
  assert.notEqual(await page.getByLabel('Początek').inputValue(), '', 'the start defaults to now');
  const places = page.getByRole('group', { name: 'Objęte budynki' });
  await places.getByRole('checkbox', { name: 'Lazurowa 12', exact: true }).check();
  await page.getByRole('button', { name: 'Opublikuj komunikat' }).click();
  await page.waitForURL(/\/admin\/outages\/\d+$/);
  created.outageId = Number(/\/admin\/outages\/(\d+)$/.exec(page.url())[1]);
  await settle(page);
  await page.getByText('Komunikat opublikowany.').waitFor();
  assert.ok(await places.getByRole('checkbox', { name: 'Lazurowa 12', exact: true }).isChecked(), 'the saved outage keeps its place');
  await shootBoth(page, 'content-flow-admin-outage');

  // Both are in the staff lists.
  await page.goto('/admin/news');
  await settle(page);
  assert.match(await page.locator('tr', { hasText: NEWS_TITLE }).innerText(), /Opublikowana/);
  await page.goto('/admin/outages');
  await settle(page);
  await page.locator('tr', { hasText: OUTAGE_TITLE }).waitFor();
  assertClean(page, 'admin news and outage pages');
  await page.context().close();
});

test('a resident of Lazurowa 12 sees both on the home page; axe finds nothing serious', async () => {
  assert.ok(created.newsId && created.outageId, 'the staff step created both');
  const page = watched(await newPage(browser, DESKTOP));
  await loginPortal(page, DEMO.resident);
  await page.getByRole('heading', { level: 1, name: 'Dzień dobry, Jan!' }).waitFor();
  await settle(page);

  // The outage notice leads the page.
  const notice = page.getByRole('region', { name: /^Awari[ae] w Twoim budynku$/ });
  await notice.waitFor();
  const card = notice.locator('article', { has: page.getByRole('link', { name: OUTAGE_TITLE, exact: true }) });
  assert.ok(await card.isVisible(), 'the outage card is visible on the home page');
  assert.match(await card.innerText(), /Woda/i); // the kind is shown in capitals (CSS)
  assert.match(await card.innerText(), /Trwa/);

  // The news item, with its lead and the unread marker.
  const news = page.getByRole('region', { name: 'Aktualności' });
  const item = news.locator('article', { has: page.getByRole('link', { name: new RegExp(`^${NEWS_TITLE}`) }) });
  assert.ok(await item.isVisible(), 'the news item is visible on the home page');
  assert.match(await item.innerText(), new RegExp(NEWS_LEAD));
  assert.match(await item.innerText(), /\bNowe\b/, 'the unread marker');

  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    await checkA11y(page, `home page of jan.kowalski at ${vp.width}px`);
  }
  await shootBoth(page, 'content-flow-home-jan');

  // The item opens from the home page; the outage banner follows him to other pages.
  await item.getByRole('link').click();
  await page.getByRole('heading', { level: 1, name: NEWS_TITLE }).waitFor();
  await page.locator('main .prose strong', { hasText: 'udostępnienie' }).waitFor();
  const banner = page.getByRole('region', { name: 'Awarie w Twoim budynku' });
  await banner.getByRole('link', { name: new RegExp(OUTAGE_TITLE) }).waitFor();
  assert.ok(await banner.isVisible(), 'the outage banner is shown on the news page');
  assertClean(page, "jan's home and news pages");
  await page.context().close();
});

test('a resident of another building sees neither, and their addresses answer 404', async () => {
  assert.ok(created.newsId && created.outageId, 'the staff step created both');
  const page = watched(await newPage(browser, DESKTOP));
  await loginPortal(page, DEMO.neighbour);
  await page.getByRole('heading', { level: 1, name: 'Dzień dobry, Ewa!' }).waitFor();
  await settle(page);
  await page.getByRole('region', { name: 'Aktualności' }).locator('article').first().waitFor();
  assert.equal(await page.getByText(NEWS_TITLE).count(), 0, 'the news item is not on her home page');
  assert.equal(await page.getByText(OUTAGE_TITLE).count(), 0, 'the outage is not on her home page');
  await shootBoth(page, 'content-flow-home-ewa');

  // Nor in the full lists.
  await page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'Aktualności' }).click();
  await page.getByRole('heading', { level: 1, name: 'Aktualności' }).waitFor();
  await settle(page);
  assert.equal(await page.getByText(NEWS_TITLE).count(), 0, 'the news item is not in her news list');

  // Direct addresses: the server says 404 and the page shows its not-found view.
  const newsApi = `/api/v1/news/${created.newsId}`;
  expected404.add(newsApi);
  const newsAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === newsApi);
  await page.goto(`/#/aktualnosci/${created.newsId}`);
  assert.equal((await newsAnswer).status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Nie znaleziono wiadomości' }).waitFor();
  assert.equal(await page.getByText(NEWS_TITLE).count(), 0);
  await shootBoth(page, 'content-flow-news-404-ewa');

  const outageApi = `/api/v1/outages/${created.outageId}`;
  expected404.add(outageApi);
  const outageAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === outageApi);
  await page.goto(`/#/awarie/${created.outageId}`);
  assert.equal((await outageAnswer).status(), 404);
  await page.getByRole('heading', { level: 1, name: /^Nie znaleziono/ }).waitFor();
  assert.equal(await page.getByText(OUTAGE_TITLE).count(), 0);
  assertClean(page, "ewa's pages");
  await page.context().close();
});

test('a resident downloads a PDF from Dokumenty', async () => {
  const page = watched(await newPage(browser, DESKTOP));
  await loginPortal(page, DEMO.resident);
  await page.getByRole('navigation', { name: 'Menu główne' }).getByRole('link', { name: 'Dokumenty' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dokumenty' }).waitFor();
  await settle(page);
  const link = page.getByRole('main').getByRole('link', { name: /^Pobierz/ }).first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/api\/v1\/documents\/\d+\/file$/);

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(new URL(download.url()).pathname, href);
  // Chromium reports no request/response events for a download (neither on the page nor on the context),
  // so the headers are read by asking for the same address with the same session cookie.
  const res = await page.context().request.get(download.url());
  assert.equal(res.status(), 200);
  const headers = res.headers();
  assert.match(headers['content-type'], /^application\/pdf\b/);
  assert.match(headers['content-disposition'], /^attachment;\s*filename=/);
  assert.equal(await download.failure(), null);
  assert.match(download.suggestedFilename(), /\.pdf$/i);
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the saved file is a PDF');
  assert.ok(bytes.length > 200, 'the PDF is not empty');

  // The outage banner shows on this page too (the home page lists the outages itself).
  if (created.outageId) {
    const banner = page.getByRole('region', { name: 'Awarie w Twoim budynku' });
    await banner.getByRole('link', { name: new RegExp(OUTAGE_TITLE) }).waitFor();
  }
  assertClean(page, 'Dokumenty');
  await page.context().close();
});

test('a resident finds a plumber by typing "hydr" and a locksmith by typing "slusarz"', async () => {
  const page = watched(await newPage(browser, PHONE));
  await loginPortal(page, DEMO.resident);
  await page.getByRole('navigation', { name: 'Szybkie przejścia' }).getByRole('link', { name: 'Wykonawcy' }).click();
  await page.getByRole('heading', { level: 1, name: 'Znajdź wykonawcę' }).waitFor();
  await settle(page);
  const search = page.getByRole('searchbox', { name: 'Kogo szukasz?' });
  const status = page.getByRole('status').filter({ hasText: /wykonawc|Nie znaleziono/ });
  const cards = page.locator('main .contractor-card');

  // Types like a person; the list follows the last query the page asked for.
  async function typeAndWait(text) {
    await search.fill('');
    const answer = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/v1/contractors' && u.searchParams.get('q') === text;
    });
    await search.pressSequentially(text, { delay: 120 });
    assert.equal((await answer).status(), 200);
    await page.waitForFunction((q) => new URLSearchParams(location.hash.split('?')[1] || '').get('q') === q, text);
    await status.waitFor();
    await page.waitForTimeout(150);
    const n = await cards.count();
    assert.ok(n > 0, `results for "${text}"`);
    return n;
  }

  await typeAndWait('hydr');
  const plumber = cards.filter({ has: page.locator('.contractor-categories', { hasText: /\bHydraulik\b/ }) });
  assert.ok(await plumber.count() > 0, 'a contractor in the category Hydraulik');
  await plumber.first().scrollIntoViewIfNeeded();
  assert.ok(await plumber.first().isVisible());
  for (const text of await cards.allInnerTexts()) assert.ok(hasWordPrefix(text, 'hydr'), `every result matches "hydr": ${text}`);
  await shootBoth(page, 'content-flow-contractors-hydr');

  await typeAndWait('slusarz');
  const locksmith = cards.filter({ has: page.locator('.contractor-categories', { hasText: /Ślusarz/ }) });
  assert.ok(await locksmith.count() > 0, 'a contractor in the category Ślusarz');
  for (const text of await cards.allInnerTexts()) assert.ok(hasWordPrefix(text, 'slusarz'), `every result matches "slusarz": ${text}`);
  assert.equal(await cards.filter({ hasText: /Hydro-Mistrz/ }).count(), 0, 'the plumbers left the list');
  await shootBoth(page, 'content-flow-contractors-slusarz');
  assertClean(page, 'Znajdź wykonawcę');
  await page.context().close();
});

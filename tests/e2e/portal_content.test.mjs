// The residents' content pages (issue 4) as the demo resident jan.kowalski: home, news, outages,
// information, my submissions, documents, contractors. Each page renders its heading without errors,
// axe-core finds no serious or critical WCAG 2.1 AA violations at 360×740 and 1366×768, and screenshots
// of both sizes go to tests/e2e/artifacts/portal-content-*.png. Content-dependent steps (open the first
// news item, a contractor, an information page) run when the demo data has such content.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, checkA11y, shootBoth, DEMO, PHONE, DESKTOP, BASE_URL, settle as settleOn } from './lib/browser.mjs';

let browser;
let page;
before(async () => {
  browser = await launch();
  page = await newPage(browser, DESKTOP);
  const r = await page.context().request.post(`${BASE_URL}/api/v1/auth/login`, { data: DEMO.resident });
  assert.equal(r.status(), 200);
});
after(async () => {
  await page?.context().close();
  await browser?.close();
});

// Waits until <main> shows its heading and no spinner is left.
const settle = () => settleOn(page);

async function check(name) {
  await settle();
  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    await checkA11y(page, `${name} at ${vp.width}px`);
  }
  await shootBoth(page, `portal-content-${name}`);
  assert.deepEqual(page.errors, [], `errors on ${name}`);
  assert.equal(await page.locator('main .alert-error').count(), 0, `error alert on ${name}`);
}

async function visit(url, name, heading) {
  await page.goto(url);
  await settle();
  if (heading) await assert.doesNotReject(page.getByRole('heading', { level: 1, name: heading }).waitFor());
  await check(name);
}

// Opens the first link matching `selector` on the current page, if there is one; true when it did.
async function openFirst(selector) {
  const link = page.locator(selector).first();
  if (!(await link.count())) return false;
  await link.click();
  await settle();
  return true;
}

test('home page: greeting, news, section shortcuts, bottom bar on phones', async () => {
  await visit('/#/start', 'home', /Dzień dobry, Jan/);
  await page.getByRole('heading', { level: 2, name: 'Aktualności' }).waitFor();
  await page.setViewportSize(PHONE);
  const bar = page.getByRole('navigation', { name: 'Szybkie przejścia' });
  assert.equal(await bar.getByRole('link').count(), 5);
  assert.ok(await bar.isVisible());
  await page.setViewportSize(DESKTOP);
  assert.ok(!(await page.locator('#bottom-nav').isVisible()), 'bottom bar hidden on the desktop');
  // The slider, when adverts run: a pause button that toggles.
  const pause = page.locator('.ad-slider .ad-pause');
  if (await pause.count()) {
    const before = await pause.getAttribute('aria-pressed');
    await pause.click();
    assert.notEqual(await pause.getAttribute('aria-pressed'), before);
  }
});

test('news: list and one item (body, marked read)', async () => {
  await visit('/#/aktualnosci', 'news', 'Aktualności');
  if (await openFirst('main .news-title a')) {
    assert.match(page.url(), /#\/aktualnosci\/\d+/);
    await page.locator('main .prose').waitFor();
    await check('news-item');
  }
});

test('outages: list and, when there is one, its details', async () => {
  await visit('/#/awarie', 'outages', /Awarie/);
  if (await openFirst('main .outage-title a')) {
    await page.getByRole('heading', { level: 2, name: 'Komunikaty' }).waitFor();
    await check('outage');
    // The banner is on every other page while the outage lasts.
    await page.goto('/#/dokumenty');
    await settle();
    assert.ok(await page.locator('#outage-banner .outage-banner').isVisible(), 'outage banner on documents page');
  }
});

test('information: sections, a page, my submissions', async () => {
  await visit('/#/informacje', 'info', 'Informacje');
  if (await openFirst('main .link-list a')) await check('info-page');
  await visit('/#/moje-zgloszenia', 'my-submissions', 'Moje zgłoszenia');
});

test('documents: categories and search', async () => {
  await visit('/#/dokumenty', 'documents', 'Dokumenty');
  await page.getByLabel('Kategoria').waitFor();
  const search = page.getByLabel('Szukaj w tytułach');
  await search.fill('regulamin');
  await page.waitForTimeout(600);
  await settle();
  await check('documents-search');
  const link = page.locator('main a.doc-download').first();
  if (await link.count()) assert.match(await link.getAttribute('href'), /^\/api\/v1\/documents\/\d+\/file$/);
});

test('contractors: search as you type and one contractor', async () => {
  await visit('/#/wykonawcy', 'contractors', 'Znajdź wykonawcę');
  await page.getByLabel('Kogo szukasz?').fill('hydr');
  await page.waitForTimeout(600);
  await settle();
  await check('contractors-search');
  if (await openFirst('main .contractor-name a')) {
    await page.getByRole('heading', { level: 2, name: /Opinie/ }).waitFor();
    await check('contractor');
  }
});

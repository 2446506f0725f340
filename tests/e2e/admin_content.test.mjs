// Staff pages of the content modules (issue 4): each page is axe-clean at 360 and 1366 px with screenshots, and an
// administrator publishes a news item through the editor and finds it in the list with its state.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAdmin, checkA11y, shootBoth, DEMO, PHONE, DESKTOP, settle } from './lib/browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Pages of modules the daemon does not serve yet answer 404 on their API; they still render (with the error) and
// are checked the same way.
const PAGES = [
  ['/admin/news', 'admin-news'],
  ['/admin/news/new', 'admin-news-new'],
  ['/admin/news/comments', 'admin-news-comments'],
  ['/admin/outages', 'admin-outages'],
  ['/admin/outages/new', 'admin-outage-new'],
  ['/admin/contractors', 'admin-contractors'],
  ['/admin/contractors/new', 'admin-contractor-new'],
  ['/admin/documents', 'admin-documents'],
  ['/admin/documents/new', 'admin-document-new'],
  ['/admin/documents/categories', 'admin-document-categories'],
  ['/admin/info', 'admin-info'],
  ['/admin/info/pages/new', 'admin-info-page-new'],
  ['/admin/ads', 'admin-ads'],
  ['/admin/ads/new', 'admin-ad-new'],
];

test('content admin pages are accessible', async (t) => {
  const page = await newPage(browser, DESKTOP);
  await loginAdmin(page, DEMO.admin);
  for (const [url, name] of PAGES) {
    await t.test(name, async () => {
      page.errors.length = 0;
      await page.goto(url);
      await settle(page);
      for (const vp of [PHONE, DESKTOP]) {
        await page.setViewportSize(vp);
        await checkA11y(page, `${name} at ${vp.width}px`);
      }
      await shootBoth(page, name);
      assert.deepEqual(page.errors, [], `errors on ${name}`);
    });
  }
  await page.context().close();
});

test('staff publish a news item from the editor', async () => {
  const page = await newPage(browser, DESKTOP);
  await loginAdmin(page, DEMO.admin);
  await page.goto('/admin/news/new');
  await settle(page);
  const title = `Wymiana wodomierzy ${Date.now()}`;
  await page.getByLabel('Tytuł', { exact: true }).fill(title);
  await page.getByLabel(/^Zajawka/).fill('Odczyt i wymiana w dniach 10–12 marca.');
  await page.getByLabel(/^Treść/).fill('Prosimy o **udostępnienie** lokali.\n\n- klatka A: 10.03\n- klatka B: 11.03');
  await page.getByLabel('Przypnij na górze listy').check();
  await page.getByRole('button', { name: 'Zapisz' }).click();
  // After the first save the editor reopens the item and shows the server-rendered preview.
  await page.waitForURL(/\/admin\/news\/\d+$/);
  await settle(page);
  await page.locator('.preview-box strong', { hasText: 'udostępnienie' }).waitFor();
  await page.goto('/admin/news');
  await settle(page);
  const row = page.locator('tr', { hasText: title });
  await row.waitFor();
  assert.match(await row.innerText(), /Opublikowana/);
  assert.match(await row.innerText(), /Przypięta/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

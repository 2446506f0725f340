// Every page of the portal and the admin UI: axe-core finds no serious or critical WCAG 2.1 AA
// violations (at 360×740 and 1366×768), and screenshots at both sizes go to tests/e2e/artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAdmin, checkA11y, shootBoth, DEMO, PHONE, DESKTOP, BASE_URL, settle } from './lib/browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function visit(page, url, name) {
  await page.goto(url);
  await settle(page);
  for (const vp of [PHONE, DESKTOP]) {
    await page.setViewportSize(vp);
    await checkA11y(page, `${name} at ${vp.width}px`);
  }
  await shootBoth(page, name);
  assert.deepEqual(page.errors, [], `errors on ${name}`);
}

const PORTAL_PUBLIC = [
  ['/', 'portal-landing'],
  ['/#/rejestracja', 'portal-register'],
  ['/#/logowanie', 'portal-login'],
  ['/#/nie-pamietam-hasla', 'portal-forgot'],
  ['/#/regulamin', 'portal-terms'],
  ['/#/rodo', 'portal-rodo'],
];
const PORTAL_PRIVATE = [
  ['/#/konto', 'portal-account'],
  ['/#/konto/dodaj-mieszkanie', 'portal-add-flat'],
  ['/#/konto/bezpieczenstwo', 'portal-security'],
  ['/#/konto/dane', 'portal-privacy'],
];
const ADMIN = [
  ['/admin', 'admin-dashboard'],
  ['/admin/queue', 'admin-queue'],
  ['/admin/users', 'admin-users'],
  ['/admin/users/3', 'admin-user'],
  ['/admin/flats', 'admin-flats'],
  ['/admin/flats/buildings/1', 'admin-building'],
  ['/admin/flats/import', 'admin-import'],
  ['/admin/letters', 'admin-letters'],
  ['/admin/roles', 'admin-roles'],
  ['/admin/roles/2', 'admin-role'],
  ['/admin/roles/new', 'admin-role-new'],
  ['/admin/departments', 'admin-departments'],
  ['/admin/groups', 'admin-groups'],
  ['/admin/groups/new', 'admin-group-new'],
  ['/admin/audit', 'admin-audit'],
  ['/admin/account', 'admin-account'],
];

test('portal pages (logged out)', async (t) => {
  const page = await newPage(browser, DESKTOP);
  for (const [url, name] of PORTAL_PUBLIC) await t.test(name, () => visit(page, url, name));
  await page.context().close();
});

test('portal pages (resident)', async (t) => {
  const page = await newPage(browser, DESKTOP);
  const r = await page.context().request.post(`${BASE_URL}/api/v1/auth/login`, { data: DEMO.resident });
  assert.equal(r.status(), 200);
  for (const [url, name] of PORTAL_PRIVATE) await t.test(name, () => visit(page, url, name));
  await page.context().close();
});

test('admin pages', async (t) => {
  const page = await newPage(browser, DESKTOP);
  await t.test('admin-login', () => visit(page, '/admin/login', 'admin-login'));
  await loginAdmin(page, DEMO.admin);
  for (const [url, name] of ADMIN) await t.test(name, () => visit(page, url, name));
  // A dialog open: the reject dialog of the verification queue.
  await t.test('admin-reject-dialog', async () => {
    await page.goto('/admin/queue');
    await settle(page);
    const empty = await page.getByText('Wszystko sprawdzone').count();
    if (empty) return;
    await page.keyboard.press('r');
    await page.getByRole('dialog').waitFor();
    await checkA11y(page, 'reject dialog');
    await shootBoth(page, 'admin-reject-dialog');
    await page.keyboard.press('Escape');
  });
  await page.context().close();
});

// Staff builds a rule group and sees the live member count; staff blocks a user whose open
// session (another browser context) stops working at once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAdmin, DEMO, BASE_URL } from './lib/browser.mjs';
import { adminApi, approvedResident } from './lib/setup.mjs';

let browser;
let admin;
before(async () => {
  browser = await launch();
  admin = await adminApi();
});
after(async () => {
  await browser?.close();
});

test('staff builds a rule group and sees the member count while editing', async () => {
  const page = await newPage(browser);
  await loginAdmin(page, DEMO.admin);
  await page.getByRole('link', { name: 'Grupy' }).first().click();
  await page.getByRole('link', { name: /nowa grupa/i }).click();
  const name = `Lazurowa 12 — e2e ${Date.now()}`;
  await page.getByLabel('Nazwa grupy').fill(name);
  await page.getByLabel(/według reguły/i).check();
  await page.getByRole('button', { name: /dodaj warunek/i }).first().click();
  await page.getByLabel('Warunek 1', { exact: true }).selectOption('building');
  const building = (await admin.get('/api/v1/admin/buildings')).json.find((b) => b.address === 'Lazurowa 12');
  await page.getByLabel('Budynek', { exact: true }).first().selectOption(String(building.id));

  const expected = (await admin.post('/api/v1/admin/groups/preview', { rule: { op: 'and', rules: [{ field: 'building', value: building.id }] } })).json.count;
  const count = page.locator('#rule-count');
  await assert.doesNotReject(count.filter({ hasText: new RegExp(`\\b${expected}\\b`) }).waitFor());
  assert.match(await count.innerText(), /pasuj|osob|osób|osoba/i);

  // A second condition with OR widens the group; the count follows.
  await page.getByRole('button', { name: /dodaj warunek/i }).first().click();
  await page.getByLabel('Warunek 2', { exact: true }).selectOption('pending_verification');
  await page.getByLabel('Łączenie warunków', { exact: true }).selectOption('or');
  const wider = (await admin.post('/api/v1/admin/groups/preview', { rule: { op: 'or', rules: [{ field: 'building', value: building.id }, { field: 'pending_verification', value: true }] } })).json.count;
  await count.filter({ hasText: new RegExp(`\\b${wider}\\b`) }).waitFor();

  await page.getByRole('button', { name: /zapisz/i }).click();
  await page.getByRole('cell', { name }).or(page.getByRole('link', { name })).first().waitFor();
  const groups = (await admin.get('/api/v1/admin/groups')).json.groups;
  const saved = groups.find((g) => g.name === name);
  assert.ok(saved, 'the group was saved');
  assert.equal(saved.kind, 'rule');
  assert.equal(saved.rule.op, 'or');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('staff blocks a user and the user\'s open session stops working', async () => {
  const resident = await approvedResident(admin, { prefix: 'blokada' });

  // The resident's own browser, logged in.
  const victim = await newPage(browser);
  const login = await victim.context().request.post(`${BASE_URL}/api/v1/auth/login`, {
    data: { email: resident.email, password: resident.password },
  });
  assert.equal(login.status(), 200);
  await victim.goto('/');
  const meStatus = () => victim.evaluate(() => fetch('/api/v1/me', { cache: 'no-store' }).then((r) => r.status));
  assert.equal(await meStatus(), 200);

  // Staff blocks them in the admin UI.
  const page = await newPage(browser);
  await loginAdmin(page, DEMO.admin);
  await page.getByRole('link', { name: 'Konta' }).first().click();
  await page.getByLabel(/szukaj/i).fill(resident.email);
  await page.getByRole('link', { name: resident.email }).click();
  await page.getByRole('heading', { name: /Testowa Osoba/ }).waitFor();
  await page.getByRole('button', { name: /^zablokuj/i }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^zablokuj/i }).click();
  await page.getByText('Zablokowane', { exact: true }).first().waitFor();

  assert.equal(await meStatus(), 401, 'the blocked user\'s session no longer works');
  const user = (await admin.get(`/api/v1/admin/users/${resident.id}`)).json.user;
  assert.equal(user.status, 'blocked');

  // Unblocking from the same page brings the account back (it does not revive the session).
  await page.getByRole('button', { name: /odblokuj/i }).click();
  await page.getByText('Aktywne', { exact: true }).first().waitFor();
  assert.equal(await meStatus(), 401);
  assert.deepEqual(page.errors, []);
  await victim.context().close();
  await page.context().close();
});

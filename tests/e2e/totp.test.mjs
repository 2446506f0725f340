// TOTP: a staff member enrols in the admin UI (the secret read from the page, the code computed
// here with RFC 6238), then logs in with password + a fresh code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAdmin, checkA11y, shootBoth } from './lib/browser.mjs';
import { adminApi, approvedResident } from './lib/setup.mjs';
import { totp } from './lib/totp.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Waits until the 30-second step after `step` begins, so a new code is not a replay.
async function nextStep(step) {
  while (Math.floor(Date.now() / 30000) <= step) await new Promise((r) => setTimeout(r, 250));
}

test('staff enrols TOTP and logs in with a computed code', async () => {
  const admin = await adminApi();
  const staff = await approvedResident(admin, { prefix: 'pracownik', skip: 1 });
  const put = await admin.put(`/api/v1/admin/users/${staff.id}/roles`, { roles: [2] });
  assert.equal(put.status, 200, JSON.stringify(put.json));

  const page = await newPage(browser);
  await loginAdmin(page, staff);
  await page.getByRole('link', { name: 'Moje konto' }).first().click();
  await page.getByRole('button', { name: /włącz logowanie dwuetapowe/i }).click();
  const secret = (await page.locator('#totp-secret').innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  const uri = await page.locator('#totp-uri').textContent();
  assert.match(uri, /^otpauth:\/\/totp\//);
  await checkA11y(page, 'TOTP enrolment');
  await shootBoth(page, 'admin-totp-enrol');

  const enrolStep = Math.floor(Date.now() / 30000);
  await page.getByLabel(/kod z aplikacji/i).fill(totp(secret));
  await page.getByRole('button', { name: /^włącz$/i }).click();
  await page.getByText(/logowanie dwuetapowe jest włączone/i).first().waitFor();
  const detail = (await admin.get(`/api/v1/admin/users/${staff.id}`)).json.user;
  assert.equal(detail.totp_enabled, true);

  await page.getByRole('button', { name: /wyloguj/i }).click();
  await page.getByLabel(/^e-mail/i).waitFor();

  // A wrong code first: the Polish error shows; then the right one.
  await nextStep(enrolStep);
  await page.getByLabel(/^e-mail/i).fill(staff.email);
  await page.getByLabel(/^hasło/i).fill(staff.password);
  await page.getByRole('button', { name: /zaloguj/i }).click();
  const code = page.getByLabel(/kod z aplikacji/i);
  await code.waitFor();
  const good = totp(secret);
  await code.fill(good === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: /zaloguj|potwierdź/i }).click();
  await page.getByText(/kod z aplikacji uwierzytelniającej jest nieprawidłowy/i).first().waitFor();
  await code.fill(totp(secret));
  await page.getByRole('button', { name: /zaloguj|potwierdź/i }).click();
  await page.getByRole('button', { name: /wyloguj/i }).waitFor();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

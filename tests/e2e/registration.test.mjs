// The main path: a resident registers on a phone (a wrong KW check digit first → the Polish error
// beside the field), staff approves in the admin queue, the approval mail reaches the SMTP sink,
// and the resident logs in. Saves two screenshots to tests/e2e/artifacts/, and with
// OSIEDLE_UPDATE_DOCS=1 (set by `tests/e2e/run.sh --update-docs`) also the README copies under docs/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, newPage, loginAdmin, DEMO, PHONE, DESKTOP, REPO } from './lib/browser.mjs';
import { adminApi, freeFlat, uniqueEmail } from './lib/setup.mjs';
import { waitForMail } from './lib/mail.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const DOCS = process.env.OSIEDLE_UPDATE_DOCS === '1'
  ? path.join(REPO, 'docs', 'screenshots')
  : path.join(REPO, 'tests', 'e2e', 'artifacts');

test('resident registers, staff approves, mail arrives, resident logs in', async () => {
  const admin = await adminApi();
  const { building, flat, kw } = await freeFlat(admin);
  const wrongKw = kw.slice(0, -1) + String((Number(kw.slice(-1)) + 1) % 10);
  const email = uniqueEmail('anna.nowa');
  const password = 'Zielony-rower-nad-Wisla-7';

  // 1. Registration on a phone.
  const phone = await newPage(browser, PHONE);
  await phone.goto('/#/rejestracja');
  await phone.getByLabel('Budynek').selectOption(String(building.id));
  await phone.getByLabel('Numer mieszkania').fill(flat.number);
  const kwInput = phone.getByLabel('Numer księgi wieczystej');
  await kwInput.fill(wrongKw);
  await kwInput.press('Tab');
  const kwField = phone.locator('.field', { has: kwInput });
  const kwError = kwField.locator('.error');
  await kwError.filter({ hasText: 'Numer księgi wieczystej zawiera błąd' }).waitFor();
  assert.equal(await kwInput.getAttribute('aria-invalid'), 'true');
  // README picture: the flat section with the live KW check, nothing focused.
  await phone.evaluate(() => document.activeElement && document.activeElement.blur());
  await phone.getByLabel('Budynek').evaluate((el) => {
    el.closest('.field').scrollIntoView();
    window.scrollBy(0, -76);
  });
  await phone.screenshot({ path: path.join(DOCS, 'portal-registration.png') });

  await kwInput.fill(kw);
  await kwInput.press('Tab');
  await kwError.filter({ hasText: /.+/ }).waitFor({ state: 'detached' }).catch(() => {});
  assert.equal(await kwError.innerText(), '');
  await phone.getByLabel('Imię', { exact: true }).fill('Anna');
  await phone.getByLabel('Nazwisko', { exact: true }).fill('Nowa');
  await phone.getByLabel('Adres e-mail').fill(email);
  await phone.getByLabel('Hasło', { exact: true }).fill(password);
  await phone.getByLabel(/regulamin/i).check();
  await phone.getByLabel(/RODO/).check();
  await phone.getByRole('button', { name: 'Wyślij zgłoszenie' }).click();
  await phone.getByRole('heading', { name: /Dziękujemy/ }).waitFor();
  await waitForMail(email, { predicate: (m) => /Otrzymaliśmy/.test(m.subject) });

  // 2. Staff approves in the verification queue.
  const desk = await newPage(browser, DESKTOP);
  await loginAdmin(desk, DEMO.office);
  await desk.getByRole('link', { name: 'Weryfikacja' }).first().click();
  await desk.getByRole('button', { name: /Anna Nowa/ }).click();
  const item = desk.locator('.queue-item article');
  await item.getByRole('heading', { name: 'Anna Nowa' }).waitFor();
  await item.getByText('Numer KW zgodny z rejestrem').waitFor();
  await item.getByText(kw).first().waitFor();
  await desk.screenshot({ path: path.join(DOCS, 'admin-queue.png') });
  await desk.keyboard.press('a');
  await desk.getByText('Zatwierdzono: Anna Nowa.').waitFor();
  assert.equal(await desk.getByRole('button', { name: /Anna Nowa/ }).count(), 0, 'the item left the queue');

  // 3. The approval mail.
  const mail = await waitForMail(email, { predicate: (m) => /gotowe/.test(m.subject) });
  assert.match(mail.subject, /Twoje konto jest gotowe/);
  assert.match(mail.text, /Dzień dobry, Anna!/);

  // 4. The resident logs in.
  await phone.goto('/#/logowanie');
  await phone.getByLabel('Adres e-mail').fill(email);
  await phone.getByLabel('Hasło', { exact: true }).fill(password);
  await phone.getByRole('button', { name: 'Zaloguj się', exact: true }).click();
  await phone.getByRole('heading', { name: /Dzień dobry, Anna/ }).waitFor();
  assert.deepEqual(phone.errors, []);
  assert.deepEqual(desk.errors, []);
  await phone.context().close();
  await desk.context().close();
});

// Registration letters end to end (issue 5):
//  1. staff (biuro@) open "Listy rejestracyjne", choose one building and download the PDF (%PDF-) and then
//     the CSV for a mail merge (the later download revokes the PDF's codes; the CSV's are the live ones);
//  2. a resident opens the QR address from the CSV on a phone: building, flat and code are filled in and
//     the page says so; a wrong code first gets the Polish letter_code_invalid message beside the field;
//     with the right code the account is active at once ("Konto aktywne") and the resident logs in;
//  3. staff see the flat's codes in the flats register (użyty, unieważniony) and revoke a neighbour's code;
//  4. on the plain form, "Mam kod z listu" swaps the KW field for the code field, which formats as you type.
// axe-core (serious/critical) on every new page; no page errors or CSP violations; screenshots in artifacts/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { launch, newPage, loginAdmin, loginPortal, checkA11y, shootBoth, trackConsole, settle, DEMO, PHONE, DESKTOP,
  BASE_URL, ARTIFACTS } from './lib/browser.mjs';
import { adminApi, freeFlat, uniqueEmail } from './lib/setup.mjs';

const CODE_RE = /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// Console errors except the failed requests that are expected: the wrong code's 422, and the 401 of
// /api/v1/me with which the portal finds out that nobody is logged in.
function watched(page) {
  trackConsole(page, (text, m) => /status of 422/.test(text) ||
    (/status of 401/.test(text) && /\/api\/v1\/me$/.test(m.location().url || '')));
  return page;
}

function assertClean(page, label) {
  assert.deepEqual(page.errors, [], `page errors / CSP violations on ${label}`);
  assert.deepEqual(page.consoleErrors, [], `console errors on ${label}`);
}

// Every registration address in the CSV: [{url, building, flat, code}].
function lettersFromCsv(text) {
  const urls = text.match(/(?:https?:\/\/[^\s";/]+)?\/#\/rejestracja\?[^\s";]+/g) || [];
  return urls.map((u) => {
    const url = new URL(u, BASE_URL);
    const q = new URLSearchParams(url.hash.split('?')[1]);
    return { url, building: Number(q.get('budynek')), flat: q.get('lokal'), code: q.get('kod') };
  });
}

// Clicks a download button of the letters page, confirms the warning, returns the Playwright download.
async function downloadLetters(page, name) {
  await page.getByRole('button', { name }).click();
  const dlg = page.getByRole('dialog', { name: 'Przygotować nowe listy?' });
  await dlg.getByText('Kody z wcześniejszych listów tych lokali przestaną działać').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dlg.getByRole('button', { name: 'Tak, przygotuj listy' }).click(),
  ]);
  assert.equal(await download.failure(), null);
  await page.getByRole('main').getByText(`Pobrano plik ${download.suggestedFilename()}`).waitFor();
  return download;
}

// Opens "Kody z listów" of flat `number` on its building's page; returns the dialog locator.
async function openCodes(page, buildingId, number) {
  await page.goto(`/admin/flats/buildings/${buildingId}`);
  await settle(page);
  await page.getByRole('button', { name: `Kody z listów — lokal ${number}`, exact: true }).click();
  const dlg = page.getByRole('dialog', { name: `Kody z listów — lokal ${number}` });
  await dlg.locator('table tbody tr').first().waitFor();
  return dlg;
}

const state = {};

test('staff download the letters of one building as PDF and CSV', async () => {
  const admin = await adminApi();
  const { building, flat } = await freeFlat(admin);
  state.building = building;
  state.flat = flat;

  const desk = watched(await newPage(browser, DESKTOP));
  await loginAdmin(desk, DEMO.office);
  await desk.getByRole('navigation', { name: 'Menu panelu' }).getByRole('link', { name: 'Listy rejestracyjne' }).click();
  await desk.getByRole('heading', { level: 1, name: 'Listy rejestracyjne' }).waitFor();
  await settle(desk);
  await desk.getByText('Nowe listy unieważniają wcześniejsze kody').waitFor();
  await checkA11y(desk, 'Listy rejestracyjne');
  await desk.getByLabel('Dla których lokali').selectOption(String(building.id));
  await shootBoth(desk, 'admin-letters');

  const pdf = await downloadLetters(desk, 'Pobierz PDF do druku');
  assert.match(pdf.suggestedFilename(), /^listy-rejestracyjne-.+\.pdf$/);
  const pdfBytes = await readFile(await pdf.path());
  assert.equal(pdfBytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the saved file is a PDF');

  const csv = await downloadLetters(desk, 'Pobierz CSV (korespondencja seryjna)');
  assert.match(csv.suggestedFilename(), /^listy-rejestracyjne-.+\.csv$/);
  const letters = lettersFromCsv((await readFile(await csv.path())).toString('utf8'));
  assert.ok(letters.length > 0, 'the CSV has registration addresses');
  assert.ok(letters.every((l) => l.building === building.id), 'every letter is for the chosen building');
  const mine = letters.find((l) => l.flat === flat.number);
  assert.ok(mine, `a letter for flat ${flat.number}`);
  assert.match(mine.code, CODE_RE);
  state.letter = mine;
  state.neighbour = letters.find((l) => l.flat !== flat.number);
  assertClean(desk, 'Listy rejestracyjne');
  await desk.context().close();
});

test('a resident registers from the QR address and is active at once', async () => {
  assert.ok(state.letter, 'the previous test found a letter');
  const { building, flat, letter } = state;
  const email = uniqueEmail('jadwiga.list');
  const password = 'Kasztany-na-Lazurowej-9';

  const phone = watched(await newPage(browser, PHONE));
  // The QR code holds <public_url>/#/rejestracja?…; open the same address on the test's daemon.
  assert.match(letter.url.hash, /^#\/rejestracja\?budynek=\d+&lokal=[^&]+&kod=/);
  await phone.goto(BASE_URL + letter.url.pathname + letter.url.search + letter.url.hash);
  await phone.getByRole('heading', { level: 1, name: 'Rejestracja' }).waitFor();
  await phone.getByText('Dane z listu rejestracyjnego zostały wpisane').waitFor();
  assert.equal(await phone.getByLabel('Budynek').inputValue(), String(building.id));
  assert.equal(await phone.getByLabel('Numer mieszkania').inputValue(), flat.number);
  const code = phone.getByLabel('Kod z listu rejestracyjnego');
  assert.equal(await code.inputValue(), letter.code);
  assert.equal(await phone.getByLabel('Numer księgi wieczystej').count(), 0, 'no KW field with a letter code');
  await settle(phone);
  await checkA11y(phone, 'registration from a letter (360 px)');
  await shootBoth(phone, 'portal-register-letter');

  await phone.getByLabel('Imię', { exact: true }).fill('Jadwiga');
  await phone.getByLabel('Nazwisko', { exact: true }).fill('Listowna');
  await phone.getByLabel('Adres e-mail').fill(email);
  await phone.getByLabel('Hasło', { exact: true }).fill(password);
  await phone.getByLabel(/regulamin/i).check();
  await phone.getByLabel(/RODO/).check();

  // A code that is not this flat's: the server's answer beside the field.
  const wrong = letter.code.startsWith('A') ? `B${letter.code.slice(1)}` : `A${letter.code.slice(1)}`;
  await code.fill(wrong);
  await phone.getByRole('button', { name: 'Załóż konto' }).click();
  const codeField = phone.locator('.field', { has: code });
  await codeField.locator('.error').filter({
    hasText: 'Kod jest nieprawidłowy, został już użyty albo unieważniony. Skontaktuj się z biurem.' }).waitFor();
  assert.equal(await code.getAttribute('aria-invalid'), 'true');

  // Typed as on paper, in lower case without dashes: the field formats it.
  await code.fill('');
  await code.pressSequentially(letter.code.replace(/-/g, '').toLowerCase());
  assert.equal(await code.inputValue(), letter.code);
  await phone.getByRole('button', { name: 'Załóż konto' }).click();
  await phone.getByRole('heading', { level: 1, name: 'Konto aktywne — możesz się zalogować' }).waitFor();
  await phone.getByText(email).waitFor();
  await checkA11y(phone, 'Konto aktywne (360 px)');
  await shootBoth(phone, 'portal-register-active');

  // No waiting for the office: the resident logs in straight away.
  await phone.getByRole('main').getByRole('link', { name: 'Zaloguj się' }).click();
  await phone.getByLabel('Adres e-mail').fill(email);
  await phone.getByLabel('Hasło', { exact: true }).fill(password);
  await phone.getByRole('button', { name: 'Zaloguj się', exact: true }).click();
  await phone.getByRole('heading', { level: 1, name: /^Dzień dobry, Jadwiga/ }).waitFor();
  assertClean(phone, 'registration with a letter code');
  await phone.context().close();
  state.registered = true;
});

test('staff see the flat\'s codes and revoke a neighbour\'s code', async () => {
  assert.ok(state.registered, 'the previous test registered with the code');
  const { building, flat, neighbour } = state;
  const desk = watched(await newPage(browser, DESKTOP));
  await loginAdmin(desk, DEMO.office);

  const dlg = await openCodes(desk, building.id, flat.number);
  const rows = dlg.locator('tbody tr');
  await dlg.locator('tbody tr[data-status="used"]').getByText('użyty').waitFor();
  assert.ok(await dlg.locator('tbody tr[data-status="revoked"]').count() >= 1, 'the PDF\'s code was revoked by the CSV');
  assert.equal(await dlg.locator('tbody tr[data-status="active"]').count(), 0);
  assert.ok(await rows.count() >= 2);
  await dlg.locator('tbody tr[data-status="used"]').getByRole('link', { name: /Jadwiga Listowna/ }).waitFor();
  await checkA11y(desk, 'Kody z listów');
  await desk.screenshot({ path: path.join(ARTIFACTS, 'admin-letter-codes-1366.png') });
  await dlg.getByRole('button', { name: 'Zamknij' }).first().click();

  if (neighbour) {
    const other = await openCodes(desk, building.id, neighbour.flat);
    const active = other.locator('tbody tr[data-status="active"]');
    assert.equal(await active.count(), 1, 'one live code (from the CSV)');
    await active.getByRole('button', { name: /^Unieważnij/ }).click();
    const confirm = desk.getByRole('dialog', { name: 'Unieważnić kod?' });
    await confirm.getByRole('button', { name: 'Unieważnij' }).click();
    await desk.getByText('Kod unieważniony.').waitFor();
    await other.locator('tbody tr').first().waitFor();
    assert.equal(await other.locator('tbody tr[data-status="active"]').count(), 0, 'no live code left');
    await other.getByRole('button', { name: 'Zamknij' }).first().click();

    // The revoked code no longer registers anyone.
    const r = await fetch(`${BASE_URL}/api/v1/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ first_name: 'Ktoś', last_name: 'Obcy', email: uniqueEmail('obcy'), password: 'Bardzo-dlugie-haslo-1',
        building: building.id, flat: neighbour.flat, letter_code: neighbour.code,
        consents: { terms: true, rodo: true, version: '2025-01' } }),
    });
    assert.equal(r.status, 422);
    assert.equal((await r.json()).error.code, 'letter_code_invalid');
  }
  assertClean(desk, 'Kody z listów');
  await desk.context().close();
});

test('"Mam kod z listu" on the plain form swaps the KW field for the code field', async () => {
  const page = watched(await newPage(browser, PHONE));
  await page.goto('/#/rejestracja');
  await settle(page);
  const site = await (await fetch(`${BASE_URL}/api/v1/public/site`)).json();
  const proof = site.registration && site.registration.proof;
  const baseLabel = { kw: 'Numer księgi wieczystej', 'member-number': 'Numer członkowski' }[proof];
  if (baseLabel) {
    await page.getByLabel(baseLabel).waitFor();
    assert.equal(await page.getByLabel('Kod z listu rejestracyjnego').count(), 0);
    await page.getByRole('button', { name: 'Mam kod z listu' }).click();
  }
  const code = page.getByLabel('Kod z listu rejestracyjnego');
  await code.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.name), 'letter_code');
  await code.pressSequentially('abcd efgh jk');
  assert.equal(await code.inputValue(), 'ABCD-EFGH-JK');
  await code.press('Tab');
  await page.getByText('Kod ma 12 znaków').waitFor();
  await code.fill('');
  await code.pressSequentially('abc0');
  await page.getByText('W kodach nie ma cyfr 0 i 1 ani liter I i O').waitFor();
  await checkA11y(page, 'registration with the code field');
  if (baseLabel) {
    await page.getByRole('button', { name: /^Nie mam kodu/ }).click();
    await page.getByLabel(baseLabel).waitFor();
  }
  assertClean(page, 'registration form');
  await page.context().close();
});

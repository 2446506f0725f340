// The first-boot wizard (osiedle-setup, issue 5) in a browser, as an installer on a laptop (1366×768):
// the setup code from the wizard's stdout → "Nowa instalacja" → every step (cooperative with a wrong NIP
// check digit first: the Polish error beside the field; administrator with TOTP computed from the secret
// on the page; LAN name with a self-signed certificate; a test mail to the SMTP sink; a flats CSV with one
// bad line; registration by letter code with letters) → summary → apply → the final page (address + QR,
// emergency kit, letters PDF/CSV) → "Zakończ" (the portal's link and the fingerprint again) → the process
// exits 0. A phone (360×740) gets the code form and a step without horizontal scrolling. axe-core
// (serious/critical) on every page.
// Starts its own osiedle-setup ($OSIEDLE_SETUP) on 127.0.0.1:0 with temporary directories.
// Screenshots: tests/e2e/artifacts/setup-*.png; with OSIEDLE_UPDATE_DOCS=1 (run.sh --update-docs) the
// docs/INSTALL.md pictures also go to docs/screenshots/setup-<nn>-<name>.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import os from 'node:os';
import path from 'node:path';
import { launch, newPage, checkA11y, kwNumber, PHONE, DESKTOP, REPO, ARTIFACTS } from './lib/browser.mjs';
import { freshTotp } from './lib/totp.mjs';
import { waitForMail } from './lib/mail.mjs';

const SETUP = process.env.OSIEDLE_SETUP || path.join(REPO, 'build/default/setup-wizard/osiedle-setup');
const UPDATE_DOCS = process.env.OSIEDLE_UPDATE_DOCS === '1';
const DOCS = path.join(REPO, 'docs', 'screenshots');
const LAN_NAME = 'osiedle.lan';
const GOOD_NIP = '525-224-84-81';
const BAD_NIP = '525-224-84-82'; // the check digit is 1
const PASSWORD = 'Zielona-Lazurowa-2024!';
const ADMIN_EMAIL = 'zarzad@lazurowa.example.pl';

let browser;
let wizard;
before(async () => {
  try {
    accessSync(SETUP, constants.X_OK);
  } catch {
    throw new Error(`osiedle-setup not found at ${SETUP} (build the osiedle-setup target or set OSIEDLE_SETUP)`);
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
  wizard?.stop();
});

// Starts osiedle-setup in a temporary directory; resolves once it has printed its address and setup code.
function startWizard() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'osiedle-setup-e2e-'));
  const args = ['--listen', '127.0.0.1:0', '--state-dir', `${dir}/state`, '--config-out', `${dir}/etc/osiedle.conf`,
    '--data-dir', `${dir}/data`, '--tls-dir', `${dir}/etc/tls`, '--backup-key-file', `${dir}/etc/backup.key`,
    '--acme-webroot', `${dir}/data/acme`, '--issue-file', `${dir}/issue/osiedle-setup.issue`,
    '--certbot', '/bin/false'];
  const proc = spawn(SETUP, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const w = { dir, proc, stdout: [], stderr: [] };
  w.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  createInterface({ input: proc.stderr }).on('line', (l) => w.stderr.push(l));
  w.stop = () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`osiedle-setup did not start: ${w.stdout} ${w.stderr}`)), 15000);
    proc.once('error', reject);
    w.exited.then(({ code }) => reject(new Error(`osiedle-setup exited ${code}: ${w.stderr.join('\n')}`)));
    createInterface({ input: proc.stdout }).on('line', (line) => {
      w.stdout.push(line);
      const url = /listening on (http:\/\/\S+)/.exec(line);
      const code = /setup code ([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})/.exec(line);
      if (url) w.base = url[1];
      if (code) w.code = code[1];
      if (w.base && w.code) {
        clearTimeout(timer);
        resolve(w);
      }
    });
  });
}

async function wizardPage(viewport) {
  const page = await newPage(browser, viewport, wizard.base);
  page.context().setDefaultTimeout(15000);
  return page;
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor();

// Clicks `button` (a form submit) and returns the status of the POST it sends (303s are followed by the browser).
async function submit(page, button, urlPart) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(urlPart)),
    button.click(),
  ]);
  await page.waitForLoadState('load');
  return resp.status();
}

// A viewport-sized picture of the page's column (the wizard is one 40rem column on a grey background):
// always to artifacts/setup-<nn>-<name>.png, with OSIEDLE_UPDATE_DOCS=1 also to docs/screenshots/.
async function docShot(page, nn, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const box = await page.locator('main').boundingBox();
  const innerHeight = await page.evaluate(() => window.innerHeight);
  const margin = 24;
  const x = Math.max(0, Math.floor(box.x - margin));
  const width = Math.min(DESKTOP.width - x, Math.ceil(box.width + 2 * margin));
  const clip = { x, y: 0, width, height: innerHeight }; // without fullPage, clip is in viewport coordinates
  const file = `setup-${nn}-${name}.png`;
  await page.screenshot({ path: path.join(ARTIFACTS, file), clip });
  if (UPDATE_DOCS) {
    mkdirSync(DOCS, { recursive: true });
    copyFileSync(path.join(ARTIFACTS, file), path.join(DOCS, file));
  }
}

// A phone must not scroll sideways, every element must fit the width, and text in fields and buttons
// must be at least 16 px (smaller makes phones zoom in on focus).
async function assertFitsPhone(page, label) {
  const r = await page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : '') + (el.className ? `.${el.className}` : '');
    const overflow = [...document.querySelectorAll('main *')]
      .filter((el) => { const b = el.getBoundingClientRect(); return b.width > 0 && (b.right > w + 0.5 || b.left < -0.5); })
      .map(name);
    const small = [...document.querySelectorAll('input:not([type=hidden]):not([type=radio]):not([type=checkbox]), button')]
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16).map(name);
    return { w, scrollWidth: document.documentElement.scrollWidth, overflow, small };
  });
  assert.ok(r.scrollWidth <= r.w, `${label}: page scrolls sideways (${r.scrollWidth} > ${r.w}): ${r.overflow}`);
  assert.deepEqual(r.overflow, [], `${label}: wider than the phone`);
  assert.deepEqual(r.small, [], `${label}: text under 16 px`);
}

// 12 flats in two buildings (valid KW numbers) and one line with a wrong KW check digit.
function flatsCsv() {
  const lines = ['osiedle;budynek;klatka;lokal;powierzchnia;kw;nr_czlonkowski'];
  let n = 30000;
  for (const building of ['Lazurowa 12', 'Lazurowa 14']) {
    for (let f = 1; f <= 6; f++) {
      n += 1;
      const num = String(n).padStart(8, '0');
      const staircase = f <= 3 ? 'A' : 'B';
      lines.push(['Osiedle Lazurowe', building, staircase, String(f), `${40 + f},5`, kwNumber('WA4M', num), `M${n}`].join(';'));
    }
  }
  const good = kwNumber('WA4M', '00039999');
  const bad = good.slice(0, -1) + String((Number(good.slice(-1)) + 1) % 10);
  lines.push(['Osiedle Lazurowe', 'Lazurowa 14', 'B', '7', '52,0', bad, 'M39999'].join(';'));
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

test('installer sets up a fresh box in the wizard on a laptop; a phone can use it too', async () => {
  wizard = await startWizard();
  assert.match(readFileSync(`${wizard.dir}/issue/osiedle-setup.issue`, 'utf8'), new RegExp(wizard.code));
  const page = await wizardPage(DESKTOP);

  // The code form; nothing else without the code.
  const denied = await page.goto('/step/1');
  assert.equal(denied.status(), 403);
  await page.getByText('Najpierw wpisz kod konfiguracji').waitFor();
  await page.goto('/');
  await heading(page, 'Kod konfiguracji');
  await checkA11y(page, 'code form');
  await docShot(page, '01', 'code');
  const codeInput = page.getByLabel('Kod konfiguracji / setup code');
  await codeInput.fill('AAAA-BBBB-CCCC');
  assert.equal(await submit(page, page.getByRole('button', { name: 'Dalej / Continue' }), '/code'), 403);
  await page.getByText('Nieprawidłowy kod konfiguracji').waitFor();
  assert.equal(await codeInput.getAttribute('aria-invalid'), 'true');
  await checkA11y(page, 'code form with an error');
  await codeInput.fill(wizard.code.toLowerCase().replaceAll('-', ' ')); // as typed from the screen
  await page.getByRole('button', { name: 'Dalej / Continue' }).click();

  // Start: new installation or restore.
  await heading(page, 'Witaj');
  await page.getByRole('radio', { name: /Przywróć z kopii zapasowej/ }).waitFor();
  await checkA11y(page, 'start');
  await docShot(page, '02', 'start');
  await page.getByRole('radio', { name: /Nowa instalacja/ }).check();
  await page.getByRole('button', { name: 'Dalej' }).click();

  // 1. Language.
  await heading(page, 'Język');
  await page.getByText('Krok 1 z 8').waitFor();
  await checkA11y(page, 'step 1');
  await page.getByRole('radio', { name: 'Polski' }).check();
  await page.getByRole('button', { name: 'Dalej' }).click();

  // 2. Cooperative: a NIP with a wrong check digit is refused on the server, in Polish, beside the field.
  await heading(page, 'Spółdzielnia');
  await checkA11y(page, 'step 2');
  await page.getByLabel('Nazwa spółdzielni').fill('Spółdzielnia Mieszkaniowa „Lazurowa”');
  const nip = page.getByLabel('NIP', { exact: true });
  await nip.fill(BAD_NIP);
  await page.getByLabel('Adres biura').fill('ul. Lazurowa 10, 01-315 Warszawa');
  await page.getByLabel('Telefon biura').fill('+48 22 123 45 67');
  await page.getByLabel('E-mail biura').fill('biuro@lazurowa.example.pl');
  assert.equal(await submit(page, page.getByRole('button', { name: 'Zapisz i dalej' }), '/step/2'), 422);
  await page.getByRole('alert').filter({ hasText: 'Popraw zaznaczone pola.' }).waitFor();
  const nipError = page.locator('#nip-error');
  assert.equal(await nipError.innerText(), 'Błędna cyfra kontrolna NIP — sprawdź, czy nie ma literówki.');
  assert.equal(await nip.getAttribute('aria-invalid'), 'true');
  assert.equal(await nip.getAttribute('aria-describedby'), 'nip-error');
  assert.equal(await nip.inputValue(), BAD_NIP, 'what was typed stays');
  assert.equal(await page.getByLabel('Nazwa spółdzielni').inputValue(), 'Spółdzielnia Mieszkaniowa „Lazurowa”');
  await checkA11y(page, 'step 2 with the NIP error');
  await nip.scrollIntoViewIfNeeded();
  await docShot(page, '03', 'cooperative-nip-error');
  await nip.fill(GOOD_NIP);
  assert.equal(await submit(page, page.getByRole('button', { name: 'Zapisz i dalej' }), '/step/2'), 303);

  // The phone: the code form and the step the installer is at, without sideways scrolling.
  const phone = await wizardPage(PHONE);
  await phone.goto('/');
  await heading(phone, 'Kod konfiguracji');
  await assertFitsPhone(phone, 'code form on a phone');
  await phone.screenshot({ path: path.join(ARTIFACTS, 'setup-phone-code-360.png') });
  await phone.getByLabel('Kod konfiguracji / setup code').fill(wizard.code);
  await phone.getByRole('button', { name: 'Dalej / Continue' }).click();
  await heading(phone, 'Administrator');
  await phone.getByText('Krok 3 z 8').waitFor();
  await assertFitsPhone(phone, 'step 3 on a phone');
  await checkA11y(phone, 'step 3 on a phone');
  await phone.screenshot({ path: path.join(ARTIFACTS, 'setup-phone-step3-360.png'), fullPage: true });
  const phoneButton = phone.getByRole('button', { name: 'Dalej' });
  await phoneButton.scrollIntoViewIfNeeded();
  assert.ok(await phoneButton.isVisible());
  assert.deepEqual(phone.errors, []);
  await phone.context().close();

  // 3. Administrator, then TOTP enrolment with a code computed from the secret on the page.
  await heading(page, 'Administrator');
  await checkA11y(page, 'step 3');
  await page.getByLabel('Imię').fill('Zofia');
  await page.getByLabel('Nazwisko').fill('Zarządcza');
  await page.getByLabel('E-mail', { exact: true }).fill(ADMIN_EMAIL);
  await page.getByLabel('Hasło', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Powtórz hasło').fill(PASSWORD);
  await page.getByRole('button', { name: 'Dalej' }).click();
  const secretBox = page.locator('#totp-secret');
  await secretBox.waitFor();
  const secret = (await secretBox.innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{16,}$/);
  await page.getByRole('img', { name: 'QR' }).waitFor();
  await checkA11y(page, 'step 3 TOTP');
  await docShot(page, '04', 'administrator-totp');
  await page.getByLabel('Kod z aplikacji').fill(await freshTotp(secret));
  await page.getByRole('button', { name: 'Potwierdź' }).click();

  // 4. Address and TLS: a LAN name, a self-signed certificate and its fingerprint.
  await heading(page, 'Adres i certyfikat');
  await page.getByText(/Powiadomienia push i instalowanie portalu/).waitFor();
  await checkA11y(page, 'step 4');
  await page.getByRole('radio', { name: /Sieć lokalna/ }).check();
  await page.getByLabel('Nazwa (adres) portalu').fill(LAN_NAME);
  await page.getByRole('button', { name: 'Utwórz certyfikat' }).click();
  const fingerprint = page.locator('#fingerprint');
  await fingerprint.waitFor();
  const fingerprintText = await fingerprint.innerText();
  assert.match(fingerprintText, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await page.getByText(`Certyfikat dla ${LAN_NAME} (własny)`).waitFor();
  await checkA11y(page, 'step 4 with the certificate');
  await docShot(page, '05', 'address-tls');
  await page.getByRole('link', { name: 'Dalej bez zmian →' }).click();

  // 5. Outgoing mail: a test message to the loopback SMTP sink (skipped when there is none).
  await heading(page, 'Poczta wychodząca');
  await checkA11y(page, 'step 5');
  if (process.env.SMTP_PORT && process.env.MAIL_DIR) {
    const testTo = `test.${Date.now().toString(36)}@lazurowa.example.pl`;
    await page.getByLabel('Serwer SMTP').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(process.env.SMTP_PORT);
    await page.getByRole('radio', { name: /^brak/ }).check();
    await page.getByLabel('Adres nadawcy').fill('biuro@lazurowa.example.pl');
    await page.getByLabel('Wiadomość testowa do').fill(testTo);
    await page.getByRole('button', { name: 'Wyślij wiadomość testową' }).click();
    await page.getByRole('status').filter({ hasText: 'Wiadomość testowa wysłana — sprawdź skrzynkę.' }).waitFor();
    await waitForMail(testTo);
    await checkA11y(page, 'step 5 after the test message');
    await docShot(page, '06', 'mail');
    await page.getByRole('button', { name: 'Zapisz i dalej' }).click();
  } else {
    await docShot(page, '06', 'mail');
    await page.getByRole('button', { name: 'Pomiń' }).click();
  }

  // 6. Flats register: upload, preview with the rejected line, confirm.
  await heading(page, 'Rejestr lokali');
  await checkA11y(page, 'step 6');
  await page.getByLabel('Plik CSV (do 8 MB)').setInputFiles({ name: 'lokale.csv', mimeType: 'text/csv', buffer: flatsCsv() });
  await page.getByRole('button', { name: 'Wgraj i sprawdź' }).click();
  await page.locator('#imported').waitFor();
  assert.equal(await page.locator('#imported').innerText(), '12');
  assert.equal(await page.locator('#errors').innerText(), '1');
  const badLine = page.locator('table.lines tr', { hasText: 'Błędna cyfra kontrolna numeru KW.' });
  assert.equal(await badLine.locator('td').first().innerText(), '14');
  await checkA11y(page, 'step 6 preview');
  await docShot(page, '07', 'flats-preview');
  await page.getByRole('button', { name: 'Zatwierdź i dalej' }).click();

  // 7. Registration: one-time letter codes, letters for every flat.
  await heading(page, 'Rejestracja mieszkańców');
  await checkA11y(page, 'step 7');
  await page.getByRole('radio', { name: /Kod z listu/ }).check();
  await page.getByRole('checkbox', { name: /Przygotuj listy rejestracyjne/ }).check();
  await docShot(page, '08', 'registration');
  await page.getByRole('button', { name: 'Zapisz i dalej' }).click();

  // 8. Summary → apply.
  await heading(page, 'Podsumowanie');
  await page.getByText('Krok 8 z 8').waitFor();
  const summary = page.locator('table.summary');
  await summary.getByText('Spółdzielnia Mieszkaniowa „Lazurowa”').waitFor();
  await summary.getByText(`https://${LAN_NAME}`).waitFor();
  await summary.getByRole('row', { name: /Lokale\s+12/ }).waitFor();
  await summary.getByRole('row', { name: /Dowód własności\s+Kod z listu/ }).waitFor();
  await checkA11y(page, 'summary');
  await docShot(page, '09', 'summary');
  const started = Date.now();
  assert.equal(await submit(page, page.getByRole('button', { name: 'Zastosuj i uruchom' }), '/apply'), 303);

  // The final page: address and QR, the emergency kit, the letters.
  await heading(page, 'Gotowe');
  console.log(`# apply took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(await page.locator('p.url').innerText(), `https://${LAN_NAME}`);
  assert.match(await page.getByRole('img', { name: 'QR' }).getAttribute('src'), /^data:image\/svg\+xml/);
  const kit = page.locator('section.kit');
  await kit.getByRole('heading', { name: 'Zestaw awaryjny' }).waitFor();
  assert.match(await kit.locator('pre.key').innerText(), /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  await kit.getByText(ADMIN_EMAIL).waitFor();
  await page.getByText('12 listów z jednorazowymi kodami').waitFor();
  await checkA11y(page, 'final page');
  await docShot(page, '10', 'done');
  await kit.evaluate((el) => el.scrollIntoView());
  await docShot(page, '11', 'emergency-kit');
  await page.evaluate(() => window.scrollTo(0, 0));
  const download = async (name) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
    assert.equal(await d.failure(), null);
    assert.match(d.suggestedFilename(), /^listy-rejestracyjne-\d{4}-\d{2}-\d{2}\.(pdf|csv)$/);
    return readFileSync(await d.path());
  };
  assert.equal((await download('PDF')).subarray(0, 5).toString(), '%PDF-');
  const csv = (await download('CSV')).toString('utf8');
  const codes = csv.match(/[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}/g) || [];
  assert.equal(new Set(codes).size, 12, csv);

  // Finish: the page says the portal is starting, and the wizard exits 0 (systemd then starts osiedled).
  await page.getByRole('button', { name: 'Zakończ i uruchom portal' }).click();
  await heading(page, 'Uruchamianie portalu');
  await page.getByRole('link', { name: `https://${LAN_NAME}` }).waitFor();
  await page.getByText(/porównaj jego odcisk/).waitFor(); // the LAN fingerprint, to compare with the browser's
  assert.equal(await page.locator('#fingerprint').innerText(), fingerprintText);
  await checkA11y(page, 'finish page');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  const exit = await Promise.race([wizard.exited, new Promise((r) => setTimeout(() => r({ code: 'timeout' }), 15000))]);
  assert.deepEqual(exit, { code: 0, signal: null }, wizard.stderr.join('\n'));
  const conf = readFileSync(`${wizard.dir}/etc/osiedle.conf`, 'utf8');
  assert.match(conf, /registration-proof = letter-code/);
  assert.match(conf, /public-url = https:\/\/osiedle\.lan/);
});

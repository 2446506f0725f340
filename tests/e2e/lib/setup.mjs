// Test data made through the API (what is under test is done in the browser; this only prepares it).
import assert from 'node:assert/strict';
import { Api, DEMO, kwNumber } from './browser.mjs';

let counter = 0;

// A unique e-mail address for this run.
export function uniqueEmail(prefix) {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${counter}@example.pl`;
}

// A staff API client (the demo administrator).
export async function adminApi() {
  const api = new Api();
  await api.login(DEMO.admin);
  return api;
}

// A free flat (no owner, no pending registration) in the first building: {building, flat, kw}.
export async function freeFlat(admin, skip = 0) {
  const buildings = (await admin.get('/api/v1/admin/buildings')).json;
  const taken = new Set();
  for (const status of ['pending', 'approved']) {
    const regs = (await admin.get(`/api/v1/admin/registrations?status=${status}&limit=500`)).json.items;
    regs.forEach((r) => taken.add(r.flat_id));
  }
  let seen = 0;
  for (const b of buildings.slice().reverse()) {
    const flats = (await admin.get(`/api/v1/admin/flats?building=${b.id}`)).json;
    for (const f of flats.slice().reverse()) {
      if (taken.has(f.id) || !f.kw_number) continue;
      if (seen++ < skip) continue;
      return { building: b, flat: f, kw: f.kw_number };
    }
  }
  throw new Error('no free flat in the demo register');
}

// Registers a resident through the API and approves them; returns {email, password, id}.
export async function approvedResident(admin, { prefix = 'mieszkaniec', skip = 0 } = {}) {
  const { building, flat, kw } = await freeFlat(admin, skip);
  const email = uniqueEmail(prefix);
  const password = 'Testowe-Haslo-2025!';
  const anon = new Api();
  const r = await anon.post('/api/v1/registrations', {
    first_name: 'Testowa', last_name: 'Osoba', email, password, building: building.id, flat: flat.number,
    kw_number: kw, consents: { terms: true, rodo: true, version: '2025-01' },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const ok = await admin.post(`/api/v1/admin/registrations/${r.json.id}/approve`);
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  const users = (await admin.get(`/api/v1/admin/users?query=${encodeURIComponent(email)}`)).json.items;
  return { email, password, id: users[0].id };
}

export { kwNumber };

// Service worker of the residents' portal.
// App shell: cached at install (versioned cache; bump VERSION when the shell changes).
// /api/…: network only (never cached: personal data and CSRF-bound answers).
// Pages: network, falling back to offline.html. Static assets: network first, cache when offline.
const VERSION = 'osiedle-portal-v4';
const SHELL = [
  '/',
  '/offline.html',
  '/manifest.webmanifest',
  '/app.js',
  '/nav.js',
  '/session.js',
  '/shell.js',
  '/pages/public.js',
  '/pages/forms.js',
  '/pages/register.js',
  '/pages/proof.js',
  '/pages/login.js',
  '/pages/account.js',
  '/pages/security.js',
  '/pages/privacy.js',
  '/pages/home.js',
  '/pages/news.js',
  '/pages/outages.js',
  '/pages/info.js',
  '/pages/documents.js',
  '/pages/contractors.js',
  '/content.js',
  '/outage_banner.js',
  '/slider.js',
  '/portal.css',
  '/common/styles.css',
  '/common/api.js',
  '/common/i18n.js',
  '/common/ui.js',
  '/common/kw.js',
  '/common/letter_code.js',
  '/common/router.js',
  '/common/i18n/pl.json',
  '/common/i18n/en.json',
  '/icons/icon.svg',
  '/icons/icon-192.png',
  '/icons/icon-512.png',
  '/icons/flat.svg',
  '/icons/device.svg',
  '/icons/nav-home.svg',
  '/icons/nav-news.svg',
  '/icons/nav-info.svg',
  '/icons/nav-documents.svg',
  '/icons/nav-contractors.svg',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('osiedle-portal-') && k !== VERSION)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isApi(url) {
  return url.pathname.startsWith('/api/');
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  // The admin and kiosk apps are not part of the portal's offline shell.
  if (url.pathname.startsWith('/admin') || url.pathname.startsWith('/kiosk')) return;

  if (isApi(url)) {
    // Network first; offline → a JSON error the page can show ("offline").
    event.respondWith(fetch(req).catch(() => new Response(
      JSON.stringify({ error: { code: 'offline', message: 'offline', field: '' } }),
      { status: 503, headers: { 'Content-Type': 'application/json' } })));
    return;
  }

  if (req.mode === 'navigate') {
    // Pages: always from the network; offline → the friendly offline page.
    event.respondWith(fetch(req).catch(async () => (await caches.match('/offline.html')) || Response.error()));
    return;
  }

  // Shell assets: network first (so a new version shows at once), the cached copy when offline.
  event.respondWith(
    fetch(req)
      .then((resp) => {
        if (resp.ok && resp.status === 200) {
          const copy = resp.clone();
          caches.open(VERSION).then((c) => c.put(req, copy));
        }
        return resp;
      })
      .catch(async () => (await caches.match(req)) || Response.error()),
  );
});

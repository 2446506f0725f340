// Tiny client-side router.
// mode 'hash' (portal: "/#/rejestracja?x=1") or 'history' with a base (admin: "/admin/users/5";
// the daemon serves admin/index.html for any /admin/<path without a dot>).
// Route patterns: "/", "/users", "/users/:id". The handler gets {path, params, query}.

function compile(pattern) {
  const names = [];
  const re = pattern
    .replace(/\/+$/, '')
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:(\w+)/g, (m, name) => {
      names.push(name);
      return '([^/]+)';
    });
  return { regex: new RegExp(`^${re || ''}/?$`), names };
}

// createRouter({mode: 'hash'|'history', base: '/admin', routes: [{path, handler, ...meta}],
// notFound(ctx), beforeEach(ctx, route) → false | string (redirect path) | undefined})
// → {start(), navigate(path, {replace}), href(path), current(), refresh()}.
export function createRouter(opts) {
  const mode = opts.mode || 'hash';
  const base = (opts.base || '').replace(/\/$/, '');
  const routes = opts.routes.map((r) => ({ ...r, ...compile(r.path) }));
  let current = null;

  function location_() {
    if (mode === 'hash') {
      const raw = window.location.hash.replace(/^#/, '') || '/';
      const [path, qs = ''] = raw.split('?');
      return { path: path || '/', query: Object.fromEntries(new URLSearchParams(qs)) };
    }
    let path = window.location.pathname;
    if (base && path.startsWith(base)) path = path.slice(base.length);
    return { path: path || '/', query: Object.fromEntries(new URLSearchParams(window.location.search)) };
  }

  function match(path) {
    for (const r of routes) {
      const m = r.regex.exec(path);
      if (m) {
        const params = {};
        r.names.forEach((n, i) => { params[n] = decodeURIComponent(m[i + 1]); });
        return { route: r, params };
      }
    }
    return null;
  }

  // The href for an in-app path (for <a href>).
  function href(path) {
    return mode === 'hash' ? `#${path}` : `${base}${path}`;
  }

  async function resolve() {
    const loc = location_();
    const m = match(loc.path);
    const ctx = { path: loc.path, query: loc.query, params: m ? m.params : {}, route: m ? m.route : null };
    if (opts.beforeEach) {
      const r = await opts.beforeEach(ctx, m ? m.route : null);
      if (typeof r === 'string' && r !== loc.path) {
        navigate(r, { replace: true });
        return;
      }
      if (r === false) return;
    }
    current = ctx;
    if (m) await m.route.handler(ctx);
    else if (opts.notFound) await opts.notFound(ctx);
    if (opts.afterEach) opts.afterEach(ctx);
  }

  function navigate(path, nav = {}) {
    if (mode === 'hash') {
      const target = `#${path}`;
      if (nav.replace) {
        window.history.replaceState(null, '', target);
        resolve();
      } else if (window.location.hash === target) {
        resolve();
      } else {
        window.location.hash = path; // hashchange → resolve
      }
      return;
    }
    const url = `${base}${path}`;
    if (nav.replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    resolve();
  }

  function onClick(e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target.closest('a[href]');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin || !url.pathname.startsWith(base + '/')) return;
    if (url.pathname.split('/').pop().includes('.')) return; // a file, not a route
    e.preventDefault();
    navigate(url.pathname.slice(base.length) + url.search);
  }

  function start() {
    if (mode === 'hash') {
      window.addEventListener('hashchange', resolve);
    } else {
      window.addEventListener('popstate', resolve);
      document.addEventListener('click', onClick);
    }
    return resolve();
  }

  return { start, navigate, href, current: () => current, refresh: resolve };
}

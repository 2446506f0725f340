// Fetch wrapper for the osiedled JSON API.
// Same-origin cookies; X-CSRF-Token on every state-changing request (the token is taken
// automatically from any JSON answer carrying "csrf_token": the login answer and GET /api/v1/me).
// Every failure is thrown as ApiError {status, code, field, message}; network failures have
// status 0 and code "network".

export class ApiError extends Error {
  constructor(status, code, field = null, message = '', retryAfter = null) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field || null;
    this.retryAfter = retryAfter; // seconds, from Retry-After (rate_limited), or null
  }
}

let csrfToken = '';
const unauthenticatedHandlers = new Set();

// The CSRF token sent with POST/PUT/PATCH/DELETE. Set automatically; exposed for tests and logout.
export function setCsrfToken(token) {
  csrfToken = token || '';
}
export function getCsrfToken() {
  return csrfToken;
}

// Registers fn(error) to be called when a request that had a session answers 401
// (session expired or revoked). Returns a function that unregisters it.
export function onUnauthenticated(fn) {
  unauthenticatedHandlers.add(fn);
  return () => unauthenticatedHandlers.delete(fn);
}

// Builds "path?a=1&b=2", skipping undefined, null and "" values. Arrays repeat the key.
export function withQuery(path, query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach((v) => params.append(key, String(v)));
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function parseBody(resp) {
  if (resp.status === 204 || resp.status === 304) return null;
  const type = resp.headers.get('content-type') || '';
  if (type.includes('json')) {
    const text = await resp.text();
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return resp.text();
}

// One request. opts: {query, body (JSON-encoded), raw (string/Blob sent as is), contentType,
// headers, signal, accept}. Resolves to the parsed JSON (or text for non-JSON answers; null for 204).
export async function request(method, path, opts = {}) {
  const headers = new Headers(opts.headers || {});
  headers.set('Accept', opts.accept || 'application/json');
  let body;
  if (opts.raw !== undefined) {
    body = opts.raw;
    headers.set('Content-Type', opts.contentType || 'text/csv; charset=utf-8');
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers.set('Content-Type', 'application/json');
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  let resp;
  try {
    resp = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, navigator.onLine === false ? 'offline' : 'network', null, String(e));
  }
  const data = await parseBody(resp);
  if (!resp.ok) {
    const err = (data && typeof data === 'object' && data.error) || {};
    const retry = Number(resp.headers.get('retry-after')) || null;
    const error = new ApiError(resp.status, err.code || `http_${resp.status}`, err.field, err.message || '', retry);
    if (resp.status === 401 && error.code !== 'invalid_credentials' && error.code !== 'totp_required' &&
        error.code !== 'totp_invalid') {
      unauthenticatedHandlers.forEach((fn) => fn(error));
    }
    throw error;
  }
  if (data && typeof data === 'object' && typeof data.csrf_token === 'string') setCsrfToken(data.csrf_token);
  return data;
}

export const api = {
  get: (path, query, opts = {}) => request('GET', path, { ...opts, query }),
  post: (path, body = {}, opts = {}) => request('POST', path, { ...opts, body }),
  put: (path, body = {}, opts = {}) => request('PUT', path, { ...opts, body }),
  patch: (path, body = {}, opts = {}) => request('PATCH', path, { ...opts, body }),
  del: (path, opts = {}) => request('DELETE', path, opts),
  // Sends text (e.g. a CSV file's contents) as the raw body.
  postRaw: (path, text, contentType = 'text/csv; charset=utf-8', opts = {}) =>
    request('POST', path, { ...opts, raw: text, contentType }),
};

// Downloads `path` and saves it as `filename` (default: the name in Content-Disposition) through a
// temporary object URL (keeps the session cookie; works for JSON, CSV and PDF answers alike).
// opts: {method = 'GET', body (JSON-encoded; a non-GET request also carries X-CSRF-Token)}.
// Resolves to the name the file was saved under.
export async function download(path, filename, query, opts = {}) {
  const method = opts.method || 'GET';
  const headers = new Headers();
  if (opts.body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let resp;
  try {
    resp = await fetch(withQuery(path, query), { method, headers, credentials: 'same-origin', cache: 'no-store',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (e) {
    throw new ApiError(0, 'network', null, String(e));
  }
  if (!resp.ok) {
    const data = await parseBody(resp);
    const err = (data && typeof data === 'object' && data.error) || {};
    throw new ApiError(resp.status, err.code || `http_${resp.status}`, err.field, err.message || '');
  }
  const disposition = resp.headers.get('content-disposition') || '';
  const match = /filename="?([^";]+)"?/i.exec(disposition);
  const name = filename || (match ? match[1].replace(/[\\/]/g, '_') : 'download');
  const blob = await resp.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return name;
}

// Reads a File chosen in <input type=file> as text (for CSV uploads through api.postRaw).
export function readFileText(file) {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsText(file, 'utf-8');
  });
}

// The logged-in resident (GET /api/v1/me), shared by the portal pages.
import { api, setCsrfToken } from '/common/api.js';

export const session = {
  me: null, // the /api/v1/me answer, or null when logged out
};

// Reloads /me; null (and no error) when there is no valid session.
export async function refreshMe() {
  try {
    session.me = await api.get('/api/v1/me');
  } catch (e) {
    if (e.status === 401 || e.status === 403) session.me = null;
    else throw e;
  }
  return session.me;
}

export async function logout() {
  try {
    await api.post('/api/v1/auth/logout');
  } catch {
    /* the session may already be gone: we are logged out either way */
  }
  session.me = null;
  setCsrfToken('');
}

export function isLoggedIn() {
  return !!session.me;
}

// The cooperative's name and office contact (GET /api/v1/public/site), fetched once; null when
// the server cannot say.
let sitePromise = null;
export function loadSite() {
  if (!sitePromise) sitePromise = api.get('/api/v1/public/site').catch(() => null);
  return sitePromise;
}

// In-app navigation for the pages, without importing app.js (which imports the pages).
let router = null;

export function setRouter(r) {
  router = r;
}

// Goes to an in-app path such as "/konto" (hash route).
export function navigate(path, opts) {
  if (router) router.navigate(path, opts);
  else window.location.hash = path;
}

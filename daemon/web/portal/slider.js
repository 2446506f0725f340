// The ad slider of the home page (WAI-ARIA carousel pattern): previous / next and a pause button,
// advancing at most every 7 s, never on its own under prefers-reduced-motion, paused while the pointer
// or keyboard focus is inside, arrow keys move between slides. Every slide is marked as an advert.
import { h, button } from '/common/ui.js';
import { t } from '/common/i18n.js';

const INTERVAL_MS = 7000;

function slideView(ad, index, count) {
  const img = ad.image_url ? h('img', { class: 'ad-image', src: ad.image_url, alt: ad.alt || ad.title || '',
    loading: 'lazy' }) : null;
  const caption = h('span', { class: 'ad-caption' },
    h('span', { class: 'ad-label' }, t('portal.ads.label')),
    ad.title ? h('span', { class: 'ad-title' }, ad.title) : null,
    ad.advertiser ? h('span', { class: 'ad-advertiser' }, ad.advertiser) : null);
  const body = ad.click_url
    ? h('a', { class: 'ad-link', href: ad.click_url, target: '_blank', rel: 'sponsored noopener' }, img, caption,
      h('span', { class: 'visually-hidden' }, ` (${t('portal.ads.new_tab')})`))
    : h('div', { class: 'ad-link' }, img, caption);
  return h('div', { class: 'ad-slide', role: 'group', 'aria-roledescription': t('portal.ads.slide'),
    'aria-label': t('portal.ads.slide_of', { n: index + 1, count }) }, body);
}

// slider(ads) → a <section>, or null when there is nothing to show.
export function slider(ads) {
  if (!ads || !ads.length) return null;
  const count = ads.length;
  const slides = ads.map((ad, i) => slideView(ad, i, count));
  const track = h('div', { class: 'ad-track', 'aria-live': 'off' }, slides);
  const root = h('section', { class: 'ad-slider', 'aria-roledescription': t('portal.ads.carousel'),
    'aria-label': t('portal.ads.title') }, track);
  let current = 0;
  const show = (i) => {
    current = (i + count) % count;
    slides.forEach((s, k) => { s.hidden = k !== current; });
  };
  show(0);
  if (count === 1) return root;

  const reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  let userPaused = reduced;
  let hoverPaused = false;
  let timer = null;
  const pauseBtn = button('', { variant: 'secondary', size: 'sm', class: 'ad-pause' });
  const setPauseLabel = () => {
    pauseBtn.textContent = userPaused ? t('portal.ads.play') : t('portal.ads.pause');
    pauseBtn.setAttribute('aria-pressed', String(userPaused));
  };
  const schedule = () => {
    clearInterval(timer);
    timer = null;
    const running = !userPaused && !hoverPaused;
    track.setAttribute('aria-live', running ? 'off' : 'polite');
    if (running) {
      timer = setInterval(() => {
        if (!root.isConnected) { clearInterval(timer); return; }
        show(current + 1);
      }, INTERVAL_MS);
    }
  };
  pauseBtn.addEventListener('click', () => { userPaused = !userPaused; setPauseLabel(); schedule(); });
  const prev = button(t('portal.ads.previous'), { variant: 'secondary', size: 'sm',
    onClick: () => show(current - 1) });
  const next = button(t('portal.ads.next'), { variant: 'secondary', size: 'sm', onClick: () => show(current + 1) });
  root.prepend(h('div', { class: 'ad-controls' }, pauseBtn, prev, next));
  root.addEventListener('mouseenter', () => { hoverPaused = true; schedule(); });
  root.addEventListener('mouseleave', () => { hoverPaused = root.contains(document.activeElement); schedule(); });
  root.addEventListener('focusin', () => { hoverPaused = true; schedule(); });
  root.addEventListener('focusout', (e) => {
    if (!root.contains(e.relatedTarget)) { hoverPaused = false; schedule(); }
  });
  root.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowLeft') { show(current - 1); e.preventDefault(); }
    if (e.key === 'ArrowRight') { show(current + 1); e.preventDefault(); }
  });
  setPauseLabel();
  schedule();
  return root;
}

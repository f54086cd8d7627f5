// The workspace's shell: navigation, the language switch, the live indicator, and the
// router that shows one page per location hash (#/, #/upload, #/invoices?…, #/invoice/12,
// #/review, #/chat). Each page module exports render(main, params) and may return a
// function that tears down what it started (event subscriptions, key handlers).

import { el, replace } from './dom.js';
import { onConnection } from './events.js';
import { language, setLanguage, t } from './i18n.js';
import * as chat from './page-chat.js';
import * as dashboard from './page-dashboard.js';
import * as invoice from './page-invoice.js';
import * as invoices from './page-invoices.js';
import * as review from './page-review.js';
import * as upload from './page-upload.js';

const pages = [
  { path: '', nav: 'nav.dashboard', module: dashboard },
  { path: 'upload', nav: 'nav.upload', module: upload },
  { path: 'invoices', nav: 'nav.invoices', module: invoices },
  { path: 'review', nav: 'nav.review', module: review },
  { path: 'chat', nav: 'nav.chat', module: chat },
];

let teardown = null;
let connected = false;

function renderLive() {
  const live = document.getElementById('live');
  live.textContent = connected ? t('live.on') : t('live.off');
  live.className = connected ? 'live on' : 'live off';
  live.dataset.connected = String(connected);
}

/** The page and parameters the location hash names. */
function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(query));
  const invoiceMatch = /^invoice\/(\d+)$/.exec(path);
  if (invoiceMatch) return { page: { path: 'invoices', module: invoice }, params: { ...params, id: invoiceMatch[1] } };
  return { page: pages.find((p) => p.path === path) ?? pages[0], params };
}

function renderNav(current) {
  replace(document.getElementById('nav'), ...pages.map((p) => el('a', {
    href: `#/${p.path}`, class: p.path === current.path ? 'active' : null, 'aria-current': p.path === current.path ? 'page' : null,
    'data-nav': p.path || 'dashboard',
  }, t(p.nav))));
  renderLive();
  const button = document.getElementById('lang');
  button.textContent = t('lang.other');
  button.title = t('lang.otherTitle');
}

function show() {
  if (teardown) { teardown(); teardown = null; }
  const { page, params } = route();
  renderNav(page);
  const main = document.getElementById('main');
  main.replaceChildren();
  document.title = `${t(page.nav ?? 'nav.invoices')} · invoiced`;
  teardown = page.module.render(main, params) ?? null;
}

function start() {
  document.documentElement.lang = language();
  document.getElementById('lang').addEventListener('click', () => {
    setLanguage(language() === 'vi' ? 'en' : 'vi');
    show();
  });
  onConnection((value) => {
    connected = value;
    renderLive();
  });
  window.addEventListener('hashchange', show);
  show();
}

start();

// Written by scripts/embed-web.sh from web/: edit the files there and run the script.

/// The web workspace's files, served by `WebController`.
enum WebFiles {
    /// Every file of web/ by its name, byte for byte.
    static let byName: [String: String] = [
        "api.js": #"""
// The daemon's JSON API, as the workspace calls it. Same origin, so the TCP listener's
// Host and Origin checks pass; every error body is {"error": "..."}.

/** An answer that was not 2xx, with the daemon's own message. */
export class APIError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * Sends the browser to the login form when the listener wants a token (http_token) and this
 * browser has no session, or its session ended.
 */
export function loginIfRefused(response) {
  if (response.status === 401) location.assign('/login');
}

async function read(response) {
  loginIfRefused(response);
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.startsWith('application/json') ? await response.json() : null;
  if (!response.ok) throw new APIError(response.status, body?.error ?? `HTTP ${response.status}`);
  return body;
}

/** GET `path` (with `query` as its parameters, empty ones left out) as JSON. */
export async function get(path, query = {}) {
  return read(await fetch(withQuery(path, query), { headers: { Accept: 'application/json' } }));
}

/** `method` `path` with a JSON body. */
export async function send(method, path, body) {
  return read(await fetch(path, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
}

/** `path?query`, leaving out parameters that are empty. */
export function withQuery(path, query = {}) {
  const parameters = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '' && value !== false) parameters.set(name, String(value));
  }
  const text = parameters.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Who this browser is to the daemon (`user_id` of uploads, chat history and corrections):
 * made once and kept, so each browser has its own chat history.
 */
export function userId() {
  let id = localStorage.getItem('invoiced.user');
  if (!id || !/^[\x21-\x7e]{1,128}$/.test(id)) {
    const random = crypto.getRandomValues(new Uint8Array(4));
    id = `web-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    localStorage.setItem('invoiced.user', id);
  }
  return id;
}

/**
 * POST /upload-image with `file`; answers {job_id, status, duplicate_of?}. A 503 (too many
 * uploads at once) is sent again after the Retry-After it names.
 */
export async function upload(file) {
  for (;;) {
    const form = new FormData();
    form.append('user_id', userId());
    form.append('image', file, file.name);
    const response = await fetch('/upload-image', { method: 'POST', body: form });
    if (response.status === 503 && response.headers.has('Retry-After')) {
      const seconds = Math.min(30, Number(response.headers.get('Retry-After')) || 5);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      continue;
    }
    return read(response);
  }
}

/**
 * Reads a Server-Sent Events body (`POST /chat` with stream), calling `onEvent(name, data)`
 * for each event as it arrives.
 */
export async function readEventStream(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    let end;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) name = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length) onEvent(name, JSON.parse(data.join('\n')));
    }
  }
}

"""#,
        "app.css": #"""
/* The workspace's look: system fonts (no external font), calm colours, dense tables that
   an accountant can scan, status colours that also read as text. */

:root {
  --ink: #1d2733;
  --muted: #5f6b7a;
  --line: #d9dee5;
  --paper: #ffffff;
  --ground: #f3f5f8;
  --accent: #1f5f8b;
  --accent-soft: #e3eef6;
  --ok: #1e7a46;
  --ok-soft: #e2f3e8;
  --bad: #b42318;
  --bad-soft: #fde8e6;
  --wait: #8a5a00;
  --wait-soft: #fff3d6;
  --work: #175cd3;
  --work-soft: #e4edfd;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  font-size: 15px;
  color: var(--ink);
  background: var(--ground);
}

* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; }
a { color: var(--accent); }
h1 { font-size: 1.45rem; margin: 0 0 1rem; }
h2 { font-size: 1.05rem; margin: 0 0 .75rem; }
h3 { font-size: .95rem; margin: 1rem 0 .4rem; }
.muted { color: var(--muted); }
.small { font-size: .85rem; }
.nowrap { white-space: nowrap; }
.error { color: var(--bad); }
.warning { color: var(--wait); }
.ok { color: var(--ok); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }

.top {
  display: flex; align-items: center; gap: 1.5rem;
  padding: 0 1.5rem; height: 56px;
  background: var(--paper); border-bottom: 1px solid var(--line);
  position: sticky; top: 0; z-index: 2;
}
.brand { display: flex; align-items: center; gap: .5rem; font-weight: 700; color: var(--ink); text-decoration: none; font-size: 1.1rem; }
#nav { display: flex; gap: .25rem; flex: 1; }
#nav a { padding: .45rem .8rem; border-radius: 6px; text-decoration: none; color: var(--ink); }
#nav a:hover { background: var(--ground); }
#nav a.active { background: var(--accent-soft); color: var(--accent); font-weight: 600; }
.live { font-size: .85rem; color: var(--muted); }
.live::before { content: "●"; margin-right: .35rem; }
.live.on::before { color: var(--ok); }
.live.off::before { color: var(--bad); }
main { max-width: 1240px; margin: 0 auto; padding: 1.5rem; outline: none; }

button, .button {
  font: inherit; padding: .45rem .9rem; border-radius: 6px; border: 1px solid var(--line);
  background: var(--paper); color: var(--ink); cursor: pointer; text-decoration: none; display: inline-block;
}
button:hover, .button:hover { border-color: var(--accent); }
button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible {
  outline: 2px solid var(--accent); outline-offset: 2px;
}
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
button.primary:disabled { background: var(--ok-soft); border-color: var(--ok-soft); color: var(--ok); }
button:disabled { cursor: default; opacity: .8; }
button.link { border: none; background: none; color: var(--accent); padding: .1rem .3rem; }
.lang { font-size: .85rem; }
input, select, textarea {
  font: inherit; padding: .4rem .55rem; border: 1px solid var(--line); border-radius: 6px; background: var(--paper); color: var(--ink);
}

.panel { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1rem 1.2rem; margin-bottom: 1rem; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }

.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: .75rem; margin-bottom: 1.25rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: .8rem 1rem; border-top: 4px solid var(--line); }
.card-label { color: var(--muted); font-size: .85rem; }
.card-value { font-size: 1.6rem; font-weight: 650; margin: .2rem 0; font-variant-numeric: tabular-nums; }
.card-queued { border-top-color: var(--wait); }
.card-processing { border-top-color: var(--work); }
.card-done { border-top-color: var(--ok); }
.card-failed { border-top-color: var(--bad); }
.card-needs_review { border-top-color: var(--wait); }
.card-throughput .card-value, .card-oldest .card-value { font-size: 1.15rem; }

.badge { display: inline-block; white-space: nowrap; padding: .1rem .55rem; border-radius: 999px; font-size: .8rem; font-weight: 600; background: var(--ground); color: var(--muted); }
.status-queued, .status-retrying, .status-uploading { background: var(--wait-soft); color: var(--wait); }
.status-processing { background: var(--work-soft); color: var(--work); }
.status-done { background: var(--ok-soft); color: var(--ok); }
.status-failed { background: var(--bad-soft); color: var(--bad); }
.status-duplicate { background: var(--ground); color: var(--muted); }

table.list { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; overflow: hidden; }
table.list th { text-align: left; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); background: #fafbfc; }
table.list th, table.list td { padding: .55rem .75rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.list tr:last-child td { border-bottom: none; }
table.list tbody tr:hover { background: #fafcff; }
tr.needs-review td:first-child { box-shadow: inset 3px 0 0 var(--wait); }
.panel table.list { border: none; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.filename { font-weight: 600; word-break: break-all; }
.reason { color: var(--bad); }
.snippet { color: var(--muted); font-size: .9rem; max-width: 28rem; }
mark { background: #ffe58a; color: var(--ink); padding: 0 .1em; border-radius: 2px; }

.search { display: flex; gap: .5rem; margin-bottom: .75rem; }
.search input { flex: 1; font-size: 1rem; padding: .55rem .75rem; }
.filters { display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; background: var(--paper); border: 1px solid var(--line);
  border-radius: 10px; padding: .8rem 1rem; margin-bottom: 1rem; }
.field { display: flex; flex-direction: column; gap: .2rem; font-size: .85rem; color: var(--muted); }
.field input[type=number] { width: 9rem; }
.field input[type=text] { width: 14rem; }
.check { font-size: .9rem; display: flex; align-items: center; padding-bottom: .45rem; }
.actions { display: flex; gap: .5rem; margin-left: auto; }
.sums { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; margin: 0 0 .75rem; padding: 0 .25rem; }
.sums:empty { display: none; }
.sums-count { font-weight: 600; }
.sum-total { font-variant-numeric: tabular-nums; font-size: 1.05rem; }
.pager { display: flex; gap: .5rem; justify-content: flex-end; margin-top: .75rem; }

.dropzone { display: flex; flex-direction: column; align-items: center; gap: 1rem; padding: 2.5rem 1rem; margin-bottom: 1.25rem;
  border: 2px dashed #a9b6c6; border-radius: 12px; background: var(--paper); cursor: pointer; text-align: center; }
.dropzone.over { border-color: var(--accent); background: var(--accent-soft); }
.dropzone-text { font-size: 1.05rem; color: var(--muted); }
.dropzone .button { background: var(--accent); color: #fff; border-color: var(--accent); }
progress { width: 8rem; margin-left: .5rem; vertical-align: middle; }

.invoice-head { display: flex; align-items: center; gap: .8rem; flex-wrap: wrap; margin-bottom: .5rem; }
.invoice-head h1 { margin: 0; }
.spacer { flex: 1; }
.crumbs { margin: 0 0 .75rem; }
.message p { margin: .25rem 0 .75rem; }
table.fields { width: 100%; border-collapse: collapse; }
table.fields th { text-align: left; font-weight: 500; color: var(--muted); width: 40%; padding: .4rem .5rem .4rem 0; vertical-align: top; white-space: nowrap; }
table.fields code { word-break: break-all; }
table.fields td { padding: .4rem 0; border-bottom: 1px solid #eef1f4; vertical-align: top; }
table.fields td.value { font-weight: 600; word-break: break-word; }
table.fields td.edit { text-align: right; width: 4rem; }
table.fields td.trust-cell { text-align: right; width: 5.5rem; white-space: nowrap; }
.trust { font-size: .78rem; color: var(--muted); padding: .05rem .4rem; border-radius: 999px; background: var(--ground); }
.trust.checked { color: var(--ok); background: var(--ok-soft); }
.trust.person { color: var(--accent); background: var(--accent-soft); }
.trust.low { color: var(--wait); background: var(--wait-soft); }
.inline-edit { display: flex; gap: .4rem; }
.inline-edit input { flex: 1; min-width: 0; }
.pages { display: flex; flex-direction: column; gap: .5rem; max-height: 34rem; overflow: auto; }
.page-image { display: block; width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { padding: .2rem 0; }
ul.checks .mark { display: inline-block; width: 1.2rem; font-weight: 700; }
ul.checks li.passed .mark { color: var(--ok); }
ul.checks li.failed .mark { color: var(--bad); }
ol.history, ol.activity { margin: 0; padding-left: 1.2rem; }
ol.history li, ol.activity li { margin-bottom: .5rem; }
.old { text-decoration: line-through; color: var(--muted); }
.new { font-weight: 600; }
pre.ocr-text { white-space: pre-wrap; word-break: break-word; font-size: .85rem; background: #fafbfc; border: 1px solid var(--line);
  border-radius: 6px; padding: .75rem; max-height: 28rem; overflow: auto; margin: 0; }

.in-review #confirm { display: none; }
.review-bar { display: flex; align-items: center; gap: .6rem; margin-bottom: 1rem; }
.review-bar .position { font-weight: 600; min-width: 4rem; text-align: center; }
.review-bar .primary { margin-left: auto; }
.empty { font-size: 1.1rem; padding: 2rem; text-align: center; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; }

.chat-log { background: var(--paper); border: 1px solid var(--line); border-radius: 10px; padding: 1rem; min-height: 18rem; max-height: 60vh;
  overflow: auto; display: flex; flex-direction: column; gap: .75rem; }
.bubble { max-width: 75%; padding: .6rem .85rem; border-radius: 10px; white-space: pre-wrap; }
.bubble .who { font-size: .75rem; color: var(--muted); margin-bottom: .2rem; }
.bubble.you { align-self: flex-end; background: var(--accent-soft); }
.bubble.bot { align-self: flex-start; background: var(--ground); }
.bubble.pending .text::after { content: " ▍"; color: var(--muted); }
.chat-form { display: flex; flex-direction: column; gap: .5rem; margin-top: .5rem; }
.chat-form textarea { width: 100%; resize: vertical; }
.chat-form .actions { margin-left: 0; }

@media (max-width: 900px) {
  .columns { grid-template-columns: 1fr; }
  .top { gap: .75rem; padding: 0 .75rem; overflow-x: auto; }
}

"""#,
        "app.js": #"""
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

"""#,
        "dom.js": #"""
// Building the page from data. Everything that came from a document (names, OCR text, file
// names, error messages) goes in as text nodes, never as markup: there is no innerHTML in
// this workspace, so a document saying <script> or <img onerror> shows those characters.

import { language, t } from './i18n.js';

/**
 * An element: `el('a', {href: '#/invoice/3', class: 'x'}, 'text', otherNode)`. Strings and
 * numbers among the children become text; null and false are left out. `on*` attributes
 * are refused: handlers are attached with `on: {click: fn}`.
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    } else if (name.startsWith('on')) {
      throw new Error(`el: use on: {…} for ${name}`);
    } else if (name === 'href' && !/^(#|\/(?!\/))/.test(String(value))) {
      throw new Error('el: links stay inside the workspace');
    } else {
      node.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(node, ...children);
  return node;
}

/** Appends children as `el` does. */
export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Empties `node` and fills it with `children`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, ...children);
}

function locale() {
  return language() === 'en' ? 'en-GB' : 'vi-VN';
}

/** An amount as accountants read it in the current language: 1.851.768 or 1,851,768. */
export function money(value, currency) {
  if (value === null || value === undefined) return '—';
  const digits = currency && currency !== 'VND' ? 2 : 0;
  const number = new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  return currency ? `${number} ${currency}` : number;
}

/** A plain number in the current language. */
export function number(value, digits = 0) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}

/** YYYY-MM-DD as dd/mm/yyyy (Vietnamese) or as it is (English, ISO). */
export function day(value) {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match || language() === 'en') return value;
  return `${match[3]}/${match[2]}/${match[1]}`;
}

/** A timestamp from the API, in local time. */
export function time(value) {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'medium' });
}

/** The time of day of `milliseconds` since 1970, in the current language (20:40:06). */
export function clock(milliseconds) {
  return new Date(milliseconds).toLocaleTimeString(locale());
}

/** A duration in seconds as "3 phút". */
export function age(seconds) {
  if (seconds === null || seconds === undefined) return t('dash.none');
  if (seconds < 60) return t('ago.s', { n: Math.round(seconds) });
  if (seconds < 3600) return t('ago.m', { n: Math.round(seconds / 60) });
  if (seconds < 86400) return t('ago.h', { n: Math.round(seconds / 3600) });
  return t('ago.d', { n: Math.round(seconds / 86400) });
}

/** A score 0…1 as a percentage. */
export function percent(score) {
  if (score === null || score === undefined) return '—';
  return `${Math.round(score * 100)}%`;
}

/** The status of a job as a coloured badge. */
export function statusBadge(status) {
  return el('span', { class: `badge status-${status}`, 'data-status': status }, t(`status.${status}`));
}

"""#,
        "events.js": #"""
// One EventSource on /api/events for the whole workspace: pages subscribe to job events
// and unsubscribe when they are left. The browser reconnects by itself and sends
// Last-Event-ID, so the daemon replays what was missed.

const kinds = ['job.queued', 'job.progress', 'job.done', 'job.failed', 'job.retrying', 'job.duplicate'];
const listeners = new Set();
const connectionListeners = new Set();
let source = null;
let connected = false;

function open() {
  source = new EventSource('/api/events');
  source.addEventListener('open', () => setConnected(true));
  source.addEventListener('error', () => setConnected(source.readyState === EventSource.OPEN));
  for (const kind of kinds) {
    source.addEventListener(kind, (message) => {
      let data;
      try { data = JSON.parse(message.data); } catch { return; }
      for (const listener of listeners) listener(data);
    });
  }
}

function setConnected(value) {
  if (value === connected) return;
  connected = value;
  for (const listener of connectionListeners) listener(connected);
}

/** Calls `listener(event)` for each job event ({type, job_id, filename, progress, invoice_id, message}); returns the unsubscribe. */
export function onJobEvent(listener) {
  if (!source) open();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener(connected)` whenever the stream opens or drops, and once now. */
export function onConnection(listener) {
  if (!source) open();
  connectionListeners.add(listener);
  listener(connected);
  return () => connectionListeners.delete(listener);
}

"""#,
        "favicon.svg": #"""
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="5" y="2" width="22" height="28" rx="3" fill="#1f5f8b"/><path d="M10 10h12M10 15h12M10 20h8" stroke="#fff" stroke-width="2.5" stroke-linecap="round"/></svg>

"""#,
        "i18n.js": #"""
// The workspace's words in Vietnamese (the default) and English. The choice is kept in
// localStorage so that it survives a reload; every page reads its labels through t().

const words = {
  vi: {
    'app.title': 'Hóa đơn',
    'nav.dashboard': 'Tổng quan', 'nav.upload': 'Tải lên', 'nav.invoices': 'Hóa đơn', 'nav.review': 'Cần kiểm tra', 'nav.chat': 'Hỏi đáp',
    'lang.other': 'English', 'lang.otherTitle': 'Switch to English',
    'live.on': 'Trực tiếp', 'live.off': 'Mất kết nối, đang thử lại…',
    'status.queued': 'Đang chờ', 'status.processing': 'Đang xử lý', 'status.done': 'Hoàn tất', 'status.failed': 'Lỗi',
    'status.duplicate': 'Trùng lặp', 'status.uploading': 'Đang tải lên', 'status.retrying': 'Sẽ thử lại',
    'dash.jobs': 'Công việc', 'dash.invoices': 'Hóa đơn đã đọc', 'dash.review': 'Cần kiểm tra', 'dash.workers': 'Luồng đang bận',
    'dash.throughput': 'Tốc độ', 'dash.perMinute': '{n} /phút (5 phút)', 'dash.perHour': '{n} /phút (60 phút)',
    'dash.oldest': 'Chờ lâu nhất', 'dash.none': 'không có', 'dash.failures': 'Lỗi gần đây', 'dash.noFailures': 'Không có lỗi nào.',
    'dash.retry': 'Thử lại', 'dash.retried': 'Đã đưa lại vào hàng đợi', 'dash.activity': 'Hoạt động gần đây',
    'dash.noActivity': 'Chưa có gì từ khi mở trang.', 'dash.openReview': 'Mở danh sách',
    'upload.title': 'Tải hóa đơn lên', 'upload.drop': 'Kéo thả các tệp hóa đơn vào đây (ảnh PNG, JPEG, TIFF, PDF hoặc XML hóa đơn điện tử)',
    'upload.choose': 'Chọn tệp…', 'upload.none': 'Chưa có tệp nào được tải lên trong phiên này.',
    'upload.open': 'Xem hóa đơn #{id}', 'upload.duplicateOf': 'đã có từ trước', 'upload.file': 'Tệp', 'upload.state': 'Trạng thái',
    'inv.title': 'Hóa đơn', 'inv.search': 'Tìm trong hóa đơn (tên, mã số thuế, nội dung)…', 'inv.searchButton': 'Tìm',
    'inv.type': 'Loại', 'inv.anyType': 'Mọi loại', 'inv.seller': 'Người bán', 'inv.from': 'Từ ngày', 'inv.to': 'Đến ngày',
    'inv.minTotal': 'Tổng từ', 'inv.maxTotal': 'Tổng đến', 'inv.needsReview': 'Chỉ hóa đơn cần kiểm tra', 'inv.apply': 'Lọc',
    'inv.clear': 'Xóa bộ lọc', 'inv.export': 'Xuất CSV', 'inv.next': 'Trang sau →', 'inv.prev': '← Trang trước',
    'inv.sumsCount': '{n} hóa đơn', 'inv.sumTotal': 'Tổng', 'inv.sumVat': 'thuế GTGT', 'inv.empty': 'Không có hóa đơn nào khớp.', 'inv.searchResults': 'Kết quả tìm “{q}”', 'inv.backToList': 'Về danh sách',
    'col.id': 'Số', 'col.date': 'Ngày', 'col.seller': 'Người bán', 'col.type': 'Loại', 'col.total': 'Tổng tiền',
    'col.score': 'Tin cậy', 'col.review': 'Kiểm tra', 'col.file': 'Tệp', 'col.match': 'Đoạn khớp',
    'one.title': 'Hóa đơn #{id}', 'one.fields': 'Thông tin', 'one.checks': 'Kiểm tra tự động', 'one.text': 'Văn bản OCR',
    'one.job': 'Công việc đọc', 'one.history': 'Lịch sử sửa', 'one.noHistory': 'Chưa ai sửa hóa đơn này.',
    'one.edit': 'Sửa', 'one.save': 'Lưu', 'one.cancel': 'Hủy', 'one.confirm': 'Xác nhận đúng', 'one.confirmed': 'Đã xác nhận',
    'one.needsReview': 'Cần kiểm tra', 'one.ok': 'Đã ổn', 'one.notFound': 'Không có hóa đơn #{id}.',
    'one.saved': 'Đã lưu.', 'one.warning': 'Lưu ý: {w}', 'one.repairs': 'Đã sửa lỗi OCR', 'one.warnings': 'Cảnh báo',
    'one.checkPassed': 'đúng', 'one.checkFailed': 'sai', 'one.checkNotMade': 'không kiểm được', 'one.chatAbout': 'Hỏi về hóa đơn này',
    'one.noImage': 'Không còn bản gốc.', 'one.byPerson': 'người sửa', 'one.original': 'Bản gốc',
    'one.page': 'Trang {n} của bản gốc', 'one.pageMissing': 'Không hiển thị được trang {n} của bản gốc.',
    'field.invoice_type': 'Loại hóa đơn', 'field.invoice_series': 'Ký hiệu', 'field.invoice_number': 'Số hóa đơn',
    'field.invoice_code': 'Mã hóa đơn', 'field.invoice_date': 'Ngày hóa đơn', 'field.seller_name': 'Người bán',
    'field.seller_tax_code': 'MST người bán', 'field.buyer_name': 'Người mua', 'field.buyer_tax_code': 'MST người mua',
    'field.subtotal': 'Tiền trước thuế', 'field.vat_rate': 'Thuế suất GTGT (%)', 'field.vat_amount': 'Tiền thuế GTGT',
    'field.total_amount': 'Tổng thanh toán', 'field.currency': 'Tiền tệ', 'field.amount_in_words': 'Số tiền bằng chữ',
    'field.confidence_score': 'Độ tin cậy', 'field.needs_review': 'Cần kiểm tra',
    'check.sum_matches': 'Tiền trước thuế + thuế = tổng', 'check.vat_rate_matches': 'Tiền thuế khớp thuế suất',
    'check.words_match_total': 'Số tiền bằng chữ khớp tổng', 'check.items_sum_matches': 'Các dòng hàng cộng đúng',
    'check.cash_change_matches': 'Tiền khách đưa − tiền thối = tổng', 'check.seller_tax_code_valid': 'MST người bán hợp lệ',
    'check.buyer_tax_code_valid': 'MST người mua hợp lệ', 'check.series_format_valid': 'Ký hiệu đúng mẫu',
    'check.seller_from_supplier_profile': 'Người bán lấy từ hồ sơ nhà cung cấp',
    'job.filename': 'Tên tệp', 'job.status': 'Trạng thái', 'job.attempts': 'Số lần đọc', 'job.uploader': 'Người gửi',
    'job.created_at': 'Nhận lúc', 'job.completed_at': 'Xong lúc', 'job.pages': 'Số trang', 'job.sha256': 'SHA-256',
    'job.error_message': 'Lý do lỗi', 'job.progress': 'Tiến độ',
    'job.history': 'Diễn biến', 'job.received': 'Nhận tệp', 'job.attempt': 'lần đọc {n}',
    'type.general': 'Hàng hóa', 'type.electricity': 'Tiền điện', 'type.water': 'Tiền nước', 'type.telecom': 'Viễn thông',
    'type.service': 'Dịch vụ', 'type.retail': 'Bán lẻ',
    'review.title': 'Hóa đơn cần kiểm tra', 'review.empty': 'Không còn hóa đơn nào cần kiểm tra.',
    'review.position': '{i} / {n}', 'review.more': '{i} / {n}+', 'review.confirmNext': 'Xác nhận và sang tiếp',
    'review.skip': 'Bỏ qua', 'review.back': 'Quay lại',
    'review.keys': 'Phím tắt: Enter = xác nhận và sang tiếp · J hoặc → = bỏ qua · K hoặc ← = quay lại · E = sửa người bán',
    'chat.title': 'Hỏi về hóa đơn', 'chat.placeholder': 'Ví dụ: tổng tiền điện tháng 10 là bao nhiêu?', 'chat.send': 'Gửi',
    'chat.clear': 'Xóa lịch sử trò chuyện', 'chat.cleared': 'Đã xóa lịch sử ({n} tin).', 'chat.you': 'Bạn', 'chat.bot': 'Trợ lý',
    'chat.lookup': 'đang tra cứu: {tool}', 'chat.about': 'Về hóa đơn #{id}', 'chat.empty': 'Hãy đặt câu hỏi về các hóa đơn đã đọc.',
    'err.generic': 'Lỗi: {m}', 'err.network': 'Không kết nối được tới máy chủ.', 'loading': 'Đang tải…', 'yes': 'Có', 'no': 'Không',
    'ago.s': '{n} giây', 'ago.m': '{n} phút', 'ago.h': '{n} giờ', 'ago.d': '{n} ngày',
  },
  en: {
    'app.title': 'Invoices',
    'nav.dashboard': 'Dashboard', 'nav.upload': 'Upload', 'nav.invoices': 'Invoices', 'nav.review': 'Review', 'nav.chat': 'Chat',
    'lang.other': 'Tiếng Việt', 'lang.otherTitle': 'Chuyển sang tiếng Việt',
    'live.on': 'Live', 'live.off': 'Disconnected, retrying…',
    'status.queued': 'Queued', 'status.processing': 'Processing', 'status.done': 'Done', 'status.failed': 'Failed',
    'status.duplicate': 'Duplicate', 'status.uploading': 'Uploading', 'status.retrying': 'Will retry',
    'dash.jobs': 'Jobs', 'dash.invoices': 'Invoices read', 'dash.review': 'Need review', 'dash.workers': 'Workers busy',
    'dash.throughput': 'Throughput', 'dash.perMinute': '{n} /min (5 min)', 'dash.perHour': '{n} /min (60 min)',
    'dash.oldest': 'Oldest queued', 'dash.none': 'none', 'dash.failures': 'Recent failures', 'dash.noFailures': 'No failures.',
    'dash.retry': 'Retry', 'dash.retried': 'Queued again', 'dash.activity': 'Recent activity',
    'dash.noActivity': 'Nothing since this page was opened.', 'dash.openReview': 'Open the queue',
    'upload.title': 'Upload invoices', 'upload.drop': 'Drop invoice files here (PNG, JPEG, TIFF, PDF or e-invoice XML)',
    'upload.choose': 'Choose files…', 'upload.none': 'No file uploaded in this session yet.',
    'upload.open': 'Open invoice #{id}', 'upload.duplicateOf': 'seen before', 'upload.file': 'File', 'upload.state': 'State',
    'inv.title': 'Invoices', 'inv.search': 'Search the invoices (names, tax codes, text)…', 'inv.searchButton': 'Search',
    'inv.type': 'Type', 'inv.anyType': 'Any type', 'inv.seller': 'Seller', 'inv.from': 'From', 'inv.to': 'To',
    'inv.minTotal': 'Total from', 'inv.maxTotal': 'Total to', 'inv.needsReview': 'Only invoices needing review', 'inv.apply': 'Filter',
    'inv.clear': 'Clear filters', 'inv.export': 'Export CSV', 'inv.next': 'Next page →', 'inv.prev': '← Previous page',
    'inv.sumsCount': '{n} invoices', 'inv.sumTotal': 'Total', 'inv.sumVat': 'VAT', 'inv.empty': 'No invoice matches.', 'inv.searchResults': 'Results for “{q}”', 'inv.backToList': 'Back to the list',
    'col.id': 'No.', 'col.date': 'Date', 'col.seller': 'Seller', 'col.type': 'Type', 'col.total': 'Total',
    'col.score': 'Confidence', 'col.review': 'Review', 'col.file': 'File', 'col.match': 'Match',
    'one.title': 'Invoice #{id}', 'one.fields': 'Fields', 'one.checks': 'Automatic checks', 'one.text': 'OCR text',
    'one.job': 'Reading job', 'one.history': 'Edit history', 'one.noHistory': 'Nobody has edited this invoice.',
    'one.edit': 'Edit', 'one.save': 'Save', 'one.cancel': 'Cancel', 'one.confirm': 'Confirm correct', 'one.confirmed': 'Confirmed',
    'one.needsReview': 'Needs review', 'one.ok': 'Fine', 'one.notFound': 'There is no invoice #{id}.',
    'one.saved': 'Saved.', 'one.warning': 'Note: {w}', 'one.repairs': 'OCR errors repaired', 'one.warnings': 'Warnings',
    'one.checkPassed': 'passed', 'one.checkFailed': 'failed', 'one.checkNotMade': 'not checked', 'one.chatAbout': 'Ask about this invoice',
    'one.noImage': 'The original is gone.', 'one.byPerson': 'by a person', 'one.original': 'Original',
    'one.page': 'Page {n} of the original', 'one.pageMissing': 'Page {n} of the original cannot be shown.',
    'field.invoice_type': 'Invoice type', 'field.invoice_series': 'Series', 'field.invoice_number': 'Number',
    'field.invoice_code': 'Code', 'field.invoice_date': 'Date', 'field.seller_name': 'Seller',
    'field.seller_tax_code': 'Seller tax code', 'field.buyer_name': 'Buyer', 'field.buyer_tax_code': 'Buyer tax code',
    'field.subtotal': 'Subtotal', 'field.vat_rate': 'VAT rate (%)', 'field.vat_amount': 'VAT amount',
    'field.total_amount': 'Total', 'field.currency': 'Currency', 'field.amount_in_words': 'Amount in words',
    'field.confidence_score': 'Confidence', 'field.needs_review': 'Needs review',
    'check.sum_matches': 'Subtotal + VAT = total', 'check.vat_rate_matches': 'VAT amount matches the rate',
    'check.words_match_total': 'Amount in words matches the total', 'check.items_sum_matches': 'Item lines add up',
    'check.cash_change_matches': 'Cash given − change = total', 'check.seller_tax_code_valid': 'Seller tax code valid',
    'check.buyer_tax_code_valid': 'Buyer tax code valid', 'check.series_format_valid': 'Series has the legal shape',
    'check.seller_from_supplier_profile': 'Seller from supplier profile',
    'job.filename': 'File name', 'job.status': 'Status', 'job.attempts': 'Attempts', 'job.uploader': 'Uploader',
    'job.created_at': 'Received', 'job.completed_at': 'Finished', 'job.pages': 'Pages', 'job.sha256': 'SHA-256',
    'job.error_message': 'Failure reason', 'job.progress': 'Progress',
    'job.history': 'History', 'job.received': 'File received', 'job.attempt': 'attempt {n}',
    'type.general': 'Goods', 'type.electricity': 'Electricity', 'type.water': 'Water', 'type.telecom': 'Telecom',
    'type.service': 'Service', 'type.retail': 'Retail',
    'review.title': 'Invoices to review', 'review.empty': 'No invoice needs review.',
    'review.position': '{i} / {n}', 'review.more': '{i} / {n}+', 'review.confirmNext': 'Confirm and next',
    'review.skip': 'Skip', 'review.back': 'Back',
    'review.keys': 'Keys: Enter = confirm and next · J or → = skip · K or ← = back · E = edit the seller',
    'chat.title': 'Ask about the invoices', 'chat.placeholder': 'For example: what did electricity cost in October?', 'chat.send': 'Send',
    'chat.clear': 'Clear chat history', 'chat.cleared': 'History cleared ({n} messages).', 'chat.you': 'You', 'chat.bot': 'Assistant',
    'chat.lookup': 'looking up: {tool}', 'chat.about': 'About invoice #{id}', 'chat.empty': 'Ask a question about the invoices read.',
    'err.generic': 'Error: {m}', 'err.network': 'Cannot reach the server.', 'loading': 'Loading…', 'yes': 'Yes', 'no': 'No',
    'ago.s': '{n} s', 'ago.m': '{n} min', 'ago.h': '{n} h', 'ago.d': '{n} days',
  },
};

const storageKey = 'invoiced.lang';

/** The language in use: what the user chose last, else Vietnamese. */
export function language() {
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' ? 'en' : 'vi';
}

/** Remembers `lang` ('vi' or 'en') for the next visits. */
export function setLanguage(lang) {
  localStorage.setItem(storageKey, lang === 'en' ? 'en' : 'vi');
  document.documentElement.lang = language();
}

/** The phrase for `key` in the current language, `{name}` replaced by `values[name]`. */
export function t(key, values = {}) {
  const phrase = words[language()][key] ?? words.vi[key] ?? key;
  return phrase.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** Whether a phrase exists for `key` (field and type names the daemon may add later do not). */
export function has(key) {
  return key in words[language()];
}

"""#,
        "index.html": #"""
<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>invoiced</title>
<link rel="icon" href="/assets/__VERSION__/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/__VERSION__/app.css">
<script type="module" src="/assets/__VERSION__/app.js"></script>
</head>
<body>
<header class="top">
  <a class="brand" href="#/"><img src="/assets/__VERSION__/favicon.svg" alt="" width="22" height="22"> invoiced</a>
  <nav id="nav" aria-label="main"></nav>
  <span id="live" class="live" role="status"></span>
  <button id="lang" class="lang" type="button"></button>
</header>
<main id="main" tabindex="-1"><p class="muted">…</p></main>
<noscript>invoiced cần JavaScript. · invoiced needs JavaScript.</noscript>
</body>
</html>

"""#,
        "invoice-view.js": #"""
// One invoice as the invoice page and the review queue show it: the fields, each with an
// Edit button (PATCH /api/invoices/{id} {"<field>": "<value>"}), Confirm ({"confirm": true}),
// the automatic checks, the corrections made so far (`edits`), the job that read it and the
// OCR text. Every value is put in as text.

import { get, send, userId } from './api.js';
import { day, el, money, percent, replace, statusBadge, time } from './dom.js';
import { has, t } from './i18n.js';
import { typeName } from './page-invoices.js';

/** The fields in the order an accountant reads an invoice. */
export const fields = ['invoice_type', 'invoice_series', 'invoice_number', 'invoice_code', 'invoice_date', 'seller_name',
  'seller_tax_code', 'buyer_name', 'buyer_tax_code', 'subtotal', 'vat_rate', 'vat_amount', 'total_amount', 'currency', 'amount_in_words'];
const amounts = new Set(['subtotal', 'vat_amount', 'total_amount', 'vat_rate']);
// Which checks vouch for which fields: a field a passed check covers is shown as confirmed.
const checksOfField = {
  subtotal: ['sum_matches', 'vat_rate_matches', 'items_sum_matches'], vat_amount: ['sum_matches', 'vat_rate_matches'],
  total_amount: ['sum_matches', 'words_match_total', 'cash_change_matches'], vat_rate: ['vat_rate_matches'],
  amount_in_words: ['words_match_total'], seller_tax_code: ['seller_tax_code_valid'], buyer_tax_code: ['buyer_tax_code_valid'],
  invoice_series: ['series_format_valid'], seller_name: ['seller_from_supplier_profile'], invoice_type: ['seller_from_supplier_profile'],
};
const checkNames = ['sum_matches', 'vat_rate_matches', 'words_match_total', 'items_sum_matches', 'cash_change_matches',
  'seller_tax_code_valid', 'buyer_tax_code_valid', 'series_format_valid', 'seller_from_supplier_profile'];

function shown(detail, field) {
  const value = detail[field];
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'invoice_type') return typeName(value);
  if (field === 'invoice_date') return day(value);
  if (field === 'vat_rate') return `${value}%`;
  if (amounts.has(field)) return money(value, detail.currency);
  return String(value);
}

/** Sends a correction; answers the invoice as it now is and the warnings. */
export async function correct(id, body) {
  return send('PATCH', `/api/invoices/${Number(id)}`, { ...body, user_id: userId() });
}

/**
 * The view of `detail` (GET /api/invoices/{id}), with `note` ({text, kind}) shown at the top.
 * `changed(detail, note)` is called with the invoice as the daemon answers after a
 * correction or confirmation, and what to say about it.
 */
export function invoiceView(detail, changed, note = null) {
  const message = el('div', { class: 'message', id: 'message', role: 'status' });
  const say = (text, kind = 'ok') => replace(message, el('p', { class: kind }, text));
  if (note) say(note.text, note.kind);
  async function apply(body) {
    try {
      const result = await correct(detail.id, body);
      const warnings = result.warnings ?? [];
      changed(result.invoice ?? result, {
        text: warnings.length ? warnings.map((w) => t('one.warning', { w })).join(' ') : t('one.saved'),
        kind: warnings.length ? 'warning' : 'ok',
      });
      return true;
    } catch (error) {
      say(t('err.generic', { m: error.message }), 'error');
      return false;
    }
  }

  const confirm = el('button', { type: 'button', id: 'confirm', class: 'primary', disabled: !detail.needs_review },
    detail.needs_review ? t('one.confirm') : t('one.confirmed'));
  confirm.addEventListener('click', () => apply({ confirm: true }));

  const rows = fields.map((field) => fieldRow(detail, field, apply));
  return el('div', { class: 'invoice', 'data-invoice': detail.id },
    el('div', { class: 'invoice-head' },
      el('h1', {}, t('one.title', { id: detail.id })),
      detail.needs_review ? el('span', { class: 'badge status-failed', id: 'review-flag' }, t('one.needsReview'))
        : el('span', { class: 'badge status-done' }, t('one.ok')),
      el('span', { class: 'muted' }, `${t('field.confidence_score')}: ${percent(detail.confidence_score)}`),
      el('span', { class: 'spacer' }),
      el('a', { href: `#/chat?invoice_id=${Number(detail.id)}`, class: 'button secondary' }, t('one.chatAbout')),
      confirm),
    message,
    el('div', { class: 'columns' },
      el('section', { class: 'panel' }, el('h2', {}, t('one.fields')),
        el('table', { class: 'fields', id: 'fields' }, el('tbody', {}, ...rows))),
      el('div', {},
        el('section', { class: 'panel' }, el('h2', {}, t('one.original')), pagesView(detail)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.checks')), checksView(detail.checks)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.history')), historyView(detail.edits)),
        el('section', { class: 'panel' }, el('h2', {}, t('one.job')), jobView(detail.job)))),
    el('section', { class: 'panel' }, el('h2', {}, t('one.text')), el('pre', { class: 'ocr-text', id: 'ocr-text' }, detail.raw_text ?? '')));
}

/** How much the field is trusted: a person's correction, a passed check, the extractor's confidence. */
function trust(detail, field) {
  const edited = (detail.edits ?? []).some((edit) => edit.field === field);
  if (edited) return el('span', { class: 'trust person', 'data-trust': 'person' }, t('one.byPerson'));
  const passed = (checksOfField[field] ?? []).filter((name) => detail.checks?.[name] === true);
  const confidence = detail.field_confidence?.[field];
  if (passed.length) {
    return el('span', { class: 'trust checked', 'data-trust': 'checked', title: passed.map((n) => t(`check.${n}`)).join(' · ') },
      `✓ ${confidence === undefined ? '' : percent(confidence)}`.trim());
  }
  if (confidence === undefined || detail[field] === null || detail[field] === undefined) return null;
  return el('span', { class: confidence < 0.8 ? 'trust low' : 'trust', 'data-trust': 'read' }, percent(confidence));
}

function fieldRow(detail, field, apply) {
  const value = el('td', { class: 'value', 'data-field': field }, shown(detail, field));
  const edit = el('button', { type: 'button', class: 'link', 'data-edit': field }, t('one.edit'));
  const row = el('tr', {}, el('th', {}, t(`field.${field}`)), value, el('td', { class: 'trust-cell' }, trust(detail, field)),
    el('td', { class: 'edit' }, edit));
  edit.addEventListener('click', () => {
    const original = detail[field] ?? '';
    const input = el('input', { type: field === 'invoice_date' ? 'date' : 'text', value: String(original), name: field, 'aria-label': t(`field.${field}`) });
    const save = el('button', { type: 'submit', class: 'primary' }, t('one.save'));
    const cancel = el('button', { type: 'button' }, t('one.cancel'));
    const form = el('form', { class: 'inline-edit' }, input, save, cancel);
    replace(value, form);
    edit.hidden = true;
    input.focus();
    input.select?.();
    const close = () => { replace(value, shown(detail, field)); edit.hidden = false; };
    cancel.addEventListener('click', close);
    form.addEventListener('keydown', (event) => { if (event.key === 'Escape') { event.stopPropagation(); close(); } });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const text = input.value.trim();
      let sent = text === '' ? null : text;
      // Amounts go as numbers: "1.851.768" or "1,851,768" as accountants type them.
      if (sent !== null && amounts.has(field)) {
        const digits = field === 'vat_rate' ? sent.replace(',', '.') : sent.replace(/[.,\s](?=\d{3}(\D|$))/g, '');
        if (/^-?\d+(\.\d+)?$/.test(digits)) sent = Number(digits);
      }
      save.disabled = true;
      if (!(await apply({ [field]: sent }))) save.disabled = false;
    });
  });
  return row;
}

/** The original's pages as the daemon renders them (GET /api/invoices/{id}/pages/{n}), each a link to itself. */
function pagesView(detail) {
  const count = Math.max(1, Math.min(20, Number(detail.job?.pages) || 1));
  if (!detail.job) return el('p', { class: 'muted' }, t('one.noImage'));
  const pages = el('div', { class: 'pages', id: 'pages' });
  for (let page = 1; page <= count; page += 1) {
    const source = `/api/invoices/${Number(detail.id)}/pages/${page}`;
    const image = el('img', { src: source, class: 'page-image', alt: t('one.page', { n: page }), loading: 'lazy', 'data-page': page });
    const link = el('a', { href: source, target: '_blank', rel: 'noopener' }, image);
    image.addEventListener('error', () => link.replaceWith(el('p', { class: 'muted small', 'data-page-missing': page }, t('one.pageMissing', { n: page }))));
    pages.append(link);
  }
  return pages;
}

function checksView(checks) {
  if (!checks || typeof checks !== 'object') return el('p', { class: 'muted' }, '—');
  const list = el('ul', { class: 'checks', id: 'checks' });
  for (const name of checkNames) {
    const value = checks[name];
    if (value === null || value === undefined) continue;
    const label = has(`check.${name}`) ? t(`check.${name}`) : name;
    list.append(el('li', { class: value ? 'passed' : 'failed', 'data-check': name },
      el('span', { class: 'mark' }, value ? '✓' : '✗'), ' ', label, ' ',
      el('span', { class: 'muted small' }, value ? t('one.checkPassed') : t('one.checkFailed'))));
  }
  const skipped = checkNames.filter((name) => checks[name] === null);
  if (skipped.length) {
    list.append(el('li', { class: 'muted small' }, `${t('one.checkNotMade')}: `,
      skipped.map((name) => (has(`check.${name}`) ? t(`check.${name}`) : name)).join(', ')));
  }
  const repairs = Array.isArray(checks.repairs) ? checks.repairs : [];
  const warnings = Array.isArray(checks.warnings) ? checks.warnings : [];
  return el('div', {}, list,
    repairs.length ? el('div', {}, el('h3', {}, t('one.repairs')), el('ul', { class: 'small' },
      ...repairs.map((r) => el('li', {}, `${t(`field.${r.field}`)}: “${r.original}” → “${r.repaired}” (${r.reason})`)))) : null,
    warnings.length ? el('div', {}, el('h3', {}, t('one.warnings')), el('ul', { class: 'small', id: 'warnings' },
      ...warnings.map((w) => el('li', {}, String(w))))) : null);
}

function historyView(edits) {
  if (!Array.isArray(edits) || !edits.length) return el('p', { class: 'muted', id: 'history' }, t('one.noHistory'));
  return el('ol', { class: 'history', id: 'history' }, ...edits.slice().reverse().map((edit) => el('li', { 'data-field': edit.field },
    el('span', { class: 'muted small' }, `${time(edit.edited_at)} · ${edit.edited_by ?? ''}`), el('br'),
    el('strong', {}, has(`field.${edit.field}`) ? t(`field.${edit.field}`) : edit.field), ': ',
    el('span', { class: 'old' }, edit.old_value ?? '—'), ' → ', el('span', { class: 'new' }, edit.new_value ?? '—'))));
}

function jobView(job) {
  if (!job) return el('p', { class: 'muted' }, '—');
  const row = (key, value) => el('tr', {}, el('th', {}, t(`job.${key}`)), el('td', {}, value ?? '—'));
  const table = el('table', { class: 'fields', id: 'job' }, el('tbody', {},
    row('filename', job.filename),
    row('status', statusBadge(job.status)),
    row('uploader', job.uploader ?? job.user_id),
    row('created_at', time(job.created_at)),
    row('completed_at', time(job.completed_at)),
    row('attempts', String(job.attempts)),
    row('pages', job.pages === null ? null : String(job.pages)),
    job.error_message ? row('error_message', job.error_message) : null,
    row('sha256', el('code', { class: 'small' }, job.sha256 ?? '—'))));
  return el('div', {}, table, el('h3', { class: 'muted small' }, t('job.history')), jobHistory(job.id));
}

/** The job's arrival and each change of its status since (GET /api/ocr/job/{id}/history). */
function jobHistory(id) {
  const list = el('ol', { class: 'history', id: 'job-history' });
  get(`/api/ocr/job/${encodeURIComponent(id)}/history`).then((history) => {
    replace(list,
      el('li', { 'data-status': 'received' }, el('span', { class: 'muted small' }, time(history.received_at)), ' ', t('job.received')),
      ...history.entries.map((entry) => el('li', { 'data-status': entry.status },
        el('span', { class: 'muted small' }, time(entry.at)), ' ', statusBadge(entry.status), ' ',
        el('span', { class: 'muted small' }, t('job.attempt', { n: entry.attempts })),
        entry.message ? el('div', { class: 'small' }, entry.message) : null)));
  }).catch(() => replace(list, el('li', { class: 'muted' }, '—')));
  return list;
}

"""#,
        "page-chat.js": #"""
// Chat: a question goes to POST /chat with "stream": true; the answer's pieces are added as
// they arrive (token events), the tools the model calls are named (lookup events), and the
// finished answer (done) is redrawn with each cited #id that the daemon vouches for
// (invoice_ids) as a link to that invoice. "Clear" forgets this browser's conversation on
// the daemon (DELETE /chat/history).

import { loginIfRefused, readEventStream, send, userId, withQuery } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';

// The conversation shown, kept while the tab is open (the daemon keeps its own memory).
const shown = [];

export function render(main, params) {
  const about = params.invoice_id && /^\d+$/.test(params.invoice_id) ? Number(params.invoice_id) : null;
  const log = el('div', { class: 'chat-log', id: 'chat-log', 'aria-live': 'polite' });
  const question = el('textarea', { id: 'question', rows: 3, placeholder: t('chat.placeholder'), 'aria-label': t('chat.placeholder') });
  const sendButton = el('button', { type: 'submit', class: 'primary', id: 'send' }, t('chat.send'));
  const clear = el('button', { type: 'button', id: 'clear-chat', class: 'secondary' }, t('chat.clear'));
  const status = el('p', { class: 'muted small', id: 'chat-status', role: 'status' });
  const form = el('form', { class: 'chat-form' }, question, el('div', { class: 'actions' }, sendButton, clear));
  main.append(el('h1', {}, t('chat.title')),
    about ? el('p', {}, el('a', { href: `#/invoice/${about}` }, t('chat.about', { id: about }))) : null,
    log, status, form);

  const redraw = () => {
    if (!shown.length) { replace(log, el('p', { class: 'muted' }, t('chat.empty'))); return; }
    replace(log, ...shown.map(bubble));
    log.scrollTop = log.scrollHeight;
  };
  redraw();

  question.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const message = question.value.trim();
    if (!message) return;
    question.value = '';
    sendButton.disabled = true;
    const answer = { who: 'bot', text: '', ids: [], pending: true };
    shown.push({ who: 'you', text: message }, answer);
    redraw();
    try {
      await ask(message, about, answer, (note) => { status.textContent = note; redraw(); });
    } catch (error) {
      answer.error = error.message;
    }
    answer.pending = false;
    status.textContent = '';
    sendButton.disabled = false;
    redraw();
    question.focus();
  });
  clear.addEventListener('click', async () => {
    try {
      const result = await send('DELETE', withQuery('/chat/history', { user_id: userId() }));
      shown.length = 0;
      redraw();
      status.textContent = t('chat.cleared', { n: result.deleted });
    } catch (error) {
      status.textContent = t('err.generic', { m: error.message });
    }
  });
  question.focus();
}

async function ask(message, invoiceId, answer, progress) {
  const response = await fetch('/chat', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ message, user_id: userId(), invoice_id: invoiceId ?? undefined, stream: true }),
  });
  if (!response.ok) {
    loginIfRefused(response);
    const body = await response.json().catch(() => null);
    throw new Error(body?.error ?? `HTTP ${response.status}`);
  }
  await readEventStream(response, (name, data) => {
    if (name === 'token') { answer.text += data.text; progress(''); }
    else if (name === 'lookup') progress(t('chat.lookup', { tool: data.tool }));
    else if (name === 'done') { answer.text = data.reply; answer.ids = data.invoice_ids ?? []; }
    else if (name === 'error') answer.error = data.error;
  });
}

/** The answer's text with each `#id` the daemon listed as a link; everything else as text. */
function withLinks(text, ids) {
  const cited = new Set(ids.map(Number));
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(/#(\d+)/g)) {
    const id = Number(match[1]);
    if (!cited.has(id)) continue;
    nodes.push(text.slice(last, match.index));
    nodes.push(el('a', { href: `#/invoice/${id}`, 'data-invoice': id }, match[0]));
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

function bubble(entry) {
  const who = el('div', { class: 'who' }, entry.who === 'you' ? t('chat.you') : t('chat.bot'));
  if (entry.who === 'you') return el('div', { class: 'bubble you' }, who, el('div', { class: 'text' }, entry.text));
  return el('div', { class: `bubble bot${entry.pending ? ' pending' : ''}`, 'data-answer': entry.pending ? 'pending' : 'done' }, who,
    el('div', { class: 'text' }, ...(entry.pending ? [entry.text || '…'] : withLinks(entry.text, entry.ids))),
    entry.error ? el('div', { class: 'error' }, entry.error) : null);
}

"""#,
        "page-dashboard.js": #"""
// Dashboard: jobs per status, invoices, the review count, workers, throughput and the
// oldest queued job, kept live by the job events (each event asks for /api/stats again, at
// most every 300 ms); recent failures with their reason and a Retry button; the last events.

import { get, send } from './api.js';
import { age, clock, el, number, replace, statusBadge, time } from './dom.js';
import { onJobEvent } from './events.js';
import { t } from './i18n.js';

const statuses = ['queued', 'processing', 'done', 'failed', 'duplicate'];

export function render(main) {
  const counts = el('div', { class: 'cards', id: 'counts' });
  const failures = el('div', { id: 'failures' });
  const activity = el('ol', { class: 'activity', id: 'activity' }, el('li', { class: 'muted' }, t('dash.noActivity')));
  main.append(
    el('h1', {}, t('nav.dashboard')),
    counts,
    el('div', { class: 'columns' },
      el('section', { class: 'panel' }, el('h2', {}, t('dash.failures')), failures),
      el('section', { class: 'panel' }, el('h2', {}, t('dash.activity')), activity)),
  );

  let pending = null;
  let closed = false;
  async function refreshStats() {
    try {
      showStats(counts, await get('/api/stats'));
    } catch (error) {
      replace(counts, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    }
  }
  async function refreshFailures() {
    try {
      showFailures(failures, (await get('/api/ocr/jobs', { status: 'failed', limit: 10 })).items, refreshAll);
    } catch (error) {
      replace(failures, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    }
  }
  function refreshAll() { refreshStats(); refreshFailures(); }
  // Events come in bursts (a progress event per page); one stats read per 300 ms keeps the
  // counts under a second behind without a read per event.
  function soon(alsoFailures) {
    if (alsoFailures) refreshFailures();
    if (pending || closed) return;
    pending = setTimeout(() => { pending = null; refreshStats(); }, 300);
  }
  const unsubscribe = onJobEvent((event) => {
    if (event.type !== 'job.progress') addActivity(activity, event);
    soon(event.type === 'job.failed' || event.type === 'job.queued');
  });
  // The oldest job's age grows without events.
  const ticker = setInterval(refreshStats, 5000);
  refreshAll();
  return () => { closed = true; unsubscribe(); clearInterval(ticker); clearTimeout(pending); };
}

function card(id, label, value, extra) {
  return el('div', { class: `card card-${id}`, 'data-count': id },
    el('div', { class: 'card-label' }, label), el('div', { class: 'card-value' }, value), extra ?? null);
}

function showStats(container, stats) {
  replace(container,
    ...statuses.map((status) => card(status, t(`status.${status}`), number(stats[status]))),
    card('invoices', t('dash.invoices'), number(stats.invoices)),
    card('needs_review', t('dash.review'), number(stats.needs_review),
      stats.needs_review > 0 ? el('a', { href: '#/review' }, t('dash.openReview')) : null),
    card('workers', t('dash.workers'), `${stats.workers_busy} / ${stats.workers}`),
    card('throughput', t('dash.throughput'), t('dash.perMinute', { n: number(stats.jobs_per_minute_5m, 1) }),
      el('div', { class: 'muted' }, t('dash.perHour', { n: number(stats.jobs_per_minute_60m, 1) }))),
    card('oldest', t('dash.oldest'), age(stats.oldest_queued_age_seconds)),
  );
}

function showFailures(container, jobs, refresh) {
  if (!jobs.length) {
    replace(container, el('p', { class: 'muted' }, t('dash.noFailures')));
    return;
  }
  replace(container, el('table', { class: 'list' },
    el('tbody', {}, ...jobs.map((job) => {
      const button = el('button', { type: 'button', 'data-retry': job.id }, t('dash.retry'));
      const row = el('tr', { 'data-job': job.id },
        el('td', {}, el('div', { class: 'filename' }, job.filename), el('div', { class: 'muted small' }, time(job.updated_at))),
        el('td', { class: 'reason' }, job.error_message ?? ''),
        el('td', {}, button));
      button.addEventListener('click', async () => {
        button.disabled = true;
        try {
          await send('POST', `/api/ocr/job/${encodeURIComponent(job.id)}/retry`);
          replace(button.parentElement, el('span', { class: 'muted' }, t('dash.retried')));
          refresh();
        } catch (error) {
          button.disabled = false;
          row.append(el('td', { class: 'error' }, error.message));
        }
      });
      return row;
    }))));
}

function addActivity(list, event) {
  if (list.firstChild?.classList?.contains('muted')) list.replaceChildren();
  const status = event.type.replace(/^job\./, '');
  const what = event.invoice_id ? el('a', { href: `#/invoice/${Number(event.invoice_id)}` }, `#${Number(event.invoice_id)}`) : null;
  list.prepend(el('li', {},
    el('span', { class: 'muted small' }, clock(event.at * 1000)), ' ',
    statusBadge(status), ' ', el('span', { class: 'filename' }, event.filename), ' ', what,
    event.message ? el('div', { class: 'reason small' }, event.message) : null));
  while (list.children.length > 12) list.lastChild.remove();
}

"""#,
        "page-invoice.js": #"""
// Invoice: one invoice, GET /api/invoices/{id}, in the shared view; redrawn with what the
// daemon answers after a correction.

import { get } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { invoiceView } from './invoice-view.js';

export function render(main, params) {
  main.append(el('p', { class: 'muted' }, t('loading')));
  const show = (detail, note) => replace(main, el('p', { class: 'crumbs' }, el('a', { href: '#/invoices' }, `← ${t('nav.invoices')}`)),
    invoiceView(detail, show, note));
  get(`/api/invoices/${Number(params.id)}`).then(show, (error) => {
    replace(main, el('p', { class: 'error' }, error.status === 404 ? t('one.notFound', { id: params.id }) : t('err.generic', { m: error.message })));
  });
}

"""#,
        "page-invoices.js": #"""
// Invoices: the filters of /api/invoices/list (type, seller, date range, amount range, needs
// review) and cursor paging, and the search box (/api/search, among what the filters select,
// paged too) with highlighted snippets; the sums follow both; the CSV export carries the
// filter. The filter lives in the location hash, so a filtered
// list can be bookmarked and the Back button works.

import { get, withQuery } from './api.js';
import { day, el, money, percent, replace } from './dom.js';
import { has, t } from './i18n.js';
import { snippetNodes } from './snippet.js';

const filterNames = ['type', 'seller', 'from', 'to', 'min_total', 'max_total', 'needs_review'];
const types = ['general', 'electricity', 'water', 'telecom', 'service', 'retail'];
// Cursors of the pages before the current one, per filter, for "previous page".
const earlier = new Map();

export function typeName(type) {
  return type && has(`type.${type}`) ? t(`type.${type}`) : (type ?? '—');
}

export function render(main, params) {
  const filter = Object.fromEntries(filterNames.map((name) => [name, params[name] ?? '']));
  const input = (name, type, label, extra = {}) => el('label', { class: 'field' }, el('span', {}, label),
    el('input', { name, type, value: filter[name], ...extra }));
  const search = el('input', { type: 'search', name: 'q', id: 'search', value: params.q ?? '', placeholder: t('inv.search'), 'aria-label': t('inv.search') });
  const searchForm = el('form', { class: 'search', role: 'search' }, search, el('button', { type: 'submit' }, t('inv.searchButton')));
  const typeSelect = el('select', { name: 'type' }, el('option', { value: '' }, t('inv.anyType')),
    ...types.map((type) => el('option', { value: type, selected: filter.type === type }, typeName(type))));
  const filterForm = el('form', { class: 'filters', id: 'filters' },
    el('label', { class: 'field' }, el('span', {}, t('inv.type')), typeSelect),
    input('seller', 'text', t('inv.seller')),
    input('from', 'date', t('inv.from')),
    input('to', 'date', t('inv.to')),
    input('min_total', 'number', t('inv.minTotal'), { min: 0, step: 'any' }),
    input('max_total', 'number', t('inv.maxTotal'), { min: 0, step: 'any' }),
    el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'needs_review', value: 'true', checked: filter.needs_review === 'true' }),
      ' ', t('inv.needsReview')),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, t('inv.apply')),
      el('a', { href: '#/invoices', class: 'button secondary' }, t('inv.clear')),
      el('a', { href: withQuery('/api/invoices/export.csv', filter), class: 'button secondary', id: 'export', download: 'invoices.csv' }, t('inv.export'))));
  const sums = el('div', { class: 'sums', id: 'sums', role: 'status' });
  const results = el('div', { id: 'results' }, el('p', { class: 'muted' }, t('loading')));
  main.append(el('h1', {}, t('inv.title')), searchForm, filterForm, sums, results);

  searchForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const q = search.value.trim();
    location.hash = withQuery('#/invoices', { ...filter, q });
  });
  filterForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(filterForm);
    const chosen = {};
    for (const name of filterNames) chosen[name] = data.get(name) ?? '';
    location.hash = withQuery('#/invoices', { ...chosen, q: params.q ?? '' });
  });

  if (params.q) {
    showSums(sums, { ...filter, q: params.q });
    showSearch(results, params.q, filter, params.cursor ?? '');
  } else {
    showSums(sums, filter);
    showList(results, filter, params.cursor ?? '');
  }
}

/** What the filter selects (all pages), counted and summed per currency: GET /api/invoices/sums. */
async function showSums(container, filter) {
  let answer;
  try {
    answer = await get('/api/invoices/sums', filter);
  } catch {
    return; // The list below says what went wrong.
  }
  replace(container,
    el('span', { class: 'sums-count' }, t('inv.sumsCount', { n: answer.invoices })),
    ...answer.currencies.filter((c) => c.invoices_with_total > 0).map((c) => el('span', { class: 'sum', 'data-currency': c.currency ?? '' },
      el('span', { class: 'muted' }, `${t('inv.sumTotal')} `), el('strong', { class: 'sum-total' }, money(c.total_amount, c.currency ?? '')),
      el('span', { class: 'muted small' }, ` · ${t('inv.sumVat')} ${money(c.vat_amount, c.currency ?? '')}`))));
}

function invoiceRow(invoice, extraCell) {
  return el('tr', { 'data-invoice': invoice.id, class: invoice.needs_review ? 'needs-review' : null },
    el('td', {}, el('a', { href: `#/invoice/${Number(invoice.id)}` }, `#${invoice.id}`)),
    el('td', { class: 'nowrap' }, day(invoice.invoice_date)),
    el('td', {}, el('div', { class: 'seller' }, invoice.seller_name ?? '—'), el('div', { class: 'muted small' }, invoice.seller_tax_code ?? '')),
    el('td', {}, typeName(invoice.invoice_type)),
    el('td', { class: 'amount' }, money(invoice.total_amount, invoice.currency)),
    el('td', { class: 'amount' }, percent(invoice.confidence_score)),
    el('td', {}, invoice.needs_review ? el('span', { class: 'badge status-failed' }, t('one.needsReview')) : ''),
    extraCell ?? null);
}

function header(extra) {
  return el('thead', {}, el('tr', {},
    ...['col.id', 'col.date', 'col.seller', 'col.type', 'col.total', 'col.score', 'col.review'].map((key) => el('th', {}, t(key))),
    extra ? el('th', {}, t(extra)) : null));
}

async function showList(results, filter, cursor) {
  const key = JSON.stringify(filter);
  let page;
  try {
    page = await get('/api/invoices/list', { ...filter, cursor, limit: 50 });
  } catch (error) {
    replace(results, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    return;
  }
  if (!page.items.length && !cursor) {
    replace(results, el('p', { class: 'muted', id: 'empty' }, t('inv.empty')));
    return;
  }
  replace(results, el('table', { class: 'list invoices' }, header(), el('tbody', {}, ...page.items.map((i) => invoiceRow(i)))),
    pager(key, filter, cursor, page.next_cursor));
}

/** Previous and next links of a paged list; `key` names the list whose earlier cursors are kept. */
function pager(key, query, cursor, next) {
  const stack = earlier.get(key) ?? [];
  const links = el('div', { class: 'pager' });
  if (cursor) {
    const previous = stack.length ? stack[stack.length - 1] : '';
    links.append(el('a', { href: withQuery('#/invoices', { ...query, cursor: previous }), class: 'button secondary', id: 'prev',
      on: { click: () => { stack.pop(); earlier.set(key, stack); } } }, t('inv.prev')));
  }
  if (next) {
    links.append(el('a', { href: withQuery('#/invoices', { ...query, cursor: next }), class: 'button secondary', id: 'next',
      on: { click: () => { earlier.set(key, [...stack, cursor]); } } }, t('inv.next')));
  }
  return links;
}

async function showSearch(results, q, filter, cursor) {
  const key = JSON.stringify({ ...filter, q });
  let page;
  try {
    page = await get('/api/search', { ...filter, q, cursor, limit: 50 });
  } catch (error) {
    replace(results, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    return;
  }
  const title = el('p', {}, el('strong', {}, t('inv.searchResults', { q })), ' · ', el('a', { href: '#/invoices' }, t('inv.backToList')));
  if (!page.items.length && !cursor) {
    replace(results, title, el('p', { class: 'muted', id: 'empty' }, t('inv.empty')));
    return;
  }
  replace(results, title, el('table', { class: 'list invoices' }, header('col.match'),
    el('tbody', {}, ...page.items.map((hit) => invoiceRow(hit, el('td', { class: 'snippet' }, ...snippetNodes(hit.snippet)))))),
    pager(key, { ...filter, q }, cursor, page.next_cursor));
}

"""#,
        "page-review.js": #"""
// Review queue: invoices with needs_review, one at a time in the shared invoice view.
// "Confirm and next" (Enter) clears the flag and shows the next; J / → skips, K / ← goes
// back, E edits the seller's name. The list comes lowest score first (order=score), 200 at
// a time.

import { get } from './api.js';
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { correct, invoiceView } from './invoice-view.js';

export function render(main) {
  const bar = el('div', { class: 'review-bar' });
  // In the queue the bar's "Confirm and next" replaces the invoice's own Confirm (app.css).
  const body = el('div', { id: 'review-body', class: 'in-review' }, el('p', { class: 'muted' }, t('loading')));
  main.append(el('h1', {}, t('review.title')), el('p', { class: 'muted small', id: 'review-keys' }, t('review.keys')), bar, body);

  let queue = [];
  let cursor = null;
  let more = true;
  let index = 0;
  let busy = false;
  let closed = false;

  async function load() {
    const page = await get('/api/invoices/list', { needs_review: 'true', order: 'score', limit: 200, cursor });
    // An invoice confirmed meanwhile (in another tab) is left out; none is shown twice.
    const seen = new Set(queue.map((i) => i.id));
    queue.push(...page.items.filter((i) => !seen.has(i.id) && i.needs_review));
    cursor = page.next_cursor;
    more = Boolean(cursor);
  }

  async function show(note = null) {
    if (closed) return;
    if (index >= queue.length && more) await load();
    if (!queue.length) {
      replace(bar);
      replace(body, el('p', { class: 'empty', id: 'review-empty' }, t('review.empty')));
      return;
    }
    index = Math.min(index, queue.length - 1);
    const current = queue[index];
    let detail;
    try {
      detail = await get(`/api/invoices/${Number(current.id)}`);
    } catch (error) {
      replace(body, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
      return;
    }
    if (closed) return;
    const position = t(more ? 'review.more' : 'review.position', { i: index + 1, n: queue.length });
    replace(bar,
      el('button', { type: 'button', id: 'review-back', disabled: index === 0, on: { click: back } }, `← ${t('review.back')}`),
      el('span', { class: 'position', id: 'review-position' }, position),
      el('button', { type: 'button', id: 'review-skip', on: { click: skip } }, `${t('review.skip')} →`),
      el('button', { type: 'button', id: 'review-confirm', class: 'primary', on: { click: confirmAndNext } }, `${t('review.confirmNext')} ⏎`));
    replace(body, invoiceView(detail, (changed, changedNote) => {
      // A correction without confirming keeps the invoice in the queue; a confirmation ends it.
      if (!changed.needs_review) { queue.splice(index, 1); show(changedNote); } else { replace(body, invoiceView(changed, () => show(), changedNote)); }
    }, note));
  }

  async function confirmAndNext() {
    if (busy || !queue.length) return;
    busy = true;
    try {
      await correct(queue[index].id, { confirm: true });
      queue.splice(index, 1);
      await show();
    } catch (error) {
      replace(body.querySelector('#message') ?? body, el('p', { class: 'error' }, t('err.generic', { m: error.message })));
    } finally {
      busy = false;
    }
  }
  function skip() { if (index < queue.length - 1 || more) { index += 1; show(); } }
  function back() { if (index > 0) { index -= 1; show(); } }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      || (target instanceof HTMLButtonElement && event.key === 'Enter')) return;
    if (event.key === 'Enter') { event.preventDefault(); confirmAndNext(); }
    else if (event.key === 'j' || event.key === 'ArrowRight') { event.preventDefault(); skip(); }
    else if (event.key === 'k' || event.key === 'ArrowLeft') { event.preventDefault(); back(); }
    else if (event.key === 'e') { event.preventDefault(); body.querySelector('[data-edit="seller_name"]')?.click(); }
  }
  document.addEventListener('keydown', onKey);
  show().catch((error) => replace(body, el('p', { class: 'error' }, t('err.generic', { m: error.message }))));
  return () => { closed = true; document.removeEventListener('keydown', onKey); };
}

"""#,
        "page-upload.js": #"""
// Upload: files dropped (or chosen) are sent one after another to POST /upload-image; each
// row then follows its job live through the job events: queued → processing (its progress)
// → done (a link to the invoice) or failed (the reason). The rows stay while the page is
// open in this tab, so one can go and look at an invoice and come back.

import { get, upload } from './api.js';
import { el, replace, statusBadge } from './dom.js';
import { onJobEvent } from './events.js';
import { t } from './i18n.js';

// The order a job's states come in; an event older than what a row shows is ignored (the
// upload's answer and the first events race).
const rank = { uploading: 0, queued: 1, retrying: 2, processing: 2, done: 3, failed: 3, duplicate: 3 };

const rows = [];          // {file, jobId, status, progress, invoiceId, message}, kept across visits
const latestByJob = new Map(); // the last event of each job seen before its upload answered

export function render(main) {
  const input = el('input', { type: 'file', multiple: true, id: 'file-input', class: 'visually-hidden',
    accept: '.png,.jpg,.jpeg,.tif,.tiff,.pdf,.xml,.webp,.bmp,.gif,image/*,application/pdf,text/xml' });
  const zone = el('label', { class: 'dropzone', for: 'file-input', id: 'dropzone' },
    el('div', { class: 'dropzone-text' }, t('upload.drop')),
    el('span', { class: 'button' }, t('upload.choose')));
  const list = el('table', { class: 'list uploads', id: 'uploads' });
  main.append(el('h1', {}, t('upload.title')), zone, input, list);

  const redraw = () => showRows(list);
  input.addEventListener('change', () => { take([...input.files], redraw); input.value = ''; });
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('over');
    take([...event.dataTransfer.files], redraw);
  });
  const unsubscribe = onJobEvent((event) => {
    const row = rows.find((r) => r.jobId === event.job_id);
    if (!row) { latestByJob.set(event.job_id, event); return; }
    if (apply(row, event)) redraw();
  });
  redraw();
  return unsubscribe;
}

/** Applies a job event to its row; false when the row already shows something later. */
function apply(row, event) {
  let status = event.type.replace(/^job\./, '');
  if (status === 'progress') status = 'processing';
  if (!(status in rank) || rank[status] < rank[row.status]) return false;
  if (status === 'processing' && row.status === 'processing' && (event.progress ?? 0) < row.progress) return false;
  row.status = status;
  if (event.progress !== undefined && event.progress !== null) row.progress = event.progress;
  if (event.invoice_id) row.invoiceId = event.invoice_id;
  if (event.message) row.message = event.message;
  return true;
}

async function take(files, redraw) {
  const added = files.map((file) => ({ file, jobId: null, status: 'uploading', progress: 0, invoiceId: null, message: null }));
  rows.unshift(...added.slice().reverse());
  redraw();
  // One at a time: the daemon holds each upload in memory until it is stored.
  for (const row of added) {
    try {
      const answer = await upload(row.file);
      row.jobId = answer.job_id;
      row.status = answer.status;
      if (answer.status === 'duplicate' && answer.duplicate_of) {
        row.message = t('upload.duplicateOf');
        const original = await get(`/api/ocr/job/${encodeURIComponent(answer.duplicate_of)}`).catch(() => null);
        row.invoiceId = original?.invoice_id ?? null;
      } else {
        // Events that came before this answer, then the job as it is now (an event may have
        // been missed while the stream reconnected).
        const early = latestByJob.get(row.jobId);
        if (early) apply(row, early);
        const job = await get(`/api/ocr/job/${encodeURIComponent(row.jobId)}`).catch(() => null);
        if (job) apply(row, { type: `job.${job.status}`, progress: job.progress, invoice_id: job.invoice_id, message: job.error_message });
      }
    } catch (error) {
      row.status = 'failed';
      row.message = error.message;
    }
    redraw();
  }
}

function showRows(list) {
  if (!rows.length) {
    replace(list, el('tbody', {}, el('tr', {}, el('td', { class: 'muted' }, t('upload.none')))));
    return;
  }
  replace(list,
    el('thead', {}, el('tr', {}, el('th', {}, t('upload.file')), el('th', {}, t('upload.state')), el('th', {}, ''))),
    el('tbody', {}, ...rows.map((row) => el('tr', { 'data-upload': row.file.name, 'data-status': row.status, 'data-job': row.jobId },
      el('td', { class: 'filename' }, row.file.name),
      el('td', {}, statusBadge(row.status),
        row.status === 'processing' ? el('progress', { max: 100, value: row.progress }) : null,
        row.status === 'processing' ? el('span', { class: 'small' }, ` ${row.progress}%`) : null),
      el('td', {},
        row.invoiceId ? el('a', { href: `#/invoice/${Number(row.invoiceId)}`, 'data-invoice': row.invoiceId }, t('upload.open', { id: row.invoiceId })) : null,
        row.message ? el('div', { class: row.status === 'failed' ? 'reason error' : 'muted small' }, row.message) : null)))));
}

"""#,
        "snippet.js": #"""
// Search snippets come from the daemon as HTML: the document's text escaped, the matching
// words in <mark>. They are rebuilt here as text nodes and <mark> elements, never parsed
// as markup: only the five escapes the daemon writes are undone, and any other tag-like
// text stays text.

const entities = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function unescape(text) {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity]);
}

/** The snippet as nodes: text, and <mark> around the matches. */
export function snippetNodes(snippet) {
  const nodes = [];
  if (!snippet) return nodes;
  const parts = snippet.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    if (!part) continue;
    const text = document.createTextNode(unescape(part));
    if (marked) {
      const mark = document.createElement('mark');
      mark.append(text);
      nodes.push(mark);
    } else {
      nodes.push(text);
    }
  }
  return nodes;
}

"""#,
    ]
}

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
